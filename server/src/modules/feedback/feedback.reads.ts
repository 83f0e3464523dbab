import { sql, type SQL } from 'drizzle-orm';
import type { FeedbackAlert, FeedbackKind } from '@sammen/domain/feedback';
import { query, type Db } from '../../platform/db.ts';

// The statements behind the feedback pages: a citizen's meetings as one reader may see them (the
// timeline and the courses), and the rows of the leaders' aggregates. Scoped by municipality.

/**
 * What a reader may see of a citizen's meetings: everything (`full`: the citizen, a proxy, the
 * coordinating unit, break-glass), the meetings its own unit held, and another unit's meetings
 * whose area a consent in force names — as calendar appointments and plan efforts.
 */
export interface MeetingViewer {
  full: boolean;
  unitId: string | null;
  sections: string[];
}

const visibleMeeting = (v: MeetingViewer): SQL =>
  sql`(${v.full}::boolean OR x.unit_id = ${v.unitId}::uuid OR x.area::text = ANY(${`{${v.sections.join(',')}}`}::text[]))`;

type Prefix = 'o' | 'r';
const ratingColumns = (p: Prefix) =>
  sql.raw(`${p}.id::text AS ${p}_id, ${p}.instrument_id::text AS ${p}_instrument_id, ${p}.declined AS ${p}_declined, ${p}.answers AS ${p}_answers,
    ${p}.total AS ${p}_total, ${p}.given_via AS ${p}_given_via, ${p}.given_at AS ${p}_given_at, ${p}.alerts AS ${p}_alerts`);

export interface RatingColumns {
  id: string | null;
  instrument_id: string;
  declined: boolean;
  answers: Record<string, number> | string | null;
  total: number | null;
  given_via: 'tablet' | 'link';
  given_at: Date;
  alerts: FeedbackAlert[] | string;
}

export interface TimelineRow extends Record<string, unknown> {
  id: string;
  unit_id: string;
  unit_name: string;
  staff_id: string;
  staff_name: string;
  appointment_id: string | null;
  area: string;
  held_at: Date;
  conversation: number;
}

/** A rating of a timeline row, by kind: the columns `o_*` (outcome) or `r_*` (meeting), or null. */
export function ratingOf(row: TimelineRow, kind: FeedbackKind): RatingColumns | null {
  const p = kind === 'outcome' ? 'o' : 'r';
  if (row[`${p}_id`] === null) return null;
  const pick = (c: string) => row[`${p}_${c}`];
  return {
    id: pick('id') as string, instrument_id: pick('instrument_id') as string, declined: pick('declined') as boolean, answers: pick('answers') as RatingColumns['answers'],
    total: pick('total') as number | null, given_via: pick('given_via') as RatingColumns['given_via'], given_at: pick('given_at') as Date, alerts: pick('alerts') as RatingColumns['alerts'],
  };
}

/**
 * The citizen's meetings this viewer may see, in time order, with their conversation number —
 * counted over all the course's meetings, seen or not, so a number means the same to everyone —
 * and both ratings. With the citizen's name (null: no such citizen).
 */
export async function selectTimeline(db: Db, municipalityId: string, citizenId: string, viewer: MeetingViewer) {
  const rows = await query<TimelineRow>(
    db,
    sql`SELECT x.* FROM (
          SELECT m.id::text AS id, m.unit_id, u.name AS unit_name, m.staff_id::text AS staff_id, s.name AS staff_name,
            m.appointment_id::text AS appointment_id, m.area, m.held_at,
            (row_number() OVER (PARTITION BY m.unit_id ORDER BY m.held_at, m.id))::int AS conversation,
            ${ratingColumns('o')}, ${ratingColumns('r')}
          FROM feedback_meetings m
            JOIN units u ON u.municipality_id = m.municipality_id AND u.id = m.unit_id
            JOIN staff s ON s.municipality_id = m.municipality_id AND s.id = m.staff_id
            LEFT JOIN feedback_ratings o ON o.municipality_id = m.municipality_id AND o.meeting_id = m.id AND o.kind = 'outcome'
            LEFT JOIN feedback_ratings r ON r.municipality_id = m.municipality_id AND r.meeting_id = m.id AND r.kind = 'meeting'
          WHERE m.municipality_id = ${municipalityId} AND m.citizen_id = ${citizenId}) x
        WHERE ${visibleMeeting(viewer)}
        ORDER BY x.held_at, x.id`,
  );
  return rows.map((r) => ({ ...r, unit_id: String(r.unit_id), area: String(r.area) }));
}

