// Error codes shared by server and web. The server maps each to one HTTP status
// (server/src/platform/errors.ts); the web shows one message per code.

export const errorCodes = [
  'VALIDATION',
  'BAD_JSON',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CONSENT_REQUIRED',
  'CSRF_INVALID',
  'NOT_FOUND',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'LOGIN_FAILED',
  'NOT_READY',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    /** The field the problem is in, as a dotted path, when there is one. */
    field?: string;
    requestId: string;
  };
}
