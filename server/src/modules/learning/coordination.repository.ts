import { sql, type SQL } from 'drizzle-orm';
import type { StaffRole } from '@sammen/domain/access';
import {
  coordinationSettings as settingsSchema,
  DEFAULT_COORDINATION_SETTINGS,
  type CoordinationSettings,
  type SurveyInstrumentDefinition,
  type WaveScores,
} from '@sammen/domain/coordination';
import { query, type Db } from '../../platform/db.ts';

// Storage of the coordination survey: instruments, settings, work groups, waves and their groups,
// invitations and responses. Every statement is scoped by municipality. No statement here joins
// a response to a person: a response row has none, and invitations (who may still answer) are
// deleted when the wave closes.

/** jsonb comes back parsed from both drivers, json_agg text as a string on some paths. */
const fromJson = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

/** A PostgreSQL array literal of ids the contract has already checked are uuids. */
const uuidArray = (ids: readonly string[]) => `{${ids.join(',')}}`;

// ---- Instruments -------------------------------------------------------------------------

export interface InstrumentRow extends Record<string, unknown> {
  id: string;
  origin: 'sammen' | 'municipality';
  definition: SurveyInstrumentDefinition;
  active: boolean;
  in_use: boolean;
}

const instrumentColumns = sql`i.id::text AS id, i.origin, i.definition, i.active,
  EXISTS (SELECT 1 FROM coordination_waves w WHERE w.municipality_id = i.municipality_id AND w.instrument_id = i.id) AS in_use`;

const parsedInstrument = (r: InstrumentRow): InstrumentRow => ({ ...r, definition: fromJson<SurveyInstrumentDefinition>(r.definition) });

/** The municipality's stored instruments: Sammen's first, then in the order they were added. */
export async function selectInstruments(db: Db, municipalityId: string) {
  const rows = await query<InstrumentRow>(
    db,
    sql`SELECT ${instrumentColumns} FROM coordination_instruments i WHERE i.municipality_id = ${municipalityId}
        ORDER BY (i.origin = 'sammen') DESC, i.created_at, i.id`,
  );
  return rows.map(parsedInstrument);
}

export async function selectInstrument(db: Db, municipalityId: string, instrumentId: string, lock = false) {
  const rows = await query<InstrumentRow>(
    db,
    sql`SELECT ${instrumentColumns} FROM coordination_instruments i WHERE i.municipality_id = ${municipalityId} AND i.id = ${instrumentId}
        ${lock ? sql`FOR UPDATE` : sql``}`,
  );
  return rows[0] && parsedInstrument(rows[0]);
}

/** Inserts an instrument; with `id`, only when no instrument has that id yet (ON CONFLICT DO NOTHING). Returns its id, or undefined when it was there. */
export async function insertInstrument(
  db: Db,
  municipalityId: string,
  i: { id?: string; origin: 'sammen' | 'municipality'; definition: SurveyInstrumentDefinition; active: boolean; updatedBy: string | null },
) {
  const values = sql`${municipalityId}, ${i.origin}, ${JSON.stringify(i.definition)}::jsonb, ${i.active}, ${i.updatedBy}`;
  const rows = await query<{ id: string }>(
    db,
    i.id
      ? sql`INSERT INTO coordination_instruments (municipality_id, origin, definition, active, updated_by, id) VALUES (${values}, ${i.id})
            ON CONFLICT (municipality_id, id) DO NOTHING RETURNING id::text AS id`
      : sql`INSERT INTO coordination_instruments (municipality_id, origin, definition, active, updated_by) VALUES (${values}) RETURNING id::text AS id`,
  );
  return rows[0]?.id;
}

export async function updateInstrument(db: Db, municipalityId: string, instrumentId: string, i: { definition: SurveyInstrumentDefinition; active: boolean; updatedBy: string }) {
  await query(
    db,
    sql`UPDATE coordination_instruments SET definition = ${JSON.stringify(i.definition)}::jsonb, active = ${i.active}, updated_by = ${i.updatedBy}, updated_at = now()
        WHERE municipality_id = ${municipalityId} AND id = ${instrumentId}`,
  );
}

// ---- Settings ----------------------------------------------------------------------------

