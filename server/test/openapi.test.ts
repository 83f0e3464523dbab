import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createConfig, lintFromString, type NormalizedProblem } from '@redocly/openapi-core';
import { errorCodes, type ErrorBody } from '@sammen/domain/errors';
import type { Database } from '../src/platform/db.ts';
import { statusOf } from '../src/platform/errors.ts';
import { documentedStatuses, undocumentedAnswers, type Answer } from '../src/platform/openapi.ts';
import { DEFAULT_FEEDBACK_SETTINGS, sammenMeeting } from '@sammen/domain/feedback';
import { aCitizen, aProxy, aStaffMember, aUnit } from '../src/modules/identity/identity.factories.ts';
import { aMeeting, aRating, anInstrumentId, answersSumming } from '../src/modules/feedback/feedback.factories.ts';
import { anOpenPulse } from '../src/modules/learning/pulse.factories.ts';
import { as, TestClient, testApp, testDatabase } from './helpers.ts';
import { actorKeys, citizenWorld, surveyWorld, type ActorKey, type Call } from './world.ts';

// The API description (/api/openapi.json) is complete: it passes Redocly's recommended rules, and
// every status a route answers — walked with every kind of actor, replayed, refused and fed bad
// input — is documented for its operation. A route that can answer something its description
// lacks fails here; so does a route nobody calls here.

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// OpenID Connect on, with no identity provider behind it: its routes exist and are documented.
const withOidc = { OIDC_ISSUER: 'http://127.0.0.1:1/', OIDC_CLIENT_ID: 'sammen', OIDC_CLIENT_SECRET: 'secret' };

