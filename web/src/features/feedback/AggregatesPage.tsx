import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { AggregateCell, AggregatesView, Hidden } from '@sammen/domain/feedback';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Select } from '../../app/form.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { apiErrorOf } from '../calendar/calendar.api.ts';
import { Input } from '../calendar/parts.tsx';
import { addDays, todayLocal } from '../calendar/time.ts';
import { useAggregates, type AggregateBy } from './feedback.api.ts';
import { formatNumber, percent } from './feedback.format.ts';
import { ScrollArea } from './parts.tsx';
import './feedback.css';

// "Vurderinger pr. enhed" (leaders): per period and unit, how many meetings and how many were
// rated, the mean of each question of the meeting rating, and the share of courses with a
// reliable improvement. A number resting on fewer than five citizens is hidden, and so is one
// that would let a hidden one be worked out — said in words in its cell. A bar chart of one
// question per unit sits above each table; the table is its text alternative.

const BLUE = '#0059b3';
const INK = '#1a1a1a';

export function AggregatesPage() {
  const { t } = useTranslation();
  const today = todayLocal();
  const [from, setFrom] = useState(addDays(today, -365));
  const [to, setTo] = useState(today);
  const [by, setBy] = useState<AggregateBy>('quarter');
  const [asked, setAsked] = useState({ from, to, by });
  const aggregates = useAggregates(asked.from, asked.to, asked.by);

  function submit(e: FormEvent) {
    e.preventDefault();
    setAsked({ from, to, by });
  }

  return (
    <Page title={t('feedback.aggregates.title')}>
      <p className="font-lead">{t('feedback.aggregates.intro')}</p>
      <form className="sammen-filters" onSubmit={submit} noValidate aria-label={t('feedback.aggregates.periodLabel')}>
        <Input label={t('feedback.aggregates.from')} type="date" value={from} onChange={setFrom} />
        <Input label={t('feedback.aggregates.to')} type="date" value={to} onChange={setTo} />
        <Select
          label={t('feedback.aggregates.by')}
          value={by}
          onChange={(v) => setBy(v === 'month' ? 'month' : 'quarter')}
          options={(['quarter', 'month'] as const).map((b) => ({ value: b, label: t(`feedback.aggregates.byOptions.${b}`) }))}
        />
        <div className="form-group">
          <button type="submit" className="button button-secondary">
            {t('feedback.aggregates.show')}
          </button>
        </div>
      </form>
      {aggregates.isPending && <Loading />}
      {aggregates.isError && <ErrorAlert error={apiErrorOf(aggregates.error)} />}
      {aggregates.data && <Periods view={aggregates.data} fetching={aggregates.isFetching} />}
    </Page>
  );
}

function Periods({ view, fetching }: { view: AggregatesView; fetching: boolean }) {
  const { t } = useTranslation();
  const unitCells = view.cells.filter((c) => c.teamId === null);
  const periods = [...new Set(unitCells.map((c) => c.period))].sort();
  return (
    <>
      <p className="sammen-result-count" role="status">
        {t('feedback.aggregates.count', { count: periods.length, min: view.minCitizens })}
        {fetching && <span className="sr-only"> {t('app.loading')}</span>}
      </p>
      {periods.length === 0 && <p>{t('feedback.aggregates.none')}</p>}
      {periods.map((p) => (
        <Period key={p} period={p} view={view} cells={unitCells.filter((c) => c.period === p)} />
      ))}
    </>
  );
}

