import { createContext, use, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { PlanView } from '@sammen/domain/plans';
import { ApiError } from '../../app/api.ts';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { topField, useReasonText, validate, type Problem } from '../../app/reasons.ts';
import { conflictOf } from './plans.api.ts';

// Everything a plan form needs: the plan it is based on, one way to send a write, and the three
// outcomes besides success — a refused field (checked here with the shared contract first, or a
// 400 from the server), a version conflict (409: merge), any other error.

export interface PlanContextValue {
  plan: PlanView;
  /** Show this plan from now on (after a save, or the current one after a conflict). */
  replacePlan: (plan: PlanView) => void;
  /** After a save: announce it and move focus to the element with this id. */
  announceSaved: (focusId?: string) => void;
}

const PlanContext = createContext<PlanContextValue | undefined>(undefined);
export const PlanProvider = PlanContext.Provider;

export function usePlanContext(): PlanContextValue {
  const ctx = use(PlanContext);
  if (!ctx) throw new Error('usePlanContext outside PlanProvider');
  return ctx;
}

export type WriteState =
  | { status: 'idle' }
  | { status: 'saving' }
  | { status: 'invalid'; problem: Problem }
  | { status: 'conflict'; current: PlanView }
  | { status: 'failed'; error: ApiError };

/** One write: the contract it must satisfy, its input on the version shown, and how to send it. */
export interface PlanWriteRequest<S extends z.ZodType> {
  schema: S;
  input: (baseVersion: number) => z.input<S>;
  send: (input: z.input<S>) => Promise<PlanView>;
  /** After a save, focus moves to the element with this id. */
  focusId?: string;
}

export function usePlanWrite() {
  const { plan, replacePlan, announceSaved } = usePlanContext();
  const [state, setState] = useState<WriteState>({ status: 'idle' });
  const reasonText = useReasonText();
  // The fields this render shows an error slot for (errorAt is called while the form renders,
  // before PlanForm does): a refused field the form does not show is announced above the fields.
  const shown = new Set<string>();

  /** Checks the input with the shared contract, then sends it; returns the new plan, or undefined when it did not save. */
  async function run<S extends z.ZodType>({ schema, input, send, focusId }: PlanWriteRequest<S>): Promise<PlanView | undefined> {
    const values = input(plan.version);
    const checked = validate(schema, values);
    if (!checked.ok) {
      setState({ status: 'invalid', problem: checked.problems[0] ?? {} });
      return undefined;
    }
    setState({ status: 'saving' });
    try {
      const saved = await send(values);
      setState({ status: 'idle' });
      replacePlan(saved);
      announceSaved(focusId);
      return saved;
    } catch (err) {
      const current = conflictOf(err);
      if (current) {
        // Nothing of the writer was saved. Show the plan as it is now; the form keeps what they wrote.
        setState({ status: 'conflict', current });
        replacePlan(current);
        return undefined;
      }
      if (err instanceof ApiError && err.code === 'VALIDATION') {
        setState({ status: 'invalid', problem: err });
        return undefined;
      }
      setState({ status: 'failed', error: err instanceof ApiError ? err : new ApiError('NETWORK', 0) });
      return undefined;
    }
  }

  const reset = () => setState({ status: 'idle' });
  /** The error to show at a field, in the page's language. Call it while rendering the form. */
  const errorAt = (field: string) => {
    shown.add(field);
    return state.status === 'invalid' && topField(state.problem) === field ? reasonText(state.problem) : undefined;
  };
  /** The error to show above the fields: one without a field, or at a field this form does not show. */
  const formError = () => {
    if (state.status !== 'invalid') return undefined;
    const field = topField(state.problem);
    return field && shown.has(field) ? undefined : reasonText(state.problem);
  };
  return { state, run, reset, errorAt, formError, saving: state.status === 'saving' };
}

export type PlanWrite = ReturnType<typeof usePlanWrite>;

// ---- The form frame and the merge panel --------------------------------------------------

export interface MergeField {
  label: string;
  mine: string;
  theirs: string;
  theirsBy?: string;
  /** For free text: put both versions in the field so the person can write one merged text. */
  merge?: () => void;
}

/**
 * A plan form: the fields, a save button, and what happens when saving fails. On a conflict it
 * shows what the person wrote next to what is there now, and lets them keep theirs, take
 * theirs, or write a merged text in the fields and save that.
 */
export function PlanForm(props: {
  write: PlanWrite;
  onSubmit: () => void;
  submitLabel: string;
  /** When several forms share a button text (e.g. "Udført"), the name that tells them apart. */
  submitAriaLabel?: string;
  onCancel?: () => void;
  compare: (current: PlanView) => MergeField[];
  children: ReactNode;
  className?: string;
}) {
  const { t } = useTranslation();
  const { state, saving } = props.write;
  const formError = props.write.formError();

  function submit(e: FormEvent) {
    e.preventDefault();
    props.onSubmit();
  }

  return (
    <form className={`sammen-plan-form ${props.className ?? ''}`} onSubmit={submit} noValidate>
      {state.status === 'conflict' && (
        <ConflictPanel
          fields={props.compare(state.current)}
          onTakeMine={props.onSubmit}
          onKeepTheirs={() => {
            props.write.reset();
            props.onCancel?.();
          }}
          saving={saving}
        />
      )}
      {formError && (
        <div className="alert alert-error" role="alert">
          <div className="alert-body">
            <p className="alert-text">{formError}</p>
          </div>
        </div>
      )}
      {props.children}
      {state.status === 'failed' && <ErrorAlert error={state.error} />}
      <div className="sammen-form-actions">
        <button type="submit" className="button button-primary" disabled={saving} aria-label={state.status === 'conflict' ? undefined : props.submitAriaLabel}>
          {state.status === 'conflict' ? t('planForm.conflict.saveFields') : props.submitLabel}
        </button>
        {props.onCancel && (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              props.write.reset();
              props.onCancel?.();
            }}
          >
            {t('planForm.cancel')}
          </button>
        )}
        {saving && (
          <span role="status" className="sammen-saving">
            {t('planForm.saving')}
          </span>
        )}
      </div>
    </form>
  );
}