/**
 * The municipality's settings; no row: the defaults. A stored row that no longer parses (a field
 * added since) takes the defaults for what it lacks rather than failing.
 */
export async function selectSettings(db: Db, municipalityId: string): Promise<CoordinationSettings> {
  const rows = await query<{ settings: unknown }>(db, sql`SELECT settings FROM coordination_settings WHERE municipality_id = ${municipalityId}`);
  if (!rows[0]) return DEFAULT_COORDINATION_SETTINGS;
  const parsed = settingsSchema.safeParse({ ...DEFAULT_COORDINATION_SETTINGS, ...fromJson<object>(rows[0].settings) });
  return parsed.success ? parsed.data : DEFAULT_COORDINATION_SETTINGS;
}

/**
 * The municipality's settings lock, held to the end of the transaction: 'exclusive' by a change of
 * the settings, 'shared' by the opening of a wave or a pulse. A change waits for the openings under
 * way (and then sees their waves and pulses), an opening waits for a change under way — so a
 * threshold cannot be lowered past a wave opened at the same moment. Take it first in the
 * transaction, before any other lock, so the two never wait for each other the other way round.
 */
export async function lockSettings(db: Db, municipalityId: string, mode: 'exclusive' | 'shared') {
  const key = `coordination_settings:${municipalityId}`;
  await query(db, mode === 'exclusive' ? sql`SELECT pg_advisory_xact_lock(hashtext(${key}))::text AS locked` : sql`SELECT pg_advisory_xact_lock_shared(hashtext(${key}))::text AS locked`);
}

/** Whether the municipality has a wave or a coordination pulse that is not closed: people asked in it were promised the threshold in force. */
export async function selectHasOpenSurveys(db: Db, municipalityId: string) {
  const rows = await query<{ open: boolean }>(
    db,
    sql`SELECT EXISTS (SELECT 1 FROM coordination_waves WHERE municipality_id = ${municipalityId} AND closed_at IS NULL)
          OR EXISTS (SELECT 1 FROM coordination_pulses WHERE municipality_id = ${municipalityId} AND closed_at IS NULL) AS open`,
  );
  return rows[0]!.open;
}

export async function upsertSettings(db: Db, municipalityId: string, settings: CoordinationSettings) {
  await query(
    db,
    sql`INSERT INTO coordination_settings (municipality_id, settings) VALUES (${municipalityId}, ${JSON.stringify(settings)}::jsonb)
        ON CONFLICT (municipality_id) DO UPDATE SET settings = excluded.settings, updated_at = now()`,
  );
}

// ---- Work groups -------------------------------------------------------------------------

export interface GroupRow extends Record<string, unknown> {
  id: string;
  name: string;
  unit_ids: string[];
  roles: StaffRole[];
  active: boolean;
  members: number;
}

/**
 * The staff (not disabled) who belong to group `g`: a role in one of its units and, when the
 * group names roles, one of those. A SQL fragment over `g`, so a list and a count share one rule.
 */
const membersOf = (g: string) =>
  sql.raw(`SELECT DISTINCT s.id FROM staff_roles r JOIN staff s ON s.municipality_id = r.municipality_id AND s.id = r.staff_id AND s.disabled_at IS NULL
    WHERE r.municipality_id = ${g}.municipality_id AND r.unit_id = ANY(${g}.unit_ids) AND (cardinality(${g}.roles) = 0 OR r.role = ANY(${g}.roles))`);

const groupColumns = sql`g.id::text AS id, g.name, g.unit_ids::text[] AS unit_ids, g.roles::text[] AS roles, g.active,
  (SELECT count(*) FROM (${membersOf('g')}) m)::int AS members`;

/** Arrays of uuids and enums come back as text from PGlite and as arrays from pg: one shape here. */
const textArray = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v.length > 2 ? v.slice(1, -1).split(',') : []);
const parsedGroup = (r: GroupRow): GroupRow => ({ ...r, unit_ids: textArray(r.unit_ids), roles: textArray(r.roles) as StaffRole[] });

export async function selectGroups(db: Db, municipalityId: string) {
  const rows = await query<GroupRow>(db, sql`SELECT ${groupColumns} FROM coordination_groups g WHERE g.municipality_id = ${municipalityId} ORDER BY g.name, g.id`);
  return rows.map(parsedGroup);
}

