import { Link } from 'react-router';
import type { ComplaintView } from '@sammen/domain/decisions';
import { useVoice } from '../../app/voice.ts';
import { complaintProgress } from './complaints.rules.ts';
import { TimeLeft, useLongDate, Words } from './ComplaintParts.tsx';

// "Dine klager": each complaint in the citizen's words, how far it has come (received → we have
// called you → closed), when we will call at the latest, and — for a decision — the day we must
// have looked at it again or sent it on. And how it ended.

export function OwnComplaints({ complaints }: { complaints: ComplaintView[] }) {
  const { say } = useVoice();
  const sorted = [...complaints].sort((a, b) => (a.status === 'open') === (b.status === 'open') ? b.receivedOn.localeCompare(a.receivedOn) : a.status === 'open' ? -1 : 1);
  return (
    <section className="sammen-section" aria-labelledby="own-complaints">
      <h2 id="own-complaints">{say('borgerCases.complaints.heading')}</h2>
      {sorted.length === 0 ? (
        <p>{say('borgerCases.complaints.none')}</p>
      ) : (
        <ul className="sammen-cards">
          {sorted.map((c) => (
            <ComplaintCard key={c.id} complaint={c} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ComplaintCard({ complaint: c }: { complaint: ComplaintView }) {
  const { say } = useVoice();
  const long = useLongDate();
  const id = `own-complaint-${c.id}`;
  const open = c.status === 'open';
  return (
    <li className="sammen-card" aria-labelledby={id}>
      <h3 id={id} className="h4">
        {c.decision ? say('borgerCases.complaints.aboutDecision', { type: c.decision.decisionType }) : say('borgerCases.complaints.aboutTreatment')}
      </h3>
      <p>{say('borgerCases.complaints.received', { date: long(c.receivedOn) })}</p>
      <Progress complaint={c} />
      {open && c.firstContactOn === null && (
        <>
          <p className="sammen-deadline-due">{say('borgerCases.complaints.callBy', { date: long(c.contactDeadline.due) })}</p>
          <p>
            <TimeLeft daysLeft={c.contactDaysLeft} words="borgerCases.timeLeft" />
          </p>
        </>
      )}
      {open && c.reassessmentDeadline && <p>{say('borgerCases.complaints.reassessBy', { date: long(c.reassessmentDeadline.due) })}</p>}
      {open && <p>{say('borgerCases.complaints.clock')}</p>}
      {!open && <Outcome complaint={c} />}
      <p className="sammen-label">{say('borgerCases.complaints.yourWords')}</p>
      <Words text={c.text} />
      {c.receiptLetterId && (
        <p>
          <Link to={`/borger/breve/${encodeURIComponent(c.receiptLetterId)}`}>{say('borgerCases.complaints.receipt')}</Link>
        </p>
      )}
    </li>
  );
}

/** The steps as an ordered list, the current one marked for a screen reader too (aria-current="step"). */
function Progress({ complaint }: { complaint: ComplaintView }) {
  const { say } = useVoice();
  const long = useLongDate();
  const { steps, current } = complaintProgress(complaint);
  return (
    <>
      <p className="sammen-label" id={`progress-${complaint.id}`}>
        {say('borgerCases.progress.label')}
      </p>
      <ol className="sammen-progress" aria-labelledby={`progress-${complaint.id}`}>
        {steps.map((s) => (
          <li key={s.step} className={s.done ? 'sammen-progress-done' : undefined} aria-current={s.step === current ? 'step' : undefined}>
            <span className="sammen-progress-mark" aria-hidden="true">
              {s.done ? '✓' : s.step === current ? '→' : '·'}
            </span>
            {say(`borgerCases.progress.${s.step}`)}
            <span className="sr-only"> – {say(s.done ? 'borgerCases.progress.done' : s.step === current ? 'borgerCases.progress.now' : 'borgerCases.progress.later')}</span>
            {s.done && s.on && (
              <>
                <br />
                <span className="sammen-muted">{long(s.on)}</span>
              </>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}

function Outcome({ complaint: c }: { complaint: ComplaintView }) {
  const { say } = useVoice();
  if (c.status === 'open') return null;
  return (
    <>
      <p>
        <strong>
          {c.status === 'forwarded' ? say('borgerCases.outcomes.forwarded', { body: c.forwardedTo ?? say('borgerCases.outcomes.appealBody') }) : say(`borgerCases.outcomes.${c.status}`)}
        </strong>
      </p>
      {c.status === 'decisionChanged' && (
        <p>
          <a href="#own-decisions">{say('borgerCases.outcomes.seeNew')}</a>
        </p>
      )}
      {c.answer && (
        <>
          <p className="sammen-label">{say('borgerCases.outcomes.answer')}</p>
          <p className="sammen-prewrap">{c.answer}</p>
        </>
      )}
    </>
  );
}
