import { Link } from 'react-router';
import type { ComplaintView, DecisionView } from '@sammen/domain/decisions';
import { useVoice } from '../../app/voice.ts';
import { openComplaintAbout } from './complaints.rules.ts';
import { useLongDate } from './ComplaintParts.tsx';
import { OwnComplaintForm } from './OwnForms.tsx';

// "Dine afgørelser": each decision with what it means, why, the rules, how to complain and the
// letter — and "Klag over afgørelsen", one text box in the citizen's own words.

export function OwnDecisions({ decisions, complaints, mayWrite, announce }: { decisions: DecisionView[]; complaints: ComplaintView[]; mayWrite: boolean; announce: (message: string) => void }) {
  const { say } = useVoice();
  const issued = decisions.filter((d) => d.status === 'issued').sort((a, b) => (b.decidedOn ?? '').localeCompare(a.decidedOn ?? ''));
  return (
    <section className="sammen-section" aria-labelledby="own-decisions">
      <h2 id="own-decisions">{say('borgerCases.decisions.heading')}</h2>
      {issued.length === 0 ? (
        <p>{say('borgerCases.decisions.none')}</p>
      ) : (
        <ul className="sammen-cards">
          {issued.map((d) => (
            <DecisionCard key={d.id} decision={d} complained={openComplaintAbout(complaints, d.id) !== undefined} mayWrite={mayWrite} announce={announce} />
          ))}
        </ul>
      )}
    </section>
  );
}

function DecisionCard({ decision: d, complained, mayWrite, announce }: { decision: DecisionView; complained: boolean; mayWrite: boolean; announce: (message: string) => void }) {
  const { say } = useVoice();
  const long = useLongDate();
  const id = `own-decision-${d.id}`;
  return (
    <li className="sammen-card" aria-labelledby={id}>
      <h3 id={id} className="h4">
        {d.decisionType.name}
      </h3>
      {d.decidedOn && <p>{say('borgerCases.decisions.decidedOn', { date: long(d.decidedOn) })}</p>}
      <p className="sammen-deadline-due">{say(`borgerCases.decisions.outcomes.${d.outcome}`)}</p>
      {d.replacesDecisionId && <p>{say('borgerCases.decisions.replaces')}</p>}
      {d.efforts.length > 0 && (
        <ul>
          {d.efforts.map((e) => (
            <li key={e.effortId}>{say(`borgerCases.decisions.effort.${e.link}`, { title: e.title })}</li>
          ))}
        </ul>
      )}
      <h4 className="h5">{say('borgerCases.decisions.why')}</h4>
      <p className="sammen-prewrap">{d.considerations}</p>
      <h4 className="h5">{say('borgerCases.decisions.facts')}</h4>
      <p className="sammen-prewrap">{d.keyFacts}</p>
      <h4 className="h5">{say('borgerCases.decisions.rules')}</h4>
      <p>{d.legalBasis}</p>
      <h4 className="h5">{say('borgerCases.decisions.howToComplain')}</h4>
      <p>{d.appealGuidance}</p>
      {d.complaintDeadline && <p>{say('borgerCases.decisions.complainBy', { date: long(d.complaintDeadline.due) })}</p>}
      {d.letterId && (
        <p>
          <Link to={`/borger/breve/${encodeURIComponent(d.letterId)}`}>{say('borgerCases.decisions.letter')}</Link>
        </p>
      )}
      {complained ? (
        <p>
          <strong>{say('borgerCases.decisions.complained')}</strong> <a href="#own-complaints">{say('borgerCases.decisions.seeComplaint')}</a>
        </p>
      ) : (
        mayWrite && <OwnComplaintForm decisionId={d.id} openLabel={say('borgerCases.decisions.complain')} announce={announce} level={4} />
      )}
    </li>
  );
}