function usePeriodName() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'da-DK';
  return (period: string) => {
    const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
    if (quarter) return t('feedback.aggregates.quarter', { year: quarter[1], n: quarter[2] });
    const month = /^(\d{4})-(\d{2})$/.exec(period);
    if (month) return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${period}-15T12:00:00Z`));
    return period;
  };
}

function Period({ period, view, cells }: { period: string; view: AggregatesView; cells: AggregateCell[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'da';
  const locale = lang === 'en' ? 'en-GB' : 'da-DK';
  const name = usePeriodName()(period);
  const headingId = useId();
  const unitName = (id: string) => view.units.find((u) => u.id === id)?.name ?? t('feedback.aggregates.unknownUnit');
  const hidden = (h: Hidden) => <span className="sammen-muted">{t(`feedback.aggregates.hidden.${h.because}`, { min: view.minCitizens })}</span>;
  const rows = [...cells].sort((a, b) => unitName(a.unitId).localeCompare(unitName(b.unitId), locale));
  return (
    <section className="sammen-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{name}</h2>
      <RespectChart view={view} rows={rows} unitName={unitName} period={name} />
      <ScrollArea label={t('feedback.aggregates.caption', { period: name })}>
        <table className="table table--zebra sammen-figures sammen-feedback-aggregates">
          <caption className="sr-only">{t('feedback.aggregates.caption', { period: name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('feedback.aggregates.unit')}</th>
              <th scope="col" className="sammen-number">
                {t('feedback.aggregates.meetings')}
              </th>
              <th scope="col" className="sammen-number">
                {t('feedback.aggregates.rated')}
              </th>
              {view.items.map((item) => (
                <th key={item.key} scope="col" className="sammen-feedback-item-head">
                  {t('feedback.aggregates.meanOf', { item: item.wording[lang] })}
                </th>
              ))}
              <th scope="col" className="sammen-number">
                {t('feedback.aggregates.improved')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.unitId}>
                <th scope="row">{unitName(c.unitId)}</th>
                {/* A hidden measure is said once, across its columns. */}
                {c.meetings.shown ? (
                  <>
                    <td className="sammen-number">{t('feedback.aggregates.meetingsValue', { count: c.meetings.meetings, citizens: c.meetings.citizens })}</td>
                    <td className="sammen-number">{t('feedback.aggregates.share', { pct: percent(c.meetings.ratedShare), part: c.meetings.rated, whole: c.meetings.meetings })}</td>
                  </>
                ) : (
                  <td colSpan={2}>{hidden(c.meetings)}</td>
                )}
                {c.ratings.shown ? (
                  view.items.map((item) => {
                    const mean = c.ratings.shown ? c.ratings.meanByItem[item.key] : undefined;
                    return (
                      <td key={item.key} className="sammen-number">
                        {mean === undefined ? '–' : formatNumber(mean, locale)}
                      </td>
                    );
                  })
                ) : view.items.length > 0 ? (
                  <td colSpan={view.items.length}>{hidden(c.ratings)}</td>
                ) : null}
                <td className={c.courses.shown ? 'sammen-number' : undefined}>
                  {!c.courses.shown
                    ? hidden(c.courses)
                    : c.courses.courses === 0
                      ? '–'
                      : t('feedback.aggregates.share', { pct: percent(c.courses.improvementShare), part: c.courses.improved, whole: c.courses.courses })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollArea>
    </section>
  );
}

/** The mean of one question ('respect' when the instruments have it) per unit, hidden units left out. */
function RespectChart({ view, rows, unitName, period }: { view: AggregatesView; rows: AggregateCell[]; unitName: (id: string) => string; period: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'da';
  const locale = lang === 'en' ? 'en-GB' : 'da-DK';
  const item = view.items.find((i) => i.key === 'respect') ?? view.items[0];
  if (!item) return null;
  const data = rows.flatMap((c) => {
    const mean = c.ratings.shown ? c.ratings.meanByItem[item.key] : undefined;
    return mean === undefined ? [] : [{ unit: unitName(c.unitId), mean }];
  });
  if (data.length === 0) return null;
  const label = t('feedback.aggregates.chartLabel', { item: item.wording[lang], period, values: data.map((d) => `${d.unit}: ${formatNumber(d.mean, locale)}`).join('; ') });
  return (
    <figure className="sammen-feedback-chart">
      <figcaption className="sammen-feedback-chart-caption">{t('feedback.aggregates.chartCaption', { item: item.wording[lang] })}</figcaption>
      <div className="sammen-feedback-chart-box">
        <ResponsiveContainer width="100%" height={Math.max(140, data.length * 48 + 50)}>
          <BarChart data={data} layout="vertical" margin={{ top: 8, right: 48, bottom: 8, left: 8 }} accessibilityLayer={false} role="img" aria-label={label}>
            <CartesianGrid stroke="#d6d6d6" strokeDasharray="2 4" horizontal={false} />
            <XAxis type="number" domain={[0, (max: number) => Math.max(10, Math.ceil(max))]} stroke="#454545" tick={{ fill: INK }} />
            <YAxis type="category" dataKey="unit" width={180} stroke="#454545" tick={{ fill: INK }} />
            <Bar dataKey="mean" fill={BLUE} isAnimationActive={false}>
              <LabelList dataKey="mean" position="right" fill={INK} formatter={(v: unknown) => (typeof v === 'number' ? formatNumber(v, locale) : '')} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <p className="sammen-muted">{t('feedback.aggregates.chartNote')}</p>
    </figure>
  );
}
