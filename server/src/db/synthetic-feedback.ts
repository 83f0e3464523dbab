import { sql } from 'drizzle-orm';
import { sammenMeeting, sammenMeetingChild, sammenOutcome, sammenOutcomeChild } from '@sammen/domain/feedback';
import { query, type Db } from '../platform/db.ts';
import { fillCourses } from '../modules/feedback/feedback.repository.ts';
import { ensureInstruments } from '../modules/feedback/feedback.store.ts';

// The synthetic municipality's feedback (issue 15), made inside the database from the plans, as
// the calendar and the decision cases are: for three in ten plans (by the plan's hash), 3–8
// meetings over the last ten months with the coordinating unit and, for some, the first other
// unit delivering an effort (two meetings in three with the coordinating unit, so most courses
// have several conversations), held by the plan's coordinator or the effort's responsible staff
// member, in the unit's plan area. Each meeting is rated — at the start how life is going
// (outcome), at the end the conversation (meeting) — four times in five, declined about one time
// in thirteen, else not asked. Outcome totals follow a course: a start of 6–32 on the 0–40 scale,
// −1 to +3 points per conversation and ±2 of noise; meeting answers 7–10 per item (totals about
// 35, some under the cutoff). Children under 13 on the day rate with the child versions.
// Deterministic: every choice is a hash of the plan, or of citizen, unit and conversation number
// (meeting ids themselves are random). Dates are relative to the day it is loaded, as the
// calendar's are: alerts and aggregates are about the last months.
//
// Alerts — a SIMPLIFICATION, not the engine: a rating submitted in the app stores what
// `storeRating` (feedback.store.ts) computes — belowCutoff and drop from the course's meeting
// totals (meetingAlerts), notProgressing from the expected trajectory of the other courses at that
// moment. Here a meeting rating under the meeting instrument's cutoff stores only its belowCutoff
// alert (the same record meetingAlerts gives for it); no drop and no notProgressing alerts are
// stored, so a stored list can be shorter than the engine's but never disagrees with it. Alerts
// older than 14 days were seen by the staff member who held the meeting, a day after.

const count = (res: unknown) => Number((res as { rowCount?: number; affectedRows?: number }).rowCount ?? (res as { affectedRows?: number }).affectedRows ?? 0);

const PLANS_PER_BATCH = 10_000;

