import { sql } from 'drizzle-orm';
import { TIME_ZONE, addDays, localDate, mondayOf, startOfLocalDay, type Appointment } from '@sammen/domain/calendar';
import { detectCollisions, effectiveLoadLimits, type Collision, type CollisionRules, type LoadLimits, type PlanPeriod } from '@sammen/domain/collisions';
import { query, type Db } from '../../platform/db.ts';
import { QUEUES, type ScheduledWork } from '../../platform/jobs.ts';

// The collision sweep: every citizen's calendar through the engine (domain/src/collisions.ts),
// the findings upserted into `collisions` by their stable keys. Bookings, attendance, limits and
// periods re-check their citizen in their own transaction (`recheckCitizens`); the background
// job (platform/jobs.ts) sweeps whole municipalities for what changed elsewhere — and resolves
// what no longer collides.
//
// Built for 2 million future appointments in a minute: citizens in keyset batches, each batch
// one statement to load (one row per citizen, the appointments as JSON, parsed natively) and
// one statement to upsert and resolve (the findings as one jsonb parameter) — no per-row trips.

/** How far back a sweep looks: missed appointments of the last two weeks can still be a consequence risk. */
const LOOK_BACK_DAYS = 14;
export const RESOLVED_BY_SYSTEM = 'Løst: aftalerne kolliderer ikke længere';

/**
 * Where a sweep's window starts: the Monday (Danish time) of the week `LOOK_BACK_DAYS` ago. Whole
 * weeks, so a week's load is counted from all of its appointments, never from part of it.
 */
export function sweepWindowStart(now = new Date()) {
  return new Date(startOfLocalDay(mondayOf(localDate(now.getTime() - LOOK_BACK_DAYS * 86_400_000)), TIME_ZONE));
}

/** One citizen's calendar as the engine needs it. */
export interface LoadedCalendar {
  citizenId: string;
  appointments: Appointment[];
  rules: CollisionRules;
  coordinatorUnitId: string | null;
  /** Each appointment's area of the plan, which decides who else may see it. */
  areas: Map<string, string | null>;
}

type Row = {
  citizen_id: string;
  coordinator_unit_id: string | null;
  municipal: LoadLimits | null;
  own: LoadLimits | null;
  appointments: [string, string, string, string, number, number, number, boolean, string, string, string | null, string | null][];
  periods: [string, string | null, 'exemption' | 'priority', string[] | null, string][];
};

const attendanceOf = (status: string) => (status === 'attended' ? 'attended' : status === 'missed' ? 'missed' : null);

/**
 * The calendars of some citizens, from `from` on, in one statement: chosen by id, or the next
 * `limit` citizens after `after` (keyset). Cancelled appointments take no time and are left out.
 */
export async function loadCalendars(db: Db, municipalityId: string, which: { citizenIds: string[] } | { after: string; limit: number }, from: Date): Promise<LoadedCalendar[]> {
  const rows = await query<Row>(db, calendarsStatement(municipalityId, which, from));
  return rows.map(calendarOfRow);
}

