import { sql, type SQL } from 'drizzle-orm';

// Who sees a decision case (decisions/0011): written once, composed into every statement of
// decisions and complaints. Staff only; the citizen reads their own through /api/me.

export type StaffOf = { municipalityId: string; staffId: string; unitId: string };

const ident = (alias: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(alias)) throw new Error(`not an SQL alias: ${alias}`);
  return sql.raw(alias);
};

/**
 * Whether staff member `actor` sees the request aliased `r` (a `decision_requests` row): their
 * current unit decides it, registered it, or coordinates the citizen's active plan; or they are
 * the staff member who registered it or on whose behalf it was. Of their own municipality only.
 */
export function requestVisibleTo(actor: StaffOf, r = 'r'): SQL {
  const a = ident(r);
  return sql`(${a}.municipality_id = ${actor.municipalityId}::uuid AND (
    ${a}.unit_id = ${actor.unitId}::uuid
    OR ${a}.requester_unit_id = ${actor.unitId}::uuid
    OR ${a}.registered_by = ${actor.staffId}::uuid
    OR ${a}.on_behalf_of = ${actor.staffId}::uuid
    OR EXISTS (SELECT 1 FROM plans vp WHERE vp.municipality_id = ${a}.municipality_id AND vp.citizen_id = ${a}.citizen_id
      AND vp.status = 'active' AND vp.coordinator_unit_id = ${actor.unitId}::uuid)))`;
}

/**
 * Whether staff member `actor` sees the complaint aliased `c`: their current unit handles it, or
 * coordinates the citizen's active plan; or, for a complaint about a decision, they see the
 * decision's request (`requestVisibleTo`). Of their own municipality only.
 */
export function complaintVisibleTo(actor: StaffOf, c = 'c'): SQL {
  const a = ident(c);
  return sql`(${a}.municipality_id = ${actor.municipalityId}::uuid AND (
    ${a}.unit_id = ${actor.unitId}::uuid
    OR EXISTS (SELECT 1 FROM plans cp WHERE cp.municipality_id = ${a}.municipality_id AND cp.citizen_id = ${a}.citizen_id
      AND cp.status = 'active' AND cp.coordinator_unit_id = ${actor.unitId}::uuid)
    OR EXISTS (SELECT 1 FROM decisions cd JOIN decision_requests cr ON cr.municipality_id = cd.municipality_id AND cr.id = cd.request_id
      WHERE cd.municipality_id = ${a}.municipality_id AND cd.id = ${a}.decision_id AND ${requestVisibleTo(actor, 'cr')})))`;
}