/** The groups of these ids that are the municipality's (any others are missing from the answer). */
export async function selectGroupsByIds(db: Db, municipalityId: string, groupIds: readonly string[]) {
  const rows = await query<GroupRow>(
    db,
    sql`SELECT ${groupColumns} FROM coordination_groups g WHERE g.municipality_id = ${municipalityId} AND g.id = ANY(${uuidArray(groupIds)}::uuid[])`,
  );
  return rows.map(parsedGroup);
}

/** Another group of the municipality with this name, if any. */
export async function selectGroupIdByName(db: Db, municipalityId: string, name: string, exceptId?: string) {
  const rows = await query<{ id: string }>(
    db,
    sql`SELECT id::text AS id FROM coordination_groups WHERE municipality_id = ${municipalityId} AND name = ${name} ${exceptId ? sql`AND id <> ${exceptId}` : sql``}`,
  );
  return rows[0]?.id;
}

/** Of these unit ids, those that are not units of the municipality. */
export async function selectUnknownUnitIds(db: Db, municipalityId: string, unitIds: readonly string[]) {
  const rows = await query<{ id: string }>(
    db,
    sql`SELECT x.id::text AS id FROM unnest(${uuidArray(unitIds)}::uuid[]) AS x(id)
        WHERE NOT EXISTS (SELECT 1 FROM units u WHERE u.municipality_id = ${municipalityId} AND u.id = x.id)`,
  );
  return rows.map((r) => r.id);
}

export interface GroupFields {
  name: string;
  unitIds: string[];
  roles: StaffRole[];
  active: boolean;
}

const rolesArray = (roles: readonly StaffRole[]) => `{${roles.join(',')}}`;

export async function insertGroup(db: Db, municipalityId: string, g: GroupFields) {
  const rows = await query<{ id: string }>(
    db,
    sql`INSERT INTO coordination_groups (municipality_id, name, unit_ids, roles, active)
        VALUES (${municipalityId}, ${g.name}, ${uuidArray(g.unitIds)}::uuid[], ${rolesArray(g.roles)}::staff_role[], ${g.active})
        RETURNING id::text AS id`,
  );
  return rows[0]!.id;
}

export async function updateGroup(db: Db, municipalityId: string, groupId: string, g: GroupFields) {
  await query(
    db,
    sql`UPDATE coordination_groups SET name = ${g.name}, unit_ids = ${uuidArray(g.unitIds)}::uuid[], roles = ${rolesArray(g.roles)}::staff_role[], active = ${g.active}
        WHERE municipality_id = ${municipalityId} AND id = ${groupId}`,
  );
}

/** Every (group, member) pair of these groups: who a wave opened for them invites. */
export function selectMemberships(db: Db, municipalityId: string, groupIds: readonly string[]) {
  return query<{ group_id: string; staff_id: string }>(
    db,
    sql`SELECT g.id::text AS group_id, m.id::text AS staff_id
        FROM coordination_groups g CROSS JOIN LATERAL (${membersOf('g')}) m
        WHERE g.municipality_id = ${municipalityId} AND g.id = ANY(${uuidArray(groupIds)}::uuid[])`,
  );
}

/**
 * The groups of wave `w` (a SQL expression of its id) the staff member belongs to now, by each
 * group's current units and roles, as `wg` (the wave's group) joined to `g` (the group). One rule
 * for "whose results may I see" (a wave's own group) and "which waves may I see" (the list).
 */
const waveGroupsOfMember = (municipalityId: string, waveId: SQL, staffId: string) =>
  sql`FROM coordination_wave_groups wg JOIN coordination_groups g ON g.municipality_id = wg.municipality_id AND g.id = wg.group_id
      WHERE wg.municipality_id = ${municipalityId} AND wg.wave_id = ${waveId}
        AND ${staffId}::uuid IN (${membersOf('g')})`;

