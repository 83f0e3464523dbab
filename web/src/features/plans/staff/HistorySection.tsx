import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanView } from '@sammen/domain/plans';
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
  const history = useApi(() => getPlanHistory(plan.id), [plan.id, plan.version]);
  if (history.status === 'loading') return <Loading />;
  if (history.status === 'failed') return <ErrorAlert error={history.error} />;
  return (
    <ol className="sammen-history" reversed>
      {history.data.map((c) => (
        <li key={c.id}>
          <span className="sammen-muted">
            {format.dateTime(c.at)} · {t('plan.versionShort', { version: c.version })}
          </span>{' '}
          <strong>{c.actor.name}</strong>: {describe(c, plan)}
        </li>
      ))}
    </ol>
  );
}

