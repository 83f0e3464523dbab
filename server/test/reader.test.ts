import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import type { Database } from '../src/platform/db.ts';
import { signedIn } from '../src/platform/http.ts';
import { readCitizenData } from '../src/platform/reader.ts';
import { aCitizen, aMunicipality } from '../src/modules/identity/identity.factories.ts';
import { as, testApp, testConfig, testDatabase } from './helpers.ts';
import { actorKeys, citizenWorld, expectedReadRows, readRows } from './world.ts';

// The one reader, walked route by route: every route that answers with a citizen's data, called
// by the citizen, their proxy and an involved staff member, writes exactly one access-log row for
// a staff or proxy read that succeeds, none for the citizen's own, none for a refusal — and never
// fails with a 500. A route must say whether it reads citizen data; one that does must have a
// fixture here, so a new module's routes are walked as soon as they exist.

/** Routes that need a session but answer with no citizen's data. Reviewed: adding one is a decision. */
const ROUTES_WITHOUT_CITIZEN_DATA = [
  'GET /api/auth/session', // the signed-in person's own session
  'POST /api/auth/logout',
  'PUT /api/auth/unit',
  'GET /api/units',
  'GET /api/staff',
  'GET /api/staff/directory',
  'POST /api/citizens/:citizenId/break-glass', // answers the grant's id and expiry; the plan is read (and logged) next
  'POST /api/citizens/:citizenId/involvement-requests', // answers the request's id and state
  'POST /api/involvement-requests/:requestId/decision',
  'GET /api/network/statistics', // counts of citizens per network size; no citizen is named or identified
  // Decisions (issue 14): the municipality's decision types and deadline setting, and the figures (counts only, no names).
  'GET /api/decision-types',
  'POST /api/decision-types',
  'PUT /api/decision-types/:decisionTypeId',
  'GET /api/case-settings',
  'PUT /api/case-settings',
  'GET /api/case-figures',
  // Feedback (issue 15): instruments, norms (aggregate numbers) and settings; a rating link (answers
  // the path and expiry); an alert marked seen; the leaders' aggregates (counts and means, no citizen named).
  'GET /api/feedback/instruments',
  'POST /api/feedback/instruments',
  'PUT /api/feedback/instruments/:instrumentId',
  'POST /api/feedback/instruments/:instrumentId/norms',
  'PUT /api/feedback/settings',
  'POST /api/feedback/meetings/:meetingId/links',
  'POST /api/feedback/alerts/:ratingId/seen',
  'GET /api/feedback/aggregates',
  // Coordination survey (issue 16): work groups, instruments, settings, waves with counts per group,
  // results of closed waves (group-to-group figures), one's invitations, the form and an answer
  // (answers `{ ok: true }`). Staff and groups only; no citizen is named or identified.
  'GET /api/coordination/groups',
  'POST /api/coordination/groups',
  'PUT /api/coordination/groups/:groupId',
  'GET /api/coordination/instruments',
  'POST /api/coordination/instruments',
  'PUT /api/coordination/instruments/:instrumentId',
  'GET /api/coordination/settings',
  'PUT /api/coordination/settings',
  'GET /api/coordination/waves',
  'POST /api/coordination/waves',
  'GET /api/coordination/waves/:waveId',
  'POST /api/coordination/waves/:waveId/remind',
  'POST /api/coordination/waves/:waveId/close',
  'GET /api/coordination/waves/:waveId/results',
  'GET /api/coordination/waves/:waveId/results.csv',
  'GET /api/coordination/trends',
  'GET /api/coordination/invitations',
  'GET /api/coordination/waves/:waveId/form',
  'POST /api/coordination/waves/:waveId/responses',
  // Coordination pulse (issue 16): an answer (answers `{ ok: true }`; a professional's is kept
  // without a name), and the leaders' aggregates per unit (counts and means, no citizen named).
  'POST /api/coordination-pulses/:pulseId/answers',
  'POST /api/me/coordination-pulses/:pulseId/answer',
  'GET /api/coordination/pulse-aggregates',
];