/** The first of the wave's groups (wave order) the staff member belongs to now, by the group's current units and roles. */
export async function selectOwnGroupOfWave(db: Db, municipalityId: string, waveId: string, staffId: string) {
  const rows = await query<{ group_id: string }>(
    db,
    sql`SELECT wg.group_id::text AS group_id ${waveGroupsOfMember(municipalityId, sql`${waveId}`, staffId)}
        ORDER BY wg.position LIMIT 1`,
  );
  return rows[0]?.group_id;
}

// ---- Waves -------------------------------------------------------------------------------

export interface WaveRow extends Record<string, unknown> {
  id: string;
  name: string;
  focal_work: string;
  instrument_id: string;
  definition: SurveyInstrumentDefinition;
  opened_at: Date;
  closes_on: string;
  closed_at: Date | null;
  reminded_at: Date | null;
  settings: CoordinationSettings | null;
  results: WaveScores | null;
  groups: { id: string; name: string; invited: number; answered: number }[];
}

const waveColumns = sql`w.id::text AS id, w.name, w.focal_work, w.instrument_id::text AS instrument_id, w.definition, w.opened_at,
  w.closes_on::text AS closes_on, w.closed_at, w.reminded_at, w.settings, w.results,
  coalesce((SELECT json_agg(json_build_object('id', wg.group_id, 'name', wg.name, 'invited', wg.invited, 'answered', wg.answered) ORDER BY wg.position)
    FROM coordination_wave_groups wg WHERE wg.municipality_id = w.municipality_id AND wg.wave_id = w.id), '[]') AS groups`;

const parsedWave = (r: WaveRow): WaveRow => ({
  ...r,
  definition: fromJson<SurveyInstrumentDefinition>(r.definition),
  settings: r.settings === null ? null : fromJson<CoordinationSettings>(r.settings),
  results: r.results === null ? null : fromJson<WaveScores>(r.results),
  groups: fromJson<WaveRow['groups']>(r.groups),
});

/**
 * The municipality's waves, newest first. `closedOnly`: only the closed ones (the only ones with
 * results). `memberOf`: only those with a group this staff member belongs to now — the same rule
 * as selectOwnGroupOfWave, in the one statement rather than once per wave.
 */
export async function selectWaves(db: Db, municipalityId: string, only: { closedOnly?: boolean; memberOf?: string } = {}) {
  const rows = await query<WaveRow>(
    db,
    sql`SELECT ${waveColumns} FROM coordination_waves w WHERE w.municipality_id = ${municipalityId}
        ${only.closedOnly ? sql`AND w.closed_at IS NOT NULL` : sql``}
        ${only.memberOf ? sql`AND EXISTS (SELECT 1 ${waveGroupsOfMember(municipalityId, sql`w.id`, only.memberOf)})` : sql``}
        ORDER BY w.opened_at DESC, w.id DESC`,
  );
  return rows.map(parsedWave);
}

/**
 * One wave. `lock`: 'update' for a change of the wave itself (close, remind), 'share' for an
 * answer — answers do not wait for each other, but a close waits for the answers under way and
 * an answer for a close under way, so no answer lands in a closed wave.
 */
export async function selectWave(db: Db, municipalityId: string, waveId: string, lock?: 'update' | 'share') {
  const rows = await query<WaveRow>(
    db,
    sql`SELECT ${waveColumns} FROM coordination_waves w WHERE w.municipality_id = ${municipalityId} AND w.id = ${waveId}
        ${lock === 'update' ? sql`FOR UPDATE OF w` : lock === 'share' ? sql`FOR SHARE OF w` : sql``}`,
  );
  return rows[0] && parsedWave(rows[0]);
}

export async function insertWave(
  db: Db,
  municipalityId: string,
  w: { name: string; instrumentId: string; definition: SurveyInstrumentDefinition; focalWork: string; openedBy: string; openedAt?: Date; closesOn: string },
) {
  const rows = await query<{ id: string }>(
    db,
    sql`INSERT INTO coordination_waves (municipality_id, name, instrument_id, definition, focal_work, opened_by, opened_at, closes_on)
        VALUES (${municipalityId}, ${w.name}, ${w.instrumentId}, ${JSON.stringify(w.definition)}::jsonb, ${w.focalWork}, ${w.openedBy},
          coalesce(${w.openedAt ? w.openedAt.toISOString() : null}::timestamptz, now()), ${w.closesOn}::date)
        RETURNING id::text AS id`,
  );
  return rows[0]!.id;
}

