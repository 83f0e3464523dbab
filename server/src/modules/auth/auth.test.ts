import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { auditEvents } from '../audit/audit.schema.ts';
import { proxies, staff, staffRoleAssignments } from '../identity/identity.schema.ts';
import { sessions } from './auth.schema.ts';
import type { Database } from '../../platform/db.ts';
import { as, TestClient, testApp, testDatabase } from '../../../test/helpers.ts';
import { aProxy, aSmallMunicipality } from '../identity/identity.factories.ts';
import { hashToken } from './auth.service.ts';

let database: Database;
let app: FastifyInstance;
let home: Awaited<ReturnType<typeof aSmallMunicipality>>;

beforeAll(async () => {
  database = await testDatabase();
  app = await testApp(database, { SESSION_IDLE_MINUTES: '30', SESSION_MAX_HOURS: '12', LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  home = await aSmallMunicipality(database);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const sessionCookieOf = (c: TestClient) => c.cookies.get('sammen_session')!;

describe('demo login and sessions', () => {
  test('staff log in, see who they are and where they work, and the login is audited', async () => {
    const client = await as(app, 'staff', home.caseworker.id);
    const res = await client.get('/api/auth/session');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      kind: 'staff',
      staffId: home.caseworker.id,
      name: home.caseworker.name,
      municipality: { id: home.municipality.id },
      unitId: home.jobcenter.id,
    });
    expect(res.json().roles).toHaveLength(2);
    const logins = await database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, home.caseworker.id));
    expect(logins.some((e) => e.action === 'session.login' && e.kind === 'auth')).toBe(true);
  });

  test('the session cookie is HttpOnly, SameSite and holds a 256-bit random token that is stored only hashed', async () => {
    const res = await new TestClient(app).post('/api/auth/demo/login', { kind: 'citizen', id: home.citizen.id });
    const cookie = res.cookies.find((c) => c.name === 'sammen_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(Buffer.from(cookie.value, 'base64url').length).toBe(32);
    const stored = await database.db.select().from(sessions).where(eq(sessions.id, hashToken(cookie.value)));
    expect(stored).toHaveLength(1);
    expect(await database.db.select().from(sessions).where(eq(sessions.id, cookie.value))).toHaveLength(0);
  });

  test('the session id changes at login and the old one dies', async () => {
    const client = await as(app, 'staff', home.caseworker.id);
    const first = sessionCookieOf(client);
    await client.loginAs('staff', home.admin.id);
    const second = sessionCookieOf(client);
    expect(second).not.toBe(first);
    const old = await app.inject({ url: '/api/auth/session', headers: { cookie: `sammen_session=${first}` } });
    expect(old.statusCode).toBe(401);
    expect((await client.get('/api/auth/session')).json().staffId).toBe(home.admin.id);
  });

  test('logout ends the session on the server', async () => {
    const client = await as(app, 'citizen', home.citizen.id);
    const token = sessionCookieOf(client);
    expect((await client.post('/api/auth/logout', {})).statusCode).toBe(200);
    const again = await app.inject({ url: '/api/auth/session', headers: { cookie: `sammen_session=${token}` } });
    expect(again.statusCode).toBe(401);
  });

  test('an idle session dies after the idle timeout', async () => {
    const client = await as(app, 'citizen', home.citizen.id);
    await database.db.update(sessions).set({ lastSeenAt: sql`now() - interval '31 minutes'` }).where(eq(sessions.id, hashToken(sessionCookieOf(client))));
    expect((await client.get('/api/auth/session')).statusCode).toBe(401);
  });

  test('a busy session still dies at its absolute lifetime', async () => {
    const client = await as(app, 'citizen', home.citizen.id);
    await database.db.update(sessions).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(sessions.id, hashToken(sessionCookieOf(client))));
    expect((await client.get('/api/auth/session')).statusCode).toBe(401);
  });

  test('disabling a staff member ends their session on the next request', async () => {
    const { aStaffMember } = await import('../identity/identity.factories.ts');
    const temp = await aStaffMember(database, home.municipality.id, [[home.jobcenter.id, 'caseworker']]);
    const client = await as(app, 'staff', temp.id);
    expect((await client.get('/api/units')).statusCode).toBe(200);
    await database.db.update(staff).set({ disabledAt: new Date() }).where(eq(staff.id, temp.id));
    expect((await client.get('/api/units')).statusCode).toBe(401);
  });

  test('a staff member whose last role is removed, or a proxy whose validity ends, is logged out on the next request', async () => {
    const { aStaffMember } = await import('../identity/identity.factories.ts');
    const temp = await aStaffMember(database, home.municipality.id, [[home.jobcenter.id, 'caseworker']]);
    const worker = await as(app, 'staff', temp.id);
    expect((await worker.get('/api/units')).statusCode).toBe(200);
    await database.db.delete(staffRoleAssignments).where(eq(staffRoleAssignments.staffId, temp.id));
    expect((await worker.get('/api/units')).statusCode).toBe(401);

    const proxy = await aProxy(database, home.municipality.id, home.citizen.id, ['plan.read']);
    const relative = await as(app, 'proxy', proxy.id);
    expect((await relative.get('/api/auth/session')).statusCode).toBe(200);
    await database.db.update(proxies).set({ validTo: new Date(Date.now() - 1000) }).where(eq(proxies.id, proxy.id));
    expect((await relative.get('/api/auth/session')).statusCode).toBe(401);
  });

  test('staff switch to a unit they hold a role in; roles follow the unit', async () => {
    const client = await as(app, 'staff', home.caseworker.id);
    expect((await client.put('/api/auth/unit', { unitId: home.family.id })).statusCode).toBe(200);
    expect((await client.get('/api/auth/session')).json().unitId).toBe(home.family.id);
  });

  test('a unit without a role is 404; a citizen may not switch units (403)', async () => {
    const client = await as(app, 'staff', home.admin.id);
    expect((await client.put('/api/auth/unit', { unitId: home.family.id })).statusCode).toBe(404);
    const citizen = await as(app, 'citizen', home.citizen.id);
    expect((await citizen.put('/api/auth/unit', { unitId: home.family.id })).statusCode).toBe(403);
  });

  test('a proxy logs in within the validity of the proxy, and not outside it', async () => {
    const proxy = await aProxy(database, home.municipality.id, home.citizen.id, ['plan.read']);
    const client = await as(app, 'proxy', proxy.id);
    expect((await client.get('/api/auth/session')).json()).toMatchObject({ kind: 'proxy', citizenId: home.citizen.id, scopes: ['plan.read'] });
    const expired = await aProxy(database, home.municipality.id, home.citizen.id, ['plan.read'], { validTo: new Date(Date.now() - 1000) });
    const res = await new TestClient(app).post('/api/auth/demo/login', { kind: 'proxy', id: expired.id });
    expect(res.statusCode).toBe(401);
  });

  test('an unknown persona is 404 and bad input names the field', async () => {
    const client = new TestClient(app);
    expect((await client.post('/api/auth/demo/login', { kind: 'staff', id: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
    const bad = await client.post('/api/auth/demo/login', { kind: 'boss', id: home.admin.id });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('kind');
  });
});

describe('production configuration', () => {
  test('there is no demo login and no persona list', async () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const prod = await testApp(database, {
      NODE_ENV: 'production',
      DEMO_MODE: 'false',
      DATABASE_URL: 'postgres://unused/x',
      CPR_ENCRYPTION_KEY: key,
      CPR_HASH_KEY: key,
      OIDC_ISSUER: 'https://login.example',
      OIDC_CLIENT_ID: 'a',
      OIDC_CLIENT_SECRET: 'b',
    });
    expect((await prod.inject({ url: '/api/auth/demo/personas' })).statusCode).toBe(404);
    const demoLogin = await new TestClient(prod).post('/api/auth/demo/login', { kind: 'staff', id: home.admin.id });
    expect(demoLogin.statusCode, demoLogin.body).toBe(404);
    expect((await prod.inject({ url: '/api/auth/methods' })).json()).toEqual({ demo: false, oidc: true });
    await prod.close();
  });
});

describe('rate limit', () => {
  test('login attempts beyond the limit get 429', async () => {
    const limited = await testApp(database, { LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
    const client = new TestClient(limited);
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await client.post('/api/auth/demo/login', { kind: 'citizen', id: home.citizen.id })).statusCode);
    expect(codes).toEqual([200, 200, 200, 429, 429]);
    const res = await client.post('/api/auth/demo/login', { kind: 'citizen', id: home.citizen.id });
    expect(res.json().error.code).toBe('RATE_LIMITED');
    await limited.close();
  });
});
