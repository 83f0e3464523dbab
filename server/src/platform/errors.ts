import type { FastifyError, FastifyInstance } from 'fastify';
import { ZodError } from 'zod';
import type { ErrorBody, ErrorCode, ErrorReason } from '@sammen/domain/errors';

// Errors carry a code; the HTTP status is chosen here, once.

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly field?: string,
    /** More for the client beside `error`, e.g. the current plan with a CONFLICT. */
    readonly extra?: Record<string, unknown>,
    /** Why, as a key the web translates (domain/src/errors.ts), with its parameters. */
    readonly reason?: ErrorReason,
    readonly params?: Record<string, string | number>,
  ) {
    super(message ?? defaultMessages[code]);
  }
}

/** Bad input in a named field, with the reason the web translates. */
export const invalid = (field: string, reason: ErrorReason, message: string, params?: Record<string, string | number>) =>
  new AppError('VALIDATION', `${field}: ${message}`, field, undefined, reason, params);

const defaultMessages: Record<ErrorCode, string> = {
  VALIDATION: 'The input is not valid',
  BAD_JSON: 'The request body is not valid JSON',
  UNAUTHENTICATED: 'You are not logged in, or your session has ended',
  FORBIDDEN: 'You are not allowed to do this',
  CONSENT_REQUIRED: 'The citizen has not given consent to share this part of the plan with your unit',
  CSRF_INVALID: 'The request is missing a valid CSRF token or comes from another site',
  NOT_FOUND: 'Not found',
  CONFLICT: 'Someone else changed this first',
  PAYLOAD_TOO_LARGE: 'The request body is larger than 1 MB',
  UNSUPPORTED_MEDIA_TYPE: 'The request body must be JSON (Content-Type: application/json)',
  RATE_LIMITED: 'Too many attempts; wait a minute and try again',
  LOGIN_FAILED: 'Login failed',
  NOT_READY: 'The service is not ready',
  INTERNAL: 'Something went wrong on our side',
};

export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION':
    case 'BAD_JSON':
      return 400;
    case 'UNAUTHENTICATED':
    case 'LOGIN_FAILED':
      return 401;
    case 'FORBIDDEN':
    case 'CONSENT_REQUIRED':
    case 'CSRF_INVALID':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
      return 409;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case 'RATE_LIMITED':
      return 429;
    case 'NOT_READY':
      return 503;
    case 'INTERNAL':
      return 500;
  }
}

/** A zod issue, or a schema validation error of the zod type provider (the issue's fields in `params`). */
interface ValidationIssue {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

interface Issue {
  path?: PropertyKey[];
  code?: string;
  message?: string;
  [k: string]: unknown;
}

/** The reason (and its parameters) for a zod issue: the same keys the web uses for its own checks. */
function reasonOf(issue: Issue): { reason: ErrorReason; params?: Record<string, string | number> } {
  const n = (v: unknown) => (typeof v === 'bigint' ? Number(v) : (v as number));
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? { reason: 'required' } : { reason: 'tooShort', params: { min: n(issue.minimum) } };
      if (issue.origin === 'array' || issue.origin === 'set') return { reason: 'tooFew', params: { min: n(issue.minimum) } };
      return { reason: 'tooSmall', params: { min: n(issue.minimum) } };
    case 'too_big':
      if (issue.origin === 'string') return { reason: 'tooLong', params: { max: n(issue.maximum) } };
      if (issue.origin === 'array' || issue.origin === 'set') return { reason: 'tooMany', params: { max: n(issue.maximum) } };
      return { reason: 'tooLarge', params: { max: n(issue.maximum) } };
    case 'invalid_format':
      return issue.format === 'date' ? { reason: 'invalidDate' } : { reason: 'invalidFormat' };
    case 'invalid_type':
      return issue.input === undefined ? { reason: 'required' } : { reason: 'invalidType' };
    case 'invalid_value':
    case 'invalid_union':
      return { reason: 'invalidValue' };
    case 'unrecognized_keys':
      return { reason: 'unknownField' };
    case 'custom': {
      // A rule of the contract names its reason and, when its message needs them, its values:
      // refine(…, { params: { reason: 'tooManyOccurrences', max: 400 } }) — as web/src/app/reasons.ts reads it.
      const { reason, ...rest } = (issue.params ?? {}) as Record<string, unknown>;
      const params = Object.fromEntries(Object.entries(rest).filter((e): e is [string, string | number] => typeof e[1] === 'string' || typeof e[1] === 'number'));
      return { reason: (reason as ErrorReason | undefined) ?? 'invalidValue', ...(Object.keys(params).length && { params }) };
    }
    default:
      return { reason: 'invalidValue' };
  }
}

