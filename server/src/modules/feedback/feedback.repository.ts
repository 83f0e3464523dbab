import { sql } from 'drizzle-orm';
import type { FeedbackAlert, FeedbackKind, FeedbackSettings, InstrumentDefinition } from '@sammen/domain/feedback';
import { query, type Db } from '../../platform/db.ts';

// Storage of the feedback module: instruments, settings, meetings, ratings and links. Every
// statement is scoped by municipality — except the look-up of a link by its secret, which is
// how a citizen without a session reaches one meeting (`unscopedSelectLink`).

/** jsonb comes back parsed from both drivers, json_agg text as a string on some paths. */
export const fromJson = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

// ---- Instruments and settings ----------------------------------------------------------

export interface InstrumentRow extends Record<string, unknown> {
  id: string;
  origin: 'sammen' | 'municipality';
  kind: FeedbackKind;
  definition: InstrumentDefinition;
  active: boolean;
  ratings: number;
  updated_at: Date;
}

const instrumentColumns = sql`i.id::text AS id, i.origin, i.kind::text AS kind, i.definition, i.active, i.updated_at,
  (SELECT count(*) FROM feedback_ratings r WHERE r.municipality_id = i.municipality_id AND r.instrument_id = i.id)::int AS ratings`;

const parsedInstrument = (r: InstrumentRow): InstrumentRow => ({ ...r, definition: fromJson<InstrumentDefinition>(r.definition) });

/** The municipality's instruments: Sammen's first, then in the order they were added. */
export async function selectInstruments(db: Db, municipalityId: string) {
  const rows = await query<InstrumentRow>(
    db,
    sql`SELECT ${instrumentColumns} FROM feedback_instruments i WHERE i.municipality_id = ${municipalityId}
        ORDER BY (i.origin = 'sammen') DESC, i.created_at, i.id`,
  );
  return rows.map(parsedInstrument);
}

export async function selectInstrument(db: Db, municipalityId: string, instrumentId: string, lock = false) {
  const rows = await query<InstrumentRow>(
    db,
    sql`SELECT ${instrumentColumns} FROM feedback_instruments i WHERE i.municipality_id = ${municipalityId} AND i.id = ${instrumentId}
        ${lock ? sql`FOR UPDATE` : sql``}`,
  );
  return rows[0] && parsedInstrument(rows[0]);
}

