import { createContext, use, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanView } from '@sammen/domain/plans';
import { ApiError } from '../../app/api.ts';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { conflictOf } from './plans.api.ts';

// Everything a plan form needs: the plan it is based on, one way to send a write, and the three
// outcomes besides success — a field error (400), a version conflict (409: merge), any other error.

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
  | { status: 'invalid'; field: string | undefined; message: string }
  | { status: 'conflict'; current: PlanView }
  | { status: 'failed'; error: ApiError };

/** The server's own message without its "field: " prefix. */
function serverMessage(err: ApiError): string {
  const body = err.body as { error?: { message?: string } } | undefined;
  const message = body?.error?.message ?? '';
  return err.field && message.startsWith(`${err.field}: `) ? message.slice(err.field.length + 2) : message;
}

export function usePlanWrite() {
  const { plan, replacePlan, announceSaved } = usePlanContext();
  const [state, setState] = useState<WriteState>({ status: 'idle' });
  const translate = useFieldMessage();

  /** Sends a write based on the plan shown now; returns the new plan, or undefined when it did not save. */
  async function run(send: (baseVersion: number) => Promise<PlanView>, focusId?: string): Promise<PlanView | undefined> {
    setState({ status: 'saving' });
    try {
      const saved = await send(plan.version);
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
        setState({ status: 'invalid', field: err.field, message: serverMessage(err) });
        return undefined;
      }
      setState({ status: 'failed', error: err instanceof ApiError ? err : new ApiError('NETWORK', 0) });
      return undefined;
    }
  }

  const reset = () => setState({ status: 'idle' });
  /** The error to show at a field, if the server named it, in the page's language. */
  const errorAt = (field: string) => (state.status === 'invalid' && state.field === field ? translate(state.message) : undefined);
  return { state, run, reset, errorAt, saving: state.status === 'saving' };
}

export type PlanWrite = ReturnType<typeof usePlanWrite>;

/** Translates the server's English validation messages into the page's language where we know them. */
export function useFieldMessage() {
  const { t } = useTranslation();
  return (message: string | undefined): string | undefined => {
    if (message === undefined) return undefined;
    const max = /at most (\d+) characters/.exec(message);
    if (max) return t('planForm.errors.tooLong', { max: max[1] });
    if (/must not be empty|Too small|expected string/i.test(message)) return t('planForm.errors.empty');
    if (/before the start date/.test(message)) return t('planForm.errors.endBeforeStart');
    if (/circle/.test(message)) return t('planForm.errors.cycle');
    if (/depend on itself/.test(message)) return t('planForm.errors.self');
    if (/at least one goal/.test(message)) return t('planForm.errors.oneGoal');
    if (/Invalid ISO date|date/i.test(message)) return t('planForm.errors.date');
    if (/staff member/.test(message)) return t('planForm.errors.staff');
    if (/unit/.test(message)) return t('planForm.errors.unit');
    return t('planForm.errors.other', { message });
  };
}

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
  const fieldMessage = useFieldMessage();

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
      {state.status === 'invalid' && !state.field && (
        <div className="alert alert-error" role="alert">
          <div className="alert-body">
            <p className="alert-text">{fieldMessage(state.message)}</p>
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
