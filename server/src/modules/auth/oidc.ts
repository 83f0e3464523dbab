import { timingSafeEqual } from 'node:crypto';
import * as client from 'openid-client';
import type { Ctx } from '../../platform/context.ts';
import type { Config } from '../../platform/config.ts';
import { AppError } from '../../platform/errors.ts';
import { selectStaffByOidc } from '../identity/identity.repository.ts';
import { claimLoginFlow, insertLoginFlow } from './auth.repository.ts';
import { hashToken, startSession } from './auth.service.ts';

// Staff log in with the municipality's identity provider through OpenID Connect
// (authorization code flow with PKCE, state and nonce, each single-use).
// Users are keyed by (issuer, subject); an unknown or disabled user is refused.

const FLOW_MAX_AGE_MS = 10 * 60_000;
const discovered = new Map<string, Promise<client.Configuration>>();

function providerConfiguration(config: Config): Promise<client.Configuration> {
  const oidc = config.oidc;
  if (!oidc) throw new AppError('NOT_FOUND', 'OpenID Connect is not configured');
  const key = `${oidc.issuer}|${oidc.clientId}`;
  let found = discovered.get(key);
  if (!found) {
    found = client.discovery(
      new URL(oidc.issuer),
      oidc.clientId,
      oidc.clientSecret,
      undefined,
      oidc.allowHttp ? { execute: [client.allowInsecureRequests] } : undefined,
    );
    // A failed discovery is retried on the next login instead of being cached.
    found.catch(() => discovered.delete(key));
    discovered.set(key, found);
  }
  return found;
}

export const oidcRedirectUri = (config: Config) => `${config.publicUrl}/api/auth/oidc/callback`;

/**
 * Creates a pending login. Returns the provider URL to send the browser to, and the state,
 * which the route also puts in a cookie: the callback must come back to the same browser.
 */
export async function startOidcLogin(ctx: Ctx): Promise<{ url: string; state: string }> {
  const provider = await providerConfiguration(ctx.config);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  await insertLoginFlow(ctx.db, { stateHash: hashToken(state), nonce, codeVerifier }, FLOW_MAX_AGE_MS);
  const url = client.buildAuthorizationUrl(provider, {
    redirect_uri: oidcRedirectUri(ctx.config),
    scope: 'openid profile email',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  }).href;
  return { url, state };
}

/** Completes a login from the provider's callback URL; returns the new session token. */
export async function finishOidcLogin(ctx: Ctx, callbackUrl: URL, browserState: string | undefined, previousToken?: string): Promise<string> {
  const provider = await providerConfiguration(ctx.config);
  const state = callbackUrl.searchParams.get('state');
  if (!state) throw new AppError('LOGIN_FAILED', 'The login response has no state');
  // Login CSRF / code injection: a callback URL finished in another browser gets nothing.
  if (!browserState || !timingSafeEqual(Buffer.from(hashToken(browserState)), Buffer.from(hashToken(state)))) {
    throw new AppError('LOGIN_FAILED', 'This login was not started in this browser');
  }
  const flow = await claimLoginFlow(ctx.db, hashToken(state), FLOW_MAX_AGE_MS);
  if (!flow) throw new AppError('LOGIN_FAILED', 'This login has already been used or has expired');
  let claims: client.IDToken | undefined;
  try {
    const tokens = await client.authorizationCodeGrant(provider, callbackUrl, {
      pkceCodeVerifier: flow.code_verifier,
      expectedState: state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims();
  } catch {
    throw new AppError('LOGIN_FAILED', 'The identity provider’s response could not be verified');
  }
  if (!claims) throw new AppError('LOGIN_FAILED', 'The identity provider returned no ID token');
  const person = await selectStaffByOidc(ctx.db, claims.iss, claims.sub);
  if (!person || person.disabledAt) throw new AppError('LOGIN_FAILED', 'This user has no access to Sammen');
  return startSession(ctx, { municipalityId: person.municipalityId, actorKind: 'staff', actorId: person.id, method: 'oidc' }, previousToken);
}