/** Turns anything thrown into an AppError. Unknown errors become INTERNAL. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) return fromZodIssue(err.issues[0] as Issue | undefined);
  const e = err as FastifyError & { validation?: ValidationIssue[]; validationContext?: string };
  if (e?.validation?.length) {
    const first = e.validation[0]!;
    const path = first.instancePath?.split('/').filter(Boolean) ?? [];
    return fromZodIssue({ ...first.params, path, code: first.keyword, message: first.message }, e.validationContext);
  }
  switch (e?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('BAD_JSON', 'The request body is empty but Content-Type is JSON');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('BAD_JSON');
    case 'FST_CSRF_INVALID_TOKEN':
    case 'FST_CSRF_MISSING_SECRET':
      return new AppError('CSRF_INVALID');
  }
  if (e instanceof SyntaxError || (e as { statusCode?: number })?.statusCode === 400 && /JSON/i.test(e.message)) {
    return new AppError('BAD_JSON');
  }
  if ((e as { statusCode?: number })?.statusCode === 429) return new AppError('RATE_LIMITED');
  // A unique constraint lost to a concurrent request: someone else did it first.
  if ((e as { cause?: { code?: string } })?.cause?.code === '23505' || (e as { code?: string })?.code === '23505') return new AppError('CONFLICT');
  return new AppError('INTERNAL');
}

function fromZodIssue(issue: Issue | undefined, context?: string) {
  if (!issue) return new AppError('VALIDATION');
  let pathParts = (issue.path ?? []).map(String);
  const { reason, params } = reasonOf(issue);
  const keys = issue.keys as string[] | undefined;
  if (issue.code === 'unrecognized_keys' && keys?.length) {
    pathParts = [...pathParts, keys[0]!];
    const field = pathParts.join('.');
    return new AppError('VALIDATION', `${field}: unknown field`, field, undefined, reason);
  }
  const field = pathParts.join('.') || undefined;
  const where = field ?? context ?? 'input';
  return new AppError('VALIDATION', `${where}: ${issue.message}`, field, undefined, reason, params);
}

/**
 * What a log line may say about a failure: its kind, the driver's error code, the constraint and
 * table it hit, and the stack frames — never its message. A failed statement's message holds the
 * statement and its parameters (the ORM's "Failed query … params: …"), and so a citizen's words.
 */
export function loggableError(err: unknown) {
  const e = err as { name?: string; code?: unknown; stack?: unknown; cause?: unknown } | undefined;
  const db = [e, e?.cause].find((x): x is { code: string; constraint?: string; table?: string; column?: string; routine?: string } =>
    typeof x === 'object' && x !== null && typeof (x as { code?: unknown }).code === 'string' && /^[0-9A-Z]{5}$/.test((x as { code: string }).code));
  const frames = typeof e?.stack === 'string' ? e.stack.split('\n').filter((l) => /^\s+at /.test(l)).join('\n') : undefined;
  return {
    type: e?.name,
    ...(typeof e?.code === 'string' ? { code: e.code } : {}),
    ...(db ? { sqlState: db.code, constraint: db.constraint, table: db.table, column: db.column, routine: db.routine } : {}),
    stack: frames,
  };
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err, req, reply) => {
    const appError = toAppError(err);
    if (appError.code === 'INTERNAL') {
      // Logged once, with the request id; never the body, never personal data.
      req.log.error({ event: 'request.failed', route: req.routeOptions?.url, err: loggableError(err) });
    }
    const body: ErrorBody = {
      error: {
        code: appError.code,
        message: appError.message,
        ...(appError.field ? { field: appError.field } : {}),
        ...(appError.reason ? { reason: appError.reason } : {}),
        ...(appError.params ? { params: appError.params } : {}),
        requestId: String(req.id),
      },
    };
    // Error bodies bypass the route's response schema.
    return reply
      .status(statusOf(appError.code))
      .type('application/json')
      .serializer(JSON.stringify)
      .send({ ...body, ...appError.extra });
  });
  app.setNotFoundHandler((req, reply) => {
    const body: ErrorBody = { error: { code: 'NOT_FOUND', message: 'Not found', requestId: String(req.id) } };
    return reply.status(404).send(body);
  });
}
