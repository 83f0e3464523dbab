import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkList } from '@sammen/domain/plans';
import { ApiError } from '../../app/api.ts';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { decideInvolvement } from './plans.api.ts';
import { useFormat } from './parts.tsx';

type Request = WorkList['involvementRequests'][number];

/** Units that asked to be involved in plans the staff member coordinates: accept or decline each. */
export function InvolvementRequests({ requests, onDecided }: { requests: Request[]; onDecided: (message: string) => Promise<void> }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState<string>();

  async function decide(r: Request, decision: 'accepted' | 'declined') {
    setError(undefined);
    setBusy(r.id);
    try {
      await decideInvolvement(r.id, { decision });
      await onDecided(t(decision === 'accepted' ? 'involvement.accepted' : 'involvement.declined', { unit: r.unit.name, name: r.citizenName }));
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError('NETWORK', 0));
    } finally {
      setBusy(undefined);
    }
  }

  if (!requests.length) return null;
  return (
    <section className="sammen-section" aria-labelledby="involvement-heading">
      <h2 id="involvement-heading">{t('involvement.heading')}</h2>
      {error && <ErrorAlert error={error} />}
      <ul className="sammen-cards">
        {requests.map((r) => (
          <li key={r.id} className="sammen-card">
            <p className="sammen-card-title">{t('involvement.item', { staff: r.requestedBy.name, unit: r.unit.name, name: r.citizenName })}</p>
            <p className="sammen-prewrap">{r.reason}</p>
            <p className="sammen-muted">{format.dateTime(r.createdAt)}</p>
            <button
              type="button"
              className="button button-primary"
              disabled={busy === r.id}
              aria-label={t('involvement.acceptFor', { unit: r.unit.name, name: r.citizenName })}
              onClick={() => void decide(r, 'accepted')}
            >
              {t('involvement.accept')}
            </button>{' '}
            <button
              type="button"
              className="button button-secondary"
              disabled={busy === r.id}
              aria-label={t('involvement.declineFor', { unit: r.unit.name, name: r.citizenName })}
              onClick={() => void decide(r, 'declined')}
            >
              {t('involvement.decline')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
