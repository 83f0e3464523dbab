import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pulseItems, type PulseResults, type PulseView } from '@sammen/domain/coordination';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { apiErrorOf } from '../calendar/calendar.api.ts';
import { formatNumber } from '../feedback/feedback.format.ts';
import { useClosePulse } from './pulse.api.ts';

// The coordinator's part of a pulse: closing it (after a plain "are you sure"), and then its
// results — the professionals' mean per question with how many answered, hidden when fewer than
// the threshold answered, and the citizen's own answer, which the citizen was told the
// coordinator sees.

export function PulseClose({ pulse, citizenId, onClosed }: { pulse: PulseView; citizenId: string; onClosed: () => void }) {
  const { t } = useTranslation();
  const close = useClosePulse(citizenId);
  const [asking, setAsking] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const question = useRef<HTMLParagraphElement>(null);

  if (!asking)
    return (
      <div className="sammen-form-actions">
        <button
          ref={opener}
          type="button"
          className="button button-secondary"
          aria-expanded={false}
          onClick={() => {
            setAsking(true);
            setTimeout(() => question.current?.focus());
          }}
        >
          {t('pulse.close.button')}
        </button>
      </div>
    );
  return (
    <div className="sammen-pulse-confirm">
      <p ref={question} tabIndex={-1}>
        <strong>{t('pulse.close.confirm')}</strong>
      </p>
      {close.isError && <ErrorAlert error={apiErrorOf(close.error)} />}
      <div className="sammen-form-actions">
        <button type="button" className="button button-primary" disabled={close.isPending} onClick={() => close.mutate(pulse.id, { onSuccess: onClosed })}>
          {t('pulse.close.yes')}
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            setAsking(false);
            setTimeout(() => opener.current?.focus());
          }}
        >
          {t('pulse.close.cancel')}
        </button>
      </div>
    </div>
  );
}

export function PulseResultsTable({ results, citizenAnswered, name, threshold, headingId }: { results: PulseResults; citizenAnswered: boolean; name: string; threshold: number; headingId: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'da-DK';
  const mean = (m: number | null | undefined) => (typeof m === 'number' ? formatNumber(m, locale) : t('pulse.results.noMean'));
  return (
    <div className="sammen-pulse-results">
      <h4 id={headingId}>{t('pulse.results.heading')}</h4>
      <table className="table table--zebra sammen-pulse-table">
        <caption>{t('pulse.results.caption', { count: results.n })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('pulse.results.question')}</th>
            <th scope="col" className="sammen-number">
              {t('pulse.results.mean')}
            </th>
            <th scope="col" className="sammen-number">
              {t('pulse.results.n')}
            </th>
          </tr>
        </thead>
        <tbody>
          {pulseItems.map((item) => (
            <tr key={item}>
              <th scope="row">{t(`pulse.items.${item}.question`, { name })}</th>
              {results.suppressed ? (
                <td colSpan={2}>
                  <span className="sammen-muted">{t('pulse.results.hidden', { threshold })}</span>
                </td>
              ) : (
                <>
                  <td className="sammen-number">{mean(results.means[item])}</td>
                  <td className="sammen-number">{results.n}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="sammen-muted">{t('pulse.results.scaleNote', { low: t('pulse.scale.1'), high: t('pulse.scale.5') })}</p>
      <p className="sammen-pulse-citizen">
        {results.citizen === null
          ? // A leader of the coordinating unit: the citizen was told only the coordinator sees the answer.
            t(citizenAnswered ? 'pulse.results.citizenCoordinatorOnly' : 'pulse.results.citizenNone', { name })
          : t('pulse.results.citizen', { name, value: results.citizen, label: t(`borgerPulse.options.${results.citizen}`) })}
      </p>
    </div>
  );
}
