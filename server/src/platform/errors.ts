import type { FastifyError, FastifyInstance } from 'fastify';
import { ZodError } from 'zod';
import type { ErrorBody, ErrorCode } from '@sammen/domain/errors';

// Errors carry a code; the HTTP status is chosen here, once.

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly field?: string,
    /** More for the client beside `error`, e.g. the current plan with a CONFLICT. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message ?? defaultMessages[code]);
  }
}

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

interface ValidationIssue {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: { keys?: string[] };
}

/** Turns anything thrown into an AppError. Unknown errors become INTERNAL. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) return fromZodIssue(err.issues[0]);
  const e = err as FastifyError & { validation?: ValidationIssue[]; validationContext?: string };
  if (e?.validation?.length) {
    const first = e.validation[0]!;
    const path = first.instancePath?.split('/').filter(Boolean) ?? [];
    return fromZodIssue({ path, code: first.keyword, message: first.message, keys: first.params?.keys }, e.validationContext);
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

function fromZodIssue(issue: { path?: PropertyKey[]; message?: string; code?: string; keys?: string[] } | undefined, context?: string) {
  if (!issue) return new AppError('VALIDATION');
  let pathParts = (issue.path ?? []).map(String);
  if (issue.code === 'unrecognized_keys' && issue.keys?.length) {
    pathParts = [...pathParts, issue.keys[0]!];
    const field = pathParts.join('.');
    return new AppError('VALIDATION', `${field}: unknown field`, field);
  }
  const field = pathParts.join('.') || undefined;
  const where = field ?? context ?? 'input';
  return new AppError('VALIDATION', `${where}: ${issue.message}`, field);
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err, req, reply) => {
    const appError = toAppError(err);
    if (appError.code === 'INTERNAL') {
      // Logged once, with the request id; never the body, never personal data.
      req.log.error({ event: 'request.failed', err: { type: (err as Error)?.name, code: (err as FastifyError)?.code, stack: (err as Error)?.stack } });
    }
    const body: ErrorBody = {
      error: {
        code: appError.code,
        message: appError.message,
        ...(appError.field ? { field: appError.field } : {}),
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
