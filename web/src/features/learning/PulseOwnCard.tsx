import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { useSession } from '../../app/session.tsx';
import { useVoice } from '../../app/voice.ts';
import { apiErrorOf } from '../calendar/calendar.api.ts';
import { useCalendarFormat } from '../calendar/format.ts';
import { ScaleQuestion } from './PulseScale.tsx';
import { pulseKeys, useAnswerOwnPulse, useOwnPulse } from './pulse.api.ts';

// On the citizen's home (/borger): while a coordination pulse about them is open and they have
// not answered, one question — "how well do they work together for you?" — with five large
// choices. Plain Danish, and said plainly that the coordinator sees the answer (it is not
// anonymous, unlike the professionals' answers). A relative who may write in the plan answers
// for the citizen, spoken to about the citizen.

export function PulseOwnCard() {
  const session = useSession();
  const mayAnswer = session.kind === 'citizen' || (session.kind === 'proxy' && session.scopes.includes('plan.comment'));
  const own = useOwnPulse(mayAnswer);
  const [thanked, setThanked] = useState(false);
  if (!mayAnswer) return null;
  if (thanked) return <Thanks />;
  const open = own.data?.open;
  if (!open) return null; // nothing to ask (or the question could not be loaded: the home page stays calm)
  return <Question pulseId={open.id} unitName={open.unitName} closesAt={open.closesAt} onAnswered={() => setThanked(true)} />;
}

function Question({ pulseId, unitName, closesAt, onAnswered }: { pulseId: string; unitName: string; closesAt: string; onAnswered: () => void }) {
  const { say } = useVoice();
  const f = useCalendarFormat();
  const client = useQueryClient();
  const answer = useAnswerOwnPulse();
  const [score, setScore] = useState<number>();
  const [tried, setTried] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    if (score === undefined) {
      setTimeout(() => form.current?.querySelector<HTMLInputElement>('input[type="radio"]')?.focus());
      return;
    }
    answer.mutate(
      { pulseId, score },
      {
        onSuccess: () => {
          onAnswered();
          void client.invalidateQueries({ queryKey: pulseKeys.own });
        },
      },
    );
  }

  const error = answer.error ? apiErrorOf(answer.error) : undefined;
  // Answered already (another tab) or closed meanwhile: said in the citizen's words, not as a fault.
  const settled = error?.reason === 'alreadyAnswered' ? say('borgerPulse.already') : error?.reason === 'waveClosed' ? say('borgerPulse.closed') : undefined;

  return (
    <section className="card sammen-pulse-own" aria-labelledby="own-pulse-heading">
      <div className="card-content">
        <h2 id="own-pulse-heading" className="sammen-pulse-own-heading">
          {say('borgerPulse.heading')}
        </h2>
        <p>{say('borgerPulse.intro', { unit: unitName })}</p>
        <p>
          <strong>{say('borgerPulse.who')}</strong>
        </p>
        <form ref={form} onSubmit={submit} noValidate>
          <ScaleQuestion
            large
            legend={say('borgerPulse.legend')}
            label={(s) => say(`borgerPulse.options.${s}`)}
            value={score}
            onChange={setScore}
            error={tried && score === undefined ? say('borgerPulse.choose') : undefined}
          />
          <p className="sammen-muted">{say('borgerPulse.until', { date: f.date(closesAt) })}</p>
          {settled ? <p role="status">{settled}</p> : error && <ErrorAlert error={error} />}
          <div className="sammen-form-actions">
            <button type="submit" className="button button-primary sammen-pulse-send" disabled={answer.isPending || settled !== undefined}>
              {say('borgerPulse.send')}
            </button>
          </div>
        </form>
      </div>
    </section>
  );
}

function Thanks() {
  const { say } = useVoice();
  const heading = useRef<HTMLHeadingElement>(null);
  // The form (and the button that had focus) is gone: start reading at the thanks.
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="card sammen-pulse-own" aria-labelledby="own-pulse-heading">
      <div className="card-content">
        <h2 ref={heading} id="own-pulse-heading" className="sammen-pulse-own-heading" tabIndex={-1}>
          {say('borgerPulse.thanks')}
        </h2>
        <p role="status">{say('borgerPulse.thanksText')}</p>
      </div>
    </section>
  );
}
