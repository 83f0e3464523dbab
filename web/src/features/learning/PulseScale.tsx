import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import './pulse.css';

// One question of the coordination pulse: a fieldset whose legend is the question and five radio
// buttons, 1 to 5, each with its words. Nothing is chosen at first: a default is not an answer.
// `large`: the citizen's version, whole-row targets well over 44 px on a phone or a tablet.

export const SCORES = [1, 2, 3, 4, 5] as const;

export function ScaleQuestion(props: {
  legend: ReactNode;
  /** The words for each score, 1 to 5. */
  label: (score: number) => string;
  value: number | undefined;
  onChange: (score: number) => void;
  /** The error text when the question is left unanswered ('' or undefined: none). */
  error?: string;
  large?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <fieldset className={`form-group sammen-pulse-question${props.large ? ' sammen-pulse-large' : ''}${props.error ? ' form-error' : ''}`} aria-describedby={props.error ? errorId : undefined}>
      <legend className="form-label sammen-pulse-legend">{props.legend}</legend>
      {props.error && (
        <span className="form-error-message" id={errorId}>
          <span className="sr-only">{t('planForm.errorPrefix')} </span>
          {props.error}
        </span>
      )}
      <ul className="nobullet-list sammen-pulse-options">
        {SCORES.map((score) => (
          <li key={score}>
            <input
              id={`${id}-${score}`}
              className="form-radio"
              type="radio"
              name={id}
              value={score}
              checked={props.value === score}
              aria-invalid={(props.error && score === 1) || undefined}
              onChange={() => props.onChange(score)}
            />
            <label htmlFor={`${id}-${score}`}>
              <span className="sammen-pulse-score">{score}</span> {props.label(score)}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