function ConflictPanel({ fields, onTakeMine, onKeepTheirs, saving }: { fields: MergeField[]; onTakeMine: () => void; onKeepTheirs: () => void; saving: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert-warning sammen-conflict" role="alert">
      <div className="alert-body">
        <p className="alert-heading">{t('planForm.conflict.heading')}</p>
        <p className="alert-text">{t('planForm.conflict.text')}</p>
        {fields.map((f) => (
          <div key={f.label} className="sammen-compare-field">
            <p className="sammen-compare-label">{f.label}</p>
            <div className="sammen-compare">
              <div className="sammen-compare-side" data-side="mine">
                <p className="sammen-compare-heading">{t('planForm.conflict.mine')}</p>
                <p className="sammen-prewrap">{f.mine || t('planForm.conflict.emptyText')}</p>
              </div>
              <div className="sammen-compare-side" data-side="theirs">
                <p className="sammen-compare-heading">{f.theirsBy ? t('planForm.conflict.theirsBy', { name: f.theirsBy }) : t('planForm.conflict.theirs')}</p>
                <p className="sammen-prewrap">{f.theirs || t('planForm.conflict.emptyText')}</p>
              </div>
            </div>
            {f.merge && (
              <button type="button" className="button button-tertiary" onClick={f.merge}>
                {t('planForm.conflict.merge')}
              </button>
            )}
          </div>
        ))}
        <p className="alert-text">{t('planForm.conflict.mergeHint')}</p>
        <div className="sammen-form-actions">
          <button type="button" className="button button-primary" disabled={saving} onClick={onTakeMine}>
            {t('planForm.conflict.takeMine')}
          </button>
          <button type="button" className="button button-secondary" onClick={onKeepTheirs}>
            {t('planForm.conflict.keepTheirs')}
          </button>
        </div>
      </div>
    </div>
  );
}
