import { z } from 'zod';
import { errorCodes, type ErrorCode } from '@sammen/domain/errors';

// The one way the web talks to the server: same origin, JSON, CSRF token on every change,
// responses parsed by the shared zod contracts, and every failure turned into an ApiError
// with a code the pages can translate.

/** Codes from the server, plus the two only the browser can see. */
export type ClientErrorCode = ErrorCode | 'NETWORK' | 'BAD_RESPONSE';

export class ApiError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    readonly status: number,
    readonly requestId?: string,
    readonly field?: string,
    /** The whole error body: some errors carry more beside `error` (e.g. the current version with a CONFLICT). */
    readonly body?: unknown,
  ) {
    super(code);
  }
}

const errorBody = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    field: z.string().optional(),
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
    const { code, requestId, field } = parsed.data.error;
    throw new ApiError(code, res.status, requestId, field, body);
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
