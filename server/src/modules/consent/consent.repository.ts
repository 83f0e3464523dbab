import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { BreakGlassView } from '@sammen/domain/consent';
import { query, type Db } from '../../platform/db.ts';
import { consentInForce, consentStateText } from '../access/access.sql.ts';
import { breakGlass, consents } from './consent.schema.ts';

// Storage of consents, break-glass access and the citizen's access log.

const personJson = (kind: string, idCol: string) =>
  `CASE WHEN ${kind} IS NULL THEN NULL ELSE json_build_object('kind', ${kind}, 'id', ${idCol}, 'name', CASE ${kind}
    WHEN 'staff' THEN (SELECT x.name FROM staff x WHERE x.municipality_id = c.municipality_id AND x.id = ${idCol})
    WHEN 'citizen' THEN (SELECT x.name FROM citizens x WHERE x.municipality_id = c.municipality_id AND x.id = ${idCol})
    WHEN 'proxy' THEN (SELECT x.name FROM proxies x WHERE x.municipality_id = c.municipality_id AND x.id = ${idCol})
    ELSE 'Sammen' END) END`;

const consentJson = sql.raw(`json_build_object(
    'id', c.id, 'citizenId', c.citizen_id,
    'recipient', json_build_object('id', u.id, 'name', u.name, 'isPartner', u.is_partner),
    'sections', to_json(c.sections), 'purpose', c.purpose, 'startsOn', c.starts_on, 'endsOn', c.ends_on,
    'method', c.method, 'note', c.note, 'givenAt', c.given_at, 'revokedAt', c.revoked_at,
    'state', CASE WHEN c.declined_at IS NOT NULL THEN 'declined' ELSE ${consentStateText('c')} END,
    'declinedAt', c.declined_at, 'declineReason', c.decline_reason,
    'givenBy', ${personJson('c.given_by_kind::text', 'c.given_by_id')},
    'proposedBy', CASE WHEN c.proposed_by_staff_id IS NULL THEN NULL ELSE json_build_object('kind', 'staff', 'id', c.proposed_by_staff_id,
        'name', (SELECT x.name FROM staff x WHERE x.municipality_id = c.municipality_id AND x.id = c.proposed_by_staff_id)) END,
    'revokedBy', ${personJson('c.revoked_by_kind::text', 'c.revoked_by_id')})`);

/** Consents of a citizen, newest first; `onlyRecipient` narrows to one unit's. */
export async function listConsentsOfCitizen(db: Db, municipalityId: string, citizenId: string, onlyRecipient?: string) {
  const rows = await query<{ doc: unknown }>(
    db,
    sql`SELECT coalesce(json_agg(${consentJson} ORDER BY c.created_at DESC), '[]'::json) AS doc
        FROM consents c JOIN units u ON u.municipality_id = c.municipality_id AND u.id = c.recipient_unit_id
        WHERE c.municipality_id = ${municipalityId} AND c.citizen_id = ${citizenId}
          ${onlyRecipient ? sql`AND c.recipient_unit_id = ${onlyRecipient}` : sql``}`,
  );
  const doc = rows[0]?.doc;
  return (typeof doc === 'string' ? JSON.parse(doc) : doc) as unknown[];
}

export async function selectConsentOfCitizen(db: Db, municipalityId: string, citizenId: string, consentId: string) {
  const [row] = await db
    .select()
    .from(consents)
    .where(and(eq(consents.municipalityId, municipalityId), eq(consents.citizenId, citizenId), eq(consents.id, consentId)));
  return row;
}

export async function insertConsent(db: Db, consent: typeof consents.$inferInsert) {
  const [row] = await db.insert(consents).values(consent).returning({ id: consents.id });
  return row!.id;
}

export async function updateConsentGiven(db: Db, municipalityId: string, consentId: string, by: { kind: 'citizen' | 'proxy'; id: string }) {
  const rows = await db
    .update(consents)
    .set({ givenAt: sql`now()`, givenByKind: by.kind, givenById: by.id })
    .where(and(eq(consents.municipalityId, municipalityId), eq(consents.id, consentId), sql`given_at IS NULL AND revoked_at IS NULL AND declined_at IS NULL`))
    .returning({ id: consents.id });
  return rows.length > 0;
}