export async function loadSyntheticFeedback(db: Db, municipalityId: string): Promise<Record<string, number>> {
  await ensureInstruments(db, municipalityId);
  const instruments = await query<{ id: string; name: string }>(
    db,
    sql`SELECT id::text AS id, definition -> 'name' ->> 'en' AS name FROM feedback_instruments WHERE municipality_id = ${municipalityId} AND origin = 'sammen'`,
  );
  const idOf = (name: string) => instruments.find((i) => i.name === name)!.id;
  const outcomeAdult = idOf(sammenOutcome.name.en);
  const outcomeChild = idOf(sammenOutcomeChild.name.en);
  const meetingAdult = idOf(sammenMeeting.name.en);
  const meetingChild = idOf(sammenMeetingChild.name.en);
  // Both meeting instruments share the rule (the child one is the same scale in simpler words).
  const cutoff = sammenMeeting.total.cutoff;
  if (cutoff.comparator !== 'lt' || sammenMeetingChild.total.cutoff.value !== cutoff.value) throw new Error('synthetic-feedback.ts assumes the meeting cutoff is `lt` and the same for both');

  // Per selected plan: its number, the citizen and birth date, and the units that meet them —
  // the coordinating unit (area by its kind, as consent.ts defaultEffortArea) and the first other
  // unit with an effort on the plan (its area) — with who holds the meetings.
  await db.execute(sql`DROP TABLE IF EXISTS synthetic_feedback_plans`);
  await db.execute(sql`CREATE TABLE synthetic_feedback_plans AS
    SELECT (row_number() OVER (ORDER BY p.id) - 1)::int AS n, p.citizen_id, c.birth_date, abs(hashtext(p.id::text || ':feedback')::bigint) AS h,
      ARRAY[p.coordinator_unit_id] || coalesce((SELECT ARRAY[e.unit_id] FROM efforts e WHERE e.municipality_id = p.municipality_id AND e.plan_id = p.id
          AND e.unit_id <> p.coordinator_unit_id ORDER BY e.id LIMIT 1), '{}') AS unit_ids,
      ARRAY[p.coordinator_id] || coalesce((SELECT ARRAY[coalesce(e.responsible_staff_id, p.coordinator_id)] FROM efforts e WHERE e.municipality_id = p.municipality_id
          AND e.plan_id = p.id AND e.unit_id <> p.coordinator_unit_id ORDER BY e.id LIMIT 1), '{}') AS staff_ids,
      ARRAY[CASE u.kind WHEN 'jobcenter' THEN 'work' WHEN 'family' THEN 'family' WHEN 'health_visitors' THEN 'health' WHEN 'home_care' THEN 'health'
                        WHEN 'housing_support' THEN 'housing' WHEN 'youth_guidance' THEN 'education' ELSE 'other' END]
        || coalesce((SELECT ARRAY[e.area::text] FROM efforts e WHERE e.municipality_id = p.municipality_id AND e.plan_id = p.id
          AND e.unit_id <> p.coordinator_unit_id ORDER BY e.id LIMIT 1), '{}') AS areas
    FROM plans p
    JOIN citizens c ON c.municipality_id = p.municipality_id AND c.id = p.citizen_id
    JOIN units u ON u.municipality_id = p.municipality_id AND u.id = p.coordinator_unit_id
    WHERE p.municipality_id = ${municipalityId} AND p.status = 'active' AND abs(hashtext(p.id::text || ':feedback')::bigint) % 10 < 3`);
  const [{ n: plans } = { n: 0 }] = await query<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM synthetic_feedback_plans`);

  let meetings = 0;
  let ratings = 0;
  for (let from = 0; from < plans; from += PLANS_PER_BATCH) {
    const to = from + PLANS_PER_BATCH;
    // Meeting g of m (1 = the oldest): `last` days ago for the newest, `step` days between them,
    // between 08:00 and 14:30 Danish time.
    meetings += count(
      await db.execute(sql`INSERT INTO feedback_meetings (municipality_id, citizen_id, unit_id, staff_id, area, held_at, created_at)
        SELECT ${municipalityId}::uuid, x.citizen_id, x.unit_ids[k.u], x.staff_ids[k.u], x.areas[k.u]::effort_area, k.held_at, k.held_at
        FROM synthetic_feedback_plans x
        CROSS JOIN LATERAL generate_series(1, 3 + (x.h % 6)::int) g
        CROSS JOIN LATERAL (SELECT
            CASE WHEN cardinality(x.unit_ids) = 1 OR (g + x.h) % 3 <> 0 THEN 1 ELSE 2 END AS u,
            ((((now() AT TIME ZONE 'Europe/Copenhagen')::date - (1 + (x.h / 11) % 60 + ((3 + x.h % 6) - g) * (14 + (x.h / 7) % 21))::int)::timestamp
              + make_interval(mins => (480 + ((x.h / 13 + g * 3) % 14) * 30)::int)) AT TIME ZONE 'Europe/Copenhagen') AS held_at) k
        WHERE x.n >= ${from}::int AND x.n < ${to}::int`),
    );
    // The ratings, by the course's conversation number (row_number over citizen and unit, as the app numbers them).
    ratings += count(
      await db.execute(sql`INSERT INTO feedback_ratings (municipality_id, meeting_id, kind, instrument_id, declined, answers, total, given_via, given_at, alerts,
            alert_seen_at, alert_seen_by)
        SELECT ${municipalityId}::uuid, c.id, r.kind::feedback_kind,
          CASE WHEN c.child THEN (CASE r.kind WHEN 'outcome' THEN ${outcomeChild} ELSE ${meetingChild} END)::uuid
               ELSE (CASE r.kind WHEN 'outcome' THEN ${outcomeAdult} ELSE ${meetingAdult} END)::uuid END,
          r.declined, r.answers, r.total, r.via, r.given_at, r.alerts,
          CASE WHEN r.alerts <> '[]'::jsonb AND r.given_at < now() - interval '14 days' THEN r.given_at + interval '1 day' END,
          CASE WHEN r.alerts <> '[]'::jsonb AND r.given_at < now() - interval '14 days' THEN c.staff_id END
        FROM (
          SELECT m.id, m.staff_id, m.held_at, m.conv,
            date_part('year', age((m.held_at AT TIME ZONE 'Europe/Copenhagen')::date, m.birth_date)) < 13 AS child,
            abs(hashtext(m.citizen_id::text || ':' || m.unit_id::text)::bigint) AS hc,
            abs(hashtext(m.citizen_id::text || ':' || m.unit_id::text || ':' || m.conv)::bigint) AS hm, m.key
          FROM (
            SELECT fm.id, fm.staff_id, fm.held_at, fm.citizen_id, fm.unit_id, x.birth_date,
              row_number() OVER (PARTITION BY fm.citizen_id, fm.unit_id ORDER BY fm.held_at, fm.id) AS conv,
              fm.citizen_id::text || ':' || fm.unit_id::text AS key
            FROM synthetic_feedback_plans x
            JOIN feedback_meetings fm ON fm.municipality_id = ${municipalityId}::uuid AND fm.citizen_id = x.citizen_id
            WHERE x.n >= ${from}::int AND x.n < ${to}::int
          ) m
        ) c
        CROSS JOIN LATERAL (
          -- outcome: asked 87 in 100 (7 of them declined); meeting likewise, by another part of the hash.
          SELECT 'outcome' AS kind, c.hm % 100 AS pick,
            greatest(0, least(40, round(6 + c.hc % 27 + ((c.hc / 32) % 9 - 2) * 0.5 * (c.conv - 1) + (c.hm / 10000) % 5 - 2)))::int AS t,
            NULL::int AS a1, NULL::int AS a2, NULL::int AS a3, NULL::int AS a4
          UNION ALL
          SELECT 'meeting', (c.hm / 100) % 100, NULL,
            least(10, 7 + abs(hashtext(c.key || ':' || c.conv || ':respect')::bigint) % 5), least(10, 7 + abs(hashtext(c.key || ':' || c.conv || ':listened')::bigint) % 5),
            least(10, 7 + abs(hashtext(c.key || ':' || c.conv || ':clarity')::bigint) % 5), least(10, 7 + abs(hashtext(c.key || ':' || c.conv || ':overall')::bigint) % 5)
        ) q
        CROSS JOIN LATERAL (SELECT q.kind, q.pick >= 80 AS declined,
            CASE WHEN q.pick >= 80 THEN NULL WHEN q.kind = 'outcome'
              THEN jsonb_build_object('self', q.t / 4 + (q.t % 4 > 0)::int, 'close', q.t / 4 + (q.t % 4 > 1)::int, 'daily', q.t / 4 + (q.t % 4 > 2)::int, 'overall', q.t / 4)
              ELSE jsonb_build_object('respect', q.a1, 'listened', q.a2, 'clarity', q.a3, 'overall', q.a4) END AS answers,
            CASE WHEN q.pick >= 80 THEN NULL WHEN q.kind = 'outcome' THEN q.t ELSE q.a1 + q.a2 + q.a3 + q.a4 END::float8 AS total,
            CASE WHEN q.kind = 'meeting' AND (c.hm / 7) % 10 < 3 THEN 'link' ELSE 'tablet' END AS via,
            c.held_at + CASE WHEN q.kind = 'outcome' THEN interval '2 minutes' WHEN (c.hm / 7) % 10 < 3 THEN interval '9 hours' ELSE interval '55 minutes' END AS given_at
        ) r0
        CROSS JOIN LATERAL (SELECT r0.*,
            CASE WHEN r0.kind = 'meeting' AND r0.total < ${cutoff.value}::float8
              THEN jsonb_build_array(jsonb_build_object('kind', 'belowCutoff', 'meeting', c.conv, 'total', r0.total,
                     'cutoff', jsonb_build_object('value', ${cutoff.value}::float8, 'comparator', 'lt')))
              ELSE '[]'::jsonb END AS alerts
        ) r
        WHERE q.pick < 87`),
    );
  }
  // The courses read model (feedback_courses), from the meetings and ratings inserted above.
  await fillCourses(db, municipalityId);
  await db.execute(sql`DROP TABLE synthetic_feedback_plans`);
  return { feedback_citizens: plans, feedback_meetings: meetings, feedback_ratings: ratings };
}
