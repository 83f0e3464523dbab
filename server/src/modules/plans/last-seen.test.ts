import { afterAll, beforeAll, expect, test } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { PlanView, WorkList } from '@sammen/domain/plans';
import type { Database } from '../../platform/db.ts';
import { as, testApp, testDatabase } from '../../../test/helpers.ts';
import { aCitizen, aSmallMunicipality, aStaffMember } from '../identity/identity.factories.ts';

// Issue 11, point 2: the work list and the plan page follow one "last seen" rule
// (plans.repository.ts `seenUpTo`, decisions/0007): a first visit has seen nothing.

let database: Database & { url?: string };
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

test('a coordinator who never opened the plan sees the citizen’s changes in the work list and on the plan, then in neither', async () => {
  const citizen = await aCitizen(database, home.municipality.id);
  const colleague = await aStaffMember(database, home.municipality.id, [[home.jobcenter.id, 'caseworker']]);
  const caseworker = await as(app, 'staff', home.caseworker.id);
  let plan = (await caseworker.post(`/api/citizens/${citizen.id}/plan`, {})).json() as PlanView;
  const me = await as(app, 'citizen', citizen.id);
  plan = (await me.request('PATCH', `/api/plans/${plan.id}`, { baseVersion: plan.version, wishes: 'Jeg vil gerne have et job.' })).json() as PlanView;
  await me.post(`/api/plans/${plan.id}/comments`, { targetType: 'plan', text: 'Kan vi mødes om tirsdagen?' });
  // The plan goes to a colleague who has never opened it.
  const handed = await caseworker.request('PUT', `/api/plans/${plan.id}/coordinator`, { baseVersion: plan.version, coordinatorId: colleague.id, unitId: home.jobcenter.id });
  expect(handed.statusCode, handed.body).toBe(200);

  const mette = await as(app, 'staff', colleague.id);
  const before = (await mette.get('/api/worklist')).json() as WorkList;
  expect(before.changedByCitizen.find((x) => x.planId === plan.id)).toMatchObject({ changes: 2 });

  const page = (await mette.get(`/api/plans/${plan.id}`)).json() as PlanView;
  const byCitizen = page.changesSinceLastSeen.filter((c) => c.actor.kind === 'citizen');
  expect(byCitizen.map((c) => c.changeType)).toEqual(['wishes.changed', 'comment.added']);

  const after = (await mette.get('/api/worklist')).json() as WorkList;
  expect(after.changedByCitizen.find((x) => x.planId === plan.id)).toBeUndefined();
  expect(((await mette.get(`/api/plans/${plan.id}`)).json() as PlanView).changesSinceLastSeen).toEqual([]);
});