export async function selectCitizenName(db: Db, municipalityId: string, citizenId: string) {
  const rows = await query<{ name: string }>(db, sql`SELECT name FROM citizens WHERE municipality_id = ${municipalityId} AND id = ${citizenId}`);
  return rows[0]?.name;
}

// ---- Aggregates ---------------------------------------------------------------------------

const periodLabel = (by: 'month' | 'quarter', column: string) =>
  sql.raw(`to_char(${column} AT TIME ZONE 'Europe/Copenhagen', '${by === 'month' ? 'YYYY-MM' : 'YYYY-"Q"Q'}')`);

export interface AggregateMeetingRow extends Record<string, unknown> {
  unit_id: string;
  unit_name: string;
  citizen_id: string;
  period: string;
  instrument_id: string | null;
  answers: Record<string, number> | string | null;
}

/** Every meeting held in [from, to) in the municipality, with its period and its meeting rating's answers (null: declined or not rated). */
export function selectAggregateMeetings(db: Db, municipalityId: string, from: Date, to: Date, by: 'month' | 'quarter') {
  return query<AggregateMeetingRow>(
    db,
    sql`SELECT m.unit_id::text AS unit_id, u.name AS unit_name, m.citizen_id::text AS citizen_id, ${periodLabel(by, 'm.held_at')} AS period,
          CASE WHEN r.declined THEN NULL ELSE r.instrument_id::text END AS instrument_id, CASE WHEN r.declined THEN NULL ELSE r.answers END AS answers
        FROM feedback_meetings m
          JOIN units u ON u.municipality_id = m.municipality_id AND u.id = m.unit_id
          LEFT JOIN feedback_ratings r ON r.municipality_id = m.municipality_id AND r.meeting_id = m.id AND r.kind = 'meeting'
        WHERE m.municipality_id = ${municipalityId} AND m.held_at >= ${from.toISOString()}::timestamptz AND m.held_at < ${to.toISOString()}::timestamptz
        ORDER BY m.held_at, m.id`,
  );
}

export interface CourseOutcomeRow extends Record<string, unknown> {
  citizen_id: string;
  unit_id: string;
  period: string;
  instrument_id: string;
  total: number;
}

/**
 * The outcome totals (not declined) before `to` of every course with a meeting in [from, to),
 * in conversation order, each with the period of its meeting.
 */
export function selectCourseOutcomes(db: Db, municipalityId: string, from: Date, to: Date, by: 'month' | 'quarter') {
  return query<CourseOutcomeRow>(
    db,
    sql`SELECT m.citizen_id::text AS citizen_id, m.unit_id::text AS unit_id, ${periodLabel(by, 'm.held_at')} AS period, r.instrument_id::text AS instrument_id, r.total
        FROM feedback_meetings m
          JOIN feedback_ratings r ON r.municipality_id = m.municipality_id AND r.meeting_id = m.id AND r.kind = 'outcome' AND NOT r.declined
        WHERE m.municipality_id = ${municipalityId} AND m.held_at < ${to.toISOString()}::timestamptz
          AND (m.citizen_id, m.unit_id) IN (SELECT a.citizen_id, a.unit_id FROM feedback_meetings a WHERE a.municipality_id = ${municipalityId}
            AND a.held_at >= ${from.toISOString()}::timestamptz AND a.held_at < ${to.toISOString()}::timestamptz)
        ORDER BY m.citizen_id, m.unit_id, m.held_at, m.id`,
  );
}
