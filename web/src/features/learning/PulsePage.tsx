import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CitizenPulsesView, PulseView } from '@sammen/domain/coordination';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { useStaffSession } from '../../app/session.tsx';
import { Success } from '../../app/Success.tsx';
import { apiErrorOf } from '../calendar/calendar.api.ts';
import { useCalendarFormat } from '../calendar/format.ts';
import { PulseAnswerForm } from './PulseAnswerForm.tsx';
import { PulseClose, PulseResultsTable } from './PulseResults.tsx';
import { useCitizenPulses, usePulseSubject, useStartPulse } from './pulse.api.ts';
import './pulse.css';

// "Samarbejdspuls" (staff): how the professionals around one citizen work together on that
// citizen. The plan's coordinator starts a pulse; everyone asked answers three questions; the
// coordinator closes it and sees the means (hidden below the anonymity threshold) and the
// citizen's own answer. Everyone else sees how many have answered — never what anyone answered.

export function PulsePage() {
  const { t } = useTranslation();
  const { citizenId = '' } = useParams();
  const pulses = useCitizenPulses(citizenId);
  const subject = usePulseSubject(citizenId);
  const name = subject.data?.name;

  return (
    <>
      <p className="sammen-back">
        <Link to={`/borgere/${encodeURIComponent(citizenId)}`}>{t('pulse.back')}</Link>
      </p>
      {(pulses.isPending || subject.isPending) && <Loading />}
      {(pulses.isError || subject.isError) && (
        <Page title={t('pulse.titleUnknown')}>
          <ErrorAlert error={apiErrorOf(pulses.error ?? subject.error)} />
        </Page>
      )}
      {pulses.data && subject.data && name !== undefined && <PulseSections view={pulses.data} name={name} citizenId={citizenId} coordinatorId={subject.data.coordinatorId} />}
    </>
  );
}

function PulseSections({ view, name, citizenId, coordinatorId }: { view: CitizenPulsesView; name: string; citizenId: string; coordinatorId: string | null }) {
  const { t } = useTranslation();
  const session = useStaffSession();
  const [done, setDone] = useState('');
  const open = view.pulses.find((p) => p.closedAt === null);
  // The coordinator may start one, and so may a leader of the coordinating unit. The server says
  // which (`coordinates`) on every pulse; before the first pulse a leader is offered the button
  // and, leading another unit, told plainly when they try.
  const leader = session.roles.some((r) => r.unitId === session.unitId && r.role === 'leader');
  const mayStart = coordinatorId === session.staffId || (view.pulses.length > 0 ? view.pulses.some((p) => p.coordinates) : leader);

  return (
    <Page title={t('pulse.title', { name })}>
      <p className="font-lead">{t('pulse.intro', { name })}</p>
      <Success text={done} />
      {mayStart && (
        <section className="sammen-section" aria-labelledby="pulse-start-heading">
          <h2 id="pulse-start-heading">{t('pulse.start.heading')}</h2>
          {open ? <p>{t('pulse.start.openAlready')}</p> : <StartPulse citizenId={citizenId} onStarted={(p) => setDone(t('pulse.start.started', { count: p.invited }))} />}
        </section>
      )}
      <section className="sammen-section" aria-labelledby="pulse-list-heading">
        <h2 id="pulse-list-heading">{t('pulse.list.heading')}</h2>
        {view.pulses.length === 0 ? (
          <p>{t('pulse.list.none')}</p>
        ) : (
          <ul className="nobullet-list sammen-pulse-list">
            {view.pulses.map((p) => (
              <li key={p.id}>
                <PulseCard pulse={p} name={name} citizenId={citizenId} threshold={view.anonymityThreshold} onDone={setDone} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}

function StartPulse({ citizenId, onStarted }: { citizenId: string; onStarted: (p: PulseView) => void }) {
  const { t } = useTranslation();
  const start = useStartPulse(citizenId);
  return (
    <>
      <p>{t('pulse.start.text')}</p>
      {start.isError && <ErrorAlert error={apiErrorOf(start.error)} />}
      <button type="button" className="button button-primary" disabled={start.isPending} onClick={() => start.mutate(undefined, { onSuccess: onStarted })}>
        {t('pulse.start.button')}
      </button>
    </>
  );
}

/** One pulse: when, how many have answered, and — as the viewer may — the form, closing, the results. */
function PulseCard({ pulse, name, citizenId, threshold, onDone }: { pulse: PulseView; name: string; citizenId: string; threshold: number; onDone: (text: string) => void }) {
  const { t } = useTranslation();
  const f = useCalendarFormat();
  const headingId = `pulse-${pulse.id}`;
  const isOpen = pulse.closedAt === null;
  return (
    <section className="sammen-card sammen-pulse-card" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('pulse.card.heading', { date: f.date(pulse.startedAt) })}</h3>
      <p>
        <span className={`badge ${isOpen ? 'badge-info' : 'badge-success'}`}>{isOpen ? t('pulse.card.open') : t('pulse.card.closed')}</span>{' '}
        {isOpen ? t('pulse.card.closesAt', { date: f.date(pulse.closesAt) }) : t('pulse.card.closedAt', { date: f.date(pulse.closedAt!) })}
      </p>
      <ul className="sammen-pulse-facts">
        <li>{t('pulse.card.unit', { unit: pulse.unit.name })}</li>
        <li>{t('pulse.card.answered', { count: pulse.invited, answered: pulse.answered })}</li>
        <li>{pulse.citizenAnswered ? t('pulse.card.citizenAnswered') : t('pulse.card.citizenNotAnswered')}</li>
      </ul>
      {pulse.mayAnswer && <PulseAnswerForm pulse={pulse} name={name} citizenId={citizenId} threshold={threshold} onAnswered={() => onDone(t('pulse.answer.thanks'))} />}
      {isOpen && pulse.coordinates && <PulseClose pulse={pulse} citizenId={citizenId} onClosed={() => onDone(t('pulse.close.closed'))} />}
      {pulse.results && <PulseResultsTable results={pulse.results} citizenAnswered={pulse.citizenAnswered} name={name} threshold={threshold} headingId={`${headingId}-results`} />}
      {!pulse.coordinates && <p className="sammen-muted">{isOpen ? t('pulse.card.coordinatorSeesLater') : t('pulse.card.coordinatorSees')}</p>}
    </section>
  );
}
