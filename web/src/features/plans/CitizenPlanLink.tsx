import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can } from '@sammen/domain/access';
import { ApiError } from '../../app/api.ts';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Loading } from '../../app/Loading.tsx';
import { actorOf, useStaffSession } from '../../app/session.tsx';
import { useApi } from '../../app/useApi.ts';
import { BreakGlassAction } from '../consent/BreakGlass.tsx';
import { AskToBeInvolved } from './AskToBeInvolved.tsx';
import { createPlan, existingPlanOf, findPlanOfCitizen } from './plans.api.ts';

/** On the citizen page: open the plan the staff member can see, or create the citizen's one plan. */
export function CitizenPlanLink({ citizenId }: { citizenId: string }) {
  const { t } = useTranslation();
  const session = useStaffSession();
  const navigate = useNavigate();
  const plan = useApi(() => findPlanOfCitizen(citizenId), [citizenId, session.unitId]);
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  async function create() {
    setBusy(true);
    setError(undefined);
    try {
      const created = await createPlan(citizenId, {});
      await navigate(`/planer/${created.id}`);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError('NETWORK', 0));
      setBusy(false);
    }
  }

  return (
    <>
    <section className="sammen-section" aria-labelledby="plan-heading">
      <h2 id="plan-heading">{t('citizenPlan.heading')}</h2>
      {plan.status === 'loading' && <Loading />}
      {plan.status === 'failed' && <ErrorAlert error={plan.error} />}
      {plan.status === 'ready' && plan.data && (
        <>
          <p>{t('citizenPlan.exists', { name: plan.data.coordinator.name, unit: plan.data.coordinator.unit.name, goals: plan.data.goals.length })}</p>
          {/* Opening the plan here moved the "last seen" mark; carry what was new to the plan page. */}
          <Link className="button button-primary" to={`/planer/${plan.data.id}`} state={{ news: plan.data.changesSinceLastSeen }}>
            {t('citizenPlan.open')}
          </Link>{' '}
          <Link className="button button-secondary" to={`/borgere/${citizenId}/samtykker`}>
            {t('citizenPlan.consents')}
          </Link>
        </>
      )}
      {plan.status === 'ready' && !plan.data && (
        <>
          <p>{t('citizenPlan.none')}</p>
          {can(actorOf(session), 'plan.create') ? (
            <button type="button" className="button button-primary" disabled={busy} onClick={() => void create()}>
              {t('citizenPlan.create')}
            </button>
          ) : (
            <p className="form-hint">{t('citizenPlan.mayNotCreate')}</p>
          )}
          {error && (existingPlanOf(error) ? <AskToBeInvolved citizenId={citizenId} existing={existingPlanOf(error)!} /> : <ErrorAlert error={error} />)}
        </>
      )}
    </section>
    {plan.status === 'ready' && !plan.data && <BreakGlassAction citizenId={citizenId} />}
    </>
  );
}
