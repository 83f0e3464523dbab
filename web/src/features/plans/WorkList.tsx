import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { WorkList as WorkListData } from '@sammen/domain/plans';
import { ApiError } from '../../app/api.ts';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Loading } from '../../app/Loading.tsx';
import { useApi } from '../../app/useApi.ts';
import { completeFollowUp, conflictOf, getPlan, getWorkList } from './plans.api.ts';
import { InvolvementRequests } from './InvolvementRequests.tsx';
import { OpenCollisionsSummary } from '../calendar/OpenCollisionsSummary.tsx';
import { CaseWorkSummary } from '../decisions/CaseWorkSummary.tsx';
import { FeedbackAlertsSummary } from '../feedback/FeedbackAlertsSummary.tsx';
import { CoordinationInvitationsSummary } from '../learning/CoordinationInvitations.tsx';
import { useFormat } from './parts.tsx';

/** The staff member's work list: plans changed by the citizen, follow-ups due within a week, my plans. */
export function WorkList({ unitId }: { unitId: string }) {
  const work = useApi(getWorkList, [unitId]);
  return (
    <>
      {work.status === 'loading' && <Loading />}
      {work.status === 'failed' && <ErrorAlert error={work.error} />}
      {work.status === 'ready' && <WorkListSections initial={work.data} />}
    </>
  );
}

function WorkListSections({ initial }: { initial: WorkListData }) {
  const { t } = useTranslation();
  const [work, setWork] = useState(initial);
  const format = useFormat();
  const [done, setDone] = useState('');
  const [error, setError] = useState<ApiError>();

  async function markDone(planId: string, followUpId: string) {
    setError(undefined);
    // The work list does not carry the plan's version, so read it first; a conflict means
    // someone changed the plan in between, and the current version is tried once more.
    try {
      const plan = await getPlan(planId);
      try {
        await completeFollowUp(planId, followUpId, plan.version);
      } catch (err) {
        const current = conflictOf(err);
        if (!current) throw err;
        await completeFollowUp(planId, followUpId, current.version);
      }
      // Refreshed in place, so the message and the focus stay where the person is.
      setWork(await getWorkList());
      setDone(t('workList.followUpMarked'));
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError('NETWORK', 0));
    }
  }

  async function decided(message: string) {
    setWork(await getWorkList());
    setDone(message);
  }

  return (
    <>
      <InvolvementRequests requests={work.involvementRequests} onDecided={decided} />
      <CaseWorkSummary />
      <FeedbackAlertsSummary />
      <CoordinationInvitationsSummary />
      <OpenCollisionsSummary />
      <section className="sammen-section" aria-labelledby="changed-heading">
        <h2 id="changed-heading">{t('workList.changedHeading')}</h2>
        {work.changedByCitizen.length === 0 ? (
          <p>{t('workList.noChanged')}</p>
        ) : (
          <ul className="sammen-cards">
            {work.changedByCitizen.map((c) => (
              <li key={c.planId} className="sammen-card sammen-new">
                <p className="sammen-card-title">
                  <span className="badge badge-warning sammen-new-mark">{t('planParts.new')}</span>{' '}
                  <Link to={`/planer/${c.planId}`}>{t('workList.planOf', { name: c.citizenName })}</Link>
                </p>
                <p className="sammen-muted">{t('workList.changes', { count: c.changes, date: format.dateTime(c.changedAt) })}</p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="sammen-section" aria-labelledby="followups-due-heading">
        <h2 id="followups-due-heading">{t('workList.followUpsHeading')}</h2>
        <p role="status" className="sammen-saved">
          {done}
        </p>
        {error && <ErrorAlert error={error} />}
        {work.followUpsDue.length === 0 ? (
          <p>{t('workList.noFollowUps')}</p>
        ) : (
          <ul className="sammen-cards">
            {work.followUpsDue.map((f) => (
              <li key={f.followUpId} className="sammen-card sammen-followup">
                <p className="sammen-card-title">
                  {format.date(f.dueOn)} · <Link to={`/planer/${f.planId}`}>{t('workList.planOf', { name: f.citizenName })}</Link>
                </p>
                {f.note && <p>{f.note}</p>}
                <button
                  type="button"
                  className="button button-secondary"
                  aria-label={t('workList.markDoneFor', { name: f.citizenName, date: format.date(f.dueOn) })}
                  onClick={() => void markDone(f.planId, f.followUpId)}
                >
                  {t('planForm.followUp.done')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="sammen-section" aria-labelledby="myplans-heading">
        <h2 id="myplans-heading">{t('workList.myPlansHeading')}</h2>
        {work.myPlans.length === 0 ? (
          <p>{t('workList.noPlans')}</p>
        ) : (
          <div className="table--responsive-scroll">
            <table className="table table--zebra">
              <caption className="sr-only">{t('workList.myPlansCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('workList.citizen')}</th>
                  <th scope="col">{t('workList.goals')}</th>
                  <th scope="col">{t('workList.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {work.myPlans.map((p) => (
                  <tr key={p.planId}>
                    <td>
                      <Link to={`/planer/${p.planId}`}>{p.citizenName}</Link>
                    </td>
                    <td>{t('workList.goalsReached', { reached: p.goalsReached, total: p.goals })}</td>
                    <td>{format.dateTime(p.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
