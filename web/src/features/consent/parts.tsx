import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { planSections, type ConsentView, type PlanSection } from '@sammen/domain/consent';
import { ApiError } from '../../app/api.ts';
import { useFormat } from '../plans/parts.tsx';
import './consent.css';

// Words and small pieces shared by the consent pages: plain labels for the sections of a
// plan, lists in the page's language, and form fields that show one translated message.

export type Audience = 'citizen' | 'staff';

/** "dine mål, aftaler, arbejde og familie" (citizen) or "mål, aftaler, arbejde og familie" (staff). */
export function useSectionWords() {
  const { t, i18n } = useTranslation();
  const list = new Intl.ListFormat(i18n.language === 'en' ? 'en-GB' : 'da-DK', { style: 'long', type: 'conjunction' });
  const word = (s: string, audience: Audience) => t(`consent.sections.${audience}.${s}`, { defaultValue: s });
  const ordered = (sections: readonly string[]) => [...sections].sort((a, b) => planSections.indexOf(a as PlanSection) - planSections.indexOf(b as PlanSection));
  return {
    word,
    /** The sections in their usual order, joined as a sentence. */
    list: (sections: readonly string[], audience: Audience) => list.format(ordered(sections).map((s) => word(s, audience))),
    join: (words: string[]) => list.format(words),
  };
}

/** When a time is on the same day it reads "kl. 10.12"; otherwise date and time. */
export function useTimeWords() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'da-DK';
  const format = useFormat();
  return {
    ...format,
    time: (iso: string) => new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso)),
  };
}

/** How a consent was given: in the portal, on paper or orally; by the citizen or a relative. */
export function useHowGiven() {
  const { t } = useTranslation();
  return (c: ConsentView, audience: Audience) => {
    if (!c.givenBy) return c.proposedBy ? t('consent.how.proposedBy', { name: c.proposedBy.name }) : '';
    const who = c.givenBy.kind === 'proxy' ? t('consent.how.byProxy', { name: c.givenBy.name }) : audience === 'citizen' ? t('consent.how.byYou') : t('consent.how.byCitizen');
    return t(`consent.how.${c.method}`, { who });
  };
}

export const stateOrder = ['proposed', 'active', 'pending', 'expired', 'revoked'] as const;

export function errorOf(err: unknown): ApiError {
  return err instanceof ApiError ? err : new ApiError('NETWORK', 0);
}

// ---- Fields: label, hint, one message already in the page's language ----------------------

interface FieldProps {
  label: string;
  hint?: string;
  error?: string;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}

export function Field({ label, hint, error, children }: FieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`form-group${error ? ' form-error' : ''}`}>
      <label className="form-label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <span className="form-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span className="form-error-message" id={`${id}-error`}>
          <span className="sr-only">{t('planForm.errorPrefix')} </span>
          {error}
        </span>
      )}
      {children({ id, describedBy, invalid: Boolean(error) })}
    </div>
  );
}

export function TextField(props: { label: string; hint?: string; error?: string; value: string; onChange: (v: string) => void; type?: 'text' | 'date'; multiline?: boolean; rows?: number; maxLength?: number }) {
  return (
    <Field label={props.label} hint={props.hint} error={props.error}>
      {({ id, describedBy, invalid }) =>
        props.multiline ? (
          <textarea
            id={id}
            className="form-input"
            rows={props.rows ?? 3}
            maxLength={props.maxLength}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            value={props.value}
            onChange={(e) => props.onChange(e.target.value)}
          />
        ) : (
          <input
            id={id}
            className={`form-input${props.type === 'date' ? ' input-width-s' : ''}`}
            type={props.type ?? 'text'}
            maxLength={props.maxLength}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            value={props.value}
            onChange={(e) => props.onChange(e.target.value)}
          />
        )
      }
    </Field>
  );
}

export function SelectField(props: { label: string; hint?: string; error?: string; value: string; onChange: (v: string) => void; options: { value: string; label: string }[]; empty?: string }) {
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

export function Checkboxes(props: { legend: string; hint?: string; error?: string; options: { value: string; label: string }[]; value: string[]; onChange: (v: string[]) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const toggle = (v: string, on: boolean) => props.onChange(on ? [...props.value, v] : props.value.filter((x) => x !== v));
  return (
    <div className={`form-group${props.error ? ' form-error' : ''}`}>
      <fieldset aria-describedby={[props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}>
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
        <ul className="nobullet-list sammen-checks">
          {props.options.map((o, i) => (
            <li key={o.value}>
              <input id={`${id}-${i}`} type="checkbox" className="form-checkbox" checked={props.value.includes(o.value)} onChange={(e) => toggle(o.value, e.target.checked)} />
              <label htmlFor={`${id}-${i}`}>{o.label}</label>
            </li>
          ))}
        </ul>
      </fieldset>
    </div>
  );
}

/** A calm confirmation that something worked; the live region stays so it is read out. */
export function Success({ text }: { text: string }) {
  return (
    <div role="status" className="sammen-status-region">
      {text && (
        <div className="alert alert-success">
          <div className="alert-body">
            <p className="alert-text">{text}</p>
          </div>
        </div>
      )}
    </div>
  );
}