/** The statement of `loadCalendars`: one row per citizen. */
function calendarsStatement(municipalityId: string, which: { citizenIds: string[] } | { after: string; limit: number }, from: Date, to?: Date) {
  const chosen =
    'citizenIds' in which
      ? sql`SELECT id, municipality_id FROM citizens WHERE municipality_id = ${municipalityId} AND id = ANY(${`{${which.citizenIds.join(',')}}`}::uuid[])`
      : sql`SELECT id, municipality_id FROM citizens WHERE municipality_id = ${municipalityId} AND id > ${which.after}::uuid ORDER BY id LIMIT ${which.limit}`;
  return sql`SELECT c.id::text AS citizen_id, p.coordinator_unit_id::text AS coordinator_unit_id,
          (SELECT s.load_limits FROM calendar_settings s WHERE s.municipality_id = c.municipality_id) AS municipal,
          l.load_limits AS own,
          coalesce((SELECT json_agg(json_build_array(a.id, a.unit_id, a.title, a.place, (extract(epoch FROM a.starts_at) * 1000)::float8,
              (extract(epoch FROM a.ends_at) * 1000)::float8, a.travel_minutes, a.mandatory, a.consequence, a.status, a.series_id, a.area) ORDER BY a.starts_at)
            FROM appointments a WHERE a.municipality_id = c.municipality_id AND a.citizen_id = c.id AND a.ends_at > ${from.toISOString()}::timestamptz
              ${to ? sql`AND a.starts_at < ${to.toISOString()}::timestamptz` : sql``}
              AND a.status NOT IN ('cancelled_by_citizen', 'cancelled_by_unit')), '[]'::json) AS appointments,
          coalesce((SELECT json_agg(json_build_array(pp.from_date, pp.to_date, pp.kind, pp.unit_ids, pp.reason) ORDER BY pp.from_date)
            FROM plan_periods pp WHERE pp.municipality_id = c.municipality_id AND pp.citizen_id = c.id AND pp.ended_at IS NULL), '[]'::json) AS periods
        FROM (${chosen}) c
        LEFT JOIN citizen_load_limits l ON l.municipality_id = c.municipality_id AND l.citizen_id = c.id
        LEFT JOIN plans p ON p.municipality_id = c.municipality_id AND p.citizen_id = c.id AND p.status = 'active'
        ORDER BY c.id`;
}

function calendarOfRow(r: Row): LoadedCalendar {
  const limits = effectiveLoadLimits(r.municipal ?? {}, r.own ?? undefined);
  const planPeriods: PlanPeriod[] = r.periods.map(([from, to, kind, unitIds, reason]) => ({ from, to, kind, unitIds: unitIds ?? 'all', reason }));
  return {
    citizenId: r.citizen_id,
    coordinatorUnitId: r.coordinator_unit_id,
    areas: new Map(r.appointments.map((a) => [a[0], a[11]])),
    rules: { ...(Object.keys(limits).length ? { limits } : {}), planPeriods },
    appointments: r.appointments.map(([id, unitId, title, place, start, end, travelMinutes, mandatory, consequence, status, seriesId]) => ({
      id, unitId, title, place, start: new Date(start).toISOString(), end: new Date(end).toISOString(), travelMinutes, mandatory, consequence, seriesId, attendance: attendanceOf(status),
    })),
  };
}

/**
 * One citizen's calendar for a booking, with what the booking's rules need to know in the same
 * statement (four round trips become one): whether the unit is the municipality's, whether it
 * takes part in the plan (coordinates it, delivers an effort, or was accepted into it), and
 * which of the staff named are active staff of the municipality. Undefined when the citizen is
 * not the municipality's.
 */
export async function loadCalendarForBooking(db: Db, municipalityId: string, citizenId: string, window: { from: Date; to: Date }, booking: { planId: string | null; unitId: string; staffIds: string[] }) {
  const rows = await query<Row & { unit_known: boolean; involved: boolean; known_staff: string[] | string }>(
    db,
    sql`SELECT cal.*,
          EXISTS (SELECT 1 FROM units WHERE municipality_id = ${municipalityId} AND id = ${booking.unitId}::uuid) AS unit_known,
          (EXISTS (SELECT 1 FROM plans p WHERE p.municipality_id = ${municipalityId} AND p.id = ${booking.planId}::uuid AND p.coordinator_unit_id = ${booking.unitId}::uuid)
            OR EXISTS (SELECT 1 FROM efforts e WHERE e.municipality_id = ${municipalityId} AND e.plan_id = ${booking.planId}::uuid AND e.unit_id = ${booking.unitId}::uuid)
            OR EXISTS (SELECT 1 FROM involvement_requests ir WHERE ir.municipality_id = ${municipalityId} AND ir.plan_id = ${booking.planId}::uuid
                       AND ir.unit_id = ${booking.unitId}::uuid AND ir.decision = 'accepted')) AS involved,
          coalesce((SELECT array_agg(s.id::text) FROM staff s WHERE s.municipality_id = ${municipalityId} AND s.disabled_at IS NULL
            AND s.id = ANY(${`{${booking.staffIds.join(',')}}`}::uuid[])), '{}'::text[]) AS known_staff
        FROM (${calendarsStatement(municipalityId, { citizenIds: [citizenId] }, window.from, window.to)}) cal`,
  );
  const r = rows[0];
  if (!r) return undefined;
  const known = r.known_staff;
  return {
    calendar: calendarOfRow(r),
    unitKnown: r.unit_known === true,
    involved: r.involved === true,
    knownStaff: new Set(Array.isArray(known) ? known : known.replace(/^{|}$/g, '').split(',').filter(Boolean)),
  };
}

