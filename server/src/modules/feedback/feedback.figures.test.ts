import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_FEEDBACK_SETTINGS } from '@sammen/domain/feedback';
import { query, type Database } from '../../platform/db.ts';
import { as, testApp, testDatabase } from '../../../test/helpers.ts';
import { addDays } from '@sammen/domain/calendar';
import { inDays, today } from '../../../test/dates.ts';
import { periodStart } from './feedback.aggregates.ts';
import { aCitizen, aMunicipality, aStaffMember, aUnit } from '../identity/identity.factories.ts';
import { aCourse, aMeeting, aRating, anInstrumentId } from './feedback.factories.ts';

const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

// The numbers behind the feedback pages: change over a course (Jacobson–Truax), the expected
// trajectory from other citizens' courses and the "not progressing as expected" alert, the
// municipality's own norms from its first ratings, and leaders' aggregates with small groups hidden.

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

/** A municipality whose "Ungeenheden" has met many citizens, and a small unit that met one. */
async function world() {
  const m = (await aMunicipality(database)).id;
  const unit = await aUnit(database, m, 'family', 'Ungeenheden');
  const small = await aUnit(database, m, 'jobcenter', 'Lille enhed');
  const administration = await aUnit(database, m, 'administration');
  const staff = {
    worker: await aStaffMember(database, m, [[unit.id, 'caseworker']]),
    leader: await aStaffMember(database, m, [[unit.id, 'leader']]),
    admin: await aStaffMember(database, m, [[administration.id, 'admin']]),
    smallWorker: await aStaffMember(database, m, [[small.id, 'caseworker']]),
  };
  const client = async (s: { id: string }) => as(app, 'staff', s.id);
  const admin = await client(staff.admin);
  // Fewer courses are enough for an expected point here: three, the least the settings allow.
  await admin.put('/api/feedback/settings', { ...DEFAULT_FEEDBACK_SETTINGS, minCourses: 3 });
  const course = async (totals: (number | null)[], kind: 'outcome' | 'meeting' = 'outcome', before = 0) => {
    const citizen = await aCitizen(database, m);
    const ids = await aCourse(database.db, m, { citizenId: citizen.id, unitId: unit.id, staffId: staff.worker.id, kind, totals, before });
    return { citizen, ids };
  };
  return { m, unit, small, staff, course, admin, worker: await client(staff.worker), leader: await client(staff.leader), smallWorker: await client(staff.smallWorker) };
}
type World = Awaited<ReturnType<typeof world>>;

describe('change, expected trajectory and the "not progressing" alert', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
    for (let i = 0; i < 4; i++) await w.course([15, 25]);
  });

  test('an outcome total more than the margin behind courses like it alerts the unit; a good course does not', async () => {
    const behind = await w.course([15]);
    const second = await aMeeting(database.db, w.m, { citizenId: behind.citizen.id, unitId: w.unit.id, staffId: w.staff.worker.id });
    const stored = await aRating(database.db, w.m, second, 'outcome', 16);
    expect(stored.alerts).toEqual([{ kind: 'notProgressing', conversation: 2, latest: 16, expected: 25, shortfall: 9, margin: 5 }]);

    const page = (await w.worker.get(`/api/citizens/${behind.citizen.id}/feedback`));
    // The worker's unit is not involved in a plan (there is none): the feedback page goes through the plan.
    expect(page.statusCode).toBe(404);
    const alerts = (await w.worker.get('/api/feedback/alerts')).json().alerts as { meetingId: string; kind: string; alerts: { kind: string }[] }[];
    expect(alerts).toEqual([expect.objectContaining({ meetingId: second, kind: 'outcome', alerts: [expect.objectContaining({ kind: 'notProgressing' })] })]);
    expect((await w.smallWorker.get('/api/feedback/alerts')).json().alerts).toEqual([]);

    const good = await w.course([15, 30]);
    const ratings = await query<{ alerts: unknown }>(database.db, sql`SELECT alerts FROM feedback_ratings WHERE meeting_id = ${good.ids[1]!}`);
    expect(ratings.map((r) => (typeof r.alerts === 'string' ? JSON.parse(r.alerts) : r.alerts))).toEqual([[]]);
  });

  test('the course on the citizen’s page: totals by conversation, the change classified, the trajectory it rests on, the progress', async () => {
    const { citizen } = await w.course([15, null, 16]);
    const coordinator = w.worker;
    await coordinator.post(`/api/citizens/${citizen.id}/plan`, { wishes: 'Et godt liv' });
    const page = await coordinator.get(`/api/citizens/${citizen.id}/feedback`);
    expect(page.statusCode, page.body).toBe(200);
    const [course] = page.json().courses;
    expect(course.outcomeTotals).toEqual([15, null, 16]);
    expect(course.change).toMatchObject({ classification: 'noReliableChange', first: 15, latest: 16, threshold: 6 });
    expect(course.trajectory.points.slice(0, 2)).toEqual([
      { conversation: 1, expected: expect.any(Number), courses: expect.any(Number) },
      { conversation: 2, expected: expect.any(Number), courses: expect.any(Number) },
    ]);
    expect(course.trajectory.points[1].courses).toBeGreaterThanOrEqual(4);
    expect(course.progress).toMatchObject({ status: 'noExpectation', conversation: 3 });
    expect(page.json().complete).toBe(true);

    const improved = await w.course([15, 30]);
    await coordinator.post(`/api/citizens/${improved.citizen.id}/plan`, { wishes: 'Et godt liv' });
    const better = (await coordinator.get(`/api/citizens/${improved.citizen.id}/feedback`)).json().courses[0];
    expect(better.change).toMatchObject({ classification: 'clinicallySignificantImprovement', crossedCutoff: 'intoNonClinical', difference: 15 });
    expect(better.progress.status).toBe('asExpected');
  });
});

