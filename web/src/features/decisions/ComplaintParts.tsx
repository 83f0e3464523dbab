import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { danishDate } from '@sammen/domain/deadlines';
import { timeLeft, type DaysLeft } from './complaints.rules.ts';
import './complaints.css';

// Small pieces the complaint pages, the work list and the citizen's decisions page share.

/**
 * Time left in words: "3 arbejdsdage tilbage", "Fristen er i dag", "Fristen er overskredet med
 * 2 dage". `words` is the key group: staff words (`complaints.timeLeft`) or the citizen's
 * (`borgerCases.timeLeft`).
 */
export function useTimeLeftText(words: 'complaints.timeLeft' | 'borgerCases.timeLeft' | 'caseWork.timeLeft') {
  const { t } = useTranslation();
  return (d: DaysLeft) => {
    const left = timeLeft(d);
    return left.state === 'today' ? t(`${words}.today`) : t(`${words}.${left.state}`, { count: left.days });
  };
}

/** Time left, marked with a symbol and words (never by colour alone) once it has passed. */
export function TimeLeft({ daysLeft, words, met }: { daysLeft: DaysLeft; words: 'complaints.timeLeft' | 'borgerCases.timeLeft' | 'caseWork.timeLeft'; met?: boolean }) {
  const text = useTimeLeftText(words);
  if (met) return null;
  const left = timeLeft(daysLeft);
  if (left.state === 'overdue')
    return (
      <span className="badge badge-warning sammen-deadline-overdue">
        <span aria-hidden="true">! </span>
        {text(daysLeft)}
      </span>
    );
  return <span className={left.state === 'today' ? 'sammen-deadline-today' : undefined}>{text(daysLeft)}</span>;
}

/** Radio buttons in a fieldset with a legend; the hint and the error are tied to the group. */
export function RadioGroup<V extends string>(props: {
  legend: string;
  hint?: string;
  error?: string;
  options: { value: V; label: string; hint?: string }[];
  value: V | undefined;
  onChange: (v: V) => void;
  /** A bigger target and text: the citizen's pages. */
  large?: boolean;
}) {
  const id = useId();
  const { t } = useTranslation();
  const describedBy = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`form-group${props.error ? ' form-error' : ''}`}>
      <fieldset aria-describedby={describedBy}>
        <legend className="form-label">{props.legend}</legend>
        {props.hint && (
          <span className="form-hint" id={`${id}-hint`}>
            {props.hint}
          </span>
        )}
        {props.error && (
          <span className="form-error-message" id={`${id}-error`}>
            <span className="sr-only">{t('planForm.errorPrefix')} </span>
            {props.error}
          </span>
        )}
        <ul className={`nobullet-list sammen-radios${props.large ? ' sammen-radios-large' : ''}`}>
          {props.options.map((o) => (
            <li key={o.value}>
              <input
                id={`${id}-${o.value}`}
                className="form-radio"
                type="radio"
                name={id}
                value={o.value}
                checked={props.value === o.value}
                aria-invalid={props.error ? true : undefined}
                onChange={() => props.onChange(o.value)}
              />
              <label htmlFor={`${id}-${o.value}`}>
                {o.label}
                {o.hint && <span className="form-hint sammen-radio-hint">{o.hint}</span>}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
    </div>
  );
}

/** A label and its text in a definition list (dl.sammen-facts). */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** Someone's words, kept as they wrote or said them. */
export function Words({ text }: { text: string }) {
  return <blockquote className="sammen-words sammen-prewrap">{text}</blockquote>;
}

/** A due day as a citizen reads it: "tirsdag den 7. april 2026" / "Tuesday 7 April 2026". */
export function useLongDate() {
  const { i18n } = useTranslation();
  return (date: string) =>
    i18n.language === 'en'
      ? new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${date.slice(0, 10)}T12:00:00Z`))
      : danishDate(date.slice(0, 10));
}
