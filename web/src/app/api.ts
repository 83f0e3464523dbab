import { z } from 'zod';
import { errorCodes, errorReasons, type ErrorCode, type ErrorReason } from '@sammen/domain/errors';

// The one way the web talks to the server: same origin, JSON, CSRF token on every change,
// responses parsed by the shared zod contracts, and every failure turned into an ApiError
// with a code the pages can translate (and, for a refused field, a reason: see reasons.ts).

/** Codes from the server, plus the two only the browser can see. */
export type ClientErrorCode = ErrorCode | 'NETWORK' | 'BAD_RESPONSE';

export interface ApiErrorDetails {
  requestId?: string;
  /** The field the problem is in, as a dotted path (e.g. `dependsOn.0`). */
  field?: string;
  /** Why, as a key the web translates (`errors.reasons.<reason>`); absent from older servers. */
  reason?: ErrorReason;
  params?: Record<string, string | number>;
  /** The whole error body: some errors carry more beside `error` (e.g. the current version with a CONFLICT). */
  body?: unknown;
}

export class ApiError extends Error {
  readonly requestId?: string;
  readonly field?: string;
  readonly reason?: ErrorReason;
  readonly params?: Record<string, string | number>;
  readonly body?: unknown;

  constructor(
    readonly code: ClientErrorCode,
    readonly status: number,
    details: ApiErrorDetails = {},
  ) {
    super(code);
    this.requestId = details.requestId;
    this.field = details.field;
    this.reason = details.reason;
    this.params = details.params;
    this.body = details.body;
  }
}

const errorBody = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    field: z.string().optional(),
    // A reason this web does not know yet (a newer server) or a malformed one is dropped, not
    // fatal: the page then shows the generic text for the field.
    reason: z.enum(errorReasons).optional().catch(undefined),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional().catch(undefined),
    requestId: z.string(),
  }),
});

let csrfToken: Promise<string> | undefined;

/** The token belongs to the session: forget it whenever someone logs in or out. */
export function forgetCsrfToken() {
  csrfToken = undefined;
}

function fetchCsrfToken(): Promise<string> {
  csrfToken ??= apiGet('/api/auth/csrf', z.object({ token: z.string() })).then(
    (r) => r.token,
    (err) => {
      csrfToken = undefined;
      throw err;
    },
  );
  return csrfToken;
}

async function send(path: string, init: RequestInit): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, credentials: 'same-origin', headers: { accept: 'application/json', ...init.headers } });
  } catch {
    throw new ApiError('NETWORK', 0);
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const parsed = errorBody.safeParse(body);
    if (!parsed.success) throw new ApiError(res.status >= 500 ? 'INTERNAL' : 'BAD_RESPONSE', res.status);
    const { code, requestId, field, reason, params } = parsed.data.error;
    throw new ApiError(code, res.status, { requestId, field, reason, params, body });
  }
  return body;
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiError('BAD_RESPONSE', 200);
  return parsed.data;
}

export async function apiGet<T>(path: string, schema: z.ZodType<T>): Promise<T> {
  return parse(schema, await send(path, { method: 'GET' }));
}

export async function apiSend<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body: object, schema: z.ZodType<T>): Promise<T> {
  const attempt = async () =>
    send(path, {
      method,
      headers: { 'content-type': 'application/json', 'x-csrf-token': await fetchCsrfToken() },
      body: JSON.stringify(body),
    });
  try {
    return parse(schema, await attempt());
  } catch (err) {
    // A token from before a login or a server restart is refused once; fetch a new one and retry.
    if (err instanceof ApiError && err.code === 'CSRF_INVALID') {
      forgetCsrfToken();
      return parse(schema, await attempt());
    }
    throw err;
  }
}

export const ok = z.object({ ok: z.literal(true) });
