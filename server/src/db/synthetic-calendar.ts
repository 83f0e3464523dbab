import { sql } from 'drizzle-orm';
import type { Db } from '../platform/db.ts';

// The synthetic municipality's calendar (issue 13): future appointments for every plan, made
// inside the database from the plans and their efforts, so the bench can measure the citizen's
// calendar page, the collision check at booking and the sweep at scale (100,000 plans × 20 =
// 2 million future appointments at the large size). Times are relative to the day it is loaded
// — the next Monday in Denmark, twelve weeks on — because a calendar is about the future.
// Deterministic otherwise: the same plans give the same pattern.

/** Future appointments per plan; the first `deepCalendars` plans get DEEP_APPOINTMENTS. */
export const APPOINTMENTS_PER_PLAN = 20;
export const DEEP_APPOINTMENTS = 500;
const WEEKS = 12;

/** Default load limits of the synthetic municipality (as the demo's). */
export const SYNTHETIC_LOAD_LIMITS = { hoursPerDay: 6, appointmentsPerDay: 3, hoursPerWeek: 20, appointmentsPerWeek: 10 };

export async function loadSyntheticCalendar(db: Db, municipalityId: string, deepCalendars: number): Promise<number> {
  await db.execute(sql`INSERT INTO calendar_settings (municipality_id, load_limits) VALUES (${municipalityId}, ${JSON.stringify(SYNTHETIC_LOAD_LIMITS)}::jsonb)
    ON CONFLICT (municipality_id) DO NOTHING`);
  // Per plan: its number (for the deep ones), the units that work with the citizen (the
  // coordinating unit first, then each effort's unit and area) and the coordinator.
  await db.execute(sql`DROP TABLE IF EXISTS synthetic_calendar_plans`);
  await db.execute(sql`CREATE TABLE synthetic_calendar_plans AS
    SELECT (row_number() OVER (ORDER BY p.id) - 1)::int AS n, p.citizen_id, p.coordinator_id,
      p.coordinator_unit_id || coalesce(array_agg(e.unit_id ORDER BY e.id) FILTER (WHERE e.id IS NOT NULL), '{}') AS unit_ids,
      ARRAY[NULL]::text[] || coalesce(array_agg(e.area::text ORDER BY e.id) FILTER (WHERE e.id IS NOT NULL), '{}') AS areas,
      abs(hashtext(p.id::text)) AS h
    FROM plans p LEFT JOIN efforts e ON e.municipality_id = p.municipality_id AND e.plan_id = p.id
    WHERE p.municipality_id = ${municipalityId} AND p.status = 'active'
    GROUP BY p.municipality_id, p.id`);
  const days = WEEKS * 7;
  // In batches of plans, so no one statement holds millions of rows in memory.
  const [{ n: plans } = { n: 0 }] = ((await db.execute(sql`SELECT count(*)::int AS n FROM synthetic_calendar_plans`)) as unknown as { rows: { n: number }[] }).rows;
  let made = 0;
  for (let from = 0; from < plans; from += 10_000) {
    // Weekdays only, between 08:00 and 15:30 Danish time; every third appointment mandatory
    // (activation, meetings with a duty to attend), with the consequence the jobcenter states.
    const res = (await db.execute(sql`INSERT INTO appointments (municipality_id, citizen_id, unit_id, area, title, place, starts_at, ends_at,
          travel_minutes, mandatory, consequence, booked_by)
        SELECT ${municipalityId}::uuid, x.citizen_id, x.unit_ids[k.u], x.areas[k.u]::effort_area,
          CASE WHEN k.mandatory THEN 'Aktivering' ELSE 'Samtale' END,
          CASE WHEN k.u = 1 THEN 'Rådhuset' ELSE 'Hjemme hos borgeren' END,
          (k.local_start AT TIME ZONE 'Europe/Copenhagen'),
          ((k.local_start + make_interval(mins => k.minutes)) AT TIME ZONE 'Europe/Copenhagen'),
          CASE WHEN k.u = 1 THEN 20 ELSE 0 END, k.mandatory,
          CASE WHEN k.mandatory THEN 'Nedsættelse af ydelse' ELSE '' END, x.coordinator_id
        FROM synthetic_calendar_plans x
        CROSS JOIN LATERAL generate_series(1, CASE WHEN x.n < ${deepCalendars}::int THEN ${DEEP_APPOINTMENTS}::int ELSE ${APPOINTMENTS_PER_PLAN}::int END) g
        CROSS JOIN LATERAL (SELECT
            1 + (x.h + g * 7) % cardinality(x.unit_ids) AS u,
            (g + x.h) % 3 = 0 AS mandatory,
            CASE WHEN (g + x.h) % 2 = 0 THEN 60 ELSE 90 END AS minutes,
            date_trunc('week', now() AT TIME ZONE 'Europe/Copenhagen') + interval '7 days'
              + make_interval(days => ((x.h + g * 5) % ${days}::int / 7) * 7 + (x.h + g) % 5,
                              mins => 480 + ((x.h / 7 + g * 3) % 15) * 30) AS local_start) k
        WHERE x.n >= ${from}::int AND x.n < ${from + 10_000}::int`)) as unknown as { rowCount?: number; affectedRows?: number };
    made += Number(res.rowCount ?? res.affectedRows ?? 0);
  }
  await db.execute(sql`DROP TABLE synthetic_calendar_plans`);
  return made;
}
