import type { OwnDecisionsView } from '@sammen/domain/decisions';
import { useVoice } from '../../app/voice.ts';
import { TimeLeft, useLongDate } from './ComplaintParts.tsx';

// "Dine ansøgninger": what the citizen has applied for, when we got it and when they will have
// an answer — the day in words, the days left, and the rule that made it that day.

type Request = OwnDecisionsView['requests'][number];

export function OwnRequests({ requests }: { requests: Request[] }) {
  const { say } = useVoice();
  // Open ones first, the nearest deadline first; then the rest, the newest first.
  const sorted = [...requests].sort((a, b) =>
    a.status === 'open' && b.status === 'open' ? a.due.localeCompare(b.due) : a.status === 'open' ? -1 : b.status === 'open' ? 1 : b.receivedOn.localeCompare(a.receivedOn),
  );
  return (
    <section className="sammen-section" aria-labelledby="own-requests">
      <h2 id="own-requests">{say('borgerCases.requests.heading')}</h2>
      {sorted.length === 0 ? (
        <p>{say('borgerCases.requests.none')}</p>
      ) : (
        <ul className="sammen-cards">
          {sorted.map((r) => (
            <RequestCard key={r.id} request={r} />
          ))}
        </ul>
      )}
    </section>
  );
}

function RequestCard({ request: r }: { request: Request }) {
  const { say } = useVoice();
  const long = useLongDate();
  const id = `own-request-${r.id}`;
  return (
    <li className="sammen-card" aria-labelledby={id}>
      <h3 id={id} className="h4">
        {r.decisionType.name}
      </h3>
      <p>{say('borgerCases.requests.received', { date: long(r.receivedOn) })}</p>
      {r.description && (
        <>
          <p className="sammen-label">{say('borgerCases.requests.about')}</p>
          <p className="sammen-prewrap">{r.description}</p>
        </>
      )}
      {r.status === 'open' && (
        <>
          <p className="sammen-deadline-due">{say('borgerCases.requests.answerBy', { date: long(r.due) })}</p>
          <p>
            <TimeLeft daysLeft={r.daysLeft} words="borgerCases.timeLeft" />
          </p>
          {r.breached && <p>{say(r.breachLetter ? 'borgerCases.requests.lateLetter' : 'borgerCases.requests.late')}</p>}
          <p className="sammen-muted">{r.deadlineExplained}</p>
        </>
      )}
      {r.status === 'decided' && (
        <p>
          {r.decidedOn ? say('borgerCases.requests.decided', { date: long(r.decidedOn) }) : say('borgerCases.requests.decidedNoDate')} <a href="#own-decisions">{say('borgerCases.requests.seeDecision')}</a>
        </p>
      )}
      {r.status === 'withdrawn' && <p>{say('borgerCases.requests.withdrawn')}</p>}
    </li>
  );
}
