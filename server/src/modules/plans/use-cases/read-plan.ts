import type { Actor } from '@sammen/domain/access';
import type { HistoryPage, PlanView } from '@sammen/domain/plans';
import type { SignedInCtx } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import type { JsonText } from '../../../platform/json-text.ts';
import { planReadPurpose, readCitizenData, readCitizenDataLoggedByStatement } from '../../../platform/reader.ts';
import { selectPlanPageText } from '../plan-document.ts';
import { findActiveStaff } from '../../identity/identity.service.ts';
import { listPlanChanges, type PlanSelector } from '../plans.repository.ts';

// Reading the plan: the page, its summary for a staff search, its history.

export type Person = { kind: 'citizen' | 'proxy' | 'staff'; id: string };

export function personOf(actor: Actor): Person {
  switch (actor.kind) {
    case 'staff':
      return { kind: 'staff', id: actor.staffId };
    case 'citizen':
      return { kind: 'citizen', id: actor.citizenId };
    case 'proxy':
      return { kind: 'proxy', id: actor.proxyId };
    case 'system':
      throw new AppError('FORBIDDEN');
  }
}

/**
 * The whole plan as the actor may see it, as JSON text from its read model (plan-document.ts,
 * decisions/0008): one statement finds the plan (a plan they cannot see is 404), applies what
 * they may see, logs the read and moves their "last seen" mark — in `tx` when a write answers
 * with the plan it changed, else on its own (one statement needs no transaction around it).
 */
export function loadPlanView(ctx: SignedInCtx, which: PlanSelector, tx?: Db): Promise<JsonText<PlanView>> {
  const viewer = personOf(ctx.actor);
  return readCitizenDataLoggedByStatement(
    ctx,
    { action: 'plan.read', purpose: planReadPurpose(ctx) },
    async (db, log) => {
      const page = await selectPlanPageText(db, ctx.actor, which, viewer, log);
      if (!page) return undefined;
      const { plan, scope } = page;
      return { scope: { municipalityId: plan.municipality_id, citizenId: plan.citizen_id, plan, ...scope }, data: page.text };
    },
    tx,
  );
}

export const getPlan = (ctx: SignedInCtx, planId: string) => loadPlanView(ctx, { planId });

/** The active plan of a citizen, as far as the actor may see it. */
export const getPlanOfCitizen = (ctx: SignedInCtx, citizenId: string) => loadPlanView(ctx, { citizenId });

export function getOwnPlan(ctx: SignedInCtx): Promise<JsonText<PlanView>> {
  const actor = ctx.actor;
  if (actor.kind !== 'citizen' && actor.kind !== 'proxy') throw new AppError('FORBIDDEN');
  return getPlanOfCitizen(ctx, actor.citizenId);
}

/** Whether the staff member can open a plan for the citizen, and who coordinates it. Shows no section of it. */
export function getPlanSummaryOfCitizen(ctx: SignedInCtx, citizenId: string) {
  return readCitizenData(
    ctx,
    { action: 'plan.read', logAs: 'plan.summary.read', purpose: planReadPurpose(ctx), subject: { citizenId }, sectionsShown: [] },
    async (tx, scope) => {
      const plan = scope.plan!;
      const coordinator = await findActiveStaff(tx, plan.municipality_id, plan.coordinator_id);
      return { planId: plan.id, version: plan.version, coordinator: { id: plan.coordinator_id, name: coordinator?.name ?? '' } };
    },
  );
}

/** One page of the plan's changes, newest first, as far as the reader may see them; keyset-paged on the change id. */
export function getPlanHistory(ctx: SignedInCtx, planId: string, page: { before?: number; limit: number } = { limit: 50 }): Promise<HistoryPage> {
  return readCitizenData(
    ctx,
    { action: 'plan.read', logAs: 'plan.history.read', purpose: planReadPurpose(ctx), subject: { planId } },
    async (tx, scope) => {
      const entries = await listPlanChanges(tx, ctx.actor, { municipalityId: scope.municipalityId, planId: scope.plan!.id, sections: scope.sections, basis: scope.basis }, page);
      return { entries, nextBefore: entries.length === page.limit ? entries.at(-1)!.id : null } as HistoryPage;
    },
  );
}
