import type { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { errorReasons, type ErrorReason } from '@sammen/domain/errors';
import da from './i18n/da.json';
import en from './i18n/en.json';

// Why a field was refused, as data, whether the server refused it (ApiError) or the form's own
// check with the shared zod contract did: the same reason keys, so both show the same words.
// Texts are looked up by key (`errors.reasons.<reason>`), never by reading an English message.

export type ReasonParams = Record<string, string | number>;

/** A refused input: where (a dotted path, when known), why and with what limits. ApiError is one. */
export interface Problem {
  field?: string;
  reason?: ErrorReason;
  params?: ReasonParams;
}

const isReason = (v: unknown): v is ErrorReason => errorReasons.includes(v as ErrorReason);

/** The reason key for one zod issue: the same key the server sends for the same contract. */
export function problemOf(issue: z.core.$ZodIssue): Problem {
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
  const field = path.map(String).join('.') || undefined;
  // Needs safeParse(…, { reportInput: true }): an empty answer is "required", whatever the rule.
  const empty = issue.input === undefined || issue.input === null || issue.input === '';
  const because = (reason: ErrorReason, params?: ReasonParams): Problem => ({ field, reason, ...(params && { params }) });
  switch (issue.code) {
    case 'too_small': {
      if (issue.origin === 'array' || issue.origin === 'set') return because('tooFew', { min: Number(issue.minimum) });
      if (issue.origin === 'string') return empty ? because('required') : because('tooShort', { min: Number(issue.minimum) });
      if (issue.inclusive !== false && ['number', 'int', 'bigint'].includes(issue.origin)) return because('tooSmall', { min: Number(issue.minimum) });
      return { field };
    }
    case 'too_big': {
      if (issue.origin === 'array' || issue.origin === 'set') return because('tooMany', { max: Number(issue.maximum) });
      if (issue.origin === 'string') return because('tooLong', { max: Number(issue.maximum) });
      if (issue.inclusive !== false && ['number', 'int', 'bigint'].includes(issue.origin)) return because('tooLarge', { max: Number(issue.maximum) });
      return { field };
    }
    case 'invalid_format':
      if (empty) return because('required');
      return because(issue.format === 'date' || issue.format === 'datetime' ? 'invalidDate' : 'invalidFormat');
    case 'invalid_type':
      return because(empty ? 'required' : 'invalidType');
    case 'invalid_value':
      return because(empty ? 'required' : 'invalidValue');
    case 'unrecognized_keys':
      return because('unknownField');
    case 'custom': {
      // A rule of the contract names its reason: refine(…, { params: { reason: 'endBeforeStart' } }).
      const { reason, ...rest } = (issue.params ?? {}) as Record<string, unknown>;
      if (!isReason(reason)) return { field };
      const params = Object.fromEntries(Object.entries(rest).filter((e): e is [string, string | number] => typeof e[1] === 'string' || typeof e[1] === 'number'));
      return because(reason, Object.keys(params).length ? params : undefined);
    }
    default:
      return { field };
  }
}

/** Checks a form's values with the contract the server uses; on failure, every problem found. */
export function validate<S extends z.ZodType>(schema: S, values: unknown): { ok: true; data: z.output<S> } | { ok: false; problems: Problem[] } {
  const parsed = schema.safeParse(values, { reportInput: true });
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, problems: parsed.error.issues.map(problemOf) };
}

/** The form field a problem belongs to: `dependsOn.0` is shown at `dependsOn`. */
export const topField = (problem: Problem): string | undefined => problem.field?.split('.')[0] || undefined;

/**
 * The one way a refused input becomes words: `errors.reasons.<reason>` with its params, in the
 * page's language. Without a reason (an older server, an unusual rule) a calm "check the field";
 * never the server's English message, which is for developers.
 */
export function useReasonText() {
  const { t } = useTranslation();
  return (problem: Problem | undefined): string | undefined => {
    if (!problem) return undefined;
    if (problem.reason) return t(`errors.reasons.${problem.reason}`, { ...problem.params });
    return problem.field ? t('errors.checkField') : t('errors.VALIDATION');
  };
}

// A new reason in domain/src/errors.ts fails the type check here until both languages explain it.
const textsDa: Record<ErrorReason, string> = da.errors.reasons;
const textsEn: Record<ErrorReason, string> = en.errors.reasons;
void textsDa;
void textsEn;
