import { useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can } from '@sammen/domain/access';
import type { ComplaintView } from '@sammen/domain/decisions';
import { AlertIcon } from '../../app/AlertIcon.tsx';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { actorOf, useStaffSession } from '../../app/session.tsx';
import { Success } from '../../app/Success.tsx';
import { useCalendarFormat } from '../calendar/format.ts';
import { apiErrorOf, useComplaint } from './complaints.api.ts';
import { AboutText } from './ComplaintListPage.tsx';
import { CloseComplaint, ComplaintOutcome } from './ComplaintClose.tsx';
import { ComplaintContacts } from './ComplaintContacts.tsx';
import { Fact, TimeLeft, Words } from './ComplaintParts.tsx';

// One complaint: who, about what and in their words; both deadlines in words with the days
// left (talking with the citizen does not stop them); the personal contacts with a form to
// record one; and how it ends — resolved in dialogue, decision changed, forwarded to the appeal
// body, or answered — with a learning category.

export function ComplaintPage() {
  const { t } = useTranslation();
  const { complaintId = '' } = useParams();
  const location = useLocation();
  const complaint = useComplaint(complaintId);
  const arrived = (location.state as { done?: string } | null)?.done ?? '';
  const [done, setDone] = useState('');
  // Said after the page is there, so the live region announces it (a text present from the start is not).
  const loaded = complaint.data !== undefined;
  useEffect(() => {
    if (!arrived || !loaded) return;
    const timer = setTimeout(() => setDone(arrived), 100);
    return () => clearTimeout(timer);
  }, [arrived, loaded]);

  return (
    <>
      <p className="sammen-back">
        <Link to="/klager">{t('complaints.page.back')}</Link>
      </p>
      {complaint.isPending && <Loading />}
      {complaint.isError && (
        <Page title={t('complaints.page.titleUnknown')}>
          <ErrorAlert error={apiErrorOf(complaint.error)} />
        </Page>
      )}
      {complaint.data && (
        <Page title={t('complaints.page.title', { name: complaint.data.citizen.name })}>
          <Success text={done} />
          <ComplaintBody complaint={complaint.data} onDone={setDone} />
        </Page>
      )}
    </>
  );
}

function ComplaintBody({ complaint: c, onDone }: { complaint: ComplaintView; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const f = useCalendarFormat();
  const session = useStaffSession();
  const mayHandle = can(actorOf(session), 'complaint.handle');
  const open = c.status === 'open';

  return (
    <>
      <p className="font-lead">
        <AboutText complaint={c} />
      </p>
      <dl className="sammen-facts">
        <Fact label={t('complaints.page.citizen')}>
          <Link to={`/borgere/${encodeURIComponent(c.citizen.id)}`}>{c.citizen.name}</Link>
        </Fact>
        {c.decision && (
          <Fact label={t('complaints.page.decision')}>
            <Link to={`/afgoerelser/${encodeURIComponent(c.decision.requestId)}`}>
              {t('complaints.page.decisionLink', {
                type: c.decision.decisionType,
                date: c.decision.decidedOn ? f.date(c.decision.decidedOn) : '–',
              })}
            </Link>
          </Fact>
        )}
        <Fact label={t('complaints.page.unit')}>{c.unit.name}</Fact>
        <Fact label={t('complaints.page.received')}>{t('complaints.page.receivedBy', { date: f.date(c.receivedOn), channel: t(`complaints.channels.${c.channel}`) })}</Fact>
        <Fact label={t('complaints.page.status')}>
          {t(`complaints.statuses.${c.status}`)}
          {c.closedOn && <> ({f.date(c.closedOn)})</>}
        </Fact>
        {c.receiptLetterId && (
          <Fact label={t('complaints.page.receipt')}>
            <Link to={`/breve/${encodeURIComponent(c.receiptLetterId)}`}>{t('complaints.page.receiptLink')}</Link>
          </Fact>
        )}
      </dl>

      <section className="sammen-section" aria-labelledby="complaint-words">
        <h2 id="complaint-words">{t('complaints.page.wordsHeading')}</h2>
        <Words text={c.text} />
      </section>

      <Deadlines complaint={c} />

      {!open && <ComplaintOutcome complaint={c} />}

      <ComplaintContacts complaint={c} mayRecord={open && mayHandle} onDone={onDone} />

      {open && mayHandle && <CloseComplaint complaint={c} onDone={onDone} />}
      {open && !mayHandle && <p className="sammen-muted">{t('complaints.page.mayNotHandle')}</p>}
    </>
  );
}

/** Both legal deadlines in words, with the days left, and why a conversation does not stop them. */
function Deadlines({ complaint: c }: { complaint: ComplaintView }) {
  const { t } = useTranslation();
  const f = useCalendarFormat();
  const open = c.status === 'open';
  const contactMet = c.firstContactOn !== null;
  const contactInTime = contactMet && c.firstContactOn! <= c.contactDeadline.due;

  return (
    <section className="sammen-section" aria-labelledby="complaint-deadlines">
      <h2 id="complaint-deadlines">{t('complaints.page.deadlinesHeading')}</h2>
      <div className="sammen-deadlines">
        <div className="sammen-card sammen-deadline">
          <h3 className="h4">{t('complaints.page.contactDeadline')}</h3>
          <p className="sammen-deadline-due">{f.date(c.contactDeadline.due)}</p>
          {contactMet ? (
            <p>
              {contactInTime ? (
                t('complaints.page.contactedInTime', { date: f.date(c.firstContactOn!) })
              ) : (
                <span className="badge badge-warning">
                  <span aria-hidden="true">! </span>
                  {t('complaints.page.contactedLate', { date: f.date(c.firstContactOn!) })}
                </span>
              )}
            </p>
          ) : open ? (
            <p>
              <TimeLeft daysLeft={c.contactDaysLeft} words="complaints.timeLeft" />
            </p>
          ) : (
            <p>{t('complaints.page.noContact')}</p>
          )}
          <p>{c.contactDeadlineExplained}</p>
        </div>
        {c.reassessmentDeadline && c.reassessmentDaysLeft && (
          <div className="sammen-card sammen-deadline">
            <h3 className="h4">{t('complaints.page.reassessmentDeadline')}</h3>
            <p className="sammen-deadline-due">{f.date(c.reassessmentDeadline.due)}</p>
            {open ? (
              <p>
                <TimeLeft daysLeft={c.reassessmentDaysLeft} words="complaints.timeLeft" />
              </p>
            ) : (
              c.closedOn && (
                <p>
                  {c.closedOn <= c.reassessmentDeadline.due
                    ? t('complaints.page.closedInTime', { date: f.date(c.closedOn) })
                    : t('complaints.page.closedLate', { date: f.date(c.closedOn) })}
                </p>
              )
            )}
            {c.reassessmentDeadlineExplained && <p>{c.reassessmentDeadlineExplained}</p>}
            <p>{t('complaints.page.reassessmentWhat')}</p>
          </div>
        )}
      </div>
      {open && (
        <div className="alert alert-info">
          <AlertIcon variant="info" />
          <div className="alert-body">
            <p className="alert-heading">{t('complaints.page.clockHeading')}</p>
            <p className="alert-text">{t(c.about === 'decision' ? 'complaints.page.clockDecision' : 'complaints.page.clockTreatment')}</p>
          </div>
        </div>
      )}
    </section>
  );
}