let database: Database;
let app: FastifyInstance;
beforeAll(async () => {
  database = await testDatabase();
  app = await testApp(database);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('every route says whether it reads citizen data', () => {
  test('each signed-in route either declares readsCitizenData or is on the reviewed list of routes without citizen data', () => {
    const undeclared = app.sammen.routes
      .filter((r) => r.url.startsWith('/api/') && r.access !== 'public' && r.method !== 'HEAD' && !r.readsCitizenData)
      .map((r) => `${r.method} ${r.url}`);
    expect(undeclared.sort()).toEqual([...ROUTES_WITHOUT_CITIZEN_DATA].sort());
  });
});

describe('the one reader, walked route by route', () => {
  test('a staff or proxy read that succeeds writes one access-log row per citizen shown, the citizen\'s own none, a refusal none; never a 500', async () => {
    const w = await citizenWorld(database, app);
    const declared = app.sammen.routes.filter((r) => r.readsCitizenData && r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`);
    expect(declared.filter((k) => !w.fixtures[k]), 'routes that read citizen data need a fixture in test/world.ts').toEqual([]);
    expect(Object.keys(w.fixtures).filter((k) => !declared.includes(k)), 'fixtures for routes that do not declare readsCitizenData').toEqual([]);

    const broken: string[] = [];
    const outcomes: string[] = [];
    for (const key of declared) {
      const method = key.split(' ')[0] as 'GET' | 'POST' | 'PUT' | 'PATCH';
      const fixture = w.fixtures[key]!;
      let succeeded = 0;
      for (const actor of actorKeys) {
        const call = await fixture.call();
        const before = await readRows(database);
        const res = await w.clients[actor].request(method, call.url, call.body);
        const added = (await readRows(database)) - before;
        const want = expectedReadRows(actor, res.statusCode, fixture, res.statusCode < 300 ? res.json() : undefined);
        outcomes.push(`${key} · ${actor}: ${res.statusCode} +${added}`);
        if (res.statusCode >= 500 || added !== want) broken.push(`${key} · ${actor}: ${res.statusCode}, +${added} access-log rows (expected +${want})`);
        if (res.statusCode === 200 || res.statusCode === 201) succeeded += 1;
      }
      if (!succeeded) broken.push(`${key}: no actor got a 200 — the fixture does not exercise the route`);
    }
    expect(broken, outcomes.join('\n')).toEqual([]);
  }, 240_000);
});

describe('a route cannot skip the reader, and the reader cannot serve an undeclared route', () => {
  test('a declared route that answers without the reader is withheld (500); an undeclared route that uses it fails (500)', async () => {
    const a = await buildApp({ config: testConfig(), database });
    a.get('/api/test/skips-reader', { config: { access: 'plan.read', readsCitizenData: true } }, async () => ({ wishes: 'Ro i hverdagen' }));
    a.get('/api/test/undeclared', { config: { access: 'plan.read' } }, async (req) =>
      readCitizenData(signedIn(req), { action: 'plan.read', purpose: 'Test', subject: { own: true } }, async () => ({ ok: true })),
    );
    a.get('/api/test/declared', { config: { access: 'plan.read', readsCitizenData: true } }, async (req) =>
      readCitizenData(signedIn(req), { action: 'plan.read', purpose: 'Test', subject: { own: true } }, async () => ({ ok: true })),
    );
    await a.ready();
    const m = await aMunicipality(database);
    const citizen = await aCitizen(database, m.id);
    const me = await as(a, 'citizen', citizen.id);
    const skipped = await me.get('/api/test/skips-reader');
    expect(skipped.statusCode).toBe(500);
    expect(skipped.body).not.toContain('Ro i hverdagen');
    expect((await me.get('/api/test/undeclared')).statusCode).toBe(500);
    expect((await me.get('/api/test/declared')).json()).toEqual({ ok: true });
    await a.close();
  });
});
