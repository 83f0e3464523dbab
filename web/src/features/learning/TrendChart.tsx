import { useTranslation } from 'react-i18next';
import { CartesianGrid, LabelList, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { TrendsView } from '@sammen/domain/coordination';
import { useCalendarFormat } from '../calendar/format.ts';
import { formatScore, langOf, localeOf } from './coordination.format.ts';
import { ScrollRegion } from './HeatMap.tsx';
import './coordination.css';

// The closed waves of one instrument, oldest first: the process index as a line (an image with
// its numbers in its name), and per group how it rates the others and is rated by them, in a
// table that is always shown. Waves of another instrument are never on the same line: Sammen's
// own wording and a licensed one are not compared.

const INK = '#1a1a1a';
const BLUE = '#0059b3';

export function TrendChart({ trends, currentWaveId, nameOf }: { trends: TrendsView; currentWaveId: string; nameOf: (groupId: string, fallback: string) => string }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(langOf(i18n.language));
  const f = useCalendarFormat();
  const data = trends.waves.map((w) => ({ name: w.name, index: w.index }));
  const values = trends.waves.map((w) => `${w.name}: ${w.index === null ? t('coordination.trends.noIndex') : formatScore(w.index, locale)}`).join('; ');
  const groupIds = [...new Set(trends.waves.flatMap((w) => w.groups.map((g) => g.groupId)))];
  const caption = t('coordination.trends.tableCaption');
  if (trends.waves.length === 0) return <p>{t('coordination.trends.none')}</p>;
  return (
    <>
      {trends.waves.length > 1 && (
        <figure className="sammen-coordination-trend">
          <figcaption className="sammen-coordination-trend-caption">{t('coordination.trends.chartCaption')}</figcaption>
          <ResponsiveContainer width="100%" height={260}>
            <LineChart data={data} margin={{ top: 24, right: 32, bottom: 8, left: 0 }} accessibilityLayer={false} role="img" aria-label={t('coordination.trends.chartLabel', { values })}>
              <CartesianGrid stroke="#d6d6d6" strokeDasharray="2 4" />
              <XAxis dataKey="name" stroke="#454545" tick={{ fill: INK }} />
              <YAxis domain={[1, 5]} ticks={[1, 2, 3, 4, 5]} stroke="#454545" tick={{ fill: INK }} width={32} />
              <Line type="linear" dataKey="index" stroke={BLUE} strokeWidth={3} dot={{ r: 5, fill: BLUE, stroke: BLUE }} connectNulls isAnimationActive={false}>
                <LabelList dataKey="index" position="top" fill={INK} formatter={(v: unknown) => (typeof v === 'number' ? formatScore(v, locale) : '')} />
              </Line>
            </LineChart>
          </ResponsiveContainer>
        </figure>
      )}
      <ScrollRegion label={caption}>
        <table className="table table--zebra sammen-coordination-trends">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('coordination.trends.group')}</th>
              {trends.waves.map((w) => (
                <th key={w.waveId} scope="col" aria-current={w.waveId === currentWaveId ? 'true' : undefined}>
                  {w.name}
                  <span className="sammen-coordination-sub">{f.date(w.closedAt)}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t('coordination.trends.index')}</th>
              {trends.waves.map((w) => (
                <td key={w.waveId}>{w.index === null ? t('coordination.trends.noIndex') : formatScore(w.index, locale)}</td>
              ))}
            </tr>
            {groupIds.map((g) => {
              const fallback = trends.waves.flatMap((w) => w.groups).find((x) => x.groupId === g)?.name ?? '';
              return (
                <tr key={g}>
                  <th scope="row">{nameOf(g, fallback)}</th>
                  {trends.waves.map((w) => {
                    const s = w.groups.find((x) => x.groupId === g);
                    if (!s) return <td key={w.waveId}>{t('coordination.trends.notInWave')}</td>;
                    const score = (v: number | null) => (v === null ? t('coordination.trends.noIndex') : formatScore(v, locale));
                    return (
                      <td key={w.waveId}>
                        <span className="sammen-coordination-line">{t('coordination.trends.asRated', { score: score(s.asRated) })}</span>
                        <span className="sammen-coordination-line">{t('coordination.trends.asRater', { score: score(s.asRater) })}</span>
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}
