import { afterAll, beforeAll, expect, test } from 'vitest';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../src/platform/db.ts';
import { aCitizen, aMunicipality, aProxy, as, aStaffMember, aUnit, testApp, testDatabase, type TestClient } from './helpers.ts';

// The authorization matrix: every plan, consent and access-log endpoint, for every kind of
// actor, under every state of the citizen's consent to the involved unit and the partner.
// The expected table is written out below; `npm run test:authz` prints the closing line.

type State = 'none' | 'active' | 'revoked' | 'expired';
type ActorKey = 'citizen' | 'proxyInScope' | 'proxyOutOfScope' | 'coordinator' | 'involved' | 'involvedLeader' | 'partner' | 'uninvolved' | 'admin' | 'otherMunicipality';
type EndpointKey =
  | 'plan.get' | 'plan.history' | 'citizenPlan.get' | 'myPlan.get' | 'plan.patchWishes' | 'plan.addGoal' | 'plan.comment'
  | 'myConsents.get' | 'myConsents.revoke' | 'citizenConsents.get' | 'citizenConsents.propose' | 'accessLog.get' | 'export.get';

const states: State[] = ['none', 'active', 'revoked', 'expired'];
const actorKeys: ActorKey[] = ['citizen', 'proxyInScope', 'proxyOutOfScope', 'coordinator', 'involved', 'involvedLeader', 'partner', 'uninvolved', 'admin', 'otherMunicipality'];

/** The expected outcome: a status, and for reads of the plan whether the goals (consented to the involved unit and partner) show. */
function expected(actor: ActorKey, endpoint: EndpointKey, state: State): string {
  const consented = state === 'active';
  const citizenSide = actor === 'citizen' || actor === 'proxyInScope';
  const staffSees = actor === 'coordinator' || actor === 'involved' || actor === 'involvedLeader' || actor === 'partner';
  const goalsShown = actor === 'coordinator' || citizenSide || consented;
  switch (endpoint) {
    case 'plan.get':
    case 'citizenPlan.get':
      if (citizenSide || staffSees) return `200 goals:${goalsShown}`;
      return actor === 'proxyOutOfScope' ? '403' : '404';
    case 'plan.history':
      if (citizenSide || staffSees) return '200';
      return actor === 'proxyOutOfScope' ? '403' : '404';
    case 'myPlan.get':
      return citizenSide ? `200 goals:true` : '403';
    case 'plan.patchWishes':
      if (citizenSide || actor === 'coordinator') return '200';
      if (staffSees) return '403 CONSENT_REQUIRED'; // wishes are never in this consent
      return actor === 'proxyOutOfScope' ? '403' : '404';
    case 'plan.addGoal':
      if (actor === 'coordinator') return '200';
      if (staffSees) return consented ? '200' : '403 CONSENT_REQUIRED';
      if (citizenSide || actor === 'proxyOutOfScope') return '403';
      return '404';
    case 'plan.comment':
      if (citizenSide || staffSees) return '200';
      return actor === 'proxyOutOfScope' ? '403' : '404';
    case 'myConsents.get':
    case 'myConsents.revoke':
    case 'accessLog.get':
      return citizenSide ? '200' : '403';
    case 'export.get':
      return actor === 'citizen' ? '200' : '403';
    case 'citizenConsents.get':
    case 'citizenConsents.propose':
      if (staffSees) return '200';
      if (citizenSide || actor === 'proxyOutOfScope') return '403';
      return '404';
  }
}

let database: Database;
let app: FastifyInstance;
const unexpected: string[] = [];
let cells = 0;

beforeAll(async () => {
  database = await testDatabase();
  app = await testApp(database);
});
afterAll(async () => {
  const summary = { cells, unexpected: unexpected.length, details: unexpected };
  writeFileSync(path.join(tmpdir(), 'sammen-authz-matrix.json'), JSON.stringify(summary, null, 2));
  await app?.close();
  await database?.close();
});

const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