let database: Database;
let app: FastifyInstance;
beforeAll(async () => {
  database = await testDatabase();
  app = await testApp(database, withOidc);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const apiRoutes = (a: FastifyInstance) => a.sammen.routes.filter((r) => r.method !== 'HEAD' && r.url.startsWith('/api/'));
const pointer = (path: string, method: string) => `#/paths/${path.replaceAll('/', '~1')}/${method}/responses`;

/**
 * Findings of the recommended rules that the design answers on purpose, one operation at a time
 * (a new operation is linted in full):
 * - operation-4xx-response: these take no input, need no session and have no limit, so nothing
 *   can refuse them; a 4XX here would be made up.
 * - operation-2xx-response: the OpenID Connect start and callback redirect the browser; their
 *   success is a 302.
 */
const onPurpose = new Set([
  ...['/api/health', '/api/ready', '/api/openapi.json', '/api/auth/methods', '/api/auth/csrf', '/api/auth/demo/personas'].map((p) => `operation-4xx-response ${pointer(p, 'get')}`),
  ...['/api/auth/oidc/start', '/api/auth/oidc/callback'].map((p) => `operation-2xx-response ${pointer(p, 'get')}`),
]);
const describeProblem = (p: NormalizedProblem) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer ?? ''}: ${p.message}`;

describe('the description', () => {
  test('Redocly’s recommended rules find no error and no warning in the served document', async () => {
    const res = await app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: res.body, absoluteRef: 'openapi.json', config });
    expect(problems.filter((p) => !onPurpose.has(`${p.ruleId} ${p.location[0]?.pointer}`)).map(describeProblem)).toEqual([]);
  });

  test('every route is an operation with its security: writes carry the CSRF token, signed-in routes the session cookie', () => {
    const doc = app.swagger() as { paths: Record<string, Record<string, { security?: unknown }>> };
    const wrong: string[] = [];
    for (const r of apiRoutes(app)) {
      const operation = doc.paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()];
      const scheme = { ...(r.access !== 'public' ? { sessionCookie: [] } : {}), ...(UNSAFE.has(r.method) ? { csrfToken: [] } : {}) };
      const want = Object.keys(scheme).length ? [scheme] : [];
      if (JSON.stringify(operation?.security) !== JSON.stringify(want)) wrong.push(`${r.method} ${r.url}: ${JSON.stringify(operation?.security)}`);
    }
    expect(wrong).toEqual([]);
    expect(Object.keys(doc.paths).filter((p) => !p.startsWith('/api/')), 'the web app’s fallback is not the API').toEqual([]);
  });

  test('it names its server, its licence and the one error shape', () => {
    const doc = app.swagger() as any;
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
    const rootPackage = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(doc.info.license.name).toBe(rootPackage.license);
    expect(doc.components.schemas.ErrorBody.required).toEqual(['error']);
    expect(doc.components.schemas.Error.required).toEqual(['code', 'message', 'requestId']);
    expect(doc.components.schemas.PlanConflict.required).toEqual(['error', 'current']);
  });

  test('documentedStatuses finds the operation by route pattern or by path, and undocumentedAnswers names what is missing', () => {
    const id = randomUUID();
    expect(documentedStatuses(app, 'PATCH', '/api/plans/:planId')).toEqual([200, 400, 401, 403, 404, 409, 413, 415, 500]);
    expect(documentedStatuses(app, 'PATCH', `/api/plans/${id}`)).toEqual(documentedStatuses(app, 'PATCH', '/api/plans/:planId'));
    expect(documentedStatuses(app, 'POST', '/api/citizens/search')).toContain(429);
    expect(documentedStatuses(app, 'GET', '/api/me/access-log?limit=5')).toContain(400);
    expect(documentedStatuses(app, 'DELETE', '/api/plans/:planId')).toEqual([]);
    expect(undocumentedAnswers(app, [{ method: 'GET', url: '/api/health', status: 404 }, { method: 'GET', url: '/api/health', status: 200 }])).toEqual([
      'GET /api/health: 404 (documented: 200, 500)',
    ]);
  });
});

describe('every status a route answers is documented', () => {
  test('walked by every kind of actor, replayed, without a session or CSRF token, with bad bodies, ids and content types', async () => {
    const w = await citizenWorld(database, app);
    const seen: Answer[] = [];
    const fails: string[] = [];
    const shapes: string[] = [];
    const ask = async (client: TestClient, method: Method, route: string, url: string, body?: unknown, headers?: Record<string, string>) => {
      const res = await client.request(method, url, body as Record<string, unknown> | string | undefined, headers);
      seen.push({ method, url: route, status: res.statusCode });
      if (res.statusCode >= 500 && route !== '/api/auth/oidc/start') fails.push(`${method} ${route}: ${res.statusCode} ${res.body}`);
      if (res.statusCode >= 400) {
        // The one error shape, with the code whose status this is.
        const error = (res.json() as Partial<ErrorBody>).error;
        if (!error || !errorCodes.includes(error.code) || statusOf(error.code) !== res.statusCode || typeof error.requestId !== 'string') {
          shapes.push(`${method} ${route}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        }
      }
      return res;
    };
    const citizenClient = () => as(app, 'citizen', w.citizen.id);
    const anonymous = async () => new TestClient(app);
    const asActor = (actor: ActorKey) => async () => w.clients[actor];

    // A valid call for each route without a fixture in world.ts (they read no citizen data), and who makes it.
    const coordinatorUnit = (await w.clients.coordinator.get('/api/auth/session')).json().unitId as string;
    const askToBeInvolved = { reason: 'Borgeren kommer i vores værksted hver uge' };
    /** A pending request of a new unit to be involved in the citizen's plan; declining it changes nobody's access. */
    const anInvolvementRequest = async () => {
      const unit = await aUnit(database, w.citizen.municipalityId, 'library');
      const asker = await as(app, 'staff', (await aStaffMember(database, w.citizen.municipalityId, [[unit.id, 'caseworker']])).id);
      return (await asker.post(`/api/citizens/${w.citizen.id}/involvement-requests`, askToBeInvolved)).json().id as string;
    };
    /** The world's decision type (the jobcenter's), as its input to change it with. */
    const aDecisionType = async () => (await w.clients.admin.get('/api/decision-types')).json().decisionTypes.find((t: { name: string }) => t.name.startsWith('Vejledning'));
    const decisionTypeBody = async () => {
      const { id: _, unit, ...rest } = await aDecisionType();
      return { ...rest, unitId: unit.id };
    };
    let typeNames = 0;
    // Feedback (issue 15): a meeting of the coordinator's unit, a link to rate it, a rating that alerted.
    const m = w.citizen.municipalityId;
    const family = coordinatorUnit;
    const coordinatorId = (await w.clients.coordinator.get('/api/auth/session')).json().staffId as string;
    const aFamilyMeeting = () => aMeeting(database.db, m, { citizenId: w.citizen.id, unitId: family, staffId: coordinatorId, area: 'family' });
    const aRatingLink = async () => {
      const res = await w.clients.coordinator.post(`/api/feedback/meetings/${await aFamilyMeeting()}/links`, { kinds: ['meeting'], mode: 'link' });
      return (res.json().path as string).split('#')[1]!;
    };
    const anAlertedRating = async () => (await aRating(database.db, m, await aFamilyMeeting(), 'meeting', 20)).id;
    /** The outcome instrument, with enough first ratings (30 courses) to compute norms from. */
    let normsReady: Promise<string> | undefined;
    const normsInstrument = () =>
      (normsReady ??= (async () => {
        for (let i = 0; i < 30; i++) {
          const citizen = await aCitizen(database, m);
          await aRating(database.db, m, await aMeeting(database.db, m, { citizenId: citizen.id, unitId: family, staffId: coordinatorId }), 'outcome', 5 + (i % 15));
        }
        return anInstrumentId(database.db, m, 'outcome');
      })());
    const anInstrument = async () => (await w.clients.admin.get('/api/feedback/instruments')).json().instruments.find((i: { origin: string }) => i.origin === 'sammen');
    // Coordination pulse (issue 16): an open pulse the jobcenter caseworker was asked in (a new
    // citizen's each time: one open pulse per citizen), and one on the world's citizen for them to answer.
    const involvedId = (await w.clients.involved.get('/api/auth/session')).json().staffId as string;
    const aPulseToAnswer = async () =>
      anOpenPulse(database.db, m, { citizenId: (await aCitizen(database, m)).id, unitId: family, startedBy: coordinatorId, invited: [involvedId] });
    const aPulseOfTheCitizen = () => anOpenPulse(database.db, m, { citizenId: w.citizen.id, unitId: family, startedBy: coordinatorId, invited: [involvedId] });
    // Coordination survey (issue 16): its fixtures (test/world.ts surveyWorld), by every actor —
    // analysts, respondents, staff who may or may not see results, the citizen, another municipality.
    const survey = await surveyWorld(database, w);
    const others: Record<string, { by: 'every actor' | (() => Promise<TestClient>); call: () => Promise<Call> }> = {
      'GET /api/health': { by: anonymous, call: async () => ({ url: '/api/health' }) },
      'GET /api/ready': { by: anonymous, call: async () => ({ url: '/api/ready' }) },
      'GET /api/openapi.json': { by: anonymous, call: async () => ({ url: '/api/openapi.json' }) },
      'GET /api/auth/methods': { by: anonymous, call: async () => ({ url: '/api/auth/methods' }) },
      'GET /api/auth/csrf': { by: anonymous, call: async () => ({ url: '/api/auth/csrf' }) },
      'GET /api/auth/demo/personas': { by: anonymous, call: async () => ({ url: '/api/auth/demo/personas' }) },
      'POST /api/auth/demo/login': { by: anonymous, call: async () => ({ url: '/api/auth/demo/login', body: { kind: 'citizen', id: w.citizen.id } }) },
      // No identity provider answers here: the start fails (500); the callback redirects to the login page.
      'GET /api/auth/oidc/start': { by: anonymous, call: async () => ({ url: '/api/auth/oidc/start' }) },
      'GET /api/auth/oidc/callback': { by: anonymous, call: async () => ({ url: '/api/auth/oidc/callback?code=x&state=y' }) },
      'GET /api/auth/session': { by: 'every actor', call: async () => ({ url: '/api/auth/session' }) },
      'POST /api/auth/logout': { by: citizenClient, call: async () => ({ url: '/api/auth/logout' }) },
      'PUT /api/auth/unit': { by: asActor('coordinator'), call: async () => ({ url: '/api/auth/unit', body: { unitId: coordinatorUnit } }) },
      'GET /api/units': { by: 'every actor', call: async () => ({ url: '/api/units' }) },
      'GET /api/staff': { by: 'every actor', call: async () => ({ url: '/api/staff' }) },
      'GET /api/staff/directory': { by: 'every actor', call: async () => ({ url: '/api/staff/directory' }) },
      'POST /api/citizens/:citizenId/involvement-requests': { by: asActor('uninvolved'), call: async () => ({ url: `/api/citizens/${w.citizen.id}/involvement-requests`, body: askToBeInvolved }) },
      'POST /api/involvement-requests/:requestId/decision': {
        by: asActor('coordinator'),
        call: async () => ({ url: `/api/involvement-requests/${await anInvolvementRequest()}/decision`, body: { decision: 'declined' } }),
      },
      // Counts of citizens per network size (no citizen data): leaders and admins.
      'GET /api/network/statistics': { by: 'every actor', call: async () => ({ url: '/api/network/statistics' }) },
      // The citizen's calendar subscription, as a calendar app fetches it: no session, the secret in the address.
      'GET /api/calendar-feeds/:token': { by: anonymous, call: async () => ({ url: new URL((await (await citizenClient()).post('/api/me/calendar/feed', {})).json().url).pathname }) },
      'POST /api/citizens/:citizenId/break-glass': {
        by: asActor('uninvolved'),
        call: async () => ({ url: `/api/citizens/${w.citizen.id}/break-glass`, body: { reason: 'Akut henvendelse fra borgerens læge i weekenden', minutes: 30 } }),
      },
      // Decisions (issue 14): decision types and the deadline setting (admin), the figures (leaders, admins).
      'GET /api/decision-types': { by: 'every actor', call: async () => ({ url: '/api/decision-types' }) },
      'POST /api/decision-types': { by: asActor('admin'), call: async () => ({ url: '/api/decision-types', body: { ...(await decisionTypeBody()), name: `Ny afgørelsestype ${++typeNames}` } }) },
      'PUT /api/decision-types/:decisionTypeId': { by: asActor('admin'), call: async () => ({ url: `/api/decision-types/${(await aDecisionType()).id}`, body: await decisionTypeBody() }) },
      'GET /api/case-settings': { by: 'every actor', call: async () => ({ url: '/api/case-settings' }) },
      'PUT /api/case-settings': { by: asActor('admin'), call: async () => ({ url: '/api/case-settings', body: { workingDayRules: { extraClosedDays: ['juleaftensdag', 'nytaarsaftensdag'] }, personalContactDays: 2 } }) },
      'GET /api/case-figures': { by: 'every actor', call: async () => ({ url: '/api/case-figures' }) },
      // Feedback (issue 15): instruments, norms and settings (admin), a rating link and an alert seen
      // (the unit that held the meeting), the citizen's rating (no session), the aggregates (leaders, admins).
      'GET /api/feedback/instruments': { by: 'every actor', call: async () => ({ url: '/api/feedback/instruments' }) },
      'POST /api/feedback/instruments': { by: asActor('admin'), call: async () => ({ url: '/api/feedback/instruments', body: { definition: { ...sammenMeeting, licence: 'Kommunens eget' } } }) },
      'PUT /api/feedback/instruments/:instrumentId': {
        by: asActor('admin'),
        call: async () => {
          const i = await anInstrument();
          return { url: `/api/feedback/instruments/${i.id}`, body: { definition: i.definition, active: true } };
        },
      },
      'POST /api/feedback/instruments/:instrumentId/norms': {
        by: asActor('admin'),
        call: async () => ({ url: `/api/feedback/instruments/${await normsInstrument()}/norms`, body: { reliability: 0.8, nonClinicalTotals: Array.from({ length: 30 }, (_, i) => 26 + (i % 10)) } }),
      },
      'PUT /api/feedback/settings': { by: asActor('admin'), call: async () => ({ url: '/api/feedback/settings', body: DEFAULT_FEEDBACK_SETTINGS }) },
      'POST /api/feedback/meetings/:meetingId/links': { by: asActor('coordinator'), call: async () => ({ url: `/api/feedback/meetings/${await aFamilyMeeting()}/links`, body: { kinds: ['outcome', 'meeting'], mode: 'link' } }) },
      'POST /api/feedback/alerts/:ratingId/seen': { by: asActor('coordinator'), call: async () => ({ url: `/api/feedback/alerts/${await anAlertedRating()}/seen`, body: {} }) },
      'GET /api/feedback/aggregates': { by: 'every actor', call: async () => ({ url: '/api/feedback/aggregates?from=2026-01-01&to=2026-12-31&by=month' }) },
      // Coordination pulse (issue 16): a professional's answer and the citizen's, the leaders' aggregates.
      'POST /api/coordination-pulses/:pulseId/answers': {
        by: asActor('involved'),
        call: async () => ({ url: `/api/coordination-pulses/${await aPulseToAnswer()}/answers`, body: { answers: { sharedPicture: 4, timelyKnowledge: 3, solveTogether: 5 } } }),
      },
      'POST /api/me/coordination-pulses/:pulseId/answer': { by: citizenClient, call: async () => ({ url: `/api/me/coordination-pulses/${await aPulseOfTheCitizen()}/answer`, body: { score: 4 } }) },
      'GET /api/coordination/pulse-aggregates': { by: 'every actor', call: async () => ({ url: '/api/coordination/pulse-aggregates?quarter=2025-Q4' }) },
      ...Object.fromEntries(Object.entries(survey.fixtures).map(([key, f]) => [key, { by: 'every actor' as const, call: f.call }])),
      'POST /api/ratings/open': { by: anonymous, call: async () => ({ url: '/api/ratings/open', body: { token: await aRatingLink() } }) },
      'POST /api/ratings': { by: anonymous, call: async () => ({ url: '/api/ratings', body: { token: await aRatingLink(), ratings: [{ kind: 'meeting', declined: false, answers: answersSumming(30, 'meeting') }] } }) },
    };

    const routes = apiRoutes(app).map((r) => ({ method: r.method as Method, route: r.url, key: `${r.method} ${r.url}` }));
    expect(routes.filter((r) => !w.fixtures[r.key] && !others[r.key]).map((r) => r.key), 'routes without a call in world.ts or here').toEqual([]);
    const callOf = async (key: string): Promise<Call> => (w.fixtures[key] ?? others[key])!.call();
    /** The route's path with made-up ids. */
    const withIds = (route: string, idOf: () => string) => route.replace(/:\w+/g, () => idOf());

    // 1. Every route with a valid call: routes of citizen data by all ten kinds of actor, the rest by their caller(s).
    //    Then the same request again: a stale baseVersion, a plan that exists, a consent already given or revoked.
    for (const { method, route, key } of routes) {
      const fixture = w.fixtures[key];
      const by = fixture ? 'every actor' : others[key]!.by;
      const callers = by === 'every actor' ? actorKeys.map((a) => asActor(a)) : [by];
      let replayed = false;
      for (const caller of callers) {
        const client = await caller();
        const call = await callOf(key);
        const res = await ask(client, method, route, call.url, call.body);
        if (UNSAFE.has(method) && res.statusCode === 200 && !replayed) {
          await ask(client, method, route, call.url, call.body);
          replayed = true;
        }
      }
    }

    // 2. Refusals before the route: no session; no CSRF token, or another site's Origin; a body that is not
    //    JSON, not well-formed, too large, or has a field the schema does not know; a query the schema does not know.
    for (const { method, route, key } of routes) {
      const call = await callOf(key);
      await ask(await anonymous(), method, route, call.url, call.body);
      if (UNSAFE.has(method)) {
        const client = await citizenClient();
        const res = await app.inject({ method, url: call.url, headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': 'application/json' }, payload: JSON.stringify(call.body ?? {}) });
        seen.push({ method, url: route, status: res.statusCode });
        await ask(client, method, route, call.url, call.body ?? {}, { origin: 'https://evil.example' });
        await ask(client, method, route, call.url, 'a=1', { 'content-type': 'text/plain' });
        await ask(client, method, route, call.url, '{"a":');
        await ask(client, method, route, call.url, { ...call.body, pad: 'x'.repeat(1_100_000) });
        await ask(client, method, route, call.url, { ...call.body, notAField: 1 });
      } else {
        await ask(w.clients.citizen, method, route, `${call.url}${call.url.includes('?') ? '&' : '?'}notAParameter=1`);
      }
    }

    // 3. Ids in the path that are not ids, and ids of nothing, by every kind of actor.
    for (const { method, route, key } of routes.filter((r) => r.route.includes('/:'))) {
      const { body } = await callOf(key);
      await ask(w.clients.coordinator, method, route, withIds(route, () => 'not-an-id'), body);
      for (const actor of actorKeys) await ask(w.clients[actor], method, route, withIds(route, () => randomUUID()), body);
    }

    // 4. What only a use case refuses: a persona that does not exist, a proxy not valid today, a unit that is not mine.
    const expiredProxy = await aProxy(database, w.citizen.municipalityId, w.citizen.id, [], { validTo: new Date('2000-01-01') });
    await ask(await anonymous(), 'POST', '/api/auth/demo/login', '/api/auth/demo/login', { kind: 'citizen', id: randomUUID() });
    await ask(await anonymous(), 'POST', '/api/auth/demo/login', '/api/auth/demo/login', { kind: 'proxy', id: expiredProxy.id });
    await ask(w.clients.coordinator, 'PUT', '/api/auth/unit', '/api/auth/unit', { unitId: randomUUID() });

    expect(undocumentedAnswers(app, seen), 'statuses answered but not documented').toEqual([]);
    expect(fails, 'no 5xx (the OpenID Connect start has no provider here)').toEqual([]);
    expect(shapes, 'error answers not in the one error shape, or with a code of another status').toEqual([]);
    const succeeded = new Set(seen.filter((a) => a.status < 400).map((a) => `${a.method} ${a.url}`));
    expect(routes.filter((r) => !succeeded.has(r.key) && r.route !== '/api/auth/oidc/start').map((r) => r.key), 'routes no call succeeded on').toEqual([]);
    // The walk reaches every error status that the derivation documents (429: below; 503: a database that does not answer).
    expect([...new Set(seen.map((a) => a.status))].sort()).toEqual(expect.arrayContaining([200, 302, 400, 401, 403, 404, 409, 413, 415]));
  }, 300_000);

  test('rate-limited routes answer 429, with Retry-After, as documented', async () => {
    const limited = await testApp(database, { ...withOidc, LOGIN_RATE_LIMIT_PER_MINUTE: '1' });
    try {
      const seen: Answer[] = [];
      const client = new TestClient(limited);
      const ask = async (method: Method, route: string, url: string, body?: Record<string, unknown>) => {
        const res = await client.request(method, url, body);
        seen.push({ method, url: route, status: res.statusCode });
        return res;
      };
      // Every route twice: the second call of a route limited to one a minute is refused.
      for (const r of apiRoutes(limited)) {
        const method = r.method as Method;
        const url = r.url.replace(/:\w+/g, () => randomUUID());
        const body = UNSAFE.has(method) ? (r.url === '/api/auth/demo/login' ? { kind: 'citizen', id: randomUUID() } : {}) : undefined;
        for (let i = 0; i < 2; i++) await ask(method, r.url, url, body);
      }
      // Citizen search has its own limit, 120 a minute.
      for (let i = 0; i < 121; i++) await ask('POST', '/api/citizens/search', '/api/citizens/search', { q: 'Jensen' });
      const refused = [...new Set(seen.filter((a) => a.status === 429).map((a) => `${a.method} ${a.url}`))].sort();
      expect(refused).toEqual(['GET /api/auth/oidc/callback', 'GET /api/auth/oidc/start', 'GET /api/calendar-feeds/:token', 'GET /api/me/export', 'POST /api/auth/demo/login', 'POST /api/citizens/search']);
      expect(undocumentedAnswers(limited, seen)).toEqual([]);
      const res = await client.post('/api/auth/demo/login', { kind: 'citizen', id: randomUUID() });
      expect(res.statusCode).toBe(429);
      expect(res.headers['retry-after']).toMatch(/^\d+$/);
      expect(res.json().error.code).toBe('RATE_LIMITED');
    } finally {
      await limited.close();
    }
  }, 120_000);
});