/**
 * The part of a calendar a booking's check needs: the whole ISO weeks its occurrences fall in (a
 * week's load counts all of that week), and a day either side for travel across midnight (travel
 * is at most 12 hours). Time, load and plan collisions look no further; the rest of a long
 * calendar is not loaded (issue 13: the check on 500 appointments was mostly parsing them).
 */
export function bookingWindow(occurrences: readonly { start: string; end: string }[]) {
  const starts = occurrences.map((o) => Date.parse(o.start));
  const ends = occurrences.map((o) => Date.parse(o.end));
  const firstMonday = mondayOf(localDate(Math.min(...starts)));
  const lastMonday = mondayOf(localDate(Math.max(...ends)));
  return {
    from: new Date(startOfLocalDay(addDays(firstMonday, -1), TIME_ZONE)),
    to: new Date(startOfLocalDay(addDays(lastMonday, 8), TIME_ZONE)),
  };
}

/**
 * The collisions in one calendar. A period for "every unit" (no units named) is every unit but
 * the coordinating one: the plan's own coordinator is not contradicting the plan.
 */
export function collisionsOf(calendar: LoadedCalendar, extra: readonly Appointment[] = []): Collision[] {
  const found = detectCollisions(extra.length ? [...calendar.appointments, ...extra] : calendar.appointments, calendar.rules);
  return withoutCoordinatorsOwn(found, calendar.coordinatorUnitId);
}

export function withoutCoordinatorsOwn(found: Collision[], coordinatorUnitId: string | null) {
  return found.filter((c) => !(c.kind === 'plan_contradiction' && c.unitIds[0] === coordinatorUnitId && c.detail.periods.every((p) => p.unitIds === 'all')));
}

const firstStart = (c: Collision) => c.appointments.reduce((min, a) => (a.start < min ? a.start : min), c.appointments[0]?.start ?? new Date(0).toISOString());
const pgList = (ids: string[]) => `{${ids.join(',')}}`;

/**
 * Stores what the engine found for these citizens: a new collision opens; one found again is
 * marked seen (and reopened if the system had resolved it — a person's decision stays); an open
 * one in the window that is no longer found is resolved by the system. One statement.
 */
export async function storeCollisions(db: Db, municipalityId: string, citizenIds: string[], found: Map<string, Collision[]>, from: Date) {
  const input: Record<string, unknown>[] = [];
  for (const [citizenId, collisions] of found) {
    const seen = new Set<string>();
    for (const c of collisions) {
      if (seen.has(c.key)) continue;
      seen.add(c.key);
      input.push({ citizen_id: citizenId, key: c.key, kind: c.kind, record: c, unit_ids: pgList(c.unitIds), appointment_ids: pgList(c.appointmentIds), first_start: firstStart(c) });
    }
  }
  const rows = await query<{ upserted: number; resolved: number }>(
    db,
    sql`WITH input AS (
          SELECT * FROM jsonb_to_recordset(${JSON.stringify(input)}::jsonb)
            AS x(citizen_id uuid, key text, kind text, record jsonb, unit_ids text, appointment_ids text, first_start timestamptz)),
        upserted AS (
          INSERT INTO collisions (municipality_id, citizen_id, key, kind, record, unit_ids, appointment_ids, first_start)
          SELECT ${municipalityId}::uuid, i.citizen_id, i.key, i.kind::collision_kind, i.record, i.unit_ids::uuid[], i.appointment_ids::uuid[], i.first_start FROM input i
          ON CONFLICT (municipality_id, citizen_id, key) DO UPDATE SET
            record = EXCLUDED.record, unit_ids = EXCLUDED.unit_ids, first_start = EXCLUDED.first_start, seen_at = now(),
            status = CASE WHEN collisions.status = 'resolved' AND collisions.status_by IS NULL THEN 'open'::collision_status ELSE collisions.status END,
            status_reason = CASE WHEN collisions.status = 'resolved' AND collisions.status_by IS NULL THEN '' ELSE collisions.status_reason END,
            status_at = CASE WHEN collisions.status = 'resolved' AND collisions.status_by IS NULL THEN NULL ELSE collisions.status_at END
          RETURNING 1),
        resolved AS (
          UPDATE collisions c SET status = 'resolved', status_reason = ${RESOLVED_BY_SYSTEM}, status_by = NULL, status_at = now()
          WHERE c.municipality_id = ${municipalityId} AND c.citizen_id = ANY(${pgList(citizenIds)}::uuid[]) AND c.status = 'open'
            AND c.first_start >= ${from.toISOString()}::timestamptz
            AND NOT EXISTS (SELECT 1 FROM input i WHERE i.citizen_id = c.citizen_id AND i.key = c.key)
          RETURNING 1)
        SELECT (SELECT count(*) FROM upserted)::int AS upserted, (SELECT count(*) FROM resolved)::int AS resolved`,
  );
  return rows[0]!;
}

