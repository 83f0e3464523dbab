import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
// oidc-provider ships no type declarations; the few calls below are checked by running them.
// @ts-ignore
import Provider from 'oidc-provider';
import { auditEvents } from '../audit/audit.schema.ts';
import { sessions } from './auth.schema.ts';
import type { Database } from '../../platform/db.ts';
import { TestClient, testApp, testDatabase } from '../../../test/helpers.ts';
import { aSmallMunicipality, aStaffMember } from '../identity/identity.factories.ts';

// Staff login through OpenID Connect, end to end: a real identity provider (oidc-provider with
// its development login and consent pages) on a loopback port, the app driven through
// app.inject, and the browser in between played by hand with a cookie jar for the provider.
// SECURITY.md items 1, 2 and 5: users keyed by (issuer, subject); state, nonce and PKCE
// single-use; the session id changes at login.

const PUBLIC_URL = 'http://localhost:3000';
const REDIRECT_URI = `${PUBLIC_URL}/api/auth/oidc/callback`;
const CLIENT_ID = 'sammen-test';
const CLIENT_SECRET = randomBytes(24).toString('hex');
const SESSION_COOKIE = 'sammen_session'; // PUBLIC_URL is http, so no __Host- prefix

let database: Database;
let app: FastifyInstance;
let idp: { issuer: string; server: Server; tokenRequests: () => number };
let home: Awaited<ReturnType<typeof aSmallMunicipality>>;

async function startIdentityProvider() {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [REDIRECT_URI],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    findAccount: (_ctx: unknown, sub: string) => ({ accountId: sub, claims: () => ({ sub }) }),
    claims: { openid: ['sub'], profile: ['name'], email: ['email'] },
    pkce: { required: () => true },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    features: { devInteractions: { enabled: true } },
    ttl: { AuthorizationCode: 60, Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600 },
  });
  let tokenRequests = 0;
  server.on('request', (req) => {
    if (req.method === 'POST' && req.url?.split('?')[0] === '/token') tokenRequests++;
  });
  server.on('request', provider.callback());
  return { issuer, server, tokenRequests: () => tokenRequests };
}

beforeAll(async () => {
  idp = await startIdentityProvider();
  database = await testDatabase();
  app = await testApp(database, {
    PUBLIC_URL,
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: CLIENT_ID,
    OIDC_CLIENT_SECRET: CLIENT_SECRET,
    OIDC_ALLOW_HTTP: 'true',
  });
  home = await aSmallMunicipality(database);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
  if (idp) {
    idp.server.closeAllConnections();
    await new Promise((resolve) => idp.server.close(resolve));
  }
});

// ---- The browser at the identity provider ---------------------------------------------

