import { z } from 'zod';
import { loginMethods, persona, sessionView, type DemoLoginInput, type SessionView } from '@sammen/domain/identity';
import { ApiError, apiGet, apiSend, forgetCsrfToken, ok } from '../../app/api.ts';

export const demoPersona = persona.extend({ municipality: z.string() });
export type DemoPersona = z.infer<typeof demoPersona>;

export const fetchLoginMethods = () => apiGet('/api/auth/methods', loginMethods);
export const listDemoPersonas = () => apiGet('/api/auth/demo/personas', z.array(demoPersona));

/** The person signed in, or undefined when nobody is. */
export async function findSession(): Promise<SessionView | undefined> {
  try {
    return await apiGet('/api/auth/session', sessionView);
  } catch (err) {
    if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return undefined;
    throw err;
  }
}

export async function loginAsPersona(input: DemoLoginInput) {
  await apiSend('POST', '/api/auth/demo/login', input, ok);
  forgetCsrfToken(); // the session changed, and the token with it
}

export async function logout() {
  try {
    await apiSend('POST', '/api/auth/logout', {}, ok);
  } finally {
    forgetCsrfToken();
  }
}

export const switchUnit = (unitId: string) => apiSend('PUT', '/api/auth/unit', { unitId }, ok);

/** Staff log in with the municipality's identity provider: a full page navigation, not fetch. */
export const oidcStartUrl = '/api/auth/oidc/start';