/** Re-checks some citizens' calendars inside the caller's transaction; what each has now. */
export async function recheckCitizens(tx: Db, municipalityId: string, citizenIds: string[], options: { from?: Date; now?: Date } = {}) {
  const from = options.from ?? sweepWindowStart(options.now);
  const calendars = await loadCalendars(tx, municipalityId, { citizenIds }, from);
  const found = new Map(calendars.map((c) => [c.citizenId, collisionsOf(c)]));
  const stored = await storeCollisions(tx, municipalityId, citizenIds, found, from);
  return { found, ...stored };
}

export interface SweepReport {
  citizens: number;
  appointments: number;
  collisions: number;
  resolved: number;
  batches: number;
}

/**
 * Sweeps a municipality (or some of its citizens): keyset batches of citizens, each in its own
 * short transaction, so a sweep never holds locks for long and a failure loses one batch only.
 */
export async function sweepCollisions(db: Db, municipalityId: string, options: { citizenIds?: string[]; batch?: number; now?: Date } = {}): Promise<SweepReport> {
  const batch = options.batch ?? 500;
  const from = sweepWindowStart(options.now);
  const report: SweepReport = { citizens: 0, appointments: 0, collisions: 0, resolved: 0, batches: 0 };
  const runBatch = (which: { citizenIds: string[] } | { after: string; limit: number }) =>
    db.transaction(async (tx) => {
      const calendars = await loadCalendars(tx, municipalityId, which, from);
      const found = new Map(calendars.map((c) => [c.citizenId, collisionsOf(c)]));
      const ids = calendars.map((c) => c.citizenId);
      const stored = ids.length ? await storeCollisions(tx, municipalityId, ids, found, from) : { upserted: 0, resolved: 0 };
      report.batches += 1;
      report.citizens += ids.length;
      report.appointments += calendars.reduce((n, c) => n + c.appointments.length, 0);
      report.collisions += stored.upserted;
      report.resolved += stored.resolved;
      return ids;
    });
  if (options.citizenIds) {
    for (let i = 0; i < options.citizenIds.length; i += batch) await runBatch({ citizenIds: options.citizenIds.slice(i, i + batch) });
    return report;
  }
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const ids = await runBatch({ after, limit: batch });
    if (ids.length < batch) return report;
    after = ids.at(-1)!;
  }
}

/** Every municipality's id: the scheduled sweep fans out over them. */
export async function municipalityIds(db: Db) {
  return (await query<{ id: string }>(db, sql`SELECT id::text AS id FROM municipalities ORDER BY id`)).map((r) => r.id);
}


/** The sweep as the background jobs run it (platform/jobs.ts). */
export const collisionSweep: ScheduledWork = { queue: QUEUES.sweep, nowQueue: QUEUES.sweepCitizens, cron: '*/15 * * * *', municipalityIds, run: sweepCollisions };