describe('local norms', () => {
  let w: World;
  let instrumentId: string;
  beforeAll(async () => {
    w = await world();
    instrumentId = await anInstrumentId(database.db, w.m, 'outcome');
  });
  const nonClinical = Array.from({ length: 30 }, (_, i) => 26 + (i % 10));

  test('too few first ratings: 400 naming `clinical` with how many there are and how many it takes', async () => {
    for (let i = 0; i < 3; i++) await w.course([10 + i]);
    const res = await w.admin.post(`/api/feedback/instruments/${instrumentId}/norms`, { reliability: 0.8, nonClinicalTotals: nonClinical });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ field: 'clinical', reason: 'tooFew', params: { min: 30, n: 3 } });
    const off = await w.admin.post(`/api/feedback/instruments/${instrumentId}/norms`, { reliability: 0.8, nonClinicalTotals: [...nonClinical.slice(1), 41] });
    expect(off.json().error).toMatchObject({ field: 'nonClinicalTotals.29', reason: 'tooLarge' });
    const meetingInstrument = await anInstrumentId(database.db, w.m, 'meeting');
    expect((await w.admin.post(`/api/feedback/instruments/${meetingInstrument}/norms`, { reliability: 0.8, nonClinicalTotals: nonClinical })).json().error).toMatchObject({ field: 'instrumentId', reason: 'wrongInstrument' });
    expect((await w.leader.post(`/api/feedback/instruments/${instrumentId}/norms`, { reliability: 0.8, nonClinicalTotals: nonClinical })).statusCode).toBe(403);
  });

  test('enough: the numbers and what they rest on; apply saves them as local_computed', async () => {
    for (let i = 0; i < 27; i++) await w.course([8 + (i % 12), 20]);
    const shown = await w.admin.post(`/api/feedback/instruments/${instrumentId}/norms`, { reliability: 0.8, nonClinicalTotals: nonClinical });
    expect(shown.statusCode, shown.body).toBe(200);
    const { norms, applied } = shown.json();
    expect(applied).toBe(false);
    expect(norms.clinical.n).toBe(30);
    expect(norms.nonClinical).toMatchObject({ n: 30, mean: 30.5 });
    expect(norms.cutoff).toBeGreaterThan(norms.clinical.mean);
    expect(norms.cutoff).toBeLessThan(30.5);
    const before = (await w.admin.get('/api/feedback/instruments')).json().instruments.find((i: { id: string }) => i.id === instrumentId);
    expect(before.definition.normsStatus).toBe('local_not_validated');

    const saved = await w.admin.post(`/api/feedback/instruments/${instrumentId}/norms`, { reliability: 0.8, nonClinicalTotals: nonClinical, apply: true });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().applied).toBe(true);
    const after = (await w.admin.get('/api/feedback/instruments')).json().instruments.find((i: { id: string }) => i.id === instrumentId);
    expect(after.definition).toMatchObject({
      normsStatus: 'local_computed',
      normsBasis: { clinical: 30, nonClinical: 30, reliability: 0.8 },
      total: { cutoff: { value: norms.cutoff, comparator: 'lt' }, reliableChange: norms.reliableChange },
    });
  });
});

