import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChangeView, PlanView } from '@sammen/domain/plans';
import { ApiError } from '../../../app/api.ts';
import { ErrorAlert } from '../../../app/ErrorAlert.tsx';
import { Loading } from '../../../app/Loading.tsx';
import { useApi } from '../../../app/useApi.ts';
import { getPlanHistory } from '../plans.api.ts';
import { useDescribeChange, useFormat } from '../parts.tsx';

/** Every change to the plan, newest first, loaded only when asked for. */
export function HistorySection({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const describe = useDescribeChange();
  const [shown, setShown] = useState(false);
  return (
    <section className="sammen-section sammen-no-print" aria-labelledby="history-heading">
      <h2 id="history-heading" tabIndex={-1}>
        {t('plan.history')}
      </h2>
      {!shown ? (
        <button type="button" className="button button-secondary" onClick={() => setShown(true)}>
          {t('plan.showHistory')}
        </button>
      ) : (
        <HistoryList plan={plan} describe={describe} format={format} />
      )}
    </section>
  );
}

function HistoryList({ plan, describe, format }: { plan: PlanView; describe: ReturnType<typeof useDescribeChange>; format: ReturnType<typeof useFormat> }) {
  const { t } = useTranslation();
  const first = useApi(() => getPlanHistory(plan.id), [plan.id, plan.version]);
  // Older pages, fetched on request and kept until the plan changes (keyset-paged like the access log).
  const [older, setOlder] = useState<{ version: number; entries: ChangeView[]; next: number | null }>();
  const [more, setMore] = useState<{ loading: boolean; error?: ApiError }>({ loading: false });
  if (first.status === 'loading') return <Loading />;
  if (first.status === 'failed') return <ErrorAlert error={first.error} />;
  const kept = older?.version === plan.version ? older : undefined;
  const entries = [...first.data.entries, ...(kept?.entries ?? [])];
  const next = kept ? kept.next : first.data.nextBefore;
  async function loadOlder() {
    if (!next) return;
    setMore({ loading: true });
    try {
      const page = await getPlanHistory(plan.id, next);
      setOlder({ version: plan.version, entries: [...(kept?.entries ?? []), ...page.entries], next: page.nextBefore });
      setMore({ loading: false });
    } catch (error) {
      setMore({ loading: false, error: error instanceof ApiError ? error : new ApiError('NETWORK', 0) });
    }
  }
  return (
    <>
      <ol className="sammen-history">
        {entries.map((c) => (
          <li key={c.id}>
            <span className="sammen-muted">
              {format.dateTime(c.at)} · {t('plan.versionShort', { version: c.version })}
            </span>{' '}
            <strong>{c.actor.name}</strong>: {describe(c, plan)}
          </li>
        ))}
      </ol>
      {more.error ? <ErrorAlert error={more.error} /> : null}
      {next ? (
        <button type="button" className="button button-secondary" disabled={more.loading} onClick={() => void loadOlder()}>
          {t('plan.olderHistory')}
        </button>
      ) : null}
    </>
  );
}