/** The wave's groups in order, with their names now and how many each invites. */
export async function insertWaveGroups(db: Db, municipalityId: string, waveId: string, groups: readonly { id: string; name: string; invited: number }[]) {
  await query(
    db,
    sql`INSERT INTO coordination_wave_groups (municipality_id, wave_id, group_id, position, name, invited)
        SELECT ${municipalityId}, ${waveId}, (g->>'id')::uuid, (n - 1)::smallint, g->>'name', (g->>'invited')::int
        FROM jsonb_array_elements(${JSON.stringify(groups)}::jsonb) WITH ORDINALITY AS x(g, n)`,
  );
}

export async function insertInvitations(db: Db, municipalityId: string, waveId: string, invitations: readonly { staffId: string; groupId: string }[]) {
  if (!invitations.length) return;
  await query(
    db,
    sql`INSERT INTO coordination_invitations (municipality_id, wave_id, staff_id, group_id)
        SELECT ${municipalityId}, ${waveId}, s, g FROM unnest(${uuidArray(invitations.map((i) => i.staffId))}::uuid[], ${uuidArray(invitations.map((i) => i.groupId))}::uuid[]) AS x(s, g)`,
  );
}

export async function updateWaveReminded(db: Db, municipalityId: string, waveId: string) {
  await query(db, sql`UPDATE coordination_waves SET reminded_at = now() WHERE municipality_id = ${municipalityId} AND id = ${waveId}`);
}

/** Closes the wave: when, the settings its results were made with, the results. */
export async function updateWaveClosed(db: Db, municipalityId: string, waveId: string, c: { closedAt: Date; settings: CoordinationSettings; results: WaveScores }) {
  await query(
    db,
    sql`UPDATE coordination_waves SET closed_at = ${c.closedAt.toISOString()}::timestamptz, settings = ${JSON.stringify(c.settings)}::jsonb, results = ${JSON.stringify(c.results)}::jsonb
        WHERE municipality_id = ${municipalityId} AND id = ${waveId}`,
  );
}

/** Forgets who was asked and who answered: only the counts per group stay. */
export async function deleteInvitations(db: Db, municipalityId: string, waveId: string) {
  await query(db, sql`DELETE FROM coordination_invitations WHERE municipality_id = ${municipalityId} AND wave_id = ${waveId}`);
}

/** The open waves whose last day is before `today`, unlocked: each is taken by `lockDueWave` in a transaction of its own. */
export async function selectDueWaveIds(db: Db, municipalityId: string, today: string) {
  const rows = await query<{ id: string }>(
    db,
    sql`SELECT id::text AS id FROM coordination_waves
        WHERE municipality_id = ${municipalityId} AND closed_at IS NULL AND closes_on < ${today}::date
        ORDER BY closes_on, id`,
  );
  return rows.map((r) => r.id);
}

/** Locks the wave when it is still open and due; false when it is not, or another close has taken it (SKIP LOCKED). */
export async function lockDueWave(db: Db, municipalityId: string, waveId: string, today: string) {
  const rows = await query<{ id: string }>(
    db,
    sql`SELECT id::text AS id FROM coordination_waves
        WHERE municipality_id = ${municipalityId} AND id = ${waveId} AND closed_at IS NULL AND closes_on < ${today}::date
        FOR UPDATE SKIP LOCKED`,
  );
  return rows.length === 1;
}

/** The closed waves of an instrument, oldest first. */
export async function selectClosedWavesOfInstrument(db: Db, municipalityId: string, instrumentId: string) {
  const rows = await query<WaveRow>(
    db,
    sql`SELECT ${waveColumns} FROM coordination_waves w
        WHERE w.municipality_id = ${municipalityId} AND w.instrument_id = ${instrumentId} AND w.closed_at IS NOT NULL
        ORDER BY w.closed_at, w.id`,
  );
  return rows.map(parsedWave);
}

