import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '@sammen/domain/access';
import type { LoadLimits } from '@sammen/domain/collisions';
import { query, queryWith, type Db } from '../../platform/db.ts';
import { readLogInsert, type ReadLogValues } from '../audit/audit.service.ts';
import { ALL_SECTIONS, accessOf, pgArray, visibleTo } from '../access/access.sql.ts';

// Storage of the calendar: appointments as each reader may see them, stored collisions, limits,
// the plan's periods and the iCalendar feed. Always scoped by municipality. The sweep's batch
// load (the one statement that feeds the engine) lives in calendar.sweep.ts.

/**
 * Whether appointment `a` is shown in full to a reader: the citizen and their proxy (`full`),
 * the coordinating unit and break-glass (`full`), the unit that booked it, and another involved
 * unit when a consent in force names the appointment's area. An appointment without an area is
 * the booking unit's and the coordinator's only — the same rule as an effort's in the plan.
 */
export const appointmentVisible = (a: string, viewer: { full: SQL; unitId: SQL; sections: SQL }) =>
  sql`(${viewer.full} OR ${sql.raw(a)}.unit_id = ${viewer.unitId} OR ${sql.raw(a)}.area::text = ANY(${viewer.sections}))`;

/** The viewer as parameters: known in the service from the reader's scope. */
export interface Viewer {
  full: boolean;
  unitId: string | null;
  sections: string[];
}
const viewerParams = (v: Viewer) => ({
  full: sql`${v.full}::boolean`,
  unitId: sql`${v.unitId}::uuid`,
  sections: sql`${`{${v.sections.join(',')}}`}::text[]`,
});

export interface AppointmentRow extends Record<string, unknown> {
  id: string;
  series_id: string | null;
  unit_id: string;
  unit_name: string;
  area: string | null;
  title: string;
  place: string;
  /** A Date from a row; an ISO string (milliseconds, UTC) from `selectCalendar`'s JSON. */
  starts_at: Date | string;
  ends_at: Date | string;
  travel_minutes: number;
  mandatory: boolean;
  consequence: string;
  status: string;
  status_note: string;
  with: { id: string; name: string }[] | string;
  collision_ids: string[] | string;
  visible: boolean;
}

const appointmentColumns = (viewer: Viewer) => sql`a.id::text AS id, a.series_id::text AS series_id, a.unit_id::text AS unit_id, u.name AS unit_name,
    a.area::text AS area, a.title, a.place, a.starts_at, a.ends_at, a.travel_minutes, a.mandatory, a.consequence, a.status::text AS status, a.status_note,
    coalesce((SELECT json_agg(json_build_object('id', s.id, 'name', s.name) ORDER BY s.name) FROM appointment_participants ap
      JOIN staff s ON s.municipality_id = ap.municipality_id AND s.id = ap.staff_id
      WHERE ap.municipality_id = a.municipality_id AND ap.appointment_id = a.id), '[]'::json) AS with,
    coalesce((SELECT array_agg(c.id::text ORDER BY c.first_start) FROM collisions c WHERE c.municipality_id = a.municipality_id AND c.citizen_id = a.citizen_id
      AND c.status = 'open' AND a.id = ANY(c.appointment_ids)), '{}'::text[]) AS collision_ids,
    ${appointmentVisible('a', viewerParams(viewer))} AS visible`;

export function selectAppointmentsById(db: Db, municipalityId: string, ids: string[], viewer: Viewer) {
  return query<AppointmentRow>(
    db,
    sql`SELECT ${appointmentColumns(viewer)} FROM appointments a JOIN units u ON u.municipality_id = a.municipality_id AND u.id = a.unit_id
        WHERE a.municipality_id = ${municipalityId} AND a.id = ANY(${`{${ids.join(',')}}`}::uuid[]) ORDER BY a.starts_at, a.id`,
  );
}

