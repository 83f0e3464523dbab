import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { pulseItems } from '@sammen/domain/coordination';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { apiErrorOf } from '../calendar/calendar.api.ts';
import { useCalendarFormat } from '../calendar/format.ts';
import { Input } from '../calendar/parts.tsx';
import { formatNumber } from '../feedback/feedback.format.ts';
import { ScrollArea } from '../feedback/parts.tsx';
import { usePulseAggregates, type PulseAggregates } from './pulse.api.ts';
import './pulse.css';

// "Samarbejdspuls pr. enhed" (leaders): the closed pulses of a period per coordinating unit —
// the professionals' mean per question and the citizens' mean, each with how many answered. A
// unit with fewer answers than the anonymity threshold is hidden, said in words in its cells;
// the total is made from the shown units only, so no hidden unit can be worked out from it.

export function PulseAggregatesPage() {
  const { t } = useTranslation();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  // Empty: the server's period (the last 12 whole months); its answer fills in the fields.
  const [asked, setAsked] = useState({ from: '', to: '' });
  const aggregates = usePulseAggregates(asked.from, asked.to);
  const data = aggregates.data;

  useEffect(() => {
    if (!data) return;
    setFrom((v) => v || data.from);
    setTo((v) => v || data.to);
  }, [data]);

  function submit(e: FormEvent) {
    e.preventDefault();
    setAsked({ from, to });
  }

  return (
    <>
      <p className="sammen-back">
        <Link to="/samarbejde">{t('pulse.aggregates.back')}</Link>
      </p>
      <Page title={t('pulse.aggregates.title')}>
        <p className="font-lead">{t('pulse.aggregates.intro')}</p>
        <form className="sammen-filters" onSubmit={submit} noValidate aria-label={t('pulse.aggregates.periodLabel')}>
          <Input label={t('pulse.aggregates.from')} type="date" value={from} onChange={setFrom} />
          <Input label={t('pulse.aggregates.to')} type="date" value={to} onChange={setTo} />
          <div className="form-group">
            <button type="submit" className="button button-secondary">
              {t('pulse.aggregates.show')}
            </button>
          </div>
        </form>
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
  const caption = t('pulse.aggregates.caption', { from: f.date(view.from), to: f.date(view.to) });
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
