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

  // The leader of the unit (here: the library's, made for this) sees what was opened, and when.
  const review = await w.clients.uninvolved.get('/api/break-glass');
  expect(review.statusCode).toBe(403); // a caseworker does not review
});

test('the leader\'s review and the citizen see everything that was opened under a break-glass, and nothing else', async () => {
  const w = await citizenWorld(database, app);
  // world.ts: a jobcenter caseworker opened the other citizen's plan; the jobcenter's leader reviews it.
  const [before] = (await w.clients.involvedLeader.get('/api/break-glass')).json() as { id: string; planId: string; reads: unknown[] }[];
  expect(before!.reads).toEqual([]);
  await w.clients.involved.get(`/api/plans/${before!.planId}`);
  await w.clients.involved.get(`/api/plans/${before!.planId}/history`);
  const [after] = (await w.clients.involvedLeader.get('/api/break-glass')).json() as { id: string; reads: { action: string; sections: string[] }[] }[];
  expect(after!.reads.map((r) => r.action)).toEqual(['plan.read', 'plan.history.read']);
  expect(after!.reads[0]!.sections).toContain('wishes');
  // The caseworker's own work (not under the break-glass) is not listed.
  await w.clients.involved.get(`/api/plans/${w.planId}`);
  expect(((await w.clients.involvedLeader.get('/api/break-glass')).json() as { reads: unknown[] }[])[0]!.reads).toHaveLength(2);
});
