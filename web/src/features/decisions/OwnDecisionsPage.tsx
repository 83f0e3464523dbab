import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { OwnDecisionsView } from '@sammen/domain/decisions';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { useSession } from '../../app/session.tsx';
import { Success } from '../../app/Success.tsx';
import { useVoice } from '../../app/voice.ts';
import { useCalendarFormat } from '../calendar/format.ts';
import { dayOf } from '../calendar/time.ts';
import { apiErrorOf, useOwnDecisions } from './complaints.api.ts';
import { OwnComplaints } from './OwnComplaints.tsx';
import { OwnDecisions } from './OwnDecisionCard.tsx';
import { OwnComplaintForm, OwnRequestForm } from './OwnForms.tsx';
import { OwnRequests } from './OwnRequests.tsx';
import './complaints.css';

// "Afgørelser og klager" in /borger: what the citizen has applied for and when they will get an
// answer; the decisions with the reasons, how to complain and the letter; a complaint in their own
// words (one text box, nothing to fill in); their complaints and how far they have come; applying
// for something; and their letters. Plain Danish: short sentences, everyday words (LIX ≤ 30).

export function OwnDecisionsPage() {
  const { say } = useVoice();
  const own = useOwnDecisions();
  const [done, setDone] = useState('');
  const statusRef = useRef<HTMLDivElement>(null);

  const announce = (message: string) => {
    setDone(message);
    setTimeout(() => statusRef.current?.focus());
  };

  return (
    <div className="sammen-borger-cases">
      <p className="sammen-back">
        <Link to="/borger">{say('borgerCases.back')}</Link>
      </p>
      <Page title={say('borgerCases.title')}>
        <p className="font-lead">{say('borgerCases.intro')}</p>
        <div ref={statusRef} tabIndex={-1} className="sammen-status-focus">
          <Success text={done} />
        </div>
        {own.isPending && <Loading />}
        {own.isError && <ErrorAlert error={apiErrorOf(own.error)} />}
        {own.data && <Sections view={own.data} announce={announce} />}
      </Page>
    </div>
  );
}

/** Whether the signed-in person may send a complaint or an application: the citizen, or a relative allowed to write. */
export function useMayWrite() {
  const session = useSession();
  return session.kind === 'citizen' || (session.kind === 'proxy' && session.scopes.includes('plan.comment'));
}

function Sections({ view, announce }: { view: OwnDecisionsView; announce: (message: string) => void }) {
  const { say } = useVoice();
  const mayWrite = useMayWrite();
  return (
    <>
      <nav aria-label={say('borgerCases.contentsLabel')}>
        <ul className="sammen-link-list nobullet-list">
          <li>
            <a href="#own-requests">{say('borgerCases.requests.heading')}</a>
          </li>
          <li>
            <a href="#own-decisions">{say('borgerCases.decisions.heading')}</a>
          </li>
          <li>
            <a href="#own-complaints">{say('borgerCases.complaints.heading')}</a>
          </li>
          {mayWrite && (
            <li>
              <a href="#own-apply">{say('borgerCases.apply.heading')}</a>
            </li>
          )}
          <li>
            <a href="#own-letters">{say('borgerCases.letters.heading')}</a>
          </li>
        </ul>
      </nav>
      <OwnRequests requests={view.requests} />
      <OwnDecisions decisions={view.decisions} complaints={view.complaints} mayWrite={mayWrite} announce={announce} />
      <OwnComplaints complaints={view.complaints} />
      {mayWrite && <TreatmentComplaint announce={announce} />}
      {mayWrite && <OwnRequestForm decisionTypes={view.decisionTypes} announce={announce} />}
      <Letters letters={view.letters} />
    </>
  );
}

/** "Klag over, hvordan du blev mødt": the same one text box, without a decision. */
function TreatmentComplaint({ announce }: { announce: (message: string) => void }) {
  const { say } = useVoice();
  return (
    <section className="sammen-section" aria-labelledby="own-treatment">
      <h2 id="own-treatment">{say('borgerCases.treatment.heading')}</h2>
      <p>{say('borgerCases.treatment.intro')}</p>
      <OwnComplaintForm decisionId={null} openLabel={say('borgerCases.treatment.open')} announce={announce} level={3} />
    </section>
  );
}

function Letters({ letters }: { letters: OwnDecisionsView['letters'] }) {
  const { t } = useTranslation();
  const { say } = useVoice();
  const f = useCalendarFormat();
  const sorted = [...letters].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <section className="sammen-section" aria-labelledby="own-letters">
      <h2 id="own-letters">{say('borgerCases.letters.heading')}</h2>
      {sorted.length === 0 ? (
        <p>{say('borgerCases.letters.none')}</p>
      ) : (
        <ul className="sammen-link-list nobullet-list">
          {sorted.map((l) => (
            <li key={l.id}>
              <Link to={`/borger/breve/${encodeURIComponent(l.id)}`}>{l.title}</Link>{' '}
              <span className="sammen-muted">{t('borgerCases.letters.sent', { date: f.date(dayOf(l.createdAt)) })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