/** The citizen says no to a proposal that is still open (not given, revoked or declined). */
export async function updateConsentDeclined(db: Db, municipalityId: string, consentId: string, by: { kind: 'citizen' | 'proxy'; id: string }, reason: string) {
  const rows = await db
    .update(consents)
    .set({ declinedAt: sql`now()`, declinedByKind: by.kind, declinedById: by.id, declineReason: reason })
    .where(and(eq(consents.municipalityId, municipalityId), eq(consents.id, consentId), sql`given_at IS NULL AND revoked_at IS NULL AND declined_at IS NULL`))
    .returning({ id: consents.id });
  return rows.length > 0;
}

export async function updateConsentRevokedAt(db: Db, municipalityId: string, consentId: string, by: { kind: 'citizen' | 'proxy' | 'staff'; id: string }) {
  const rows = await db
    .update(consents)
    .set({ revokedAt: sql`now()`, revokedByKind: by.kind, revokedById: by.id })
    .where(and(eq(consents.municipalityId, municipalityId), eq(consents.id, consentId), sql`revoked_at IS NULL AND declined_at IS NULL`))
    .returning({ id: consents.id });
  return rows.length > 0;
}

/** The sections a unit holds through *other* active consents of the citizen than `exceptId`. */
export async function selectSectionsKeptWithout(db: Db, municipalityId: string, citizenId: string, unitId: string, exceptId: string) {
  const rows = await query<{ s: string }>(
    db,
    sql`SELECT DISTINCT unnest(c.sections)::text AS s FROM consents c
        WHERE c.municipality_id = ${municipalityId} AND c.citizen_id = ${citizenId} AND c.recipient_unit_id = ${unitId} AND c.id <> ${exceptId}
          AND ${consentInForce('c')}`,
  );
  return rows.map((r) => r.s);
}

export async function insertBreakGlass(db: Db, row: typeof breakGlass.$inferInsert) {
  const [created] = await db.insert(breakGlass).values(row).returning({ id: breakGlass.id, expiresAt: breakGlass.expiresAt });
  return created!;
}

const breakGlassJson = sql.raw(`json_build_object('id', b.id, 'planId', b.plan_id, 'reason', b.reason,
    'startedAt', b.started_at, 'expiresAt', b.expires_at, 'reviewedAt', b.reviewed_at, 'reviewNote', b.review_note,
    'citizen', json_build_object('id', ci.id, 'name', ci.name),
    'staff', json_build_object('id', s.id, 'name', s.name),
    'unit', json_build_object('id', u.id, 'name', u.name),
    'reviewedBy', CASE WHEN b.reviewed_by_id IS NULL THEN NULL ELSE json_build_object('id', b.reviewed_by_id,
        'name', (SELECT x.name FROM staff x WHERE x.municipality_id = b.municipality_id AND x.id = b.reviewed_by_id)) END,
    'reads', coalesce((SELECT json_agg(json_build_object('at', e.occurred_at, 'action', e.action,
          'sections', coalesce(e.details -> 'sections', '[]'::jsonb)) ORDER BY e.id)
        FROM audit_events e WHERE e.municipality_id = b.municipality_id AND e.citizen_id = b.citizen_id AND e.kind = 'read'
          AND e.actor_kind = 'staff' AND e.actor_id = b.staff_id AND e.details ->> 'breakGlassId' = b.id::text), '[]'::json))`);

export async function listBreakGlass(db: Db, municipalityId: string, filter: SQL) {
  const rows = await query<{ doc: unknown }>(
    db,
    sql`SELECT coalesce(json_agg(${breakGlassJson} ORDER BY b.started_at DESC), '[]'::json) AS doc
        FROM break_glass b
        JOIN citizens ci ON ci.municipality_id = b.municipality_id AND ci.id = b.citizen_id
        JOIN staff s ON s.municipality_id = b.municipality_id AND s.id = b.staff_id
        JOIN units u ON u.municipality_id = b.municipality_id AND u.id = b.unit_id
        WHERE b.municipality_id = ${municipalityId} AND ${filter}`,
  );
  const doc = rows[0]?.doc;
  return (typeof doc === 'string' ? JSON.parse(doc) : doc) as BreakGlassView[];
}

