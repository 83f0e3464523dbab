import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { pulseItems } from '@sammen/domain/coordination';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { apiErrorOf } from '../calendar/calendar.api.ts';
import { useCalendarFormat } from '../calendar/format.ts';
import { formatNumber } from '../feedback/feedback.format.ts';
import { ScrollArea } from '../feedback/parts.tsx';
import { usePulseAggregates, type PulseAggregates } from './pulse.api.ts';
import './pulse.css';

// "Samarbejdspuls pr. enhed" (leaders): the closed pulses of one quarter per coordinating unit —
// the professionals' mean per question and the citizens' mean, each with how many answered. A
// unit with fewer answers than the anonymity threshold is hidden, said in words in its cells;
// the total is made from the shown units only, so no hidden unit can be worked out from it.
// The period is a quarter that has ended, picked from the server's list, never a free range:
// two overlapping ranges could be subtracted to read one pulse (server pulse.aggregates.ts).

/** '2026-Q3' → "3. kvartal 2026" / "Q3 2026". */
const quarterLabel = (t: ReturnType<typeof useTranslation>['t'], quarter: string) => t('pulse.aggregates.quarterOption', { n: quarter.slice(6), year: quarter.slice(0, 4) });

export function PulseAggregatesPage() {
  const { t } = useTranslation();
  const selectId = useId();
  const [quarter, setQuarter] = useState('');
  // Empty: the server's quarter (the last that has ended); its answer fills in the choice.
  const [asked, setAsked] = useState('');
  const aggregates = usePulseAggregates(asked);
  const data = aggregates.data;

  useEffect(() => {
    if (data) setQuarter((v) => v || data.quarter);
  }, [data]);

  function submit(e: FormEvent) {
    e.preventDefault();
    setAsked(quarter);
  }

  return (
    <>
      <p className="sammen-back">
        <Link to="/samarbejde">{t('pulse.aggregates.back')}</Link>
      </p>
      <Page title={t('pulse.aggregates.title')}>
        <p className="font-lead">{t('pulse.aggregates.intro')}</p>
        {data && (
          <form className="sammen-filters" onSubmit={submit} noValidate aria-label={t('pulse.aggregates.periodLabel')}>
            <div className="form-group">
              <label className="form-label" htmlFor={selectId}>
                {t('pulse.aggregates.quarter')}
              </label>
              <select id={selectId} className="form-select" value={quarter || data.quarter} onChange={(e) => setQuarter(e.target.value)}>
                {data.quarters.map((q) => (
                  <option key={q} value={q}>
                    {quarterLabel(t, q)}
                  </option>
                ))}
              </select>
            </div>
            <div className="form-group">
              <button type="submit" className="button button-secondary">
                {t('pulse.aggregates.show')}
              </button>
            </div>
          </form>
        )}
        {aggregates.isPending && <Loading />}
        {aggregates.isError && <ErrorAlert error={apiErrorOf(aggregates.error)} />}
        {data && <Units view={data} fetching={aggregates.isFetching} />}
      </Page>
    </>
  );
}

function Units({ view, fetching }: { view: PulseAggregates; fetching: boolean }) {
  const { t, i18n } = useTranslation();
  const f = useCalendarFormat();
  const locale = i18n.language === 'en' ? 'en-GB' : 'da-DK';
  const n = (x: number | null | undefined) => (typeof x === 'number' ? formatNumber(x, locale) : t('pulse.results.noMean'));
  const threshold = view.anonymityThreshold;
  const hidden = <span className="sammen-muted">{t('pulse.results.hidden', { threshold })}</span>;
  const meanN = (c: { n: number; mean: number | null }) => (c.n === 0 || c.mean === null ? t('pulse.results.noMean') : t('pulse.aggregates.meanN', { mean: n(c.mean), n: c.n }));
  const caption = t('pulse.aggregates.caption', { quarter: quarterLabel(t, view.quarter), from: f.date(view.from), to: f.date(view.to) });
  const units = [...view.units].sort((a, b) => a.name.localeCompare(b.name, locale));
  const pulses = units.reduce((sum, u) => sum + u.pulses, 0);

  return (
    <>
      <p className="sammen-result-count" role="status">
        {t('pulse.aggregates.count', { count: pulses })}
        {fetching && <span className="sr-only"> {t('app.loading')}</span>}
      </p>
      {units.length === 0 ? (
        <p>{t('pulse.aggregates.none')}</p>
      ) : (
        <ScrollArea label={caption}>
          <table className="table table--zebra sammen-pulse-aggregates">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('pulse.aggregates.unit')}</th>
                <th scope="col" className="sammen-number">
                  {t('pulse.aggregates.pulses')}
                </th>
                {pulseItems.map((item) => (
                  <th key={item} scope="col" className="sammen-number">
                    {t(`pulse.items.${item}.short`)}
                  </th>
                ))}
                <th scope="col" className="sammen-number">
                  {t('pulse.aggregates.staffN')}
                </th>
                <th scope="col" className="sammen-number">
                  {t('pulse.aggregates.citizens')}
                </th>
              </tr>
            </thead>
            <tbody>
              {units.map((u) => (
                <tr key={u.unitId}>
                  <th scope="row">{u.name}</th>
                  <td className="sammen-number">{u.pulses}</td>
                  {/* A hidden measure is said once, across its columns. */}
                  {u.staff.suppressed ? (
                    <td colSpan={pulseItems.length + 1}>{hidden}</td>
                  ) : (
                    <>
                      {pulseItems.map((item) => (
                        <td key={item} className="sammen-number">
                          {n(u.staff.means[item])}
                        </td>
                      ))}
                      <td className="sammen-number">{u.staff.n}</td>
                    </>
                  )}
                  <td className={u.citizens.suppressed ? undefined : 'sammen-number'}>{u.citizens.suppressed ? hidden : meanN(u.citizens)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('pulse.aggregates.total')}</th>
                <td className="sammen-number">{pulses}</td>
                {pulseItems.map((item) => (
                  <td key={item} className="sammen-number">
                    {n(view.total.staff.means[item])}
                  </td>
                ))}
                <td className="sammen-number">{view.total.staff.n}</td>
                <td className="sammen-number">{meanN(view.total.citizens)}</td>
              </tr>
            </tfoot>
          </table>
        </ScrollArea>
      )}
      <p className="sammen-muted">{t('pulse.aggregates.totalNote')}</p>
      <p className="sammen-muted">{t('pulse.results.scaleNote', { low: t('pulse.scale.1'), high: t('pulse.scale.5') })}</p>
    </>
  );
}
