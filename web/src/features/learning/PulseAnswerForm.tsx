import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { pulseItems, type PulseItem, type PulseView } from '@sammen/domain/coordination';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { apiErrorOf } from '../calendar/calendar.api.ts';
import { ScaleQuestion } from './PulseScale.tsx';
import { useAnswerPulse } from './pulse.api.ts';

// The three questions to a professional asked in a pulse, about working together on this one
// citizen. All three are needed (the contract asks for each); a missing one is said at the
// question and in a short summary, and nothing is sent.

type Answers = Partial<Record<PulseItem, number>>;

export function PulseAnswerForm({ pulse, name, citizenId, threshold, onAnswered }: { pulse: PulseView; name: string; citizenId: string; threshold: number; onAnswered: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const answer = useAnswerPulse(citizenId);
  const [answers, setAnswers] = useState<Answers>({});
  const [tried, setTried] = useState(false);
  const summary = useRef<HTMLParagraphElement>(null);
  const missing = pulseItems.filter((item) => answers[item] === undefined);

  function submit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    const [a, b, c] = pulseItems.map((item) => answers[item]);
    if (a === undefined || b === undefined || c === undefined) {
      setTimeout(() => summary.current?.focus());
      return;
    }
    answer.mutate({ pulseId: pulse.id, answers: { sharedPicture: a, timelyKnowledge: b, solveTogether: c } }, { onSuccess: onAnswered });
  }

  return (
    <form className="sammen-pulse-answer" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
      <h4 id={`${id}-heading`}>{t('pulse.answer.heading')}</h4>
      <p>{t('pulse.answer.intro', { name, threshold })}</p>
      {tried && missing.length > 0 && (
        <p ref={summary} tabIndex={-1} className="form-error-message sammen-pulse-missing">
          {t('pulse.answer.missing', { count: missing.length })}
        </p>
      )}
      {pulseItems.map((item) => (
        <ScaleQuestion
          key={item}
          legend={t(`pulse.items.${item}.question`, { name })}
          label={(score) => t(`pulse.scale.${score}`)}
          value={answers[item]}
          onChange={(score) => setAnswers((prev) => ({ ...prev, [item]: score }))}
          error={tried && answers[item] === undefined ? t('pulse.answer.choose') : undefined}
        />
      ))}
      {answer.isError && <ErrorAlert error={apiErrorOf(answer.error)} />}
      <div className="sammen-form-actions">
        <button type="submit" className="button button-primary" disabled={answer.isPending}>
          {t('pulse.answer.send')}
        </button>
      </div>
    </form>
  );
}
