import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { auditEvents } from '../audit/audit.schema.ts';
import type { Database } from '../../platform/db.ts';
import { as, TestClient, testApp, testDatabase } from '../../../test/helpers.ts';
import { aCitizen, aSmallMunicipality, aStaffMember, aUnit } from './identity.factories.ts';

let database: Database;
let app: FastifyInstance;
let home: Awaited<ReturnType<typeof aSmallMunicipality>>;
let other: Awaited<ReturnType<typeof aSmallMunicipality>>;

beforeAll(async () => {
  database = await testDatabase();
  app = await testApp(database);
  home = await aSmallMunicipality(database);
  other = await aSmallMunicipality(database);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const readsOf = (citizenId: string) =>
  database.db.select().from(auditEvents).where(and(eq(auditEvents.citizenId, citizenId), eq(auditEvents.kind, 'read')));

describe('citizens', () => {
  test('a caseworker reads a citizen of their municipality, and the read is logged exactly once', async () => {
    const caseworker = await as(app, 'staff', home.caseworker.id);
    const before = (await readsOf(home.citizen.id)).length;
    const res = await caseworker.get(`/api/citizens/${home.citizen.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: home.citizen.id, name: home.citizen.name, birthYear: 1980 });
    const reads = await readsOf(home.citizen.id);
    expect(reads.length).toBe(before + 1);
    expect(reads.at(-1)).toMatchObject({ actorKind: 'staff', actorId: home.caseworker.id, action: 'citizen.read', outcome: 'ok' });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  test('staff of another municipality get 404 for the citizen, and it is not in their search', async () => {
    const stranger = await as(app, 'staff', other.caseworker.id);
    const res = await stranger.get(`/api/citizens/${home.citizen.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
    const search = await stranger.post('/api/citizens/search', { q: home.citizen.name.slice(0, 12) });
    expect(search.json().map((c: { id: string }) => c.id)).not.toContain(home.citizen.id);
  });

  test('an unknown citizen id is 404, a malformed one is 400 naming the field', async () => {
    const caseworker = await as(app, 'staff', home.caseworker.id);
    expect((await caseworker.get('/api/citizens/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const bad = await caseworker.get('/api/citizens/not-an-id');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION', field: 'citizenId' });
  });

  test('search logs one read per citizen shown', async () => {
    const c = await aCitizen(database, home.municipality.id, `Søgbar Borger ${Date.now()}`);
    const caseworker = await as(app, 'staff', home.caseworker.id);
    const res = await caseworker.post('/api/citizens/search', { q: 'Søgbar Borger' });
    expect(res.json().map((x: { id: string }) => x.id)).toContain(c.id);
    expect((await readsOf(c.id)).map((r) => r.action)).toEqual(['citizen.list']);
  });

  test('a citizen is forbidden from staff endpoints and reads only their own profile', async () => {
    const citizen = await as(app, 'citizen', home.citizen.id);
    expect((await citizen.get(`/api/citizens/${home.citizen.id}`)).statusCode).toBe(403);
    expect((await citizen.post('/api/citizens/search', {})).statusCode).toBe(403);
    expect((await citizen.get('/api/units')).statusCode).toBe(403);
    const me = await citizen.get('/api/me');
    expect(me.json()).toMatchObject({ id: home.citizen.id });
  });

  test('a partner without municipal role cannot look citizens up (403)', async () => {
    const partnerUnit = await aUnit(database, home.municipality.id, 'partner');
    const partner = await aStaffMember(database, home.municipality.id, [[partnerUnit.id, 'partner']]);
    const client = await as(app, 'staff', partner.id);
    expect((await client.get(`/api/citizens/${home.citizen.id}`)).statusCode).toBe(403);
  });

  test('not logged in is 401', async () => {
    const res = await new TestClient(app).get(`/api/citizens/${home.citizen.id}`);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });
});

describe('units and staff', () => {
  test('units are listed for the own municipality only', async () => {
    const caseworker = await as(app, 'staff', home.caseworker.id);
    const ids = (await caseworker.get('/api/units')).json().map((u: { id: string }) => u.id);
    expect(ids).toContain(home.jobcenter.id);
    expect(ids).not.toContain(other.jobcenter.id);
  });

  test('the staff list needs a leader or admin role (403 for a caseworker)', async () => {
    expect((await (await as(app, 'staff', home.caseworker.id)).get('/api/staff')).statusCode).toBe(403);
    const list = await (await as(app, 'staff', home.admin.id)).get('/api/staff');
    expect(list.statusCode).toBe(200);
    const names = list.json().map((s: { name: string }) => s.name);
    expect(names).toContain(home.caseworker.name);
    expect(names).not.toContain(other.caseworker.name);
  });
});
