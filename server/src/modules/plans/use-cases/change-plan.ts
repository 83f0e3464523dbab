import type { JsonText } from '../../../platform/json-text.ts';
import { can, type Action, type Actor } from '@sammen/domain/access';
import type { PlanSection, PlanView } from '@sammen/domain/plans';
import type { SignedInCtx } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { findScope, ruleSubjectOf, type PlanRow, type Scope } from '../../access/access.service.ts';
import { recordEvent } from '../../audit/audit.service.ts';
import { recordPlanChanges } from '../plan-document.ts';
import { updatePlanVersion } from '../plans.repository.ts';
import { getPlan, loadPlanView, personOf, type Person } from './read-plan.ts';

// Every change to a plan goes through `changePlan`.

/** What the writer may see, with the checks a write makes: a unit cannot change what it cannot see. */
export interface Access {
  sections: string[];
  basis: string | null;
  require(section: PlanSection): void;
  requireEffort(effort: { unitId: string; area: string }): void;
  requireCoordination(): void;
}

function accessChecker(scope: Scope, actor: Actor): Access {
  const ownUnit = actor.kind === 'staff' ? actor.unitId : undefined;
  return {
    sections: scope.sections,
    basis: scope.basis,
    require(section) {
      if (!scope.sections.includes(section)) throw new AppError('CONSENT_REQUIRED');
    },
    requireEffort(effort) {
      if (effort.unitId !== ownUnit && !scope.sections.includes(effort.area)) throw new AppError('CONSENT_REQUIRED');
    },
    requireCoordination() {
      if (scope.basis === 'involvement' || scope.basis === 'consent') throw new AppError('FORBIDDEN', 'Follow-ups are kept by the coordinating unit');
    },
  };
}

/**
 * The plan as the writer may see it, and the action allowed on it — else 404 / 403. Break-glass
 * opens a plan to read in an emergency, never to change it.
 */
export async function writablePlan(tx: Db, ctx: SignedInCtx, planId: string, action: Action): Promise<{ plan: PlanRow; scope: Scope }> {
  const scope = await findScope(tx, ctx.actor, { planId });
  if (!scope?.plan) throw new AppError('NOT_FOUND', 'No such plan');
  if (!can(ctx.actor, action, ruleSubjectOf(scope))) throw new AppError('FORBIDDEN');
  if (scope.basis === 'break_glass') throw new AppError('FORBIDDEN', 'Break-glass access is for reading in an emergency, not for changing the plan');
  return { plan: scope.plan, scope };
}

export interface Change {
  changeType: string;
  targetType: string;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * The plan must be visible and the action allowed; the version must still be the one the writer
 * saw (else 409 with the current plan); the change, its history rows and its audit row commit
 * together — or nothing does. The answer is the plan as it now is, read (and logged) in the same
 * transaction. A write that changes nothing keeps the version and writes no history.
 */
/** A write that would change nothing: the transaction is undone and the plan answered as it is. */
class NothingChanged extends Error {}

export async function changePlan(
  ctx: SignedInCtx,
  planId: string,
  baseVersion: number,
  action: Action,
  work: (tx: Db, plan: PlanRow, author: Person, access: Access) => Promise<Change[]>,
): Promise<JsonText<PlanView>> {
  const attempt = async (tx: Db) => {
    const { plan, scope } = await writablePlan(tx, ctx, planId, action);
    const version = await updatePlanVersion(tx, plan.municipality_id, plan.id, baseVersion);
    if (!version) return { conflict: true as const };
    const author = personOf(ctx.actor);
    const changes = await work(tx, plan, author, accessChecker(scope, ctx.actor));
    if (!changes.length) throw new NothingChanged();
    await recordPlanChanges(
      tx,
      plan.municipality_id,
      plan.id,
      changes.map((c) => ({
        municipalityId: plan.municipality_id,
        planId: plan.id,
        version,
        actorKind: author.kind,
        actorId: author.id,
        changeType: c.changeType,
        targetType: c.targetType,
        targetId: c.targetId ?? null,
        before: c.before ?? null,
        after: c.after ?? null,
      })),
    );
    await recordEvent(tx, ctx, {
      kind: 'write',
      action,
      citizenId: plan.citizen_id,
      subjectType: 'plan',
      subjectId: plan.id,
      details: { changes: changes.map((c) => c.changeType), version },
    });
    return { view: await loadPlanView(ctx, { foundVisible: plan }, tx) };
  };
  const result = await ctx.db.transaction(attempt).catch((err) => {
    if (err instanceof NothingChanged) return { unchanged: true as const };
    throw err;
  });
  if ('unchanged' in result) return getPlan(ctx, planId);
  if ('conflict' in result) {
    const current = (await getPlan(ctx, planId)).parse();
    throw new AppError('CONFLICT', `Someone else changed the plan first (now version ${current.version}). Nothing of yours was saved yet.`, undefined, { current });
  }
  return result.view;
}
