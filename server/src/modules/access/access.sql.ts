import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '@sammen/domain/access';
import { planSections } from '@sammen/domain/plans';
import { DANISH_TODAY } from '../../platform/db.ts';

// Who may see which citizen's data, and how much of it — written once, as SQL fragments that
// every module's statements compose (the plan page reads scope and plan in one statement).
// Nothing here is cached: consent is decided on the request that relies on it.

/**
 * The actor as the SQL below sees it: its kind, and its ids — real values, or placeholders in a
 * statement rendered once (the plan page).
 */
export interface SqlActor {
  kind: Actor['kind'];
  municipalityId: unknown;
  staffId?: unknown;
  unitId?: unknown;
  citizenId?: unknown;
}

// ---- The plan's key facts, as every module's statements select them -------------------

/** The facts of a plan that rules and writes need. */
export interface PlanRow extends Record<string, unknown> {
  id: string;
  municipality_id: string;
  citizen_id: string;
  version: number;
  coordinator_id: string;
  coordinator_unit_id: string;
}

export const planRowColumns = sql.raw(`p.id::text AS id, p.municipality_id::text AS municipality_id, p.citizen_id::text AS citizen_id,
  p.version, p.coordinator_id::text AS coordinator_id, p.coordinator_unit_id::text AS coordinator_unit_id`);

export const ALL_SECTIONS = sql.raw(`ARRAY[${planSections.map((s) => `'${s}'`).join(',')}]::text[]`);

// ---- Consent in force: the one place the rule is written ---------------------------------

const started = (c: string) => `${c}.starts_on <= ${DANISH_TODAY}`;
const ended = (c: string) => `(${c}.ends_on IS NOT NULL AND ${c}.ends_on <= ${DANISH_TODAY})`;

/**
 * Consent row `c` is in force today (Danish calendar day): given, not revoked, started, not
 * ended. The end date is the first day it no longer works.
 */
export const consentInForce = (c: string) =>
  sql.raw(`(${c}.given_at IS NOT NULL AND ${c}.revoked_at IS NULL AND ${started(c)} AND NOT ${ended(c)})`);

/** The state of consent row `c` today, as the citizen and staff see it; 'active' exactly when `consentInForce`. As SQL text. */
export const consentStateText = (c: string) =>
  `(CASE WHEN ${c}.revoked_at IS NOT NULL THEN 'revoked' WHEN ${c}.given_at IS NULL THEN 'proposed'
    WHEN ${ended(c)} THEN 'expired' WHEN NOT ${started(c)} THEN 'pending' ELSE 'active' END)`;

// ---- Involvement: which plans a staff member may see at all ------------------------------

/** The SQL condition under which `actor` may see plan `p` at all. */
export function visibleTo(actor: SqlActor): SQL {
  switch (actor.kind) {
    case 'staff':
      // Involvement: the actor's current unit coordinates the plan, delivers an effort on it, or
      // asked to be involved and the coordinator accepted; or the actor opened it with
      // break-glass access that has not run out.
      return sql`p.municipality_id = ${actor.municipalityId} AND (
        p.coordinator_id = ${actor.staffId} OR p.coordinator_unit_id = ${actor.unitId}
        OR EXISTS (SELECT 1 FROM efforts e WHERE e.municipality_id = p.municipality_id AND e.plan_id = p.id AND e.unit_id = ${actor.unitId})
        OR EXISTS (SELECT 1 FROM involvement_requests ir WHERE ir.municipality_id = p.municipality_id AND ir.plan_id = p.id
                   AND ir.unit_id = ${actor.unitId} AND ir.decision = 'accepted')
        OR EXISTS (SELECT 1 FROM break_glass b WHERE b.municipality_id = p.municipality_id AND b.plan_id = p.id
                   AND b.staff_id = ${actor.staffId} AND b.unit_id = ${actor.unitId} AND now() < b.expires_at))`;
    case 'citizen':
    case 'proxy':
      return sql`p.municipality_id = ${actor.municipalityId} AND p.citizen_id = ${actor.citizenId}`;
    case 'system':
      return sql`false`;
  }
}

/**
 * What `actor` may see of plan `p`: the sections, the basis, and the consents or break-glass
 * behind it — one row, computed in the statement that reads the plan.
 * The citizen and their proxy see everything. The coordinating unit holds the plan and sees
 * all of it. Another involved unit sees its own efforts, plus the sections that consents in
 * force naming it list. Break-glass opens everything (to read) until it runs out.
 */
export function accessOf(actor: SqlActor): SQL {
  if (actor.kind !== 'staff') {
    const basis = actor.kind === 'proxy' ? 'proxy' : 'own';
    return sql`SELECT ${ALL_SECTIONS} AS sections, ${basis}::text AS basis, ARRAY[]::uuid[] AS consent_ids, NULL::uuid AS break_glass_id`;
  }
  const forUnit = sql`c.municipality_id = p.municipality_id AND c.citizen_id = p.citizen_id AND c.recipient_unit_id = ${actor.unitId} AND ${consentInForce('c')}`;
  // OFFSET 0 keeps this a subquery computed once per plan row. Pulled up into the outer query,
  // every use of acc.sections (one per part of the plan) got its own copy of the consent
  // look-ups: 55 sub-plans in the plan page, set up on every execution.
  return sql`SELECT
      CASE WHEN coord.yes OR bg.id IS NOT NULL THEN ${ALL_SECTIONS}
           ELSE coalesce((SELECT array_agg(DISTINCT s::text) FROM consents c, unnest(c.sections) s WHERE ${forUnit}), ARRAY[]::text[]) END AS sections,
      CASE WHEN coord.yes THEN 'coordination' WHEN bg.id IS NOT NULL THEN 'break_glass'
           WHEN EXISTS (SELECT 1 FROM consents c WHERE ${forUnit}) THEN 'consent'
           ELSE 'involvement' END AS basis,
      coalesce((SELECT array_agg(c.id ORDER BY c.id) FROM consents c WHERE ${forUnit}), ARRAY[]::uuid[]) AS consent_ids,
      bg.id AS break_glass_id
    FROM (SELECT (p.coordinator_id = ${actor.staffId} OR p.coordinator_unit_id = ${actor.unitId}) AS yes) coord
    LEFT JOIN LATERAL (SELECT b.id FROM break_glass b WHERE b.municipality_id = p.municipality_id AND b.plan_id = p.id
                         AND b.staff_id = ${actor.staffId} AND b.unit_id = ${actor.unitId} AND now() < b.expires_at
                       ORDER BY b.expires_at DESC LIMIT 1) bg ON true
    OFFSET 0`;
}

/** A text[]/uuid[] as an array on both drivers. */
export function pgArray(v: string[] | string | null): string[] {
  if (v == null) return [];
  if (Array.isArray(v)) return v;
  return v.replace(/^{|}$/g, '').split(',').filter(Boolean);
}

/** Section names (plain words from planSections) as a text[] parameter; drizzle would expand a JS array into a list. */
export const sectionsParam = (sections: readonly string[]) => sql`${`{${sections.join(',')}}`}::text[]`;