describe('aggregates', () => {
  let w: World;
  // Only periods that have ended are shown: the meetings lie ten days into the last quarter that has.
  const thisQuarter = periodStart(today(), 'quarter');
  const lastEnded = addDays(thisQuarter, -1);
  const before = daysBetween(lastEnded, today()) + 10;
  beforeAll(async () => {
    w = await world();
    for (let i = 0; i < 6; i++) {
      const { ids } = await w.course([30 + i], 'meeting', before);
      await aRating(database.db, w.m, ids[0]!, 'outcome', 15);
    }
    const lonely = await aCitizen(database, w.m);
    const id = await aMeeting(database.db, w.m, { citizenId: lonely.id, unitId: w.small.id, staffId: w.staff.smallWorker.id, daysAgo: before });
    await aRating(database.db, w.m, id, 'meeting', 40);
  });

  test('per unit and period: meetings, ratings and means per item — a unit with fewer than 5 citizens is hidden', async () => {
    const res = await w.leader.get(`/api/feedback/aggregates?from=${inDays(-30 - before)}&to=${today()}&by=quarter`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    // Whole periods, and none still running: a range a day shorter cannot single out one day's ratings.
    expect(body).toMatchObject({ from: periodStart(inDays(-30 - before), 'quarter'), to: lastEnded, by: 'quarter', minCitizens: 5 });
    const dayShorter = await w.leader.get(`/api/feedback/aggregates?from=${inDays(-29 - before)}&to=${addDays(lastEnded, -1)}&by=quarter`);
    expect(dayShorter.json()).toEqual(body);
    expect(body.units.map((u: { name: string }) => u.name).sort()).toEqual(['Lille enhed', 'Ungeenheden']);
    expect(body.items.map((i: { key: string }) => i.key)).toEqual(['respect', 'listened', 'clarity', 'overall']);
    type Cell = { unitId: string; meetings: { shown: boolean; meetings?: number; because?: string }; ratings: { shown: boolean; meanByItem?: Record<string, number> } };
    const cells = body.cells as Cell[];
    const big = cells.filter((c) => c.unitId === w.unit.id);
    expect(big.some((c) => c.meetings.shown && c.ratings.shown && typeof c.ratings.meanByItem?.respect === 'number')).toBe(true);
    expect(big.reduce((n, c) => n + (c.meetings.meetings ?? 0), 0)).toBe(6);
    const small = cells.filter((c) => c.unitId === w.small.id);
    expect(small.length).toBeGreaterThan(0);
    for (const c of small) expect(c.meetings).toEqual({ shown: false, because: 'fewCitizens' });
    expect(res.body).not.toContain('"citizenId"');
  });

  test('a range over two years names `to`; a caseworker may not see aggregates (403)', async () => {
    const long = await w.leader.get(`/api/feedback/aggregates?from=${inDays(-800)}&to=${today()}`);
    expect(long.statusCode).toBe(400);
    expect(long.json().error).toMatchObject({ field: 'to', reason: 'tooLarge' });
    expect((await w.leader.get(`/api/feedback/aggregates?from=${today()}&to=${inDays(-1)}`)).json().error).toMatchObject({ field: 'to', reason: 'endBeforeStart' });
    expect((await w.worker.get(`/api/feedback/aggregates?from=${inDays(-30)}&to=${today()}`)).statusCode).toBe(403);
    expect((await w.admin.get(`/api/feedback/aggregates?from=${inDays(-30)}&to=${today()}`)).statusCode).toBe(200);
    // Without a range: the four quarters that have ended.
    expect((await w.leader.get('/api/feedback/aggregates')).json()).toMatchObject({ from: periodStart(addDays(lastEnded, -364), 'quarter'), to: lastEnded, by: 'quarter' });
  });
});
