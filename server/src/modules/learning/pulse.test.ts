import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { query, type Database } from '../../platform/db.ts';
import { as, testApp, testDatabase } from '../../../test/helpers.ts';
import { aCitizen, aMunicipality, aProxy, aStaffMember, aUnit } from '../identity/identity.factories.ts';
import { addDays, localDate, startOfLocalDay } from '@sammen/domain/calendar';
import { DEFAULT_COORDINATION_SETTINGS } from '@sammen/domain/coordination';
import { closeDuePulses } from './pulse.close.ts';
import { daysOf, endedQuarters, lastEndedQuarter, quarterOf } from './pulse.aggregates.ts';
import { aClosedPulse, anOpenPulse, expirePulse } from './pulse.factories.ts';

// Scenario 7's pulse through the API: the coordinator asks the professionals around the citizen
// (and the citizen) how well they work together; the answers are kept without names; only once
// the pulse is closed does the coordinator see the means — hidden below the threshold — and the
// citizen's answer. Then every guard: 404 out of reach, 403 not the coordinator, 400 naming the
// field, 409 answered / closed / open / nobody to ask; the close job; the leaders' aggregates.

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

const count = async (table: string, where: ReturnType<typeof sql>) => Number((await query<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM ${sql.raw(table)} WHERE ${where}`))[0]!.n);
const readRows = () => count('audit_events', sql`kind = 'read'`);
const answers = (sharedPicture: number, timelyKnowledge: number, solveTogether: number) => ({ answers: { sharedPicture, timelyKnowledge, solveTogether } });

/**
 * A citizen whose plan the family department coordinates, with efforts by the jobcenter and a
 * psychiatry partner. Asked when the coordinator starts a pulse: the family department's other
 * staff (a caseworker, its leader), the jobcenter's three and the partner — six. Not asked: an
 * uninvolved library, its admin, another municipality's caseworker.
 */
async function world() {
  const m = (await aMunicipality(database)).id;
  const family = await aUnit(database, m, 'family');
  const jobcenter = await aUnit(database, m, 'jobcenter');
  const psychiatry = await aUnit(database, m, 'partner');
  const library = await aUnit(database, m, 'library');
  const staff = {
    coordinator: await aStaffMember(database, m, [[family.id, 'coordinator']]),
    colleague: await aStaffMember(database, m, [[family.id, 'caseworker']]),
    familyLeader: await aStaffMember(database, m, [[family.id, 'leader']]),
    worker: await aStaffMember(database, m, [[jobcenter.id, 'caseworker']]),
    frontline: await aStaffMember(database, m, [[jobcenter.id, 'frontline']]),
    jobcenterLeader: await aStaffMember(database, m, [[jobcenter.id, 'leader']]),
    partner: await aStaffMember(database, m, [[psychiatry.id, 'partner']]),
    librarian: await aStaffMember(database, m, [[library.id, 'caseworker']]),
    admin: await aStaffMember(database, m, [[library.id, 'admin']]),
    disabled: await aStaffMember(database, m, [[jobcenter.id, 'caseworker']], { disabledAt: new Date() }),
  };
  const citizen = await aCitizen(database, m, 'Emil Pulsen');
  const coordinator = await as(app, 'staff', staff.coordinator.id);
  let p = (await coordinator.post(`/api/citizens/${citizen.id}/plan`, { wishes: 'Et arbejde' })).json();
  p = (await coordinator.post(`/api/plans/${p.id}/goals`, { baseVersion: p.version, wording: 'Et job' })).json();
  for (const [unitId, area] of [[jobcenter.id, 'work'], [psychiatry.id, 'health']] as const) {
    p = (await coordinator.post(`/api/plans/${p.id}/efforts`, { baseVersion: p.version, unitId, title: 'Indsats', area, startsOn: '2026-01-01', goalIds: [p.goals[0].id] })).json();
  }
  const elsewhere = await aMunicipality(database);
  const elsewhereStaff = await aStaffMember(database, elsewhere.id, [[(await aUnit(database, elsewhere.id, 'jobcenter')).id, 'caseworker']]);
  const client = (id: string) => as(app, 'staff', id);
  return {
    m, family, jobcenter, psychiatry, library, staff, citizen,
    coordinator,
    colleague: await client(staff.colleague.id),
    familyLeader: await client(staff.familyLeader.id),
    worker: await client(staff.worker.id),
    frontline: await client(staff.frontline.id),
    jobcenterLeader: await client(staff.jobcenterLeader.id),
    partner: await client(staff.partner.id),
    librarian: await client(staff.librarian.id),
    admin: await client(staff.admin.id),
    elsewhere: await client(elsewhereStaff.id),
    me: await as(app, 'citizen', citizen.id),
    proxy: await as(app, 'proxy', (await aProxy(database, m, citizen.id, ['plan.read', 'plan.comment'])).id),
    proxyReadOnly: await as(app, 'proxy', (await aProxy(database, m, citizen.id, ['plan.read'])).id),
  };
}
type World = Awaited<ReturnType<typeof world>>;

/** The coordinator starts a pulse on the world's citizen; its view. */
async function started(w: World) {
  const res = await w.coordinator.post(`/api/citizens/${w.citizen.id}/coordination-pulses`, {});
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const pulsesOf = async (w: World, client = w.coordinator) => {
  const res = await client.get(`/api/citizens/${w.citizen.id}/coordination-pulses`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('a pulse from start to results', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  test('start → the professionals asked answer → the citizen answers → close → the coordinator sees the means and the citizen’s answer', async () => {
    const pulse = await started(w);
    expect(pulse).toMatchObject({
      citizenId: w.citizen.id, unit: { id: w.family.id, name: w.family.name }, invited: 6, answered: 0, citizenAnswered: false,
      closedAt: null, mayAnswer: false, coordinates: true, results: null,
    });
    expect(Date.parse(pulse.closesAt) - Date.parse(pulse.startedAt)).toBeCloseTo(14 * 86_400_000, -5);
    // Who was asked: the units involved in the plan, the starter not, the disabled not, the uninvolved not.
    const asked = await query<{ staff_id: string }>(database.db, sql`SELECT staff_id::text AS staff_id FROM coordination_pulse_invitations WHERE pulse_id = ${pulse.id}`);
    const s = w.staff;
    expect(asked.map((r) => r.staff_id).sort()).toEqual([s.colleague.id, s.familyLeader.id, s.worker.id, s.frontline.id, s.jobcenterLeader.id, s.partner.id].sort());

    expect((await pulsesOf(w, w.worker)).pulses[0]).toMatchObject({ id: pulse.id, mayAnswer: true, coordinates: false, results: null });
    expect((await pulsesOf(w, w.worker)).anonymityThreshold).toBe(3);
    // Live results are never shown, not even to the coordinator: only the counts.
    for (const [client, a] of [[w.worker, answers(4, 3, 5)], [w.frontline, answers(2, 3, 4)], [w.partner, answers(3, 3, 3)]] as const) {
      const res = await client.post(`/api/coordination-pulses/${pulse.id}/answers`, a);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toEqual({ ok: true });
    }
    expect((await pulsesOf(w, w.worker)).pulses[0]).toMatchObject({ mayAnswer: false, answered: 3 });
    expect((await pulsesOf(w)).pulses[0]).toMatchObject({ answered: 3, results: null });

    expect((await w.me.get('/api/me/coordination-pulse')).json()).toEqual({ open: { id: pulse.id, unitName: w.family.name, closesAt: pulse.closesAt } });
    const mine = await w.me.post(`/api/me/coordination-pulses/${pulse.id}/answer`, { score: 2 });
    expect(mine.statusCode, mine.body).toBe(201);
    expect((await w.me.get('/api/me/coordination-pulse')).json()).toEqual({ open: null });
    expect(await count('coordination_pulse_citizen_answers', sql`pulse_id = ${pulse.id} AND answered_by = 'citizen' AND score = 2`)).toBe(1);

    const closed = await w.coordinator.post(`/api/coordination-pulses/${pulse.id}/close`, {});
    expect(closed.statusCode, closed.body).toBe(200);
    // (4+2+3)/3 = 3; (3+3+3)/3 = 3; (5+4+3)/3 = 4.
    expect(closed.json()).toMatchObject({
      id: pulse.id, answered: 3, invited: 6, citizenAnswered: true, coordinates: true,
      results: { n: 3, suppressed: false, means: { sharedPicture: 3, timelyKnowledge: 3, solveTogether: 4 }, citizen: 2 },
    });
    expect(closed.json().closedAt).not.toBeNull();
    expect(await count('audit_events', sql`kind = 'write' AND action = 'coordinationPulse.closed' AND subject_id = ${pulse.id}`)).toBe(1);
    expect(await count('audit_events', sql`kind = 'write' AND action = 'coordinationPulse.started' AND subject_id = ${pulse.id}`)).toBe(1);
    expect(await count('audit_events', sql`kind = 'write' AND action = 'coordinationPulse.citizenAnswered' AND subject_id = ${pulse.id}`)).toBe(1);

    // A leader of the coordinating unit coordinates too and sees the professionals' means — but not
    // the citizen's answer, which the citizen is told only the coordinator sees. Other staff see
    // that it closed, not its results.
    expect((await pulsesOf(w, w.familyLeader)).pulses[0]).toMatchObject({ coordinates: true, results: { n: 3, citizen: null } });
    expect((await pulsesOf(w, w.worker)).pulses[0]).toMatchObject({ coordinates: false, results: null, mayAnswer: false });
    expect((await pulsesOf(w, w.jobcenterLeader)).pulses[0]).toMatchObject({ coordinates: false, results: null });
  });

  test('after the close nothing says who was asked or who answered what: no invitation rows, no person in an answer, no audit row of an answer', async () => {
    const pulse = (await pulsesOf(w)).pulses[0];
    expect(pulse.closedAt).not.toBeNull();
    expect(await count('coordination_pulse_invitations', sql`pulse_id = ${pulse.id}`)).toBe(0);
    const columns = await query<{ column_name: string }>(database.db, sql`SELECT column_name::text AS column_name FROM information_schema.columns WHERE table_name = 'coordination_pulse_answers' ORDER BY column_name`);
    expect(columns.map((c) => c.column_name)).toEqual(['id', 'municipality_id', 'pulse_id', 'scores']);
    expect(await count('coordination_pulse_answers', sql`pulse_id = ${pulse.id}`)).toBe(3);
    const s = w.staff;
    // (Their reads of the pulse list are logged, as every read is; their answers are not.)
    expect(await count('audit_events', sql`actor_id IN (${s.worker.id}, ${s.frontline.id}, ${s.partner.id}) AND kind = 'write'`)).toBe(0);
    expect(await count('audit_events', sql`actor_id IN (${s.worker.id}, ${s.frontline.id}, ${s.partner.id}) AND subject_id = ${pulse.id}`)).toBe(0);
  });

  test('a closed pulse takes no more answers, is not closed again, and a new one may start', async () => {
    const pulse = (await pulsesOf(w)).pulses[0];
    // The invitations were deleted at close: nobody is "asked" any more, so a professional's late
    // answer is 404, as for anyone never asked (who learns nothing about the pulse).
    const late = await w.colleague.post(`/api/coordination-pulses/${pulse.id}/answers`, answers(5, 5, 5));
    expect(late.statusCode).toBe(404);
    const citizenLate = await w.me.post(`/api/me/coordination-pulses/${pulse.id}/answer`, { score: 4 });
    expect(citizenLate.statusCode).toBe(409);
    expect(citizenLate.json().error.reason).toBe('waveClosed');
    const again = await w.coordinator.post(`/api/coordination-pulses/${pulse.id}/close`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.reason).toBe('waveClosed');
    const next = await started(w);
    expect((await pulsesOf(w)).pulses.map((p: { id: string }) => p.id)).toEqual([next.id, pulse.id]);
  });
});

describe('who starts and who is asked', () => {
  test('a leader of the coordinating unit starts one too; then the coordinator is asked and the leader is not', async () => {
    const w = await world();
    const res = await w.familyLeader.post(`/api/citizens/${w.citizen.id}/coordination-pulses`, {});
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ invited: 6, coordinates: true, mayAnswer: false });
    const asked = await query<{ staff_id: string }>(database.db, sql`SELECT staff_id::text AS staff_id FROM coordination_pulse_invitations WHERE pulse_id = ${res.json().id}`);
    expect(asked.map((r) => r.staff_id)).toContain(w.staff.coordinator.id);
    expect(asked.map((r) => r.staff_id)).not.toContain(w.staff.familyLeader.id);
    expect((await pulsesOf(w)).pulses[0]).toMatchObject({ mayAnswer: true, coordinates: true });
  });
});

describe('the anonymity threshold', () => {
  test('cannot go down while a pulse is open — also one whose days ran out before the job came by (409 openSurveys); up, yes; once closed, down', async () => {
    const w = await world();
    const settings = (anonymityThreshold: number) => w.familyLeader.put('/api/coordination/settings', { ...DEFAULT_COORDINATION_SETTINGS, anonymityThreshold });
    const pulse = await started(w);
    const lower = await settings(2);
    expect(lower.statusCode).toBe(409);
    expect(lower.json().error).toMatchObject({ code: 'CONFLICT', field: 'anonymityThreshold', reason: 'openSurveys' });
    expect((await settings(4)).statusCode).toBe(200);
    await expirePulse(database.db, w.m, pulse.id);
    expect((await settings(3)).json().error).toMatchObject({ reason: 'openSurveys' });
    expect((await w.coordinator.post(`/api/coordination-pulses/${pulse.id}/close`, {})).statusCode).toBe(200);
    expect((await settings(3)).statusCode).toBe(200);
  });
});

describe('guards', () => {
  let w: World;
  let pulseId: string;
  beforeAll(async () => {
    w = await world();
    pulseId = (await started(w)).id;
  });

  test('fewer answers than the threshold: the means are hidden, the citizen’s answer is still the coordinator’s to see', async () => {
    const v = await world();
    const pulse = await started(v);
    for (const client of [v.worker, v.partner]) expect((await client.post(`/api/coordination-pulses/${pulse.id}/answers`, answers(1, 2, 3))).statusCode).toBe(201);
    expect((await v.proxy.post(`/api/me/coordination-pulses/${pulse.id}/answer`, { score: 5 })).statusCode).toBe(201);
    expect(await count('coordination_pulse_citizen_answers', sql`pulse_id = ${pulse.id} AND answered_by = 'proxy'`)).toBe(1);
    const closed = (await v.coordinator.post(`/api/coordination-pulses/${pulse.id}/close`, {})).json();
    expect(closed.results).toEqual({ n: 2, suppressed: true, means: { sharedPicture: null, timelyKnowledge: null, solveTogether: null }, citizen: 5 });
  });

  test('staff who do not coordinate: no results, and 403 on start and close — a leader of another unit too', async () => {
    for (const client of [w.worker, w.jobcenterLeader, w.colleague, w.partner]) {
      expect((await client.post(`/api/citizens/${w.citizen.id}/coordination-pulses`, {})).statusCode).toBe(403);
      expect((await client.post(`/api/coordination-pulses/${pulseId}/close`, {})).statusCode).toBe(403);
      expect((await pulsesOf(w, client)).pulses[0]).toMatchObject({ coordinates: false, results: null });
    }
  });

  test('staff outside the plan’s involvement and another municipality’s: 404 on every pulse route of the citizen', async () => {
    for (const client of [w.librarian, w.admin, w.elsewhere]) {
      expect((await client.get(`/api/citizens/${w.citizen.id}/coordination-pulses`)).statusCode).toBe(404);
      expect((await client.post(`/api/citizens/${w.citizen.id}/coordination-pulses`, {})).statusCode).toBe(404);
      expect((await client.post(`/api/coordination-pulses/${pulseId}/close`, {})).statusCode).toBe(404);
      expect((await client.post(`/api/coordination-pulses/${pulseId}/answers`, answers(3, 3, 3))).statusCode).toBe(404);
    }
    // The coordinator who was not asked cannot answer either.
    expect((await w.coordinator.post(`/api/coordination-pulses/${pulseId}/answers`, answers(3, 3, 3))).statusCode).toBe(404);
  });

  test('the citizen’s routes: another citizen’s pulse is 404; staff and a proxy who may only read are 403', async () => {
    const other = await aCitizen(database, w.m);
    const otherPulse = await anOpenPulse(database.db, w.m, { citizenId: other.id, unitId: w.family.id, startedBy: w.staff.coordinator.id });
    expect((await w.me.post(`/api/me/coordination-pulses/${otherPulse}/answer`, { score: 3 })).statusCode).toBe(404);
    expect((await w.worker.get('/api/me/coordination-pulse')).statusCode).toBe(403);
    expect((await w.worker.post(`/api/me/coordination-pulses/${pulseId}/answer`, { score: 3 })).statusCode).toBe(403);
    expect((await w.proxyReadOnly.get('/api/me/coordination-pulse')).statusCode).toBe(403);
    expect((await w.proxyReadOnly.post(`/api/me/coordination-pulses/${pulseId}/answer`, { score: 3 })).statusCode).toBe(403);
  });

  test('answering twice: 409 alreadyAnswered, for a professional and for the citizen', async () => {
    expect((await w.worker.post(`/api/coordination-pulses/${pulseId}/answers`, answers(3, 3, 3))).statusCode).toBe(201);
    const twice = await w.worker.post(`/api/coordination-pulses/${pulseId}/answers`, answers(4, 4, 4));
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.reason).toBe('alreadyAnswered');
    expect(await count('coordination_pulse_answers', sql`pulse_id = ${pulseId}`)).toBe(1);
    expect((await w.me.post(`/api/me/coordination-pulses/${pulseId}/answer`, { score: 3 })).statusCode).toBe(201);
    const mineTwice = await w.proxy.post(`/api/me/coordination-pulses/${pulseId}/answer`, { score: 1 });
    expect(mineTwice.statusCode).toBe(409);
    expect(mineTwice.json().error.reason).toBe('alreadyAnswered');
  });

  test('a score outside 1–5 is 400 naming the field', async () => {
    const six = await w.frontline.post(`/api/coordination-pulses/${pulseId}/answers`, answers(6, 3, 3));
    expect(six.statusCode).toBe(400);
    expect(six.json().error).toMatchObject({ code: 'VALIDATION', field: 'answers.sharedPicture' });
    const missing = await w.frontline.post(`/api/coordination-pulses/${pulseId}/answers`, { answers: { sharedPicture: 3, timelyKnowledge: 3 } });
    expect(missing.json().error).toMatchObject({ field: 'answers.solveTogether', reason: 'required' });
    const zero = await w.me.post(`/api/me/coordination-pulses/${pulseId}/answer`, { score: 0 });
    expect(zero.statusCode).toBe(400);
    expect(zero.json().error.field).toBe('score');
  });

  test('a second open pulse: 409 pulseOpen; one whose days ran out is closed first and a new one starts', async () => {
    const second = await w.coordinator.post(`/api/citizens/${w.citizen.id}/coordination-pulses`, {});
    expect(second.statusCode).toBe(409);
    expect(second.json().error.reason).toBe('pulseOpen');
    await expirePulse(database.db, w.m, pulseId);
    // Its days ran out: no more answers, though the job has not come by.
    const late = await w.frontline.post(`/api/coordination-pulses/${pulseId}/answers`, answers(3, 3, 3));
    expect(late.json().error.reason).toBe('waveClosed');
    expect((await w.me.get('/api/me/coordination-pulse')).json()).toEqual({ open: null });
    const next = await started(w);
    const pulses = (await pulsesOf(w)).pulses;
    expect(pulses.map((p: { id: string }) => p.id)).toEqual([next.id, pulseId]);
    expect(pulses[1]).toMatchObject({ answered: 1, results: { n: 1, suppressed: true, citizen: 3 } });
    expect(pulses[1].closedAt).not.toBeNull();
    pulseId = next.id;
  });

  test('nobody to ask besides the coordinator: 409 nobodyToAsk, and no pulse is stored', async () => {
    const unit = await aUnit(database, w.m, 'family');
    const alone = await as(app, 'staff', (await aStaffMember(database, w.m, [[unit.id, 'coordinator']])).id);
    const citizen = await aCitizen(database, w.m);
    expect((await alone.post(`/api/citizens/${citizen.id}/plan`, { wishes: 'Ro' })).statusCode).toBe(200);
    const res = await alone.post(`/api/citizens/${citizen.id}/coordination-pulses`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error.reason).toBe('nobodyToAsk');
    expect(await count('coordination_pulses', sql`citizen_id = ${citizen.id}`)).toBe(0);
  });

  test('every read writes exactly one access-log row for staff and a proxy, none for the citizen, none for a refusal', async () => {
    const rowsAfter = async (call: () => Promise<{ statusCode: number }>, status: number) => {
      const before = await readRows();
      expect((await call()).statusCode).toBe(status);
      return (await readRows()) - before;
    };
    expect(await rowsAfter(() => w.worker.get(`/api/citizens/${w.citizen.id}/coordination-pulses`), 200)).toBe(1);
    expect(await rowsAfter(() => w.coordinator.get(`/api/citizens/${w.citizen.id}/coordination-pulses`), 200)).toBe(1);
    expect(await rowsAfter(() => w.librarian.get(`/api/citizens/${w.citizen.id}/coordination-pulses`), 404)).toBe(0);
    expect(await rowsAfter(() => w.worker.post(`/api/citizens/${w.citizen.id}/coordination-pulses`, {}), 403)).toBe(0);
    expect(await rowsAfter(() => w.proxy.get('/api/me/coordination-pulse'), 200)).toBe(1);
    expect(await rowsAfter(() => w.me.get('/api/me/coordination-pulse'), 200)).toBe(0);
    expect(await rowsAfter(() => w.coordinator.post(`/api/coordination-pulses/${pulseId}/close`, {}), 200)).toBe(1);
    expect(await rowsAfter(() => w.coordinator.post(`/api/citizens/${w.citizen.id}/coordination-pulses`, {}), 201)).toBe(1);
    // An answer is a write with no citizen data in its answer: no read row.
    const open = (await pulsesOf(w)).pulses[0].id;
    expect(await rowsAfter(() => w.partner.post(`/api/coordination-pulses/${open}/answers`, answers(2, 2, 2)), 201)).toBe(0);
  });
});

describe('the close job', () => {
  test('closeDuePulses closes the pulses whose days ran out, with their results, and leaves the others open', async () => {
    const m = (await aMunicipality(database)).id;
    const unit = await aUnit(database, m, 'family');
    const starter = await aStaffMember(database, m, [[unit.id, 'coordinator']]);
    const asked = await aStaffMember(database, m, [[unit.id, 'caseworker']]);
    const [a, b] = [await aCitizen(database, m), await aCitizen(database, m)];
    const due = await anOpenPulse(database.db, m, { citizenId: a.id, unitId: unit.id, startedBy: starter.id, invited: [asked.id] });
    const notDue = await anOpenPulse(database.db, m, { citizenId: b.id, unitId: unit.id, startedBy: starter.id, invited: [asked.id] });
    await expirePulse(database.db, m, due);
    expect(await database.db.transaction((tx) => closeDuePulses(tx, m, new Date()))).toBe(1);
    const rows = await query<{ id: string; closed: boolean; results: unknown; threshold: number | null }>(
      database.db,
      sql`SELECT id::text AS id, closed_at IS NOT NULL AS closed, results, threshold FROM coordination_pulses WHERE municipality_id = ${m} ORDER BY closed_at NULLS LAST`,
    );
    expect(rows.map((r) => [r.id, r.closed])).toEqual([[due, true], [notDue, false]]);
    const results = typeof rows[0]!.results === 'string' ? JSON.parse(rows[0]!.results) : rows[0]!.results;
    expect(results).toEqual({ n: 0, suppressed: true, means: { sharedPicture: null, timelyKnowledge: null, solveTogether: null }, citizen: null });
    expect(rows[0]!.threshold).toBe(3);
    expect(await count('coordination_pulse_invitations', sql`pulse_id = ${due}`)).toBe(0);
    expect(await count('coordination_pulse_invitations', sql`pulse_id = ${notDue}`)).toBe(1);
    // Run again: nothing more is due.
    expect(await database.db.transaction((tx) => closeDuePulses(tx, m, new Date()))).toBe(0);
  });
});

describe('leaders’ aggregates', () => {
  test('per coordinating unit, one ended quarter (the last by default): small groups hidden, the total made from the shown units only', async () => {
    const m = (await aMunicipality(database)).id;
    const [family, jobcenter, library] = [await aUnit(database, m, 'family', 'Familieafdelingen'), await aUnit(database, m, 'jobcenter', 'Jobcenter'), await aUnit(database, m, 'library', 'Bibliotek')];
    const leader = await as(app, 'staff', (await aStaffMember(database, m, [[family.id, 'leader']])).id);
    const caseworker = await as(app, 'staff', (await aStaffMember(database, m, [[family.id, 'caseworker']])).id);
    const starter = (await aStaffMember(database, m, [[family.id, 'coordinator']])).id;
    const [last, before] = endedQuarters(Date.now(), 2) as [string, string];
    // Forty days into a quarter, Danish time: well inside it.
    const inQuarter = (quarter: string) => new Date(startOfLocalDay(daysOf(quarter).first) + 40 * 86_400_000);
    const closed = async (unitId: string, answers: [number, number, number][], citizen: number | null, closedAt = inQuarter(last)) =>
      aClosedPulse(database.db, m, { citizenId: (await aCitizen(database, m)).id, unitId, startedBy: starter, answers, citizen, closedAt });
    const same = (n: number, s: number) => Array.from({ length: n }, (): [number, number, number] => [s, s, s]);
    await closed(family.id, [[4, 4, 4], [4, 4, 4], [1, 1, 1]], 5); // n 3, means 3
    await closed(family.id, same(4, 5), 4); // n 4, means 5
    await closed(family.id, same(2, 1), 1); // n 2: suppressed, its means not stored
    await closed(jobcenter.id, same(3, 2), 3); // n 3, means 2
    await closed(library.id, same(2, 1), null); // n 2: suppressed
    await closed(family.id, same(3, 1), 1, new Date()); // this quarter: not yet over, left out
    await closed(jobcenter.id, same(4, 4), 2, inQuarter(before)); // the quarter before: only when asked for

    const res = await leader.get('/api/coordination/pulse-aggregates');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.anonymityThreshold).toBe(3);
    expect(body).toMatchObject({ quarter: last, from: daysOf(last).first, to: daysOf(last).last });
    expect(body.to < localDate(Date.now())).toBe(true);
    // The quarters to pick from: the last eight that have ended, newest first.
    expect(body.quarters).toHaveLength(8);
    expect(body.quarters.slice(0, 2)).toEqual([last, before]);
    expect([...body.quarters].sort().reverse()).toEqual(body.quarters);
    const byName = Object.fromEntries(body.units.map((u: { name: string }) => [u.name, u]));
    // Family: shown pulses n 3 (means 3) and n 4 (means 5): n 7, (3·3 + 5·4)/7 = 29/7. Citizens 5, 4, 1: n 3, 10/3.
    expect(byName.Familieafdelingen).toMatchObject({ pulses: 3, staff: { n: 7, suppressed: false }, citizens: { n: 3, suppressed: false } });
    expect(byName.Familieafdelingen.staff.means.sharedPicture).toBeCloseTo(29 / 7, 10);
    expect(byName.Familieafdelingen.citizens.mean).toBeCloseTo(10 / 3, 10);
    // Jobcenter: n 3, means 2; one citizen's answer: hidden.
    expect(byName.Jobcenter).toMatchObject({ pulses: 1, staff: { n: 3, suppressed: false, means: { sharedPicture: 2 } }, citizens: { n: 1, suppressed: true, mean: null } });
    // Library: its one pulse was hidden, so nothing counts.
    expect(byName.Bibliotek).toMatchObject({ pulses: 1, staff: { n: 0, suppressed: true, means: { sharedPicture: null } }, citizens: { n: 0, suppressed: true, mean: null } });
    // Total of the shown units: staff (29 + 2·3)/(7 + 3) = 3.5; citizens the family department's only.
    expect(body.total.staff.n).toBe(10);
    expect(body.total.staff.means.solveTogether).toBeCloseTo(3.5, 10);
    expect(body.total.citizens).toEqual({ n: 3, mean: expect.closeTo(10 / 3, 10) });

    // An earlier ended quarter, asked for: its pulses only.
    const earlier = await leader.get(`/api/coordination/pulse-aggregates?quarter=${before}`);
    expect(earlier.statusCode, earlier.body).toBe(200);
    expect(earlier.json()).toMatchObject({ quarter: before, from: daysOf(before).first, to: daysOf(before).last, quarters: body.quarters });
    expect(earlier.json().units).toEqual([expect.objectContaining({ name: 'Jobcenter', pulses: 1, staff: expect.objectContaining({ n: 4, means: { sharedPicture: 4, timelyKnowledge: 4, solveTogether: 4 } }) })]);

    expect((await caseworker.get('/api/coordination/pulse-aggregates')).statusCode).toBe(403);
  });

  test('refused: a quarter not yet over (this one or later), one not shaped like 2026-Q3, a free range', async () => {
    const m = (await aMunicipality(database)).id;
    const unit = await aUnit(database, m, 'family');
    const leader = await as(app, 'staff', (await aStaffMember(database, m, [[unit.id, 'leader']])).id);
    const current = quarterOf(localDate(Date.now()));
    const nextYear = `${Number(current.slice(0, 4)) + 1}-Q1`;
    for (const quarter of [current, nextYear]) {
      const res = await leader.get(`/api/coordination/pulse-aggregates?quarter=${quarter}`);
      expect(res.statusCode, quarter).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'VALIDATION', field: 'quarter', reason: 'inTheFuture' });
    }
    for (const quarter of ['2026-Q5', '2026-07', '2026Q1', '26-Q1', '2026-q1', '']) {
      const res = await leader.get(`/api/coordination/pulse-aggregates?quarter=${quarter}`);
      expect(res.statusCode, quarter).toBe(400);
      expect(res.json().error, quarter).toMatchObject({ code: 'VALIDATION', field: 'quarter' });
    }
    const ancient = await leader.get('/api/coordination/pulse-aggregates?quarter=0000-Q1');
    expect(ancient.statusCode).toBe(400);
    expect(ancient.json().error).toMatchObject({ field: 'quarter', reason: 'invalidValue' });
    // The old free range is gone: overlapping ranges could be subtracted.
    expect((await leader.get('/api/coordination/pulse-aggregates?from=2025-01-01&to=2025-06-30')).statusCode).toBe(400);
  });

  test('the differencing rule: no two periods a leader may ask for overlap, and together they leave no day out', () => {
    // If two allowed periods overlapped (Jan–Jun and Jan–May; a year and its quarters), the pulses
    // of the part they do not share could be worked out by subtracting one view from the other —
    // perhaps a single pulse, hidden on its own. Quarters: every day is in exactly one.
    const quarters = endedQuarters(Date.UTC(2027, 0, 15), 16); // 2026-Q4 back to 2023-Q1, 2024 a leap year
    expect(quarters[0]).toBe('2026-Q4');
    expect(quarters.at(-1)).toBe('2023-Q1');
    const periods = quarters.map((q) => daysOf(q)).reverse();
    expect(periods[0]).toEqual({ first: '2023-01-01', last: '2023-03-31', next: '2023-04-01' });
    expect(periods.find((p) => p.first === '2024-01-01')).toEqual({ first: '2024-01-01', last: '2024-03-31', next: '2024-04-01' });
    for (let i = 1; i < periods.length; i++) {
      // Each begins the day after the one before ends: no overlap, no gap.
      expect(periods[i]!.first, quarters[i]).toBe(addDays(periods[i - 1]!.last));
      expect(periods[i]!.first).toBe(periods[i - 1]!.next);
    }
    for (let day = '2023-01-01'; day <= '2026-12-31'; day = addDays(day)) {
      const holding = periods.filter((p) => p.first <= day && day <= p.last);
      expect(holding, day).toHaveLength(1);
      expect(holding[0]!.first).toBe(daysOf(quarterOf(day)).first);
    }
    // Only ended quarters: on 1 October (Danish time) the third quarter has just ended; at 00:30 a
    // close begun on 30 September may still be committing, so it counts from 01:00.
    expect(lastEndedQuarter(Date.UTC(2026, 8, 30, 22, 30))).toBe('2026-Q2'); // 00:30 Danish summer time
    expect(lastEndedQuarter(Date.UTC(2026, 8, 30, 23, 30))).toBe('2026-Q3'); // 01:30
    expect(lastEndedQuarter(Date.UTC(2026, 11, 31, 23, 30))).toBe('2026-Q3'); // 00:30 on 1 January
    expect(lastEndedQuarter(Date.UTC(2027, 0, 1, 0, 30))).toBe('2026-Q4');
  });
});