export async function countInstruments(db: Db, municipalityId: string) {
  const rows = await query<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM feedback_instruments WHERE municipality_id = ${municipalityId}`);
  return rows[0]!.n;
}

/** Serialises the lazy set-up of a municipality's instruments (two first requests at once). */
export async function lockInstrumentSetUp(db: Db, municipalityId: string) {
  await query(db, sql`SELECT pg_advisory_xact_lock(hashtext(${`feedback_instruments:${municipalityId}`}))::text AS locked`);
}

export async function insertInstrument(
  db: Db,
  municipalityId: string,
  i: { origin: 'sammen' | 'municipality'; definition: InstrumentDefinition; active: boolean; updatedBy: string | null },
) {
  const rows = await query<{ id: string }>(
    db,
    sql`INSERT INTO feedback_instruments (municipality_id, origin, kind, definition, active, updated_by)
        VALUES (${municipalityId}, ${i.origin}, ${i.definition.total.kind}::feedback_kind, ${JSON.stringify(i.definition)}::jsonb, ${i.active}, ${i.updatedBy})
        RETURNING id::text AS id`,
  );
  return rows[0]!.id;
}

export async function updateInstrument(db: Db, municipalityId: string, instrumentId: string, i: { definition: InstrumentDefinition; active: boolean; updatedBy: string }) {
  await query(
    db,
    sql`UPDATE feedback_instruments SET definition = ${JSON.stringify(i.definition)}::jsonb, kind = ${i.definition.total.kind}::feedback_kind,
          active = ${i.active}, updated_by = ${i.updatedBy}, updated_at = now()
        WHERE municipality_id = ${municipalityId} AND id = ${instrumentId}`,
  );
}

export async function selectSettings(db: Db, municipalityId: string): Promise<FeedbackSettings | undefined> {
  const rows = await query<{ settings: unknown }>(db, sql`SELECT settings FROM feedback_settings WHERE municipality_id = ${municipalityId}`);
  return rows[0] && fromJson<FeedbackSettings>(rows[0].settings);
}

export async function upsertSettings(db: Db, municipalityId: string, settings: FeedbackSettings) {
  await query(
    db,
    sql`INSERT INTO feedback_settings (municipality_id, settings) VALUES (${municipalityId}, ${JSON.stringify(settings)}::jsonb)
        ON CONFLICT (municipality_id) DO UPDATE SET settings = excluded.settings, updated_at = now()`,
  );
}

// ---- Meetings and courses -----------------------------------------------------------------

/** An appointment of this citizen that this unit booked: its area, start and status. */
/** Locks the appointment: two requests recording a meeting for it take turns, so the second finds the first's meeting. */
export async function selectAppointmentOfCitizen(db: Db, municipalityId: string, appointmentId: string, citizenId: string, unitId: string) {
  const rows = await query<{ area: string | null; starts_at: Date; status: string }>(
    db,
    sql`SELECT area::text AS area, starts_at, status::text AS status FROM appointments
        WHERE municipality_id = ${municipalityId} AND id = ${appointmentId} AND citizen_id = ${citizenId} AND unit_id = ${unitId}
        FOR UPDATE`,
  );
  return rows[0];
}

/** The meeting recorded for an appointment, if any. */
export async function selectMeetingOfAppointment(db: Db, municipalityId: string, appointmentId: string) {
  const rows = await query<{ id: string }>(db, sql`SELECT id::text AS id FROM feedback_meetings WHERE municipality_id = ${municipalityId} AND appointment_id = ${appointmentId}`);
  return rows[0]?.id;
}

export async function insertMeeting(
  db: Db,
  m: { municipalityId: string; citizenId: string; unitId: string; staffId: string; appointmentId: string | null; area: string; heldAt: Date },
) {
  const rows = await query<{ id: string }>(
    db,
    sql`INSERT INTO feedback_meetings (municipality_id, citizen_id, unit_id, staff_id, appointment_id, area, held_at)
        VALUES (${m.municipalityId}, ${m.citizenId}, ${m.unitId}, ${m.staffId}, ${m.appointmentId}, ${m.area}::effort_area, ${m.heldAt.toISOString()}::timestamptz)
        RETURNING id::text AS id`,
  );
  return rows[0]!.id;
}

export interface MeetingFacts extends Record<string, unknown> {
  id: string;
  citizen_id: string;
  unit_id: string;
  unit_name: string;
  held_at: Date;
  /** The citizen's age in whole years on the Danish day of the meeting. */
  age: number;
}

/** A meeting's facts; `unitId` given: only a meeting that unit held. */
/** `lock`: ratings of one meeting are stored one at a time (the "already rated" check then holds). */
export async function selectMeetingFacts(db: Db, municipalityId: string, meetingId: string, unitId?: string, { lock = false } = {}) {
  const rows = await query<MeetingFacts>(
    db,
    sql`SELECT m.id::text AS id, m.citizen_id::text AS citizen_id, m.unit_id::text AS unit_id, u.name AS unit_name, m.held_at,
          date_part('year', age((m.held_at AT TIME ZONE 'Europe/Copenhagen')::date, c.birth_date))::int AS age
        FROM feedback_meetings m
          JOIN units u ON u.municipality_id = m.municipality_id AND u.id = m.unit_id
          JOIN citizens c ON c.municipality_id = m.municipality_id AND c.id = m.citizen_id
        WHERE m.municipality_id = ${municipalityId} AND m.id = ${meetingId} ${unitId ? sql`AND m.unit_id = ${unitId}` : sql``}
        ${lock ? sql`FOR UPDATE OF m` : sql``}`,
  );
  return rows[0];
}

export interface CourseRow extends Record<string, unknown> {
  id: string;
  conversation: number;
  outcome_total: number | null;
  outcome_instrument_id: string | null;
  meeting_total: number | null;
  meeting_instrument_id: string | null;
}

/** The citizen's meetings with one unit in conversation order (held_at, id), with their ratings' totals. */
export function selectCourse(db: Db, municipalityId: string, citizenId: string, unitId: string) {
  return query<CourseRow>(
    db,
    sql`SELECT m.id::text AS id, (row_number() OVER (ORDER BY m.held_at, m.id))::int AS conversation,
          ro.total AS outcome_total, ro.instrument_id::text AS outcome_instrument_id, rm.total AS meeting_total, rm.instrument_id::text AS meeting_instrument_id
        FROM feedback_meetings m
          LEFT JOIN feedback_ratings ro ON ro.municipality_id = m.municipality_id AND ro.meeting_id = m.id AND ro.kind = 'outcome'
          LEFT JOIN feedback_ratings rm ON rm.municipality_id = m.municipality_id AND rm.meeting_id = m.id AND rm.kind = 'meeting'
        WHERE m.municipality_id = ${municipalityId} AND m.citizen_id = ${citizenId} AND m.unit_id = ${unitId}
        ORDER BY m.held_at, m.id`,
  );
}

/**
 * Other citizens' courses with an outcome instrument, for the expected trajectory: each course's
 * outcome totals by conversation (1-based, at most `maxConversations`), for the courses whose
 * first conversation was rated with the instrument within ±band of `start`. The citizen's own
 * courses are left out: a trajectory compares with others.
 */
export async function selectTrajectoryCourses(
  db: Db,
  municipalityId: string,
  q: { instrumentId: string; excludeCitizenId: string; start: number; band: number; maxConversations: number },
): Promise<(number | null)[][]> {
  const rows = await query<{ points: [number, number][] | string }>(
    db,
    sql`WITH matched AS (
          -- The courses read model (feedback_courses_first_outcome): first meeting's outcome total, not declined.
          SELECT k.citizen_id, k.unit_id FROM feedback_courses k
          WHERE k.municipality_id = ${municipalityId} AND k.first_outcome_instrument_id = ${q.instrumentId}
            AND k.first_outcome_total BETWEEN ${q.start - q.band}::float8 AND ${q.start + q.band}::float8
            AND k.citizen_id <> ${q.excludeCitizenId}
        ), conv AS (
          SELECT m.citizen_id, m.unit_id, m.id, row_number() OVER (PARTITION BY m.citizen_id, m.unit_id ORDER BY m.held_at, m.id) AS n
          FROM feedback_meetings m JOIN matched x ON x.citizen_id = m.citizen_id AND x.unit_id = m.unit_id
          WHERE m.municipality_id = ${municipalityId}
        )
        SELECT json_agg(json_build_array(c.n, r.total) ORDER BY c.n) AS points
        FROM conv c JOIN feedback_ratings r ON r.municipality_id = ${municipalityId} AND r.meeting_id = c.id AND r.kind = 'outcome'
          AND r.instrument_id = ${q.instrumentId} AND NOT r.declined
        WHERE c.n <= ${q.maxConversations}
        GROUP BY c.citizen_id, c.unit_id`,
  );
  return rows.map((r) => {
    const course: (number | null)[] = Array.from({ length: q.maxConversations }, () => null);
    for (const [n, total] of fromJson<[number, number][]>(r.points)) course[n - 1] = total;
    return course;
  });
}

// ---- The courses read model (feedback_courses) ----------------------------------------------

/**
 * Keeps the meeting's course right after the meeting is inserted: creates the course, or makes
 * the meeting its first when it comes earlier in conversation order (held_at, then id) — with
 * the meeting's outcome rating when it already has one that is not declined.
 */
export async function upsertCourseOfMeeting(db: Db, municipalityId: string, meetingId: string) {
  await query(
    db,
    sql`INSERT INTO feedback_courses AS k (municipality_id, citizen_id, unit_id, first_meeting_id, first_held_at, first_outcome_instrument_id, first_outcome_total)
        SELECT m.municipality_id, m.citizen_id, m.unit_id, m.id, m.held_at, r.instrument_id, r.total
        FROM feedback_meetings m
          LEFT JOIN feedback_ratings r ON r.municipality_id = m.municipality_id AND r.meeting_id = m.id AND r.kind = 'outcome' AND NOT r.declined
        WHERE m.municipality_id = ${municipalityId} AND m.id = ${meetingId}
        ON CONFLICT (municipality_id, citizen_id, unit_id) DO UPDATE SET
          first_meeting_id = excluded.first_meeting_id, first_held_at = excluded.first_held_at,
          first_outcome_instrument_id = excluded.first_outcome_instrument_id, first_outcome_total = excluded.first_outcome_total
        WHERE (excluded.first_held_at, excluded.first_meeting_id) < (k.first_held_at, k.first_meeting_id)`,
  );
}

/** A not-declined outcome rating was stored: when its meeting is a course's first, that is the course's first outcome. */
export async function setCourseFirstOutcome(db: Db, municipalityId: string, meetingId: string, instrumentId: string, total: number) {
  await query(
    db,
    sql`UPDATE feedback_courses SET first_outcome_instrument_id = ${instrumentId}, first_outcome_total = ${total}::float8
        WHERE municipality_id = ${municipalityId} AND first_meeting_id = ${meetingId}`,
  );
}

/**
 * Sets every course of the municipality from its meetings and ratings — for bulk loads that
 * insert meetings (and ratings) without `storeMeeting` (the demo seed, the synthetic data).
 */
export async function fillCourses(db: Db, municipalityId: string) {
  await query(
    db,
    sql`INSERT INTO feedback_courses AS k (municipality_id, citizen_id, unit_id, first_meeting_id, first_held_at, first_outcome_instrument_id, first_outcome_total)
        SELECT f.municipality_id, f.citizen_id, f.unit_id, f.id, f.held_at, r.instrument_id, r.total
        FROM (
          SELECT DISTINCT ON (m.citizen_id, m.unit_id) m.municipality_id, m.citizen_id, m.unit_id, m.id, m.held_at
          FROM feedback_meetings m WHERE m.municipality_id = ${municipalityId}
          ORDER BY m.citizen_id, m.unit_id, m.held_at, m.id
        ) f
          LEFT JOIN feedback_ratings r ON r.municipality_id = f.municipality_id AND r.meeting_id = f.id AND r.kind = 'outcome' AND NOT r.declined
        ON CONFLICT (municipality_id, citizen_id, unit_id) DO UPDATE SET
          first_meeting_id = excluded.first_meeting_id, first_held_at = excluded.first_held_at,
          first_outcome_instrument_id = excluded.first_outcome_instrument_id, first_outcome_total = excluded.first_outcome_total`,
  );
}

// ---- Ratings ------------------------------------------------------------------------------

export async function selectRatedKinds(db: Db, municipalityId: string, meetingId: string): Promise<FeedbackKind[]> {
  const rows = await query<{ kind: FeedbackKind }>(db, sql`SELECT kind::text AS kind FROM feedback_ratings WHERE municipality_id = ${municipalityId} AND meeting_id = ${meetingId} ORDER BY kind`);
  return rows.map((r) => r.kind);
}

export interface NewRating {
  municipalityId: string;
  meetingId: string;
  kind: FeedbackKind;
  instrumentId: string;
  declined: boolean;
  answers: Record<string, number> | null;
  total: number | null;
  givenVia: 'tablet' | 'link';
  givenAt: Date;
  alerts: FeedbackAlert[];
}

export async function insertRating(db: Db, r: NewRating) {
  const rows = await query<{ id: string }>(
    db,
    sql`INSERT INTO feedback_ratings (municipality_id, meeting_id, kind, instrument_id, declined, answers, total, given_via, given_at, alerts)
        VALUES (${r.municipalityId}, ${r.meetingId}, ${r.kind}::feedback_kind, ${r.instrumentId}, ${r.declined},
          ${r.answers === null ? null : JSON.stringify(r.answers)}::jsonb, ${r.total}::float8, ${r.givenVia}, ${r.givenAt.toISOString()}::timestamptz,
          ${JSON.stringify(r.alerts)}::jsonb)
        RETURNING id::text AS id`,
  );
  return rows[0]!.id;
}

/** The first outcome total of every course rated with the instrument: the clinical sample of its norms. */
export async function selectFirstOutcomeTotals(db: Db, municipalityId: string, instrumentId: string): Promise<number[]> {
  const rows = await query<{ total: number }>(
    db,
    sql`SELECT DISTINCT ON (m.citizen_id, m.unit_id) r.total
        FROM feedback_meetings m JOIN feedback_ratings r ON r.municipality_id = m.municipality_id AND r.meeting_id = m.id
          AND r.kind = 'outcome' AND r.instrument_id = ${instrumentId} AND NOT r.declined
        WHERE m.municipality_id = ${municipalityId}
        ORDER BY m.citizen_id, m.unit_id, m.held_at, m.id`,
  );
  return rows.map((r) => r.total);
}

// ---- Links ---------------------------------------------------------------------------------

export interface LinkRow extends Record<string, unknown> {
  id: string;
  municipality_id: string;
  meeting_id: string;
  kinds: FeedbackKind[] | string;
  mode: 'tablet' | 'link';
  outcome_instrument_id: string | null;
  meeting_instrument_id: string | null;
  expires_at: Date;
  used_at: Date | null;
}

export async function insertLink(
  db: Db,
  l: { municipalityId: string; meetingId: string; tokenHash: string; kinds: FeedbackKind[]; mode: 'tablet' | 'link'; outcomeInstrumentId: string | null; meetingInstrumentId: string | null; expiresAt: Date; createdBy: string },
) {
  const rows = await query<{ id: string }>(
    db,
    sql`INSERT INTO feedback_links (municipality_id, meeting_id, token_hash, kinds, mode, outcome_instrument_id, meeting_instrument_id, expires_at, created_by)
        VALUES (${l.municipalityId}, ${l.meetingId}, ${l.tokenHash}, ${`{${l.kinds.join(',')}}`}::text[], ${l.mode}, ${l.outcomeInstrumentId}, ${l.meetingInstrumentId},
          ${l.expiresAt.toISOString()}::timestamptz, ${l.createdBy})
        RETURNING id::text AS id`,
  );
  return rows[0]!.id;
}

/**
 * A link by the SHA-256 of its secret, in any municipality: the citizen who holds the secret has
 * no session, and the secret itself is what gives access to this one meeting's rating. `lock`:
 * FOR UPDATE, so two submissions with one link cannot both be saved.
 */
export async function unscopedSelectLink(db: Db, tokenHash: string, lock = false) {
  const rows = await query<LinkRow>(
    db,
    sql`SELECT l.id::text AS id, l.municipality_id::text AS municipality_id, l.meeting_id::text AS meeting_id, l.kinds, l.mode,
          l.outcome_instrument_id::text AS outcome_instrument_id, l.meeting_instrument_id::text AS meeting_instrument_id, l.expires_at, l.used_at
        FROM feedback_links l WHERE l.token_hash = ${tokenHash} ${lock ? sql`FOR UPDATE` : sql``}`,
  );
  return rows[0];
}

export async function updateLinkUsed(db: Db, municipalityId: string, linkId: string) {
  await query(db, sql`UPDATE feedback_links SET used_at = now() WHERE municipality_id = ${municipalityId} AND id = ${linkId}`);
}

// ---- Alerts --------------------------------------------------------------------------------

export interface AlertRow extends Record<string, unknown> {
  rating_id: string;
  meeting_id: string;
  citizen_id: string;
  citizen_name: string;
  held_at: Date;
  staff_id: string;
  staff_name: string;
  kind: FeedbackKind;
  alerts: FeedbackAlert[] | string;
}

/** The unit's ratings that alerted in the last `days` days and nobody in the unit has seen: newest first, at most `limit`. */
export function selectOpenAlerts(db: Db, municipalityId: string, unitId: string, { days, limit }: { days: number; limit: number }) {
  return query<AlertRow>(
    db,
    sql`SELECT r.id::text AS rating_id, m.id::text AS meeting_id, m.citizen_id::text AS citizen_id, c.name AS citizen_name, m.held_at,
          m.staff_id::text AS staff_id, s.name AS staff_name, r.kind::text AS kind, r.alerts
        FROM feedback_ratings r
          JOIN feedback_meetings m ON m.municipality_id = r.municipality_id AND m.id = r.meeting_id
          JOIN citizens c ON c.municipality_id = m.municipality_id AND c.id = m.citizen_id
          JOIN staff s ON s.municipality_id = m.municipality_id AND s.id = m.staff_id
        WHERE r.municipality_id = ${municipalityId} AND r.alert_seen_at IS NULL AND r.alerts <> '[]'::jsonb
          AND r.given_at > now() - make_interval(days => ${days}::int) AND m.unit_id = ${unitId}
        ORDER BY r.given_at DESC, r.id DESC
        LIMIT ${limit}`,
  );
}

/** The rating, when the unit held its meeting: whether it was seen before, and whose it is. */
export async function selectRatingOfUnit(db: Db, municipalityId: string, ratingId: string, unitId: string) {
  const rows = await query<{ citizen_id: string; seen: boolean }>(
    db,
    sql`SELECT m.citizen_id::text AS citizen_id, r.alert_seen_at IS NOT NULL AS seen
        FROM feedback_ratings r JOIN feedback_meetings m ON m.municipality_id = r.municipality_id AND m.id = r.meeting_id
        WHERE r.municipality_id = ${municipalityId} AND r.id = ${ratingId} AND m.unit_id = ${unitId}
        FOR UPDATE OF r`,
  );
  return rows[0];
}

export async function updateAlertSeen(db: Db, municipalityId: string, ratingId: string, staffId: string) {
  await query(
    db,
    sql`UPDATE feedback_ratings SET alert_seen_at = now(), alert_seen_by = ${staffId}
        WHERE municipality_id = ${municipalityId} AND id = ${ratingId} AND alert_seen_at IS NULL`,
  );
}
