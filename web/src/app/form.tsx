import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { lixLevel, readability } from '@sammen/domain/readability';

// Form fields in the dkfds pattern — label, hint, and an error message tied to the input — shared
// by every feature. Errors arrive already in the page's language.


interface FieldProps {
  label: string;
  hint?: string;
  error?: string;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
  after?: ReactNode;
  /** The control's id, when a page links to it (e.g. from an error summary); else one is made. */
  inputId?: string;
}

export function Field({ label, hint, error, children, after, inputId }: FieldProps) {
  const generated = useId();
  const id = inputId ?? generated;
  const message = error;
  const { t } = useTranslation();
  const describedBy = [hint ? `${id}-hint` : '', message ? `${id}-error` : '', after ? `${id}-after` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`form-group${message ? ' form-error' : ''}`}>
      <label className="form-label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <span className="form-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {message && (
        <span className="form-error-message" id={`${id}-error`}>
          <span className="sr-only">{t('planForm.errorPrefix')} </span>
          {message}
        </span>
      )}
      {children({ id, describedBy, invalid: Boolean(message) })}
      {after && <div id={`${id}-after`}>{after}</div>}
    </div>
  );
}

export function TextArea(props: {
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onChange: (v: string) => void;
  rows?: number;
  maxLength?: number;
  /** Text staff write for the citizen: show LIX while typing. */
  lixThreshold?: number;
  inputId?: string;
}) {
  return (
    <Field
      label={props.label}
      hint={props.hint}
      error={props.error}
      after={props.lixThreshold !== undefined ? <LixMeter text={props.value} threshold={props.lixThreshold} /> : undefined}
      inputId={props.inputId}
    >
      {({ id, describedBy, invalid }) => (
        <textarea
          id={id}
          className="form-input"
          rows={props.rows ?? 4}
          maxLength={props.maxLength}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

export function TextInput(props: { label: string; hint?: string; error?: string; value: string; onChange: (v: string) => void; type?: 'text' | 'date' | 'number'; maxLength?: number; min?: number; max?: number }) {
  return (
    <Field label={props.label} hint={props.hint} error={props.error}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          className={`form-input${props.type === 'date' || props.type === 'number' ? ' input-width-s' : ''}`}
          type={props.type ?? 'text'}
          maxLength={props.maxLength}
          min={props.min}
          max={props.max}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

export function Select(props: { label: string; hint?: string; error?: string; value: string; onChange: (v: string) => void; options: { value: string; label: string }[]; empty?: string }) {
  return (
    <Field label={props.label} hint={props.hint} error={props.error}>
      {({ id, describedBy, invalid }) => (
        <select id={id} className="form-select" aria-describedby={describedBy} aria-invalid={invalid || undefined} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
          {props.empty !== undefined && <option value="">{props.empty}</option>}
          {props.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A group of checkboxes (dependencies, the goals an effort serves). */
export function CheckboxGroup(props: { legend: string; hint?: string; error?: string; options: { value: string; label: string }[]; value: string[]; onChange: (v: string[]) => void; none?: string }) {
  const id = useId();
  const { t } = useTranslation();
  const message = props.error;
  const toggle = (v: string, on: boolean) => props.onChange(on ? [...props.value, v] : props.value.filter((x) => x !== v));
  return (
    <div className={`form-group${message ? ' form-error' : ''}`}>
      <fieldset aria-describedby={[props.hint ? `${id}-hint` : '', message ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}>
        <legend className="form-label">{props.legend}</legend>
        {props.hint && (
          <span className="form-hint" id={`${id}-hint`}>
            {props.hint}
          </span>
        )}
        {message && (
          <span className="form-error-message" id={`${id}-error`}>
            <span className="sr-only">{t('planForm.errorPrefix')} </span>
            {message}
          </span>
        )}
        {props.options.length === 0 && props.none && <p className="form-hint">{props.none}</p>}
        <ul className="nobullet-list sammen-checks">
          {props.options.map((o, i) => (
            <li key={o.value}>
              <input
                id={`${id}-${i}`}
                type="checkbox"
                className="form-checkbox"
                checked={props.value.includes(o.value)}
                onChange={(e) => toggle(o.value, e.target.checked)}
              />
              <label htmlFor={`${id}-${i}`}>{o.label}</label>
            </li>
          ))}
        </ul>
      </fieldset>
    </div>
  );
}

/** LIX of a text while it is typed, with a warning above the municipality's threshold. */
export function LixMeter({ text, threshold }: { text: string; threshold: number }) {
  const { t } = useTranslation();
  const { lix, words } = readability(text);
  if (!words) return <p className="form-hint sammen-lix">{t('planForm.lix.empty', { threshold })}</p>;
  const over = lix > threshold;
  return (
    <div className={`sammen-lix${over ? ' sammen-lix-over' : ''}`}>
      <p className="form-hint">
        {t('planForm.lix.value', { lix, level: t(`planForm.lix.levels.${lixLevel(lix)}`) })}
      </p>
      {over && (
        <p className="sammen-lix-warning">
          <strong>{t('planForm.lix.warningHeading')}</strong> {t('planForm.lix.warning', { lix, threshold })}
        </p>
      )}
    </div>
  );
}
