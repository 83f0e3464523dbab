import { afterAll, beforeAll, expect, test } from 'vitest';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../src/platform/db.ts';
import { as, testApp, testDatabase } from './helpers.ts';
import { aCitizen, aSmallMunicipality } from '../src/modules/identity/identity.factories.ts';

// Logs say what happened, never who: canary values planted in the data must not reach them.

const CANARY_NAME = 'Kanariefugl Zyxwvutsen';
const CANARY_CPR = '2902707331';
let logs = '';
let database: Database;
let app: FastifyInstance;

beforeAll(async () => {
  database = await testDatabase();
  const sink = new Writable({ write: (chunk, _enc, done) => ((logs += chunk), done()) });
  app = await testApp(database, { LOG_LEVEL: 'trace' }, sink);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

test('no name, CPR number or session token reaches the application log', async () => {
  const home = await aSmallMunicipality(database);
  const citizen = await aCitizen(database, home.municipality.id, CANARY_NAME, CANARY_CPR);
  const staff = await as(app, 'staff', home.caseworker.id);
  const token = staff.cookies.get('sammen_session')!;
  await staff.post('/api/citizens/search', { q: 'Kanariefugl' });
  await staff.get(`/api/citizens/${citizen.id}`);
  await staff.put('/api/auth/unit', { unitId: 'not-a-uuid', name: CANARY_NAME });
  await staff.post('/api/citizens/search', `{"q": "${CANARY_NAME}`); // broken JSON with the name in it
  const self = await as(app, 'citizen', citizen.id);
  await self.get('/api/me');
  await self.post('/api/auth/logout', {});

  expect(logs.length).toBeGreaterThan(1000); // the requests were logged at all
  expect(logs).not.toContain('Kanariefugl');
  expect(logs).not.toContain('Zyxwvutsen');
  expect(logs).not.toContain(CANARY_CPR);
  expect(logs).not.toContain('290270');
  expect(logs).not.toContain(token);
  expect(logs).not.toContain(staff.csrf!);
});

test('a failing statement is logged by its code, constraint and route — never by the values the request carried', async () => {
  const home = await aSmallMunicipality(database);
  const citizen = await aCitizen(database, home.municipality.id);
  const staff = await as(app, 'staff', home.caseworker.id);
  const plan = (await staff.post(`/api/citizens/${citizen.id}/plan`, {})).json();
  // A statement that fails with the request's text among its parameters (the ORM puts them in its message).
  await database.db.execute(sql`CREATE FUNCTION refuse_comment() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'comment refused' USING ERRCODE = 'P0001'; END $$`);
  await database.db.execute(sql`CREATE TRIGGER refuse_comment BEFORE INSERT ON plan_comments FOR EACH ROW EXECUTE FUNCTION refuse_comment()`);
  const before = logs.length;
  const res = await staff.post(`/api/plans/${plan.id}/comments`, { targetType: 'plan', text: `${CANARY_NAME} fortalte om sin diagnose` });
  await database.db.execute(sql`DROP TRIGGER refuse_comment ON plan_comments`);
  expect(res.statusCode).toBe(500);
  const line = logs.slice(before).split('\n').find((l) => l.includes('request.failed'))!;
  expect(line).toBeDefined();
  expect(JSON.parse(line)).toMatchObject({ route: '/api/plans/:planId/comments', err: { sqlState: 'P0001' } });
  expect(logs).not.toContain('Kanariefugl');
  expect(logs).not.toContain('diagnose');
  expect(logs).not.toContain('Failed query');
});
