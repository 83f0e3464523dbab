import { sql, type SQL } from 'drizzle-orm';
import type { NetworkPersonKind } from '@sammen/domain/network';
import { DANISH_TODAY, query, type Db } from '../../platform/db.ts';

// The network's SQL, always scoped by municipality. The network page composes what other modules
// own (the plan's coordinator and efforts, accepted involvement, proxies, future appointments)
// with this module's rows: plain statements inside the reader's one transaction.

const TODAY = sql.raw(DANISH_TODAY);
/** A timestamp's Danish calendar day, as 'YYYY-MM-DD'. */
const dayOf = (ts: SQL) => sql`((${ts}) AT TIME ZONE 'Europe/Copenhagen')::date::text`;
const HANDED_OVER = 'coordinator.handedOver';

/** Who a staff member is, as rows that name one carry it. */
export interface StaffFacts {
  staff_id: string | null;
  staff_name: string | null;
  staff_title: string | null;
  staff_email: string | null;
  unit_id: string | null;
  unit_name: string | null;
  is_partner: boolean | null;
}
const staffColumns = sql.raw(`s.id::text AS staff_id, s.name AS staff_name, s.title AS staff_title, s.email AS staff_email,
  u.id::text AS unit_id, u.name AS unit_name, u.is_partner`);

export async function selectCitizenAndToday(db: Db, municipalityId: string, citizenId: string) {
  const rows = await query<{ id: string; name: string; today: string }>(
    db,
    sql`SELECT c.id::text AS id, c.name, ${TODAY}::text AS today FROM citizens c WHERE c.municipality_id = ${municipalityId} AND c.id = ${citizenId}`,
  );
  return rows[0];
}

export type CoordinatorRow = StaffFacts & { since: string; changes_12_months: number | string };

/** The plan's coordinator, since when (the last hand-over, else the plan's start), and how often coordination changed in 12 months. */
export async function selectCoordinator(db: Db, municipalityId: string, planId: string) {
  const handOvers = sql`FROM plan_changes pc WHERE pc.municipality_id = p.municipality_id AND pc.plan_id = p.id AND pc.change_type = ${HANDED_OVER}`;
  const rows = await query<CoordinatorRow & Record<string, unknown>>(
    db,
    sql`SELECT ${staffColumns},
          ${dayOf(sql`coalesce((SELECT max(pc.at) ${handOvers}), p.created_at)`)} AS since,
          (SELECT count(*) ${handOvers} AND pc.at > now() - interval '12 months') AS changes_12_months
        FROM plans p
        JOIN staff s ON s.municipality_id = p.municipality_id AND s.id = p.coordinator_id
        JOIN units u ON u.municipality_id = p.municipality_id AND u.id = p.coordinator_unit_id
        WHERE p.municipality_id = ${municipalityId} AND p.id = ${planId}`,
  );
  return rows[0];
}

export type EffortRow = StaffFacts & { id: string; title: string; area: string; starts_on: string; ends_on: string | null; effort_unit_id: string; effort_unit_name: string; effort_unit_partner: boolean };

/** The plan's efforts, the unit delivering each and its responsible staff member (if any). */
export function selectEfforts(db: Db, municipalityId: string, planId: string) {
  return query<EffortRow & Record<string, unknown>>(
    db,
    sql`SELECT e.id::text AS id, e.title, e.area::text AS area, e.starts_on::text AS starts_on, e.ends_on::text AS ends_on,
          eu.id::text AS effort_unit_id, eu.name AS effort_unit_name, eu.is_partner AS effort_unit_partner, ${staffColumns}
        FROM efforts e
        JOIN units eu ON eu.municipality_id = e.municipality_id AND eu.id = e.unit_id
        LEFT JOIN staff s ON s.municipality_id = e.municipality_id AND s.id = e.responsible_staff_id
        LEFT JOIN units u ON u.municipality_id = e.municipality_id AND u.id = e.unit_id AND s.id IS NOT NULL
        WHERE e.municipality_id = ${municipalityId} AND e.plan_id = ${planId}
        ORDER BY e.starts_on, e.title, e.id`,
  );
}

/** Units whose request to be involved in the plan the coordinator accepted. */
export function selectInvolvedUnits(db: Db, municipalityId: string, planId: string) {
  return query<{ id: string; name: string }>(
    db,
    sql`SELECT DISTINCT u.id::text AS id, u.name FROM involvement_requests ir
        JOIN units u ON u.municipality_id = ir.municipality_id AND u.id = ir.unit_id
        WHERE ir.municipality_id = ${municipalityId} AND ir.plan_id = ${planId} AND ir.decision = 'accepted'
        ORDER BY u.name`,
  );
}

export type MemberRow = StaffFacts & {
  id: string;
  kind: NetworkPersonKind;
  name: string;
  role: string;
  contact: string;
  effort_id: string | null;
  effort_title: string | null;
  effort_area: string | null;
  since: string | null;
  until: string | null;
};

/**
 * The people recorded on the citizen's network. Someone who shares an effort is on the network
 * for as long as the effort runs unless their own since/until say otherwise, and in its unit
 * unless another is recorded.
 */
