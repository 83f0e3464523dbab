import { sql } from 'drizzle-orm';
import type { Actor } from '@sammen/domain/access';
import { query, type Db } from '../../platform/db.ts';
import { planSections } from '@sammen/domain/plans';
import { accessOf, pgArray, planRowColumns, visibleTo, type PlanRow } from './access.sql.ts';

// The statements that resolve a scope: which citizen, through which plan, and how much.

export interface ScopeRow {
  citizenId: string;
  plan: PlanRow | null;
  sections: string[];
  basis: string | null;
  consentIds: string[];
  breakGlassId: string | null;
}

type AccRow = { sections: string[] | string; basis: string | null; consent_ids: string[] | string; break_glass_id: string | null };

const toScope = (r: PlanRow & AccRow): ScopeRow => {
  const { sections, basis, consent_ids, break_glass_id, ...plan } = r;
  return {
    citizenId: plan.citizen_id,
    plan: plan as PlanRow,
    sections: pgArray(sections),
    basis,
    consentIds: pgArray(consent_ids),
    breakGlassId: break_glass_id,
  };
};

/** A plan (by id, or the citizen's active one) as far as `actor` may see it, with what they may see of it. */
export async function selectPlanScope(db: Db, actor: Actor, which: { planId: string } | { citizenId: string }): Promise<ScopeRow | undefined> {
  const chosen = 'planId' in which ? sql`p.id = ${which.planId}` : sql`p.citizen_id = ${which.citizenId} AND p.status = 'active'`;
  const rows = await query<PlanRow & AccRow>(
    db,
    sql`SELECT ${planRowColumns}, acc.sections, acc.basis, acc.consent_ids, acc.break_glass_id
        FROM plans p CROSS JOIN LATERAL (${accessOf(actor)}) acc WHERE ${chosen} AND ${visibleTo(actor)}`,
  );
  return rows[0] && toScope(rows[0]);
}

/** The citizen's own data, for the citizen or their proxy: everything, with the active plan if there is one. */
export async function selectOwnScope(db: Db, actor: Extract<Actor, { kind: 'citizen' | 'proxy' }>): Promise<ScopeRow | undefined> {
  const rows = await query<{ citizen_id: string; plan_id: string | null } & Omit<PlanRow, 'id' | 'citizen_id'>>(
    db,
    sql`SELECT c.id::text AS citizen_id, p.id::text AS plan_id, c.municipality_id::text AS municipality_id, p.version,
          p.coordinator_id::text AS coordinator_id, p.coordinator_unit_id::text AS coordinator_unit_id
        FROM citizens c LEFT JOIN plans p ON p.municipality_id = c.municipality_id AND p.citizen_id = c.id AND p.status = 'active'
        WHERE c.municipality_id = ${actor.municipalityId} AND c.id = ${actor.citizenId}`,
  );
  const r = rows[0];
  if (!r) return undefined;
  const { plan_id, citizen_id, ...rest } = r;
  return {
    citizenId: citizen_id,
    plan: plan_id ? ({ ...rest, id: plan_id, citizen_id } as PlanRow) : null,
    sections: [...planSections],
    basis: actor.kind === 'proxy' ? 'proxy' : 'own',
    consentIds: [],
    breakGlassId: null,
  };
}

/** A citizen of the actor's municipality, as the register knows them: no plan, no sections. */
export async function selectRegisterScope(db: Db, municipalityId: string, citizenId: string): Promise<ScopeRow | undefined> {
  const rows = await query<{ id: string }>(db, sql`SELECT id::text AS id FROM citizens WHERE municipality_id = ${municipalityId} AND id = ${citizenId}`);
  return rows[0] && { citizenId: rows[0].id, plan: null, sections: [], basis: null, consentIds: [], breakGlassId: null };
}
