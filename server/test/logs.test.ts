import { afterAll, beforeAll, expect, test } from 'vitest';
import { Writable } from 'node:stream';
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
