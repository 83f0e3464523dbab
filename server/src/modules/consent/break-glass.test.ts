import { afterAll, beforeAll, expect, test } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../platform/db.ts';
import { testApp, testDatabase } from '../../../test/helpers.ts';
import { citizenWorld } from '../../../test/world.ts';

// Break-glass opens a citizen's plan to read in an emergency — never to change it.

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

test('under break-glass a caseworker reads the whole plan but can change nothing in it (403), and nothing is saved', async () => {
  const w = await citizenWorld(database, app);
  const librarian = w.clients.uninvolved;
  expect((await librarian.get(`/api/plans/${w.planId}`)).statusCode).toBe(404);
  const opened = await librarian.post(`/api/citizens/${w.citizen.id}/break-glass`, { reason: 'Borgeren er i krise på biblioteket og beder om hjælp nu', minutes: 30 });
  expect(opened.statusCode).toBe(200);
  const seen = (await librarian.get(`/api/plans/${w.planId}`)).json();
  expect(seen.access.basis).toBe('break_glass');
  expect(seen.wishes.text).toBe('Ro i hverdagen');

  const attempts = [
    await librarian.request('PATCH', `/api/plans/${w.planId}`, { baseVersion: seen.version, wishes: 'Ændret under nødadgang' }),
    await librarian.post(`/api/plans/${w.planId}/goals`, { baseVersion: seen.version, wording: 'Et nyt mål' }),
    await librarian.post(`/api/plans/${w.planId}/comments`, { targetType: 'plan', text: 'En kommentar under nødadgang' }),
  ];
  expect(attempts.map((r) => r.statusCode)).toEqual([403, 403, 403]);
  const after = (await w.clients.coordinator.get(`/api/plans/${w.planId}`)).json();
  expect(after.version).toBe(seen.version);
  expect(after.wishes.text).toBe('Ro i hverdagen');
  expect(after.comments).toEqual([]);
});