/** Cookies of the provider's origin, as a browser keeps them (path is ignored: names differ). */
class CookieJar {
  private cookies = new Map<string, string>();
  keep(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      const expires = attrs.map((a) => a.trim()).find((a) => /^expires=/i.test(a));
      const maxAge = attrs.map((a) => a.trim()).find((a) => /^max-age=/i.test(a));
      const gone = value === '' || (maxAge && Number(maxAge.split('=')[1]) <= 0) || (expires && new Date(expires.slice(8)).getTime() < Date.now());
      if (gone) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** The one form on a devInteractions page: its action and its fields, filled in. */
function fillForm(html: string, base: string, login: string) {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no form on the provider page:\n${html.slice(0, 500)}`);
  const fields = new URLSearchParams();
  for (const [input] of html.matchAll(/<input[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(input)?.[1];
    if (!name) continue;
    const value = /value="([^"]*)"/.exec(input)?.[1] ?? '';
    fields.set(name, name === 'login' ? login : name === 'password' ? 'any password' : value);
  }
  return { url: new URL(action.replace(/&amp;/g, '&'), base).href, body: fields };
}

/**
 * Follows the provider's redirects and pages from the authorization URL: the login form, then
 * the consent form, until the provider sends the browser back to our redirect_uri. Returns
 * that callback URL (with code, state and iss) without visiting it.
 */
async function signInAtProvider(authorizationUrl: string, login: string): Promise<URL> {
  const jar = new CookieJar();
  let next: { url: string; body?: URLSearchParams } = { url: authorizationUrl };
  for (let step = 0; step < 20; step++) {
    expect(next.url.startsWith(idp.issuer + '/')).toBe(true);
    const res = await fetch(next.url, {
      method: next.body ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: jar.header(), ...(next.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: next.body,
    });
    jar.keep(res);
    if (res.status >= 300 && res.status < 400) {
      const location = new URL(res.headers.get('location')!, next.url);
      await res.arrayBuffer();
      if (location.href.startsWith(REDIRECT_URI + '?')) return location;
      next = { url: location.href };
    } else if (res.status === 200) {
      next = fillForm(await res.text(), next.url, login);
    } else {
      throw new Error(`the provider answered ${res.status}: ${await res.text()}`);
    }
  }
  throw new Error('the provider never sent the browser back');
}

// ---- The browser at Sammen ------------------------------------------------------------

/** GET /api/auth/oidc/start in this browser; returns the provider URL it was sent to. */
async function startLogin(browser: TestClient) {
  const res = await browser.get('/api/auth/oidc/start');
  expect(res.statusCode).toBe(302);
  const location = String(res.headers.location);
  const url = new URL(location);
  expect(url.origin).toBe(idp.issuer);
  expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT_URI);
  expect(url.searchParams.get('code_challenge_method')).toBe('S256');
  expect(url.searchParams.get('state')).toBeTruthy();
  expect(url.searchParams.get('nonce')).toBeTruthy();
  return location;
}

/** Sends the browser to the callback URL the provider gave, like the redirect would. */
const visitCallback = (browser: TestClient, callback: URL) => browser.get(callback.pathname + callback.search);

/** Start to callback URL; the callback itself is left to the test. */
async function loginAtProvider(browser: TestClient, subject: string) {
  return signInAtProvider(await startLogin(browser), subject);
}

const sessionCookieSet = (res: LightMyRequestResponse) =>
  (res.cookies as { name: string; value: string }[]).find((c) => c.name === SESSION_COOKIE && c.value !== '');

const expectRefused = (res: LightMyRequestResponse) => {
  expect(res.statusCode).toBe(302);
  expect(res.headers.location).toBe('/login?error=oidc');
  expect(sessionCookieSet(res)).toBeUndefined();
};

const sessionsOf = (staffId: string) => database.db.select().from(sessions).where(eq(sessions.actorId, staffId));

const newSubject = () => `medarbejder-${randomBytes(6).toString('hex')}`;

async function anOidcStaffMember(extra: { disabledAt?: Date } = {}) {
  const subject = newSubject();
  const person = await aStaffMember(database, home.municipality.id, [[home.jobcenter.id, 'caseworker']], {
    oidcIssuer: idp.issuer,
    oidcSubject: subject,
    ...extra,
  });
  return { person, subject };
}

// ---- Tests ----------------------------------------------------------------------------

describe('staff login with OpenID Connect', () => {
  test('a known staff member logs in: session cookie, working session, audited as an oidc login', async () => {
    const { person, subject } = await anOidcStaffMember();
    const browser = new TestClient(app);
    const callback = await loginAtProvider(browser, subject);
    expect(callback.searchParams.get('code')).toBeTruthy();

    const res = await visitCallback(browser, callback);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/');
    const cookie = (res.cookies as { name: string; value: string; httpOnly?: boolean; sameSite?: string }[]).find((c) => c.name === SESSION_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(cookie!.value.length).toBeGreaterThanOrEqual(43); // 256 random bits, base64url

    const session = await browser.get('/api/auth/session');
    expect(session.statusCode).toBe(200);
    expect(session.json()).toMatchObject({ kind: 'staff', staffId: person.id, name: person.name, municipality: { id: home.municipality.id } });

    const rows = await sessionsOf(person.id);
    expect(rows.map((s) => s.loginMethod)).toEqual(['oidc']);
    const logins = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'session.login'), eq(auditEvents.subjectId, person.id)));
    expect(logins).toHaveLength(1);
    expect(logins[0]).toMatchObject({ kind: 'auth', municipalityId: home.municipality.id, subjectType: 'staff', outcome: 'ok', details: { method: 'oidc' } });
  });

  test('a replayed callback does not log in again', async () => {
    const { person, subject } = await anOidcStaffMember();
    const browser = new TestClient(app);
    const callback = await loginAtProvider(browser, subject);
    const first = await visitCallback(browser, callback);
    expect(first.headers.location).toBe('/');

    // The same URL again, from another browser (a leaked URL) and from the same one. The app
    // refuses it on its own (the state is used up) without asking the provider to redeem the code.
    const tokenRequests = idp.tokenRequests();
    const again = await visitCallback(new TestClient(app), callback);
    expectRefused(again);
    const sameBrowser = new TestClient(app);
    sameBrowser.cookies = new Map(browser.cookies);
    expectRefused(await visitCallback(sameBrowser, callback));
    expect(idp.tokenRequests()).toBe(tokenRequests);

    expect(await sessionsOf(person.id)).toHaveLength(1);
    // The first login is not harmed by the replays.
    expect((await browser.get('/api/auth/session')).json()).toMatchObject({ staffId: person.id });
  });

  test('a subject no staff member has is refused, without a session', async () => {
    // A staff member with the same subject at another issuer does not count: users are keyed by (issuer, subject).
    const subject = newSubject();
    const elsewhere = await aStaffMember(database, home.municipality.id, [[home.jobcenter.id, 'caseworker']], {
      oidcIssuer: 'https://idp.other.example',
      oidcSubject: subject,
    });
    const browser = new TestClient(app);
    const res = await visitCallback(browser, await loginAtProvider(browser, subject));
    expectRefused(res);
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
    expect((await browser.get('/api/auth/session')).statusCode).toBe(401);
    expect(await sessionsOf(elsewhere.id)).toHaveLength(0);
  });

  test('a disabled staff member is refused', async () => {
    const { person, subject } = await anOidcStaffMember({ disabledAt: new Date() });
    const browser = new TestClient(app);
    const res = await visitCallback(browser, await loginAtProvider(browser, subject));
    expectRefused(res);
    expect((await browser.get('/api/auth/session')).statusCode).toBe(401);
    expect(await sessionsOf(person.id)).toHaveLength(0);
  });

  test('a tampered state is refused, and so is a valid state paired with another flow’s code', async () => {
    const { person, subject } = await anOidcStaffMember();
    const browser = new TestClient(app);

    const tokenRequests = idp.tokenRequests();
    const tampered = await loginAtProvider(browser, subject);
    tampered.searchParams.set('state', tampered.searchParams.get('state')!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')));
    expectRefused(await visitCallback(browser, tampered));
    const missing = new URL(tampered);
    missing.searchParams.delete('state');
    expectRefused(await visitCallback(browser, missing));
    expect(idp.tokenRequests()).toBe(tokenRequests); // refused before the code is redeemed

    // Two real flows; the code of one with the state of the other (its PKCE verifier and nonce differ).
    const a = await loginAtProvider(browser, subject);
    const b = await loginAtProvider(browser, subject);
    const swapped = new URL(a);
    swapped.searchParams.set('state', b.searchParams.get('state')!);
    expectRefused(await visitCallback(browser, swapped));
    expect(idp.tokenRequests()).toBe(tokenRequests + 1); // the provider refused the code: wrong PKCE verifier

    expect(await sessionsOf(person.id)).toHaveLength(0);
    expect((await browser.get('/api/auth/session')).statusCode).toBe(401);
  });

  test('logging in ends the session the browser already had: the old session id gets 401', async () => {
    const { person, subject } = await anOidcStaffMember();
    const browser = await new TestClient(app).loginAs('staff', home.caseworker.id);
    const oldToken = browser.cookies.get(SESSION_COOKIE)!;
    expect(oldToken).toBeTruthy();
    expect((await browser.get('/api/auth/session')).json()).toMatchObject({ staffId: home.caseworker.id });

    const res = await visitCallback(browser, await loginAtProvider(browser, subject));
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/');
    const newToken = browser.cookies.get(SESSION_COOKIE)!;
    expect(newToken).toBeTruthy();
    expect(newToken).not.toBe(oldToken);
    expect((await browser.get('/api/auth/session')).json()).toMatchObject({ staffId: person.id });

    const old = new TestClient(app);
    old.cookies.set(SESSION_COOKIE, oldToken);
    const stale = await old.get('/api/auth/session');
    expect(stale.statusCode).toBe(401);
    expect(stale.json().error.code).toBe('UNAUTHENTICATED');
  });

  // ---- Defects found while writing these tests, now fixed.

  test('the login audit row names the person logging in, not the previous user of the browser', async () => {
    const { person, subject } = await anOidcStaffMember();
    const browser = await new TestClient(app).loginAs('staff', home.caseworker.id);
    const res = await visitCallback(browser, await loginAtProvider(browser, subject));
    expect(res.headers.location).toBe('/');
    const [login] = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'session.login'), eq(auditEvents.subjectId, person.id)));
    expect(login).toBeDefined();
    // The person who logged in is the subject; whoever used the browser before must not be the actor.
    expect(login!.actorId).not.toBe(home.caseworker.id);
  });

  test('a callback URL finished in another browser than the one that started the login is refused', async () => {
    const { person, subject } = await anOidcStaffMember();
    const starter = new TestClient(app);
    const callback = await loginAtProvider(starter, subject);
    // A leaked or planted callback URL (login CSRF / code injection): the state must be bound to
    // the browser that started the flow, so a browser without that binding gets nothing.
    const other = new TestClient(app);
    expectRefused(await visitCallback(other, callback));
    expect(await sessionsOf(person.id)).toHaveLength(0);
  });
});
