import { afterAll, beforeAll, expect, test } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../platform/db.ts';
import { demoId, seedDemo } from '../../db/seed.ts';
import { as, testApp, testConfig, testDatabase } from '../../../test/helpers.ts';

// The demo plays scenario 1: the family meeting on an activation morning is an open collision
// with the reason it was booked anyway; the plan's "family first" makes the activation mornings
// of two weeks contradict the plan; Anne (coordinator) has them in her list; the family
// department sees the activation as "that and when" only.

let database: Database;
let app: FastifyInstance;
beforeAll(async () => {
  database = await testDatabase();
  await seedDemo(database.db, testConfig());
  app = await testApp(database);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
});

test('scenario 1 in the demo: the collision, the plan contradictions, who sees what', async () => {
  const michael = demoId('citizen:michael');
  const anne = await as(app, 'staff', demoId('staff:anne'));
  const list = (await anne.get('/api/collisions')).json().collisions.filter((c: { citizen: { id: string } }) => c.citizen.id === michael);
  const kinds = list.map((c: { collision: { kind: string } }) => c.collision.kind);
  expect(kinds.filter((k: string) => k === 'time')).toHaveLength(1);
  expect(kinds.filter((k: string) => k === 'plan_contradiction')).toHaveLength(6);
  expect(list.find((c: { collision: { kind: string } }) => c.collision.kind === 'time').statusReason).toBe('Eneste tid psykologen kunne');

  const mette = await as(app, 'staff', demoId('staff:mette'));
  const calendar = (await mette.get(`/api/citizens/${michael}/calendar`)).json();
  const activation = calendar.appointments.filter((a: { unit: { id: string } }) => a.unit.id === demoId('unit:jobcenter'));
  expect(activation.length).toBeGreaterThan(10);
  expect(activation.every((a: { hidden: boolean }) => a.hidden)).toBe(true);
  expect(calendar.limits).toEqual({ hoursPerDay: 6, appointmentsPerDay: 3, hoursPerWeek: 20, appointmentsPerWeek: 10 });

  const me = await as(app, 'citizen', michael);
  const own = (await me.get('/api/me/calendar')).json();
  expect(new Set(own.appointments.map((a: { unit: { name: string } }) => a.unit.name)).size).toBe(3);
  for (const c of ['sara', 'mads']) {
    expect((await (await as(app, 'citizen', demoId(`citizen:${c}`))).get('/api/me/calendar')).json().appointments.length).toBeGreaterThan(0);
  }
});
