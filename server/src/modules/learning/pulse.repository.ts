import { sql } from 'drizzle-orm';
import type { PulseResults } from '@sammen/domain/coordination';
import { query, type Db } from '../../platform/db.ts';
import { visibleTo } from '../access/access.sql.ts';

// The coordination pulse's SQL, always scoped by municipality. A pulse row carries counts and,
// once closed, its results; who may still answer lives in coordination_pulse_invitations until
// the close deletes them; a professional's answer row holds the three scores and nothing else.

/** The municipality's coordination settings (no row: the defaults), as the survey reads them. */

export const fromJson = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

// ---- Pulses ----------------------------------------------------------------------------

export interface PulseRow extends Record<string, unknown> {
  id: string;
  citizen_id: string;
  unit_id: string;
  unit_name: string;
  started_at: Date | string;
  closes_at: Date | string;
  closed_at: Date | string | null;
  invited: number;
  answered: number;
  results: unknown;
  citizen_answered: boolean;
  /** Open: not closed, and its time has not run out (the close job may not have come by yet). */
  open: boolean;
}

const pulseColumns = sql.raw(`cp.id::text AS id, cp.citizen_id::text AS citizen_id, cp.unit_id::text AS unit_id, u.name AS unit_name,
  cp.started_at, cp.closes_at, cp.closed_at, cp.invited, cp.answered, cp.results,
  EXISTS (SELECT 1 FROM coordination_pulse_citizen_answers ca WHERE ca.municipality_id = cp.municipality_id AND ca.pulse_id = cp.id) AS citizen_answered,
  (cp.closed_at IS NULL AND cp.closes_at > now()) AS open`);
const pulseFrom = sql.raw(`coordination_pulses cp JOIN units u ON u.municipality_id = cp.municipality_id AND u.id = cp.unit_id`);

/** The citizen's pulses, newest first. */
export function selectCitizenPulses(db: Db, municipalityId: string, citizenId: string) {
  return query<PulseRow>(
    db,
    sql`SELECT ${pulseColumns} FROM ${pulseFrom} WHERE cp.municipality_id = ${municipalityId} AND cp.citizen_id = ${citizenId}
        ORDER BY cp.started_at DESC, cp.id`,
  );
}

/** One pulse of the municipality. Not scoped by involvement: callers resolve the citizen's scope next. */
export async function unscopedSelectPulse(db: Db, municipalityId: string, pulseId: string) {
  const rows = await query<PulseRow>(db, sql`SELECT ${pulseColumns} FROM ${pulseFrom} WHERE cp.municipality_id = ${municipalityId} AND cp.id = ${pulseId}`);
  return rows[0];
}

/** Locks a pulse (answers and the close take it in turn); undefined when it is not the municipality's (or, with `citizenId`, not that citizen's). */
export async function lockPulse(db: Db, municipalityId: string, pulseId: string, citizenId?: string) {
  const rows = await query<{ id: string; citizen_id: string; closed: boolean; open: boolean }>(
    db,
    sql`SELECT id::text AS id, citizen_id::text AS citizen_id, closed_at IS NOT NULL AS closed, (closed_at IS NULL AND closes_at > now()) AS open
        FROM coordination_pulses WHERE municipality_id = ${municipalityId} AND id = ${pulseId}
        ${citizenId ? sql`AND citizen_id = ${citizenId}` : sql``} FOR UPDATE`,
  );
  return rows[0];
}

/** The citizen's pulse that is not closed yet (there is at most one), locked. */
export async function lockUnclosedPulseOfCitizen(db: Db, municipalityId: string, citizenId: string) {
  const rows = await query<{ id: string; due: boolean }>(
    db,
    sql`SELECT id::text AS id, closes_at <= now() AS due FROM coordination_pulses
        WHERE municipality_id = ${municipalityId} AND citizen_id = ${citizenId} AND closed_at IS NULL FOR UPDATE`,
  );
  return rows[0];
}

/**
 * Every active staff member of a unit involved in the plan — the coordinating unit, a unit that
 * delivers an effort, a unit whose request to be involved was accepted (modules/access
 * `visibleTo`, asked of each unit: no staff member's own break-glass counts) — and the plan's
 * coordinator, except `except`.
 */
