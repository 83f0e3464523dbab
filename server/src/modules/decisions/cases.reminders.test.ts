import { afterAll, beforeAll, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_WORKING_DAY_RULES, addWorkingDays } from '@sammen/domain/workdays';
import { query, type Database } from '../../platform/db.ts';
import { startJobs } from '../../platform/jobs.ts';
import { as, engine, testApp, testConfig, testDatabase } from '../../../test/helpers.ts';
import { inDays, today } from '../../../test/dates.ts';
import { aCitizen, aMunicipality, aStaffMember, aUnit } from '../identity/identity.factories.ts';
import { aComplaint, aDecisionType, aRequest, anIssuedDecision } from './complaints.factories.ts';
import { caseReminders, raiseCaseReminders } from './cases.reminders.ts';

// The case reminders: once per subject, kind and due date, however often and from however many
// places the work runs (ON CONFLICT DO NOTHING on the unique key) — the same kinds the work list
// shows, and the work list says when each was raised. Then the work through pg-boss, on either
// engine. Two server processes: test/reminders.test.ts.

let database: Database & { url?: string };
let app: FastifyInstance;
beforeAll(async () => {
  database = await testDatabase();
  app = await testApp(database);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function cases() {
  const m = (await aMunicipality(database)).id;
  const unit = await aUnit(database, m, 'adult_disability');
  const other = await aUnit(database, m, 'jobcenter');
  const caseworker = await aStaffMember(database, m, [[unit.id, 'caseworker']]);
  const citizen = await aCitizen(database, m);
  const typeId = await aDecisionType(database.db, m, unit.id);
  const decision = await anIssuedDecision(database.db, m, { citizenId: citizen.id, unitId: unit.id, decidedOn: inDays(-60), typeId });
  const ids = {
    breached: await aRequest(database.db, m, { citizenId: citizen.id, typeId, unitId: unit.id, receivedOn: inDays(-60) }),
    dueSoon: await aRequest(database.db, m, { citizenId: citizen.id, typeId, unitId: unit.id, receivedOn: inDays(-26) }),
    notYet: await aRequest(database.db, m, { citizenId: citizen.id, typeId, unitId: unit.id, receivedOn: today() }),
    // Overdue contact and reassessment (received 40 days ago, about a decision).
    overdue: await aComplaint(database.db, m, { citizenId: citizen.id, unitId: unit.id, receivedOn: inDays(-40), decisionId: decision.decisionId }),
    // Received today: the contact is due, the reassessment weeks away.
    fresh: await aComplaint(database.db, m, { citizenId: citizen.id, unitId: unit.id, receivedOn: today(), decisionId: decision.decisionId }),
    // Contacted: no contact reminder; about how the citizen was met: no reassessment.
    contacted: await aComplaint(database.db, m, { citizenId: citizen.id, unitId: other.id, receivedOn: inDays(-10), firstContactOn: inDays(-9) }),
  };
  return { m, unit, caseworker, citizen, ids };
}

const reminders = async (m: string) =>
  query<{ subject_id: string; kind: string; n: number }>(
    database.db,
    sql`SELECT subject_id::text AS subject_id, kind, count(*)::int AS n FROM case_reminders WHERE municipality_id = ${m} GROUP BY subject_id, kind ORDER BY kind`,
  );

test(`the reminders are raised once per subject, kind and due date, also when the work runs at once in several places (${engine})`, async () => {
  const c = await cases();
  const first = await raiseCaseReminders(database.db, c.m);
  expect(first.raised).toBe(5);
  // Again, and several at once (on PostgreSQL each on its own connection of the pool).
  const again = await Promise.all([1, 2, 3, 4].map(() => raiseCaseReminders(database.db, c.m)));
  expect(again.map((r) => r.raised)).toEqual([0, 0, 0, 0]);
  const rows = await reminders(c.m);
  expect(rows.every((r) => r.n === 1)).toBe(true);
  const kinds = Object.fromEntries(Object.entries(c.ids).map(([name, id]) => [name, rows.filter((r) => r.subject_id === id).map((r) => r.kind).sort()]));
  expect(kinds).toEqual({
    breached: ['requestBreached'],
    dueSoon: ['requestDueSoon'],
    notYet: [],
    overdue: ['contactOverdue', 'reassessmentOverdue'],
    fresh: ['contactDue'],
    contacted: [],
  });
  // The same kinds in the unit's work list, each with when it was raised.
  const work = (await (await as(app, 'staff', c.caseworker.id)).get('/api/case-work')).json().items as { kind: string; subjectId: string; remindedAt: string | null }[];
  expect(work.map((i) => `${i.subjectId} ${i.kind}`).sort()).toEqual(rows.map((r) => `${r.subject_id} ${r.kind}`).sort());
  expect(work.every((i) => i.remindedAt !== null && !Number.isNaN(Date.parse(i.remindedAt)))).toBe(true);

  // A day later the due-soon request is one working day nearer, still the same reminder; once breached, a new kind.
  const request = await query<{ due_on: string }>(database.db, sql`SELECT due_on::text AS due_on FROM decision_requests WHERE id = ${c.ids.dueSoon}`);
  const dayAfterDue = addWorkingDays(request[0]!.due_on, 1, DEFAULT_WORKING_DAY_RULES);
  expect((await raiseCaseReminders(database.db, c.m, request[0]!.due_on)).raised).toBe(0);
  await raiseCaseReminders(database.db, c.m, dayAfterDue);
  expect((await reminders(c.m)).filter((r) => r.subject_id === c.ids.dueSoon).map((r) => r.kind).sort()).toEqual(['requestBreached', 'requestDueSoon']);
});

test(`the job raises them through pg-boss, asked for now (${engine})`, async () => {
  const c = await cases();
  const jobs = await startJobs(database, testConfig(database.url ? { DATABASE_URL: database.url } : {}), { error: () => {} }, [caseReminders]);
  try {
    await jobs.remindNow(c.m);
    const found = async () => (await reminders(c.m)).length;
    const until = Date.now() + 30_000;
    while ((await found()) < 5 && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    expect(await found()).toBe(5);
    expect((await reminders(c.m)).every((r) => r.n === 1)).toBe(true);
  } finally {
    await jobs.stop(2_000);
  }
}, 60_000);
