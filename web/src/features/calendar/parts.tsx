import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { AppointmentView } from '@sammen/domain/appointments';
import type { z } from 'zod';
import { ApiError } from '../../app/api.ts';
import { AlertIcon } from '../../app/AlertIcon.tsx';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Field } from '../../app/form.tsx';
import { useReasonText, validate, type Problem } from '../../app/reasons.ts';
import './calendar.css';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCalendarFormat } from './format.ts';
import { WEEKS_SHOWN, addDays, dayOf } from './time.ts';

// Small pieces the calendar's pages and forms share.

/**
 * Where a refused input is shown: at the field it names (the closest one the form has:
 * `recurrence.byWeekday.0` at `recurrence.byWeekday`, else at `recurrence`), or above the
 * fields when the form has no such field; any other failure as an error alert.
 */
export function useFormErrors(fields: readonly string[]) {
  const [problem, setProblem] = useState<Problem>();
  const [error, setError] = useState<ApiError>();
  const reasonText = useReasonText();
  const home = problem?.field ? homeOf(problem.field, fields) : undefined;

  /** Checks values with the shared contract; on failure shows the first problem and returns undefined. */
  function check<S extends z.ZodType>(schema: S, values: unknown): z.output<S> | undefined {
    setError(undefined);
    const checked = validate(schema, values);
    if (checked.ok) {
      setProblem(undefined);
      return checked.data;
    }
    setProblem(checked.problems[0] ?? {});
    return undefined;
  }

  /** A failed send: a refused field at its field, anything else as an alert. */
  function fail(err: unknown) {
    if (err instanceof ApiError && (err.code === 'VALIDATION' || (err.field && err.reason))) {
      setProblem(err);
      setError(undefined);
    } else {
      setProblem(undefined);
      setError(err instanceof ApiError ? err : new ApiError('NETWORK', 0));
    }
  }

  const reset = () => {
    setProblem(undefined);
    setError(undefined);
  };

  return {
    errorAt: (field: string) => (problem && home === field ? reasonText(problem) : undefined),
    /** A problem the form has no field for. */
    formError: problem && !home ? reasonText(problem) : undefined,
    error,
    check,
    fail,
    reset,
    show: setProblem,
  };
}

function homeOf(field: string, fields: readonly string[]): string | undefined {
  const parts = field.split('.');
  for (let n = parts.length; n > 0; n--) {
    const candidate = parts.slice(0, n).join('.');
    if (fields.includes(candidate)) return candidate;
  }
  return undefined;
}

/** The errors a form shows above its fields: a refused field it does not show, or any other failure. */
export function FormErrors({ formError, error }: { formError?: string; error?: ApiError }) {
  return (
    <>
      {formError && (
        <div className="alert alert-error" role="alert">
          <AlertIcon variant="error" />
          <div className="alert-body">
            <p className="alert-text">{formError}</p>
          </div>
        </div>
      )}
      {error && <ErrorAlert error={error} />}
    </>
  );
}


/** An input of a given type in the dkfds field pattern (date, time, number, text). */
export function Input(props: {
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onChange: (v: string) => void;
  type?: 'text' | 'date' | 'time' | 'number';
  width?: 's' | 'm' | 'l';
  min?: number | string;
  max?: number | string;
  step?: number | string;
  maxLength?: number;
  inputMode?: 'numeric' | 'decimal';
  after?: ReactNode;
  required?: boolean;
}) {
  return (
    <Field label={props.label} hint={props.hint} error={props.error} after={props.after}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          className={`form-input${props.width ? ` input-width-${props.width}` : ''}`}
          type={props.type ?? 'text'}
          min={props.min}
          max={props.max}
          step={props.step}
          maxLength={props.maxLength}
          inputMode={props.inputMode}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          aria-required={props.required || undefined}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

/** A value that follows another after it has stopped changing for `ms` (compared by content). */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  const key = JSON.stringify(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, ms]);
  return settled;
}

/** The appointments by Danish calendar day (YYYY-MM-DD), each day in order of start. */
export function useAppointmentsByDay(appointments: AppointmentView[]) {
  return useMemo(() => {
    const m = new Map<string, AppointmentView[]>();
    for (const a of [...appointments].sort((x, y) => Date.parse(x.start) - Date.parse(y.start))) {
      const d = dayOf(a.start);
      m.set(d, [...(m.get(d) ?? []), a]);
    }
    return m;
  }, [appointments]);
}

/** Previous / this week / next: the calendar's window of WEEKS_SHOWN weeks, as links (`base?from&to`). */
export function RangeNav({ base, words, from, to, loading }: { base: string; words: 'calendar' | 'borgerCalendar'; from: string; to: string; loading: boolean }) {
  const { t } = useTranslation();
  const f = useCalendarFormat();
  const days = WEEKS_SHOWN * 7;
  const link = (start: string) => `${base}?from=${start}&to=${addDays(start, days - 1)}`;
  return (
    <nav className="sammen-range-nav" aria-label={t(`${words}.range.label`)}>
      <p className="sammen-range-now">
        {t(`${words}.range.showing`, { from: f.date(from), to: f.date(to) })}
        {loading && <span className="sr-only"> {t('app.loading')}</span>}
      </p>
      <ul className="sammen-range-links">
        <li>
          <Link to={link(addDays(from, -days))}>
            <span aria-hidden="true">← </span>
            {t(`${words}.range.previous`, { count: WEEKS_SHOWN })}
          </Link>
        </li>
        <li>
          <Link to={base}>{t(`${words}.range.thisWeek`)}</Link>
        </li>
        <li>
          <Link to={link(addDays(from, days))}>
            {t(`${words}.range.next`, { count: WEEKS_SHOWN })}
            <span aria-hidden="true"> →</span>
          </Link>
        </li>
      </ul>
    </nav>
  );
}