export function selectStaffInvolvedInPlan(db: Db, municipalityId: string, planId: string, except: string) {
  const unitInvolved = visibleTo({ kind: 'staff', municipalityId, staffId: sql`NULL::uuid`, unitId: sql`r.unit_id` });
  return query<{ staff_id: string }>(
    db,
    sql`SELECT DISTINCT s.id::text AS staff_id
        FROM plans p
        JOIN staff s ON s.municipality_id = p.municipality_id AND s.disabled_at IS NULL
        JOIN staff_roles r ON r.municipality_id = s.municipality_id AND r.staff_id = s.id
        WHERE p.municipality_id = ${municipalityId} AND p.id = ${planId} AND s.id <> ${except}
          AND (s.id = p.coordinator_id OR (${unitInvolved}))
        ORDER BY 1`,
  );
}

/** A new open pulse with its invitations; undefined when the citizen has an open one already (the unique index decides). */
export async function insertPulse(
  db: Db,
  p: { municipalityId: string; citizenId: string; unitId: string; startedBy: string; pulseDays: number; staffIds: string[] },
) {
  const rows = await query<{ id: string }>(
    db,
    sql`INSERT INTO coordination_pulses (municipality_id, citizen_id, unit_id, started_by, closes_at, invited)
        VALUES (${p.municipalityId}, ${p.citizenId}, ${p.unitId}, ${p.startedBy}, now() + make_interval(days => ${p.pulseDays}::int), ${p.staffIds.length})
        ON CONFLICT (municipality_id, citizen_id) WHERE closed_at IS NULL DO NOTHING
        RETURNING id::text AS id`,
  );
  const id = rows[0]?.id;
  if (id && p.staffIds.length) {
    await query(
      db,
      sql`INSERT INTO coordination_pulse_invitations (municipality_id, pulse_id, staff_id)
          SELECT ${p.municipalityId}::uuid, ${id}::uuid, unnest(${`{${p.staffIds.join(',')}}`}::uuid[])`,
    );
  }
  return id;
}

/** Whether the staff member was asked and has not answered (open pulses only: a closed one has no invitations left). */
export async function selectMayAnswer(db: Db, municipalityId: string, staffId: string, pulseIds: string[]) {
  if (!pulseIds.length) return new Set<string>();
  const rows = await query<{ pulse_id: string }>(
    db,
    sql`SELECT pulse_id::text AS pulse_id FROM coordination_pulse_invitations
        WHERE municipality_id = ${municipalityId} AND staff_id = ${staffId} AND NOT answered AND pulse_id = ANY(${`{${pulseIds.join(',')}}`}::uuid[])`,
  );
  return new Set(rows.map((r) => r.pulse_id));
}

/** The staff member's invitation to the pulse, locked; undefined when not asked. */
export async function lockInvitation(db: Db, municipalityId: string, pulseId: string, staffId: string) {
  const rows = await query<{ answered: boolean }>(
    db,
    sql`SELECT answered FROM coordination_pulse_invitations
        WHERE municipality_id = ${municipalityId} AND pulse_id = ${pulseId} AND staff_id = ${staffId} FOR UPDATE`,
  );
  return rows[0];
}

/**
 * A professional's answer: the invitation is marked answered, the pulse counts one more, and the
 * scores are stored in a row of their own — with no staff id, no time and no link to the invitation.
 */
export async function insertAnswer(db: Db, municipalityId: string, pulseId: string, staffId: string, scores: [number, number, number]) {
  await query(db, sql`UPDATE coordination_pulse_invitations SET answered = true WHERE municipality_id = ${municipalityId} AND pulse_id = ${pulseId} AND staff_id = ${staffId}`);
  await query(db, sql`UPDATE coordination_pulses SET answered = answered + 1 WHERE municipality_id = ${municipalityId} AND id = ${pulseId}`);
  await query(
    db,
    sql`INSERT INTO coordination_pulse_answers (municipality_id, pulse_id, scores)
        VALUES (${municipalityId}, ${pulseId}, ARRAY[${scores[0]}::smallint, ${scores[1]}::smallint, ${scores[2]}::smallint])`,
  );
}

