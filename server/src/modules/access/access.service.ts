import type { Actor, Subject } from '@sammen/domain/access';
import type { Db } from '../../platform/db.ts';
import { selectOwnScope, selectPlanScope, selectRegisterScope, type ScopeRow } from './access.repository.ts';
import type { PlanRow } from './access.sql.ts';

// The access module: what an actor may see of a citizen, decided in SQL on every request.
// Every read of citizen data resolves its scope here (through platform/reader.ts); writes use
// the same scope to check what they may change.

export type { PlanRow } from './access.sql.ts';

/**
 * Whose data a request is about, and how the actor reaches it:
 * - a plan by id, or a citizen's active plan — by involvement (staff) or as the citizen/proxy;
 * - `own`: the citizen's own data, for the citizen or their proxy (with or without a plan);
 * - `register`: a citizen of the actor's municipality as the register knows them (name, birth
 *   year), for any municipal staff — no plan, no sections.
 */
export type ScopeSubject = { planId: string } | { citizenId: string } | { own: true } | { register: string };

export interface Scope extends ScopeRow {
  municipalityId: string;
}

/** The scope of `actor` on `subject`, or undefined when nothing of it exists for them (404). */
export async function findScope(tx: Db, actor: Actor, subject: ScopeSubject): Promise<Scope | undefined> {
  let row: ScopeRow | undefined;
  if ('own' in subject) {
    if (actor.kind !== 'citizen' && actor.kind !== 'proxy') return undefined;
    row = await selectOwnScope(tx, actor);
  } else if ('register' in subject) {
    if (actor.kind !== 'staff') return undefined;
    row = await selectRegisterScope(tx, actor.municipalityId, subject.register);
  } else {
    if (actor.kind === 'system') return undefined;
    row = await selectPlanScope(tx, actor, subject);
  }
  return row && { ...row, municipalityId: actor.municipalityId };
}

/** What `can()` looks at for a scope: the citizen, and the plan's coordinator and unit. */
export const ruleSubjectOf = (scope: { municipalityId: string; citizenId: string; plan: PlanRow | null }): Subject => ({
  municipalityId: scope.municipalityId,
  citizenId: scope.citizenId,
  ...(scope.plan ? { coordinatorId: scope.plan.coordinator_id, unitId: scope.plan.coordinator_unit_id } : {}),
});