export async function updateBreakGlassReviewed(db: Db, municipalityId: string, id: string, unitId: string, reviewerId: string, note: string) {
  const rows = await db
    .update(breakGlass)
    .set({ reviewedAt: sql`now()`, reviewedById: reviewerId, reviewNote: note })
    .where(and(eq(breakGlass.municipalityId, municipalityId), eq(breakGlass.id, id), eq(breakGlass.unitId, unitId), sql`reviewed_at IS NULL`))
    .returning({ id: breakGlass.id });
  return rows.length > 0;
}

/**
 * The role a person had in one read, from the basis the reader recorded for it — not the roles
 * they hold in their unit (`actor_role`): a unit's coordinator who reads a plan another unit
 * coordinates reads it as an involved unit, not as its coordinator (issue 11). Rows written
 * before the 'consent' basis existed say 'involvement' and name sections: those were consent.
 * Reads without a basis (a work list, a search) have no role of their own: null.
 */
const readRole = sql.raw(`CASE
    WHEN e.actor_kind = 'proxy' THEN 'proxy'
    WHEN e.details ->> 'basis' = 'coordination' THEN 'coordinating'
    WHEN e.details ->> 'basis' = 'consent' THEN 'consent'
    WHEN e.details ->> 'basis' = 'involvement' AND jsonb_array_length(coalesce(e.details -> 'sections', '[]'::jsonb)) > 0 THEN 'consent'
    WHEN e.details ->> 'basis' = 'involvement' THEN 'involved'
    WHEN e.details ->> 'basis' = 'break_glass' THEN 'break_glass'
    ELSE NULL END AS read_role`);

/**
 * One page of "who looked at my data": reads of the citizen's data by others, newest first,
 * keyset-paged on the audit id (index audit_events_citizen), never OFFSET.
 */
export async function selectAccessLogPage(
  db: Db,
  municipalityId: string,
  citizenId: string,
  page: { before?: number; limit: number; unitId?: string; basis?: string },
) {
  return query<{
    id: number;
    at: Date;
    unit_id: string | null;
    unit_name: string | null;
    read_role: string | null;
    actor_kind: string;
    reader_key: string;
    person_name: string | null;
    action: string;
    sections: string[] | null;
    basis: string | null;
    purpose: string | null;
  }>(
    db,
    sql`SELECT e.id, e.occurred_at AS at, e.actor_unit_id::text AS unit_id, u.name AS unit_name, ${readRole}, e.actor_kind::text AS actor_kind,
          md5(e.actor_kind::text || ':' || coalesce(e.actor_id::text, '') || ':' || coalesce(e.actor_unit_id::text, '') || ':' || e.citizen_id::text) AS reader_key,
          CASE WHEN NOT m.access_log_shows_names THEN NULL
               WHEN e.actor_kind = 'staff' THEN (SELECT s.name FROM staff s WHERE s.municipality_id = e.municipality_id AND s.id = e.actor_id)
               WHEN e.actor_kind = 'proxy' THEN (SELECT x.name FROM proxies x WHERE x.municipality_id = e.municipality_id AND x.id = e.actor_id)
               ELSE NULL END AS person_name,
          e.action, (SELECT array_agg(v) FROM jsonb_array_elements_text(e.details -> 'sections') v) AS sections,
          e.details ->> 'basis' AS basis, e.purpose
        FROM audit_events e
        JOIN municipalities m ON m.id = e.municipality_id
        LEFT JOIN units u ON u.municipality_id = e.municipality_id AND u.id = e.actor_unit_id
        WHERE e.municipality_id = ${municipalityId} AND e.citizen_id = ${citizenId} AND e.kind = 'read'
          ${page.before ? sql`AND e.id < ${page.before}` : sql``}
          ${page.unitId ? sql`AND e.actor_unit_id = ${page.unitId}` : sql``}
          ${page.basis ? sql`AND e.details ->> 'basis' = ${page.basis}` : sql``}
        ORDER BY e.id DESC
        LIMIT ${page.limit}`,
  );
}