/** The citizen's one answer; false when there is one already. */
export async function insertCitizenAnswer(db: Db, municipalityId: string, pulseId: string, score: number, answeredBy: 'citizen' | 'proxy') {
  const rows = await query<{ pulse_id: string }>(
    db,
    sql`INSERT INTO coordination_pulse_citizen_answers (municipality_id, pulse_id, score, answered_by)
        VALUES (${municipalityId}, ${pulseId}, ${score}, ${answeredBy})
        ON CONFLICT (municipality_id, pulse_id) DO NOTHING RETURNING pulse_id::text AS pulse_id`,
  );
  return rows.length > 0;
}

/** The open pulse the citizen has not answered, if any. */
export async function selectOwnOpenPulse(db: Db, municipalityId: string, citizenId: string) {
  const rows = await query<{ id: string; unit_name: string; closes_at: Date | string }>(
    db,
    sql`SELECT cp.id::text AS id, u.name AS unit_name, cp.closes_at
        FROM ${pulseFrom}
        WHERE cp.municipality_id = ${municipalityId} AND cp.citizen_id = ${citizenId} AND cp.closed_at IS NULL AND cp.closes_at > now()
          AND NOT EXISTS (SELECT 1 FROM coordination_pulse_citizen_answers ca WHERE ca.municipality_id = cp.municipality_id AND ca.pulse_id = cp.id)`,
  );
  return rows[0];
}

// ---- Closing ---------------------------------------------------------------------------

/** What the close summarises: every professional's three scores, and the citizen's answer. */
export async function selectAnswersOfPulse(db: Db, municipalityId: string, pulseId: string) {
  const answers = await query<{ a: number; b: number; c: number }>(
    db,
    sql`SELECT scores[1] AS a, scores[2] AS b, scores[3] AS c FROM coordination_pulse_answers WHERE municipality_id = ${municipalityId} AND pulse_id = ${pulseId}`,
  );
  const citizen = await query<{ score: number }>(db, sql`SELECT score FROM coordination_pulse_citizen_answers WHERE municipality_id = ${municipalityId} AND pulse_id = ${pulseId}`);
  return { answers: answers.map((r) => [Number(r.a), Number(r.b), Number(r.c)]), citizen: citizen[0] ? Number(citizen[0].score) : null };
}

/** Closes the pulse with its results and forgets who was asked: only the counts stay. */
export async function updatePulseClosed(db: Db, municipalityId: string, pulseId: string, p: { closedAt: Date; threshold: number; results: PulseResults }) {
  await query(
    db,
    sql`UPDATE coordination_pulses SET closed_at = ${p.closedAt.toISOString()}::timestamptz, threshold = ${p.threshold}, results = ${JSON.stringify(p.results)}::jsonb
        WHERE municipality_id = ${municipalityId} AND id = ${pulseId}`,
  );
  await query(db, sql`DELETE FROM coordination_pulse_invitations WHERE municipality_id = ${municipalityId} AND pulse_id = ${pulseId}`);
}

/** Open pulses whose time ran out by `now`, locked; one being closed by someone else is skipped. */
export async function lockDuePulses(db: Db, municipalityId: string, now: Date) {
  return query<{ id: string; citizen_id: string }>(
    db,
    sql`SELECT id::text AS id, citizen_id::text AS citizen_id FROM coordination_pulses
        WHERE municipality_id = ${municipalityId} AND closed_at IS NULL AND closes_at <= ${now.toISOString()}::timestamptz
        ORDER BY closes_at, id FOR UPDATE SKIP LOCKED`,
  );
}

// ---- Aggregates ------------------------------------------------------------------------

/** Closed pulses with `closed_at` in [from, to), with their coordinating unit. */
export function selectClosedPulses(db: Db, municipalityId: string, from: Date, to: Date) {
  return query<{ unit_id: string; unit_name: string; results: unknown }>(
    db,
    sql`SELECT cp.unit_id::text AS unit_id, u.name AS unit_name, cp.results
        FROM ${pulseFrom}
        WHERE cp.municipality_id = ${municipalityId} AND cp.closed_at >= ${from.toISOString()}::timestamptz AND cp.closed_at < ${to.toISOString()}::timestamptz
          AND cp.results IS NOT NULL
        ORDER BY u.name, cp.unit_id`,
  );
}
