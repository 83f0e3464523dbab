import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { RelativesView } from '@sammen/domain/network';
import { query, type Database } from '../../platform/db.ts';
import { as, testApp, testDatabase, type TestClient } from '../../../test/helpers.ts';
import { inDays } from '../../../test/dates.ts';
import { aCitizen, aProxy, aSmallMunicipality } from '../identity/identity.factories.ts';
import { isMinor } from './relatives.ts';

// Relatives the citizen manages: invite, change what they may do, end their access — each
// effective on the relative's very next request — and the rules for a minor's guardians.

let database: Database;
let app: FastifyInstance;
let home: Awaited<ReturnType<typeof aSmallMunicipality>>;
beforeAll(async () => {
  database = await testDatabase();
  app = await testApp(database);
  home = await aSmallMunicipality(database);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function ok<T = RelativesView>(res: Awaited<ReturnType<TestClient['get']>>, status = 200): Promise<T> {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
}
const refused = (res: Awaited<ReturnType<TestClient['get']>>, status: number, field?: string, reason?: string) => {
  expect(res.statusCode, res.body).toBe(status);
  if (field) expect(res.json().error).toMatchObject({ field, reason });
};

/** A citizen with a plan (so a relative with plan.read has something to read). */
async function citizenWithPlan(birthDate = '1980-01-01') {
  const citizen = await aCitizen(database, home.municipality.id);
  await query(database.db, sql`UPDATE citizens SET birth_date = ${birthDate} WHERE id = ${citizen.id}`);
  const caseworker = await as(app, 'staff', home.caseworker.id);
  await ok<unknown>(await caseworker.post(`/api/citizens/${citizen.id}/plan`, { wishes: 'Ro' }));
  return citizen;
}

test('under 18 is counted by the Danish calendar day', () => {
  expect(isMinor('2008-12-03', '2026-12-03')).toBe(false);
  expect(isMinor('2008-12-04', '2026-12-03')).toBe(true);
  expect(isMinor('1980-01-01', '2026-12-03')).toBe(false);
});

describe('an adult citizen manages their relatives', () => {
  test('invite, change scopes, end: each works from the relative’s very next request, and is audited', async () => {
    const citizen = await citizenWithPlan();
    const me = await as(app, 'citizen', citizen.id);
    let v = await ok(await me.post('/api/me/relatives', { name: 'Bente Holm', relation: 'søster', scopes: ['plan.read'] }), 201);
    expect(v).toMatchObject({ minor: false, mayManage: true });
    const bente = v.relatives.find((r) => r.name === 'Bente Holm')!;
    expect(bente).toMatchObject({ relation: 'søster', scopes: ['plan.read'], guardian: false, active: true, validTo: null });

    const sister = await as(app, 'proxy', bente.id);
    expect((await sister.get('/api/me/plan')).statusCode).toBe(200);
    expect((await sister.get('/api/me/relatives')).statusCode).toBe(403); // no consent.manage

    v = await ok(await me.put(`/api/me/relatives/${bente.id}/scopes`, { scopes: ['plan.comment'] }));
    expect(v.relatives.find((r) => r.id === bente.id)!.scopes).toEqual(['plan.comment']);
    expect((await sister.get('/api/me/plan')).statusCode).toBe(403); // plan.read taken away: the next request

    v = await ok(await me.post(`/api/me/relatives/${bente.id}/end`, {}));
    expect(v.relatives.find((r) => r.id === bente.id)).toMatchObject({ active: false });
    expect(v.relatives.find((r) => r.id === bente.id)!.validTo).not.toBeNull();
    // The session layer no longer resolves an ended proxy: the very next request is 401.
    const after = await sister.get('/api/me/plan');
    expect(after.statusCode).toBe(401);
    expect((await sister.get('/api/auth/session')).statusCode).toBe(401);

    refused(await me.post(`/api/me/relatives/${bente.id}/end`, {}), 409, 'proxyId', 'alreadyEnded');
    refused(await me.put(`/api/me/relatives/${bente.id}/scopes`, { scopes: ['plan.read'] }), 409, 'proxyId', 'alreadyEnded');
    const events = await query<{ action: string }>(database.db, sql`SELECT action FROM audit_events WHERE citizen_id = ${citizen.id} AND action LIKE 'relative.%' ORDER BY id`);
    expect(events.map((e) => e.action)).toEqual(['relative.invited', 'relative.scopesChanged', 'relative.ended']);
  });

  test('another citizen’s relative is not found; bad input names the field', async () => {
    const citizen = await citizenWithPlan();
    const someoneElse = await aCitizen(database, home.municipality.id);
    const theirs = await aProxy(database, home.municipality.id, someoneElse.id, ['plan.read']);
    const me = await as(app, 'citizen', citizen.id);
    refused(await me.post(`/api/me/relatives/${theirs.id}/end`, {}), 404);
    refused(await me.put(`/api/me/relatives/${theirs.id}/scopes`, { scopes: ['plan.read'] }), 404);
    refused(await me.post('/api/me/relatives', { name: '', relation: 'mor', scopes: ['plan.read'] }), 400, 'name', 'required');
    refused(await me.post('/api/me/relatives', { name: 'A', relation: 'mor', scopes: [] }), 400, 'scopes', 'tooFew');
    refused(await me.post('/api/me/relatives', { name: 'A', relation: 'mor', scopes: ['plan.delete'] }), 400);
  });

  test('a proxy may read the page with consent.manage but not change it; without consent.manage not even read it', async () => {
    const citizen = await citizenWithPlan();
    const son = await as(app, 'proxy', (await aProxy(database, home.municipality.id, citizen.id, ['plan.read', 'consent.manage'])).id);
    const v = await ok(await son.get('/api/me/relatives'));
    expect(v.mayManage).toBe(false);
    refused(await son.post('/api/me/relatives', { name: 'Ny', relation: 'bror', scopes: ['plan.read'] }), 403);
    const reader = await as(app, 'proxy', (await aProxy(database, home.municipality.id, citizen.id, ['plan.read'])).id);
    refused(await reader.get('/api/me/relatives'), 403);
    refused(await reader.post('/api/me/relatives', { name: 'Ny', relation: 'bror', scopes: ['plan.read'] }), 403);
  });
});

describe('a minor’s relatives are managed by a guardian', () => {
  async function minorWithGuardian() {
    const citizen = await citizenWithPlan(inDays(-365 * 14));
    const guardianRow = await aProxy(database, home.municipality.id, citizen.id, ['plan.read', 'consent.manage'], { guardian: true, name: 'Pia Sørensen' });
    const otherParent = await aProxy(database, home.municipality.id, citizen.id, ['plan.read', 'plan.comment', 'consent.manage'], { guardian: true, name: 'Per Sørensen', relation: 'far' });
    return { citizen, guardianRow, otherParent, guardian: await as(app, 'proxy', guardianRow.id), minor: await as(app, 'citizen', citizen.id) };
  }

  test('the minor sees their relatives but may not invite; the guardian may, within their own scopes', async () => {
    const w = await minorWithGuardian();
    const own = await ok(await w.minor.get('/api/me/relatives'));
    expect(own).toMatchObject({ minor: true, mayManage: false });
    refused(await w.minor.post('/api/me/relatives', { name: 'Moster', relation: 'moster', scopes: ['plan.read'] }), 403);
    const v = await ok(await w.guardian.post('/api/me/relatives', { name: 'Karin Moster', relation: 'moster', scopes: ['plan.read'] }), 201);
    expect(v.mayManage).toBe(true);
    const aunt = v.relatives.find((r) => r.name === 'Karin Moster')!;
    expect(aunt.guardian).toBe(false);
    refused(await w.guardian.post('/api/me/relatives', { name: 'Onkel', relation: 'onkel', scopes: ['plan.read', 'plan.comment'] }), 400, 'scopes', 'scopeWiderThanOwn');
    refused(await w.guardian.put(`/api/me/relatives/${aunt.id}/scopes`, { scopes: ['plan.comment'] }), 400, 'scopes', 'scopeWiderThanOwn');
    refused(await w.guardian.post('/api/me/relatives', { name: ' pia  sørensen ', relation: 'mor', scopes: ['plan.read'] }), 400, 'name', 'cannotInviteSelf');
    await ok(await w.guardian.post(`/api/me/relatives/${aunt.id}/end`, {}));
  });

  test('a guardian cannot end or narrow a guardian’s access, their own included', async () => {
    const w = await minorWithGuardian();
    refused(await w.guardian.post(`/api/me/relatives/${w.guardianRow.id}/end`, {}), 403);
    refused(await w.guardian.put(`/api/me/relatives/${w.guardianRow.id}/scopes`, { scopes: ['plan.read'] }), 403);
    refused(await w.guardian.post(`/api/me/relatives/${w.otherParent.id}/end`, {}), 403);
    expect((await w.guardian.get('/api/me/plan')).statusCode).toBe(200);
  });

  test('a guardian of a citizen who has turned 18 no longer manages; the adult does', async () => {
    const citizen = await citizenWithPlan(inDays(-365 * 19));
    const formerGuardian = await aProxy(database, home.municipality.id, citizen.id, ['plan.read', 'consent.manage'], { guardian: true });
    const guardian = await as(app, 'proxy', formerGuardian.id);
    refused(await guardian.post('/api/me/relatives', { name: 'Ny', relation: 'bror', scopes: ['plan.read'] }), 403);
    const me = await as(app, 'citizen', citizen.id);
    await ok(await me.post(`/api/me/relatives/${formerGuardian.id}/end`, {}));
    expect((await guardian.get('/api/me/relatives')).statusCode).toBe(401);
  });
});
