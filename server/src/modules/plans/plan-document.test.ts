import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { waitingGoals } from '@sammen/domain/plans';
import { query, type Database } from '../../platform/db.ts';
import { testApp, testConfig, testDatabase, type TestClient } from '../../../test/helpers.ts';
import { citizenWorld, type ActorKey } from '../../../test/world.ts';
import { resolveSession } from '../auth/auth.service.ts';
import { personOf } from './use-cases/read-plan.ts';
import { selectPlanPage } from './plans.repository.ts';

// The plan's read model (decisions/0008) against the plan built from its tables on every read
// (`selectPlanPage`, the statement the page used before): for every kind of reader the page must
// be the same, and after every kind of write — inside the write's transaction (its answer) and
// after it (the next read, by someone else) — it must show the write. The read model can never
// be stale inside or after a committed transaction.

let database: Database;
let app: FastifyInstance;
let world: Awaited<ReturnType<typeof citizenWorld>>;

beforeAll(async () => {
  database = await testDatabase();
  app = await testApp(database);
  world = await citizenWorld(database, app, 'active');
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const config = testConfig();

/** The plan as the live statement builds it for this client, with what the page adds (waiting goals). */
async function livePage(client: TestClient) {
  const session = await resolveSession(database.db, config, client.cookies.get('sammen_session')!);
  const actor = session!.actor;
  const page = await selectPlanPage(database.db, actor, { planId: world.planId }, personOf(actor));
  if (!page) return undefined;
  const waiting = waitingGoals(page.doc.goals);
  return { ...page.doc, goals: page.doc.goals.map((g) => ({ ...g, waiting: waiting.has(g.id) })) };
}

const readers: ActorKey[] = ['citizen', 'proxyInScope', 'coordinator', 'involved', 'involvedLeader', 'partner'];
const pageUrl = (key: ActorKey) => (key === 'citizen' || key === 'proxyInScope' ? '/api/me/plan' : `/api/plans/${world.planId}`);

async function expectSameAsLive(key: ActorKey) {
  const client = world.clients[key];
  const live = await livePage(client);
  const res = await client.get(pageUrl(key));
  expect(res.statusCode, key).toBe(200);
  expect(res.json(), key).toEqual(live);
}

describe('the plan page from its read model', () => {
  test('is the page the tables give, for every kind of reader (what consent shows, own follow-ups and comments, what is new)', async () => {
    for (const key of readers) await expectSameAsLive(key);
    // Nothing new the second time: still the same.
    for (const key of readers) await expectSameAsLive(key);
    // And the uninvolved, the other municipality: 404 from both.
    for (const key of ['uninvolved', 'otherMunicipality'] as const) {
      expect(await livePage(world.clients[key])).toBeUndefined();
      expect((await world.clients[key].get(`/api/plans/${world.planId}`)).statusCode).toBe(404);
    }
  });

  const writes = [
    'PATCH /api/plans/:planId',
    'POST /api/plans/:planId/goals',
    'PATCH /api/plans/:planId/goals/:goalId',
    'POST /api/plans/:planId/efforts',
    'PATCH /api/plans/:planId/efforts/:effortId',
    'POST /api/plans/:planId/efforts/:effortId/support-levels',
    'POST /api/plans/:planId/agreements',
    'PUT /api/plans/:planId/coordinator',
    'POST /api/plans/:planId/follow-ups',
    'POST /api/plans/:planId/follow-ups/:followUpId/done',
    'POST /api/plans/:planId/comments',
  ];
  test.each(writes)('%s: its answer and the next read by anyone show the write', async (route) => {
    const [method] = route.split(' ') as ['PATCH' | 'POST' | 'PUT'];
    const { url, body } = await world.fixtures[route]!.call();
    const writer = world.clients.coordinator;
    const res = await writer.request(method, url, body);
    expect(res.statusCode, res.body).toBe(200);
    // The answer was read in the write's transaction: it is what the tables now say for the writer.
    const answer = res.json();
    const live = await livePage(writer);
    expect({ ...answer, changesSinceLastSeen: [] }).toEqual({ ...live, changesSinceLastSeen: [] });
    for (const key of readers) await expectSameAsLive(key);
  });

  test('a document left stale (a plan written around the use cases, as a seed does) is rebuilt before it is read, and the read is logged once', async () => {
    await query(database.db, sql`UPDATE plans SET wishes = 'Skrevet uden om', version = version + 1 WHERE id = ${world.planId}`);
    const reads = async () => Number((await query<{ n: number }>(database.db, sql`SELECT count(*) AS n FROM audit_events WHERE subject_id = ${world.planId} AND kind = 'read'`))[0]!.n);
    const before = await reads();
    const res = await world.clients.coordinator.get(`/api/plans/${world.planId}`);
    expect(res.json().wishes.text).toBe('Skrevet uden om');
    expect(await reads()).toBe(before + 1);
    await expectSameAsLive('involved');
  });
});
