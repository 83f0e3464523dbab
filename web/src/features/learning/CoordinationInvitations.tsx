import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { apiErrorOf } from '../calendar/calendar.api.ts';
import { useCalendarFormat } from '../calendar/format.ts';
import { useInvitations } from './coordination.api.ts';
import './coordination.css';

// My invitations to coordination surveys that are open and not answered yet: on the landing page
// and — only when there is one — in the work list ("Du er inviteret til en samarbejdsmåling").

/** The list of my open invitations, each with the way to the form. */
export function InvitationList({ showNone }: { showNone: boolean }) {
  const { t } = useTranslation();
  const f = useCalendarFormat();
  const invitations = useInvitations();
  if (invitations.isPending) return <p className="sammen-muted">{t('app.loading')}</p>;
  if (invitations.isError) return <ErrorAlert error={apiErrorOf(invitations.error)} />;
  const list = invitations.data.invitations;
  if (list.length === 0) return showNone ? <p>{t('coordination.invitations.none')}</p> : null;
  return (
    <ul className="sammen-cards sammen-coordination-invitations">
      {list.map((i) => (
        <li key={i.waveId} className="sammen-card">
          <p className="sammen-card-title">
            <Link to={`/samarbejde/maalinger/${encodeURIComponent(i.waveId)}/svar`}>{t('coordination.invitations.answerFor', { name: i.name })}</Link>
            {i.reminded && (
              <>
                {' '}
                <span className="badge badge-warning">{t('coordination.invitations.reminded')}</span>
              </>
            )}
          </p>
          <p>{t('coordination.invitations.about', { focalWork: i.focalWork, group: i.group.name })}</p>
          <p className="sammen-muted">{t('coordination.invitations.closesOn', { date: f.date(i.closesOn) })}</p>
        </li>
      ))}
    </ul>
  );
}

/** The work list's summary: shown only while I have an invitation to answer. */
export function CoordinationInvitationsSummary() {
  const { t } = useTranslation();
  const invitations = useInvitations();
  // Nothing to do, nothing to show: the work list stays short. A failure is said, though.
  if (invitations.isPending || (invitations.data && invitations.data.invitations.length === 0)) return null;
  return (
    <section className="sammen-section sammen-worklist-coordination" aria-labelledby="worklist-coordination-heading">
      <h2 id="worklist-coordination-heading">{t('coordination.invitations.worklistHeading')}</h2>
      <InvitationList showNone={false} />
    </section>
  );
}