/** The closed wave of the same instrument that closed last before this one, if any. */
export async function selectPreviousClosedWave(db: Db, municipalityId: string, waveId: string) {
  const rows = await query<WaveRow>(
    db,
    sql`SELECT ${waveColumns} FROM coordination_waves w, coordination_waves me
        WHERE me.municipality_id = ${municipalityId} AND me.id = ${waveId}
          AND w.municipality_id = me.municipality_id AND w.instrument_id = me.instrument_id AND w.id <> me.id
          AND w.closed_at IS NOT NULL AND (w.closed_at, w.id) < (me.closed_at, me.id)
        ORDER BY w.closed_at DESC, w.id DESC LIMIT 1`,
  );
  return rows[0] && parsedWave(rows[0]);
}

// ---- Invitations and responses ------------------------------------------------------------

export interface InvitationRow extends Record<string, unknown> {
  wave_id: string;
  name: string;
  focal_work: string;
  closes_on: string;
  group_id: string;
  group_name: string;
  reminded: boolean;
}

/** The staff member's unanswered invitations in open waves whose last day is not before `today`, the soonest to close first. */
export function selectOpenInvitations(db: Db, municipalityId: string, staffId: string, today: string) {
  return query<InvitationRow>(
    db,
    sql`SELECT w.id::text AS wave_id, w.name, w.focal_work, w.closes_on::text AS closes_on, i.group_id::text AS group_id, wg.name AS group_name,
          w.reminded_at IS NOT NULL AS reminded
        FROM coordination_invitations i
          JOIN coordination_waves w ON w.municipality_id = i.municipality_id AND w.id = i.wave_id AND w.closed_at IS NULL AND w.closes_on >= ${today}::date
          JOIN coordination_wave_groups wg ON wg.municipality_id = i.municipality_id AND wg.wave_id = i.wave_id AND wg.group_id = i.group_id
        WHERE i.municipality_id = ${municipalityId} AND i.staff_id = ${staffId} AND NOT i.answered
        ORDER BY w.closes_on, w.opened_at, w.id`,
  );
}

/** The staff member's invitation to the wave: the group they answer as, and whether they have. `lock`: FOR UPDATE, so one answer at a time. */
export async function selectInvitation(db: Db, municipalityId: string, waveId: string, staffId: string, lock = false) {
  const rows = await query<{ group_id: string; answered: boolean }>(
    db,
    sql`SELECT group_id::text AS group_id, answered FROM coordination_invitations
        WHERE municipality_id = ${municipalityId} AND wave_id = ${waveId} AND staff_id = ${staffId} ${lock ? sql`FOR UPDATE` : sql``}`,
  );
  return rows[0];
}

export async function updateInvitationAnswered(db: Db, municipalityId: string, waveId: string, staffId: string) {
  await query(db, sql`UPDATE coordination_invitations SET answered = true WHERE municipality_id = ${municipalityId} AND wave_id = ${waveId} AND staff_id = ${staffId}`);
}

export async function incrementAnswered(db: Db, municipalityId: string, waveId: string, groupId: string) {
  await query(
    db,
    sql`UPDATE coordination_wave_groups SET answered = answered + 1 WHERE municipality_id = ${municipalityId} AND wave_id = ${waveId} AND group_id = ${groupId}`,
  );
}

export interface StoredTie {
  groupId: string;
  /** 1–5 or null per dimension, in the order of `dimensions`. */
  scores: (number | null)[];
}

/** A response: the group answered as, and the ties. Nothing about who, nothing about when. */
export async function insertResponse(db: Db, municipalityId: string, waveId: string, groupId: string, ties: readonly StoredTie[]) {
  await query(
    db,
    sql`INSERT INTO coordination_responses (municipality_id, wave_id, group_id, ties) VALUES (${municipalityId}, ${waveId}, ${groupId}, ${JSON.stringify(ties)}::jsonb)`,
  );
}

export async function selectResponses(db: Db, municipalityId: string, waveId: string) {
  const rows = await query<{ group_id: string; ties: unknown }>(
    db,
    sql`SELECT group_id::text AS group_id, ties FROM coordination_responses WHERE municipality_id = ${municipalityId} AND wave_id = ${waveId}`,
  );
  return rows.map((r) => ({ groupId: r.group_id, ties: fromJson<StoredTie[]>(r.ties) }));
}