/** An instant as the driver's Date would give it to `toISOString()`: UTC, milliseconds (truncated). */
const isoText = (col: string) => sql.raw(`to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/**
 * The calendar page's four reads in one statement (one round trip instead of four): the
 * appointments that take time in the window (start before its end, end after its start), by
 * start and id; the collisions whose first
 * appointment starts in it as `selectCollisionsOfCitizen`, the citizen's name and limits as
 * `selectLimits`, the plan's periods not ended — each list as JSON in its order.
 */
/** The calendar page's parts for one citizen, as columns of one row (selectCalendar, selectOwnCalendar). */
function calendarParts(municipalityId: string, citizenId: string | SQL, from: Date, to: Date, viewer: Viewer) {
  const fromText = from.toISOString();
  const toText = to.toISOString();
  return sql`
          coalesce((SELECT jsonb_agg(to_jsonb(x) || jsonb_build_object('starts_at', ${isoText('x.starts_at')}, 'ends_at', ${isoText('x.ends_at')}) ORDER BY x.starts_at, x.id)
            FROM (SELECT ${appointmentColumns(viewer)} FROM appointments a JOIN units u ON u.municipality_id = a.municipality_id AND u.id = a.unit_id
                  WHERE a.municipality_id = ${municipalityId} AND a.citizen_id = ${citizenId} AND a.starts_at < ${toText}::timestamptz AND a.ends_at > ${fromText}::timestamptz) x), '[]'::jsonb) AS appointments,
          coalesce((SELECT jsonb_agg(to_jsonb(x) - 'first_start' - 'key' || jsonb_build_object('detected_at', ${isoText('x.detected_at')}) ORDER BY x.first_start, x.key)
            FROM (SELECT ${collisionColumns(viewerParams(viewer))}, c.first_start, c.key FROM collisions c JOIN citizens ci ON ci.municipality_id = c.municipality_id AND ci.id = c.citizen_id
                  WHERE c.municipality_id = ${municipalityId} AND c.citizen_id = ${citizenId}
                    AND c.first_start >= ${fromText}::timestamptz AND c.first_start < ${toText}::timestamptz) x), '[]'::jsonb) AS collisions,
          (SELECT name FROM citizens WHERE municipality_id = ${municipalityId} AND id = ${citizenId}) AS name,
          (SELECT load_limits FROM calendar_settings WHERE municipality_id = ${municipalityId}) AS municipal,
          (SELECT load_limits FROM citizen_load_limits WHERE municipality_id = ${municipalityId} AND citizen_id = ${citizenId}) AS own,
          coalesce((SELECT jsonb_agg(jsonb_build_object('id', pp.id::text, 'from_date', pp.from_date::text, 'to_date', pp.to_date::text, 'kind', pp.kind::text,
              'unit_ids', pp.unit_ids::text[], 'reason', pp.reason) ORDER BY pp.from_date, pp.id)
            FROM plan_periods pp WHERE pp.municipality_id = ${municipalityId} AND pp.citizen_id = ${citizenId} AND pp.ended_at IS NULL), '[]'::jsonb) AS periods`;
}

type CalendarPartsRow = { appointments: AppointmentRow[]; collisions: CollisionRow[]; name: string | null; municipal: LoadLimits | null; own: LoadLimits | null; periods: PeriodRow[] };
const partsOf = (r: CalendarPartsRow) => ({ appointments: r.appointments, collisions: r.collisions, limits: { name: r.name ?? '', municipal: r.municipal ?? {}, own: r.own ?? undefined }, periods: r.periods });
export type CalendarParts = ReturnType<typeof partsOf>;

/** Appointments, collisions, limits and periods of the window, in one statement (the reader's transaction around it). */
export async function selectCalendar(db: Db, municipalityId: string, citizenId: string, from: Date, to: Date, viewer: Viewer) {
  const rows = await query<CalendarPartsRow>(db, sql`SELECT ${calendarParts(municipalityId, citizenId, from, to, viewer)}`);
  return partsOf(rows[0]!);
}

/**
 * The citizen's own calendar, for the citizen or a proxy, as ONE statement with no transaction
 * (platform/reader.ts `readCitizenDataLoggedByStatement`, as the plan page): the citizen and
 * their active plan, a proxy's access-log row (`readLogInsert`, the same row the transactional
 * reader writes for the own scope: the plan as subject when there is one, every section, basis
 * 'proxy'), and the page. The proxy itself was resolved live by the session; undefined when the
 * citizen is not there.
 */
export async function selectOwnCalendar(db: Db, actor: { kind: 'citizen' | 'proxy'; municipalityId: string; citizenId: string }, from: Date, to: Date, log: ReadLogValues | undefined) {
  const logged = log
    ? sql`, logged AS (${readLogInsert(sql`who`, {
        citizenId: sql`x.id`,
        subjectType: sql`CASE WHEN x.plan_id IS NULL THEN 'citizen' ELSE 'plan' END`,
        subjectId: sql`coalesce(x.plan_id, x.id)::text`,
        details: sql`jsonb_build_object('sections', to_jsonb(${ALL_SECTIONS}), 'basis', 'proxy', 'consentIds', '[]'::jsonb, 'breakGlassId', NULL)`,
        where: sql`true`,
      })} RETURNING 1)`
    : sql``;
  const statement = sql`WITH who AS (
        SELECT c.municipality_id, c.id, p.id AS plan_id, p.version, p.coordinator_id, p.coordinator_unit_id FROM citizens c
        LEFT JOIN plans p ON p.municipality_id = c.municipality_id AND p.citizen_id = c.id AND p.status = 'active'
        WHERE c.municipality_id = ${actor.municipalityId} AND c.id = ${actor.citizenId})${logged}
      SELECT w.plan_id::text AS plan_id, w.version, w.coordinator_id::text AS coordinator_id, w.coordinator_unit_id::text AS coordinator_unit_id,
        ${calendarParts(actor.municipalityId, sql`w.id`, from, to, { full: true, unitId: null, sections: [] })}
      FROM who w`;
  const rows = await queryWith<CalendarPartsRow & { plan_id: string | null; version: number; coordinator_id: string; coordinator_unit_id: string }>(db, statement, log ?? {});
  const r = rows[0];
  return r && { plan: r.plan_id ? { id: r.plan_id, version: r.version, coordinator_id: r.coordinator_id, coordinator_unit_id: r.coordinator_unit_id } : null, parts: partsOf(r) };
}

export interface CollisionRow extends Record<string, unknown> {
  id: string;
  citizen_id: string;
  citizen_name: string;
  status: string;
  status_reason: string;
  detected_at: Date | string;
  record: unknown;
  visible_ids: string[] | string;
}

/** What every collision read selects; `viewer` SQL decides which of its appointments the reader sees in full. */
const collisionColumns = (viewer: { full: SQL; unitId: SQL; sections: SQL }) => sql`c.id::text AS id, c.citizen_id::text AS citizen_id, ci.name AS citizen_name,
    c.status::text AS status, c.detected_at, c.record,
    -- The booker's reason to book anyway is the collision's reason until someone decides it.
    coalesce(nullif(c.status_reason, ''), (SELECT ra.accepted_collisions_reason FROM appointments ra WHERE ra.municipality_id = c.municipality_id
      AND ra.id = ANY(c.appointment_ids) AND ra.accepted_collisions_reason IS NOT NULL ORDER BY ra.created_at DESC LIMIT 1), '') AS status_reason,
    coalesce((SELECT array_agg(va.id::text) FROM appointments va WHERE va.municipality_id = c.municipality_id AND va.id = ANY(c.appointment_ids)
      AND ${appointmentVisible('va', viewer)}), '{}'::text[]) AS visible_ids`;

/** The citizen's collisions whose first appointment starts in the window, or with the given keys. */
export function selectCollisionsOfCitizen(db: Db, municipalityId: string, citizenId: string, viewer: Viewer, which: { from: Date; to: Date } | { keys: string[] } | { id: string }) {
  const chosen =
    'keys' in which
      ? sql`c.key IN (SELECT jsonb_array_elements_text(${JSON.stringify(which.keys)}::jsonb))`
      : 'id' in which
        ? sql`c.id = ${which.id}`
        : sql`c.first_start >= ${which.from.toISOString()}::timestamptz AND c.first_start < ${which.to.toISOString()}::timestamptz`;
  return query<CollisionRow>(
    db,
    sql`SELECT ${collisionColumns(viewerParams(viewer))} FROM collisions c JOIN citizens ci ON ci.municipality_id = c.municipality_id AND ci.id = c.citizen_id
        WHERE c.municipality_id = ${municipalityId} AND c.citizen_id = ${citizenId} AND ${chosen} ORDER BY c.first_start, c.key`,
  );
}

/**
 * The staff member's collision list: collisions of citizens whose plan the actor's unit can see
 * (involvement) and either coordinates or has an appointment in. Consent decides, per citizen,
 * which of the other units' appointments show — computed in the statement, as for the plan.
 */
export function selectCollisionList(db: Db, actor: Extract<Actor, { kind: 'staff' }>, status: string, limit = 500) {
  const viewer = {
    full: sql`acc.basis IN ('coordination', 'break_glass')`,
    unitId: sql`${actor.unitId}::uuid`,
    sections: sql`acc.sections`,
  };
  return query<CollisionRow>(
    db,
    sql`SELECT ${collisionColumns(viewer)}
        FROM collisions c
        JOIN plans p ON p.municipality_id = c.municipality_id AND p.citizen_id = c.citizen_id AND p.status = 'active'
        JOIN citizens ci ON ci.municipality_id = c.municipality_id AND ci.id = c.citizen_id
        CROSS JOIN LATERAL (${accessOf(actor)}) acc
        WHERE c.municipality_id = ${actor.municipalityId} AND c.status = ${status}::collision_status AND ${visibleTo(actor)}
          AND (p.coordinator_unit_id = ${actor.unitId} OR ${actor.unitId}::uuid = ANY(c.unit_ids))
        ORDER BY c.first_start, c.id LIMIT ${limit}`,
  );
}

export async function selectCollisionCitizen(db: Db, municipalityId: string, collisionId: string) {
  const rows = await query<{ citizen_id: string; status: string; unit_ids: string[] | string }>(
    db,
    sql`SELECT citizen_id::text AS citizen_id, status::text AS status, unit_ids::text[] AS unit_ids FROM collisions WHERE municipality_id = ${municipalityId} AND id = ${collisionId}`,
  );
  return rows[0] && { citizenId: rows[0].citizen_id, status: rows[0].status, unitIds: pgArray(rows[0].unit_ids) };
}

/** Decides an open collision; false when someone decided it first. */
export async function updateCollisionDecided(db: Db, municipalityId: string, collisionId: string, status: string, reason: string, staffId: string) {
  const rows = await query<{ id: string }>(
    db,
    sql`UPDATE collisions SET status = ${status}::collision_status, status_reason = ${reason}, status_by = ${staffId}, status_at = now()
        WHERE municipality_id = ${municipalityId} AND id = ${collisionId} AND status = 'open' RETURNING id::text AS id`,
  );
  return rows.length > 0;
}

export async function selectAppointmentFacts(db: Db, municipalityId: string, appointmentId: string) {
  const rows = await query<{ citizen_id: string; unit_id: string; status: string; starts_at: Date; mandatory: boolean }>(
    db,
    sql`SELECT citizen_id::text AS citizen_id, unit_id::text AS unit_id, status::text AS status, starts_at, mandatory
        FROM appointments WHERE municipality_id = ${municipalityId} AND id = ${appointmentId}`,
  );
  return rows[0];
}

export async function updateAttendance(db: Db, municipalityId: string, appointmentId: string, status: string, note: string, staffId: string) {
  await query(
    db,
    sql`UPDATE appointments SET status = ${status}::appointment_status, status_note = ${note}, status_by = ${staffId}, status_at = now(), updated_at = now()
        WHERE municipality_id = ${municipalityId} AND id = ${appointmentId} RETURNING id`,
  );
}

// ---- Units a plan period names (a booking's checks come with its calendar: calendar.sweep.ts loadCalendarForBooking)

/** Which of the ids are units of the municipality. */
export async function selectKnownUnits(db: Db, municipalityId: string, ids: string[]) {
  const rows = await query<{ id: string }>(db, sql`SELECT id::text AS id FROM units WHERE municipality_id = ${municipalityId} AND id = ANY(${`{${ids.join(',')}}`}::uuid[])`);
  return new Set(rows.map((r) => r.id));
}

// ---- Limits and periods ---------------------------------------------------------------

/** The citizen's name and limits: the municipality's default and the citizen's own. */
export async function selectLimits(db: Db, municipalityId: string, citizenId: string) {
  const rows = await query<{ name: string; municipal: LoadLimits | null; own: LoadLimits | null }>(
    db,
    sql`SELECT (SELECT name FROM citizens WHERE municipality_id = ${municipalityId} AND id = ${citizenId}) AS name,
               (SELECT load_limits FROM calendar_settings WHERE municipality_id = ${municipalityId}) AS municipal,
               (SELECT load_limits FROM citizen_load_limits WHERE municipality_id = ${municipalityId} AND citizen_id = ${citizenId}) AS own`,
  );
  return { name: rows[0]?.name ?? '', municipal: rows[0]?.municipal ?? {}, own: rows[0]?.own ?? undefined };
}

export async function upsertCitizenLimits(db: Db, row: { municipalityId: string; citizenId: string; limits: LoadLimits; reason: string; staffId: string }) {
  await query(
    db,
    sql`INSERT INTO citizen_load_limits (municipality_id, citizen_id, load_limits, reason, set_by, set_at)
        VALUES (${row.municipalityId}, ${row.citizenId}, ${JSON.stringify(row.limits)}::jsonb, ${row.reason}, ${row.staffId}, now())
        ON CONFLICT (municipality_id, citizen_id) DO UPDATE SET load_limits = EXCLUDED.load_limits, reason = EXCLUDED.reason, set_by = EXCLUDED.set_by, set_at = now()
        RETURNING citizen_id`,
  );
}

export interface PeriodRow extends Record<string, unknown> {
  id: string;
  from_date: string;
  to_date: string | null;
  kind: 'exemption' | 'priority';
  unit_ids: string[] | string | null;
  reason: string;
}

export async function insertPlanPeriod(
  db: Db,
  row: { municipalityId: string; citizenId: string; from: string; to: string | null; kind: string; unitIds: string[] | null; reason: string; staffId: string },
) {
  const rows = await query<{ id: string }>(
    db,
    sql`INSERT INTO plan_periods (municipality_id, citizen_id, from_date, to_date, kind, unit_ids, reason, created_by)
        VALUES (${row.municipalityId}, ${row.citizenId}, ${row.from}::date, ${row.to}::date, ${row.kind}::plan_period_kind,
          ${row.unitIds ? `{${row.unitIds.join(',')}}` : null}::uuid[], ${row.reason}, ${row.staffId}) RETURNING id::text AS id`,
  );
  return rows[0]!.id;
}

// ---- The iCalendar feed ---------------------------------------------------------------

export async function selectFeed(db: Db, municipalityId: string, citizenId: string) {
  const rows = await query<{ created_at: Date; revoked_at: Date | null }>(
    db,
    sql`SELECT created_at, revoked_at FROM calendar_feeds WHERE municipality_id = ${municipalityId} AND citizen_id = ${citizenId}`,
  );
  return rows[0];
}

/** Creates or renews the feed: the new token's hash replaces the old one, which stops working at once. */
export async function upsertFeed(db: Db, municipalityId: string, citizenId: string, tokenHash: string) {
  const rows = await query<{ created_at: Date }>(
    db,
    sql`INSERT INTO calendar_feeds (municipality_id, citizen_id, token_hash) VALUES (${municipalityId}, ${citizenId}, ${tokenHash})
        ON CONFLICT (municipality_id, citizen_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = now(), revoked_at = NULL
        RETURNING created_at`,
  );
  return rows[0]!.created_at;
}

export async function revokeFeed(db: Db, municipalityId: string, citizenId: string) {
  await query(db, sql`UPDATE calendar_feeds SET revoked_at = now() WHERE municipality_id = ${municipalityId} AND citizen_id = ${citizenId} AND revoked_at IS NULL RETURNING citizen_id`);
}

/** The citizen a live feed token belongs to, and their appointments from `from` on: one statement. */
export async function selectFeedCalendar(db: Db, tokenHash: string, from: Date) {
  return query<{ citizen_id: string; id: string | null; unit_name: string | null; title: string | null; place: string | null; starts_at: Date | null; ends_at: Date | null; mandatory: boolean | null; status: string | null; updated_at: Date | null }>(
    db,
    sql`SELECT f.citizen_id::text AS citizen_id, a.id::text AS id, u.name AS unit_name, a.title, a.place, a.starts_at, a.ends_at, a.mandatory, a.status::text AS status, a.updated_at
        FROM calendar_feeds f
        LEFT JOIN appointments a ON a.municipality_id = f.municipality_id AND a.citizen_id = f.citizen_id AND a.ends_at > ${from.toISOString()}::timestamptz
        LEFT JOIN units u ON u.municipality_id = a.municipality_id AND u.id = a.unit_id
        WHERE f.token_hash = ${tokenHash} AND f.revoked_at IS NULL
        ORDER BY a.starts_at, a.id`,
  );
}

export type FutureAppointmentRow = { id: string; unit_id: string; area: string | null; title: string; starts_at: string | Date; mandatory: boolean; participants: string | null };

/** The citizen's planned appointments from now on, first first, at most 500 (the network's "next" and "what they expect of me"). */
export function selectFutureAppointments(db: Db, municipalityId: string, citizenId: string) {
  return query<FutureAppointmentRow & Record<string, unknown>>(
    db,
    sql`SELECT a.id::text AS id, a.unit_id::text AS unit_id, a.area::text AS area, a.title, a.starts_at, a.mandatory,
          (SELECT string_agg(ap.staff_id::text, ',') FROM appointment_participants ap
            WHERE ap.municipality_id = a.municipality_id AND ap.appointment_id = a.id) AS participants
        FROM appointments a
        WHERE a.municipality_id = ${municipalityId} AND a.citizen_id = ${citizenId} AND a.status = 'planned' AND a.starts_at > now()
        ORDER BY a.starts_at, a.id
        LIMIT 500`,
  );
}
