import { afterAll, beforeAll, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { query, type Database } from '../../platform/db.ts';
import { testDatabase } from '../../../test/helpers.ts';
import { aCitizen, aMunicipality, aStaffMember, aUnit } from '../identity/identity.factories.ts';
import { aMeeting, aRating, anInstrumentId, answersSumming } from './feedback.factories.ts';
import { fillCourses, selectTrajectoryCourses } from './feedback.repository.ts';
import { storeMeeting, storeRating } from './feedback.store.ts';

// The courses read model (feedback_courses): each course's first meeting and that meeting's
// outcome rating (not declined), kept by storeMeeting and storeRating in any order of writing —
// and the trajectory look-up that reads it gives what the definition over all meetings gives.

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(async () => {
  await database?.close();
});

interface CourseState extends Record<string, unknown> {
  citizen_id: string;
  unit_id: string;
  first_meeting_id: string;
  first_outcome_instrument_id: string | null;
  first_outcome_total: number | null;
}

const courses = (m: string) =>
  query<CourseState>(
    database.db,
    sql`SELECT citizen_id::text AS citizen_id, unit_id::text AS unit_id, first_meeting_id::text AS first_meeting_id,
          first_outcome_instrument_id::text AS first_outcome_instrument_id, first_outcome_total
        FROM feedback_courses WHERE municipality_id = ${m} ORDER BY citizen_id, unit_id`,
  );

/** The definition: every course's first meeting (held_at, id) and its outcome rating when not declined. */
const coursesByDefinition = (m: string) =>
  query<CourseState>(
    database.db,
    sql`SELECT f.citizen_id::text AS citizen_id, f.unit_id::text AS unit_id, f.id::text AS first_meeting_id,
          r.instrument_id::text AS first_outcome_instrument_id, r.total AS first_outcome_total
        FROM (SELECT DISTINCT ON (m.citizen_id, m.unit_id) m.citizen_id, m.unit_id, m.id FROM feedback_meetings m
              WHERE m.municipality_id = ${m} ORDER BY m.citizen_id, m.unit_id, m.held_at, m.id) f
          LEFT JOIN feedback_ratings r ON r.municipality_id = ${m} AND r.meeting_id = f.id AND r.kind = 'outcome' AND NOT r.declined
        ORDER BY f.citizen_id, f.unit_id`,
  );

/** selectTrajectoryCourses as it was before the read model: the first meetings found by reading every meeting. */
async function trajectoryByDefinition(m: string, q: { instrumentId: string; excludeCitizenId: string; start: number; band: number; maxConversations: number }) {
  const rows = await query<{ points: [number, number][] | string }>(
    database.db,
    sql`WITH firsts AS (
          SELECT DISTINCT ON (m.citizen_id, m.unit_id) m.citizen_id, m.unit_id, m.id
          FROM feedback_meetings m WHERE m.municipality_id = ${m} AND m.citizen_id <> ${q.excludeCitizenId}
          ORDER BY m.citizen_id, m.unit_id, m.held_at, m.id
        ), matched AS (
          SELECT f.citizen_id, f.unit_id FROM firsts f
            JOIN feedback_ratings r ON r.municipality_id = ${m} AND r.meeting_id = f.id AND r.kind = 'outcome'
              AND r.instrument_id = ${q.instrumentId} AND r.total BETWEEN ${q.start - q.band}::float8 AND ${q.start + q.band}::float8
        ), conv AS (
          SELECT m.citizen_id, m.unit_id, m.id, row_number() OVER (PARTITION BY m.citizen_id, m.unit_id ORDER BY m.held_at, m.id) AS n
          FROM feedback_meetings m JOIN matched x ON x.citizen_id = m.citizen_id AND x.unit_id = m.unit_id
          WHERE m.municipality_id = ${m}
        )
        SELECT json_agg(json_build_array(c.n, r.total) ORDER BY c.n) AS points
        FROM conv c JOIN feedback_ratings r ON r.municipality_id = ${m} AND r.meeting_id = c.id AND r.kind = 'outcome'
          AND r.instrument_id = ${q.instrumentId} AND NOT r.declined
        WHERE c.n <= ${q.maxConversations}
        GROUP BY c.citizen_id, c.unit_id`,
  );
  return rows.map((r) => {
    const course: (number | null)[] = Array.from({ length: q.maxConversations }, () => null);
    for (const [n, total] of (typeof r.points === 'string' ? JSON.parse(r.points) : r.points) as [number, number][]) course[n - 1] = total;
    return course;
  });
}

const sorted = (courses: (number | null)[][]) => courses.map((c) => JSON.stringify(c)).sort();

test('the course table follows every write, and the trajectory look-up equals its definition', async () => {
  const m = (await aMunicipality(database)).id;
  const [u1, u2] = [await aUnit(database, m, 'jobcenter'), await aUnit(database, m, 'family')];
  const staffId = (await aStaffMember(database, m, [[u1.id, 'caseworker'], [u2.id, 'caseworker']])).id;
  const citizens = await Promise.all(Array.from({ length: 7 }, () => aCitizen(database, m)));
  const [me, a, b, c, d, e, f] = citizens.map((x) => x.id) as [string, string, string, string, string, string, string];
  const adult = await anInstrumentId(database.db, m, 'outcome');
  const child = await anInstrumentId(database.db, m, 'outcome', 'children');
  const meeting = (citizenId: string, unitId: string, daysAgo: number) => aMeeting(database.db, m, { citizenId, unitId, staffId, daysAgo });
  const at = (citizenId: string, unitId: string, heldAt: Date) => storeMeeting(database.db, { municipalityId: m, citizenId, unitId, staffId, area: 'work', heldAt });
  const rate = (meetingId: string, total: number | null) => aRating(database.db, m, meetingId, 'outcome', total);

  // a/u1: started at 20, three conversations; a/u2 started at 22 (a second course of the same citizen).
  for (const [i, t] of [20, 24, 27].entries()) await rate(await meeting(a, u1.id, 30 - i), t);
  await rate(await meeting(a, u2.id, 30), 22);
  // b/u1: the first outcome declined, then 20 — not matched.
  await rate(await meeting(b, u1.id, 30), null);
  await rate(await meeting(b, u1.id, 29), 20);
  // c/u1: the first meeting not rated, then 20 — not matched.
  await meeting(c, u1.id, 30);
  await rate(await meeting(c, u1.id, 29), 20);
  // d/u1: the first rated with the children's instrument — matched for it, not for the adults'.
  const d1 = await meeting(d, u1.id, 30);
  await storeRating(database.db, { municipalityId: m, meetingId: d1, kind: 'outcome', instrumentId: child, givenVia: 'tablet', answers: answersSumming(19, 'outcome') });
  await rate(await meeting(d, u1.id, 29), 23);
  // e/u2: started at 35 — then a meeting recorded later but held earlier, rated 21, becomes the first.
  const e1 = await meeting(e, u2.id, 20);
  await rate(e1, 35);
  await rate(await meeting(e, u2.id, 19), 36);
  expect((await courses(m)).find((k) => k.citizen_id === e)).toMatchObject({ first_meeting_id: e1, first_outcome_total: 35 });
  const e0 = await at(e, u2.id, new Date(Date.now() - 25 * 86_400_000));
  expect((await courses(m)).find((k) => k.citizen_id === e)).toMatchObject({ first_meeting_id: e0, first_outcome_total: null, first_outcome_instrument_id: null });
  await rate(e0, 21);
  expect((await courses(m)).find((k) => k.citizen_id === e)).toMatchObject({ first_meeting_id: e0, first_outcome_total: 21, first_outcome_instrument_id: adult });
  // A later meeting rated, and an earlier meeting recorded after its rating was given: neither changes a first that stays first.
  const eLate = await meeting(e, u2.id, 5);
  await rate(eLate, 10);
  // f/u1: two meetings held at the same moment — the first is the one with the lower id — rated out of order.
  const same = new Date(Date.now() - 40 * 86_400_000);
  const [f1, f2] = [await at(f, u1.id, same), await at(f, u1.id, same)];
  await rate(f2, 18);
  await rate(f1, 21);
  // me: the citizen the trajectory is for, left out.
  await rate(await meeting(me, u1.id, 30), 20);

  expect(await courses(m)).toEqual(await coursesByDefinition(m));
  expect((await courses(m)).filter((k) => k.first_outcome_total !== null)).toHaveLength(6);

  for (const q of [
    { instrumentId: adult, excludeCitizenId: me, start: 20, band: 3, maxConversations: 5 },
    { instrumentId: adult, excludeCitizenId: a, start: 20, band: 3, maxConversations: 2 },
    { instrumentId: adult, excludeCitizenId: me, start: 35, band: 0, maxConversations: 5 },
    { instrumentId: adult, excludeCitizenId: me, start: 18, band: 0, maxConversations: 5 },
    { instrumentId: child, excludeCitizenId: me, start: 20, band: 2, maxConversations: 5 },
    { instrumentId: adult, excludeCitizenId: me, start: 20, band: 100, maxConversations: 10 },
  ]) {
    const now = await selectTrajectoryCourses(database.db, m, q);
    expect(sorted(now)).toEqual(sorted(await trajectoryByDefinition(m, q)));
  }
  // The adults' instrument within 20 ± 3, me left out: a/u1, a/u2, e/u2 (now starting at 21) and f/u1 — not b, c, d.
  expect(sorted(await selectTrajectoryCourses(database.db, m, { instrumentId: adult, excludeCitizenId: me, start: 20, band: 3, maxConversations: 4 }))).toEqual(
    sorted([[20, 24, 27, null], [22, null, null, null], [21, 35, 36, 10], f1 < f2 ? [21, 18, null, null] : [18, 21, null, null]].filter((x) => x[0]! >= 17 && x[0]! <= 23)),
  );

  // The bulk fill (demo seed, synthetic data) gives the same table.
  await query(database.db, sql`DELETE FROM feedback_courses WHERE municipality_id = ${m}`);
  await fillCourses(database.db, m);
  expect(await courses(m)).toEqual(await coursesByDefinition(m));
});