export function selectMembers(db: Db, municipalityId: string, citizenId: string) {
  return query<MemberRow & Record<string, unknown>>(
    db,
    sql`SELECT n.id::text AS id, n.kind::text AS kind, n.name, n.role, n.contact,
          coalesce(n.since, e.starts_on)::text AS since, coalesce(n.until, e.ends_on)::text AS until,
          e.id::text AS effort_id, e.title AS effort_title, e.area::text AS effort_area, ${staffColumns}
        FROM network_members n
        LEFT JOIN staff s ON s.municipality_id = n.municipality_id AND s.id = n.staff_id
        LEFT JOIN efforts e ON e.municipality_id = n.municipality_id AND e.id = n.effort_id
        LEFT JOIN units u ON u.municipality_id = n.municipality_id AND u.id = coalesce(n.unit_id, e.unit_id)
        WHERE n.municipality_id = ${municipalityId} AND n.citizen_id = ${citizenId}
        ORDER BY n.created_at, n.id`,
  );
}

export async function selectMember(db: Db, municipalityId: string, citizenId: string, memberId: string) {
  const rows = await query<{ id: string; since: string | null; until: string | null; ended: boolean }>(
    db,
    sql`SELECT id::text AS id, since::text AS since, until::text AS until, (until IS NOT NULL AND until < ${TODAY}) AS ended
        FROM network_members WHERE municipality_id = ${municipalityId} AND citizen_id = ${citizenId} AND id = ${memberId}`,
  );
  return rows[0];
}

export type ProxyRow = { id: string; name: string; relation: string; since: string; until: string | null };

/** The citizen's proxies: relatives with access, since and until the days their access began and ended. */
export function selectProxies(db: Db, municipalityId: string, citizenId: string) {
  return query<ProxyRow & Record<string, unknown>>(
    db,
    sql`SELECT x.id::text AS id, x.name, x.relation, ${dayOf(sql`x.valid_from`)} AS since,
          CASE WHEN x.valid_to IS NULL THEN NULL ELSE ${dayOf(sql`x.valid_to`)} END AS until
        FROM proxies x WHERE x.municipality_id = ${municipalityId} AND x.citizen_id = ${citizenId}
        ORDER BY x.valid_from, x.name`,
  );
}

/** Whether an effort belongs to the plan. */
export async function effortInPlan(db: Db, municipalityId: string, planId: string, effortId: string) {
  const rows = await query<{ one: number }>(db, sql`SELECT 1 AS one FROM efforts WHERE municipality_id = ${municipalityId} AND plan_id = ${planId} AND id = ${effortId}`);
  return rows.length > 0;
}

export async function insertMember(
  db: Db,
  m: { municipalityId: string; citizenId: string; kind: NetworkPersonKind; staffId: string | null; name: string; role: string; contact: string; unitId: string | null; effortId: string | null; since: string | null; until: string | null; recordedBy: string },
) {
  const rows = await query<{ id: string }>(
    db,
    sql`INSERT INTO network_members (municipality_id, citizen_id, kind, staff_id, name, role, contact, unit_id, effort_id, since, until, recorded_by)
        VALUES (${m.municipalityId}, ${m.citizenId}, ${m.kind}, ${m.staffId}, ${m.name}, ${m.role}, ${m.contact}, ${m.unitId}, ${m.effortId}, ${m.since}, ${m.until}, ${m.recordedBy})
        RETURNING id::text AS id`,
  );
  return rows[0]!.id;
}

export async function updateMemberUntil(db: Db, municipalityId: string, memberId: string, until: string) {
  await query(db, sql`UPDATE network_members SET until = ${until} WHERE municipality_id = ${municipalityId} AND id = ${memberId}`);
}

/**
 * For every citizen of the municipality with an active plan: how many professionals are around
 * them today (the coordinator, the responsible staff of current efforts, staff and partner people
 * recorded on the network and current) and how often coordination changed in 12 months —
 * returned as counts of citizens per number, never as rows per citizen.
 */
export function selectDistribution(db: Db, municipalityId: string) {
  return query<{ dimension: 'professionals' | 'changes'; count: number | string; citizens: number | string }>(
    db,
    sql`WITH p AS (SELECT id, citizen_id, coordinator_id FROM plans WHERE municipality_id = ${municipalityId} AND status = 'active'),
        pros AS (
          SELECT p.id AS plan_id, p.coordinator_id::text AS who FROM p
          UNION
          SELECT e.plan_id, e.responsible_staff_id::text FROM efforts e JOIN p ON p.id = e.plan_id
           WHERE e.municipality_id = ${municipalityId} AND e.responsible_staff_id IS NOT NULL
             AND e.starts_on <= ${TODAY} AND (e.ends_on IS NULL OR e.ends_on >= ${TODAY})
          UNION
          SELECT p.id, coalesce(n.staff_id::text, 'member:' || n.id::text) FROM network_members n JOIN p ON p.citizen_id = n.citizen_id
           LEFT JOIN efforts e ON e.municipality_id = n.municipality_id AND e.id = n.effort_id
           WHERE n.municipality_id = ${municipalityId} AND (n.kind IN ('staff', 'partner') OR n.staff_id IS NOT NULL)
             AND coalesce(n.since, e.starts_on, ${TODAY}) <= ${TODAY} AND coalesce(n.until, e.ends_on, ${TODAY}) >= ${TODAY}),
        per_plan AS (
          SELECT p.id,
            (SELECT count(*) FROM pros WHERE pros.plan_id = p.id) AS professionals,
            (SELECT count(*) FROM plan_changes pc WHERE pc.municipality_id = ${municipalityId} AND pc.plan_id = p.id
               AND pc.change_type = ${HANDED_OVER} AND pc.at > now() - interval '12 months') AS changes
          FROM p)
        SELECT 'professionals' AS dimension, professionals AS count, count(*) AS citizens FROM per_plan GROUP BY professionals
        UNION ALL
        SELECT 'changes', changes, count(*) FROM per_plan GROUP BY changes
        ORDER BY 1, 2`,
  );
}
