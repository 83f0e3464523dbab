import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { NetworkDistribution } from '@sammen/domain/network';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { useNetworkStatistics } from './network.api.ts';
import { errorOf } from './parts.tsx';

// For leaders: across the municipality, how many citizens have how many professionals around
// them, and how often their coordinator changed in the last year. Each chart is a table whose
// rows carry a bar: the numbers are text, the bars only repeat them.

type Row = NetworkDistribution['professionals'][number];

/** The middle value over all citizens (each row counts `citizens` times). */
export function median(rows: Row[]): number | undefined {
  const sorted = [...rows].filter((r) => r.citizens > 0).sort((a, b) => a.count - b.count);
  const total = sorted.reduce((n, r) => n + r.citizens, 0);
  if (!total) return undefined;
  const middle = (total + 1) / 2;
  let seen = 0;
  for (const r of sorted) {
    seen += r.citizens;
    if (seen >= middle) return r.count;
  }
  return sorted.at(-1)?.count;
}

export function NetworkStatisticsPage() {
  const { t } = useTranslation();
  const stats = useNetworkStatistics();
  return (
    <>
      <p className="sammen-back">
        <Link to="/">{t('network.statistics.back')}</Link>
      </p>
      <Page title={t('network.statistics.title')}>
        <p className="font-lead">{t('network.statistics.intro')}</p>
        {stats.isPending && <Loading />}
        {stats.isError && <ErrorAlert error={errorOf(stats.error)} />}
        {stats.data && (
          <>
            <p>{t('network.statistics.citizens', { count: stats.data.citizens })}</p>
            <Distribution id="stats-professionals" rows={stats.data.professionals} kind="professionals" />
            <Distribution id="stats-changes" rows={stats.data.caseworkerChanges12Months} kind="changes" />
          </>
        )}
      </Page>
    </>
  );
}

function Distribution({ id, rows, kind }: { id: string; rows: Row[]; kind: 'professionals' | 'changes' }) {
  const { t } = useTranslation();
  const sorted = [...rows].sort((a, b) => a.count - b.count);
  const max = Math.max(1, ...sorted.map((r) => r.citizens));
  const total = sorted.reduce((n, r) => n + r.citizens, 0);
  const mid = median(sorted);
  return (
    <section className="sammen-section" aria-labelledby={id}>
      <h2 id={id}>{t(`network.statistics.${kind}.heading`)}</h2>
      {mid !== undefined && <p>{t(`network.statistics.${kind}.median`, { count: mid })}</p>}
      {sorted.length === 0 ? (
        <p>{t('network.statistics.none')}</p>
      ) : (
        <div className="sammen-table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
          <table className="table table--compact sammen-stats-table">
            <caption id={`${id}-caption`}>{t(`network.statistics.${kind}.caption`)}</caption>
            <thead>
              <tr>
                <th scope="col">{t(`network.statistics.${kind}.count`)}</th>
                <th scope="col">{t('network.statistics.citizensColumn')}</th>
                <th scope="col">{t('network.statistics.share')}</th>
                <th scope="col">
                  <span className="sr-only">{t('network.statistics.bar')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((r) => (
                <tr key={r.count}>
                  <th scope="row">{r.count}</th>
                  <td>{r.citizens}</td>
                  <td>{total ? `${Math.round((100 * r.citizens) / total)} %` : '–'}</td>
                  <td className="sammen-stats-bar-cell">
                    <span className="sammen-stats-bar" aria-hidden="true" style={{ width: `${(100 * r.citizens) / max}%` }} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
