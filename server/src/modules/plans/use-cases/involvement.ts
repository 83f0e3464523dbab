import { can } from '@sammen/domain/access';
import type { ExistingPlan, involvementDecisionInput, involvementRequestInput } from '@sammen/domain/plans';
import type { z } from 'zod';
import type { SignedInCtx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { readCitizenData } from '../../../platform/reader.ts';
import { findScope, ruleSubjectOf } from '../../access/access.service.ts';
import { recordEvent } from '../../audit/audit.service.ts';
import { insertInvolvementRequest, selectOpenInvolvementRequest, unscopedActivePlanFacts, updateInvolvementDecision } from '../plans.repository.ts';

// A unit that finds the citizen already has a plan it cannot see asks to be involved; the plan's
// coordinator accepts or declines in their work list. An accepted request involves the unit as an
// effort does (modules/access: visibleTo): it sees what the citizen's consents name.

function staffOf(ctx: SignedInCtx) {
  if (ctx.actor.kind !== 'staff') throw new AppError('FORBIDDEN');
  return ctx.actor;
}

/**
 * What staff are told when the citizen already has a plan: who coordinates it, and whether their
 * unit already asked. Telling it is a read of the citizen's data, so it goes through the reader.
 */
export function describeExistingPlan(ctx: SignedInCtx, citizenId: string): Promise<ExistingPlan | undefined> {
  const actor = staffOf(ctx);
  return readCitizenData(
    ctx,
    { action: 'plan.create', logAs: 'plan.exists.read', purpose: 'Borgeren har allerede en plan', subject: { register: citizenId }, sectionsShown: [] },
    async (tx) => {
      const facts = await unscopedActivePlanFacts(tx, actor.municipalityId, citizenId, actor.unitId);
      if (!facts) return undefined;
      const visible = await findScope(tx, actor, { planId: facts.plan_id });
      return { coordinator: { name: facts.coordinator }, unit: { name: facts.unit }, planId: visible ? facts.plan_id : null, requestPending: facts.pending };
    },
  );
}

export async function requestInvolvement(ctx: SignedInCtx, citizenId: string, input: z.infer<typeof involvementRequestInput>) {
  const actor = staffOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const facts = await unscopedActivePlanFacts(tx, actor.municipalityId, citizenId, actor.unitId);
    if (!facts) throw new AppError('NOT_FOUND', 'The citizen has no plan');
    if (await findScope(tx, actor, { planId: facts.plan_id })) throw new AppError('CONFLICT', 'Your unit is already involved in the plan');
    const id = await insertInvolvementRequest(tx, {
      municipalityId: actor.municipalityId,
      planId: facts.plan_id,
      unitId: actor.unitId,
      requestedById: actor.staffId,
      reason: input.reason,
    });
    if (!id) throw new AppError('CONFLICT', 'Your unit has already asked; the coordinator has not answered yet');
    await recordEvent(tx, ctx, { kind: 'write', action: 'plan.involvementRequested', citizenId, subjectType: 'involvement_request', subjectId: id });
    return { id, status: 'pending' as const };
  });
}

/** The coordinator (or a leader of the coordinating unit) accepts or declines; each request is answered once. */
export async function decideInvolvement(ctx: SignedInCtx, requestId: string, input: z.infer<typeof involvementDecisionInput>) {
  const actor = staffOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const request = await selectOpenInvolvementRequest(tx, actor.municipalityId, requestId);
    const scope = request && (await findScope(tx, actor, { planId: request.plan_id }));
    if (!request || !scope?.plan) throw new AppError('NOT_FOUND', 'No open request on a plan you coordinate');
    if (!can(actor, 'plan.decideInvolvement', ruleSubjectOf(scope))) throw new AppError('FORBIDDEN');
    await updateInvolvementDecision(tx, actor.municipalityId, requestId, input.decision, actor.staffId, input.note);
    await recordEvent(tx, ctx, {
      kind: 'write',
      action: `plan.involvement${input.decision === 'accepted' ? 'Accepted' : 'Declined'}`,
      citizenId: scope.citizenId,
      subjectType: 'involvement_request',
      subjectId: requestId,
      details: { unitId: request.unit_id },
    });
    return { id: requestId, status: input.decision };
  });
}