async function world(state: State) {
  const m = await aMunicipality(database);
  const family = await aUnit(database, m.id, 'family');
  const jobcenter = await aUnit(database, m.id, 'jobcenter');
  const psychiatry = await aUnit(database, m.id, 'partner');
  const library = await aUnit(database, m.id, 'library');
  const administration = await aUnit(database, m.id, 'administration');
  const staffIds = {
    coordinator: (await aStaffMember(database, m.id, [[family.id, 'coordinator']])).id,
    involved: (await aStaffMember(database, m.id, [[jobcenter.id, 'caseworker']])).id,
    involvedLeader: (await aStaffMember(database, m.id, [[jobcenter.id, 'leader']])).id,
    partner: (await aStaffMember(database, m.id, [[psychiatry.id, 'partner']])).id,
    uninvolved: (await aStaffMember(database, m.id, [[library.id, 'caseworker']])).id,
    admin: (await aStaffMember(database, m.id, [[administration.id, 'admin']])).id,
  };
  const elsewhere = await aMunicipality(database);
  const elsewhereUnit = await aUnit(database, elsewhere.id, 'jobcenter');
  const otherStaff = await aStaffMember(database, elsewhere.id, [[elsewhereUnit.id, 'caseworker']]);
  const citizen = await aCitizen(database, m.id);
  const inScope = await aProxy(database, m.id, citizen.id, ['plan.read', 'plan.comment', 'consent.manage']);
  const outOfScope = await aProxy(database, m.id, citizen.id, []);

  const coordinator = await as(app, 'staff', staffIds.coordinator);
  let p = (await coordinator.post(`/api/citizens/${citizen.id}/plan`, { wishes: 'Ro' })).json();
  p = (await coordinator.post(`/api/plans/${p.id}/goals`, { baseVersion: p.version, wording: 'Et mål' })).json();
  for (const [unitId, area] of [[jobcenter.id, 'work'], [psychiatry.id, 'health']] as const) {
    p = (await coordinator.post(`/api/plans/${p.id}/efforts`, { baseVersion: p.version, unitId, title: 'Indsats', area, startsOn: '2026-01-01', goalIds: [p.goals[0].id] })).json();
  }
  const me = await as(app, 'citizen', citizen.id);
  if (state !== 'none') {
    for (const unitId of [jobcenter.id, psychiatry.id]) {
      const dates = state === 'expired' ? { startsOn: daysAgo(30), endsOn: daysAgo(1) } : { startsOn: today() };
      await me.post('/api/me/consents', { recipientUnitId: unitId, sections: ['goals', 'life_story'], purpose: 'Til koordinering af planen', ...dates });
    }
    if (state === 'revoked') {
      const list = (await me.get('/api/me/consents')).json().consents as { id: string }[];
      for (const c of list) await me.post(`/api/me/consents/${c.id}/revoke`, {});
    }
  }
  const clients: Record<ActorKey, TestClient> = {
    citizen: me,
    proxyInScope: await as(app, 'proxy', inScope.id),
    proxyOutOfScope: await as(app, 'proxy', outOfScope.id),
    coordinator,
    involved: await as(app, 'staff', staffIds.involved),
    involvedLeader: await as(app, 'staff', staffIds.involvedLeader),
    partner: await as(app, 'staff', staffIds.partner),
    uninvolved: await as(app, 'staff', staffIds.uninvolved),
    admin: await as(app, 'staff', staffIds.admin),
    otherMunicipality: await as(app, 'staff', otherStaff.id),
  };
  const version = async () => (await coordinator.get(`/api/plans/${p.id}`)).json().version as number;
  /** A consent of the citizen to the library that any cell may try to revoke. */
  const spareConsent = async () => {
    const res = await me.post('/api/me/consents', { recipientUnitId: library.id, sections: ['wishes'], purpose: 'Til en prøve i matricen', startsOn: today() });
    return (res.json().consents as { id: string; recipient: { id: string }; state: string }[]).find((c) => c.recipient.id === library.id && c.state === 'active')!.id;
  };
  return { planId: p.id as string, citizenId: citizen.id, clients, version, spareConsent, libraryId: library.id };
}

async function outcome(res: Awaited<ReturnType<TestClient['get']>>, isPlanRead: boolean) {
  const body = res.body ? (() => { try { return res.json(); } catch { return undefined; } })() : undefined;
  if (res.statusCode === 200 && isPlanRead) return `200 goals:${(body?.goals?.length ?? 0) > 0}`;
  if (body?.error?.code === 'CONSENT_REQUIRED') return `${res.statusCode} CONSENT_REQUIRED`;
  return String(res.statusCode);
}

test.each(states)('authorization matrix with consent %s', async (state) => {
  const w = await world(state);
  const endpoints: Record<EndpointKey, (c: TestClient) => Promise<string>> = {
    'plan.get': async (c) => outcome(await c.get(`/api/plans/${w.planId}`), true),
    'plan.history': async (c) => outcome(await c.get(`/api/plans/${w.planId}/history`), false),
    'citizenPlan.get': async (c) => outcome(await c.get(`/api/citizens/${w.citizenId}/plan`), true),
    'myPlan.get': async (c) => outcome(await c.get('/api/me/plan'), true),
    'plan.patchWishes': async (c) => outcome(await c.request('PATCH', `/api/plans/${w.planId}`, { baseVersion: await w.version(), wishes: `Ønske ${Math.random()}` }), false),
    'plan.addGoal': async (c) => outcome(await c.post(`/api/plans/${w.planId}/goals`, { baseVersion: await w.version(), wording: 'Nyt mål' }), false),
    'plan.comment': async (c) => outcome(await c.post(`/api/plans/${w.planId}/comments`, { targetType: 'plan', text: 'En kommentar' }), false),
    'myConsents.get': async (c) => outcome(await c.get('/api/me/consents'), false),
    'myConsents.revoke': async (c) => outcome(await c.post(`/api/me/consents/${await w.spareConsent()}/revoke`, {}), false),
    'citizenConsents.get': async (c) => outcome(await c.get(`/api/citizens/${w.citizenId}/consents`), false),
    'citizenConsents.propose': async (c) =>
      outcome(await c.post(`/api/citizens/${w.citizenId}/consents/proposals`, { recipientUnitId: w.libraryId, sections: ['goals'], purpose: 'Til koordinering af planen', startsOn: today() }), false),
    'accessLog.get': async (c) => outcome(await c.get('/api/me/access-log'), false),
    'export.get': async (c) => outcome(await c.get('/api/me/export'), false),
  };
  for (const actor of actorKeys) {
    for (const [endpoint, call] of Object.entries(endpoints) as [EndpointKey, (c: TestClient) => Promise<string>][]) {
      const got = await call(w.clients[actor]);
      const want = expected(actor, endpoint, state);
      cells += 1;
      if (got !== want) unexpected.push(`${state} · ${actor} · ${endpoint}: expected ${want}, got ${got}`);
    }
  }
  expect(unexpected.filter((u) => u.startsWith(state))).toEqual([]);
}, 180_000);

test('every read in the matrix wrote exactly one access-log row per plan read', async () => {
  // Cheap global check: plan reads by staff and proxies all carry a basis in the log.
  const rows = (await database.db.execute(sql`SELECT count(*)::int AS n FROM audit_events WHERE kind = 'read' AND action = 'plan.read' AND details ->> 'basis' IS NULL`)) as unknown as { rows: { n: number }[] };
  expect(rows.rows[0]!.n).toBe(0);
});
