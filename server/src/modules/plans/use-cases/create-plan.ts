import type { JsonText } from '../../../platform/json-text.ts';
import { can } from '@sammen/domain/access';
import type { createPlanInput, PlanView } from '@sammen/domain/plans';
import type { z } from 'zod';
import type { SignedInCtx } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, invalid } from '../../../platform/errors.ts';
import { recordEvent } from '../../audit/audit.service.ts';
import { listStaffRoles } from '../../identity/identity.service.ts';
import { recordPlanChanges } from '../plan-document.ts';
import { citizenExists, insertPlan, unscopedActivePlanExists } from '../plans.repository.ts';
import { describeExistingPlan } from './involvement.ts';
import { getPlan } from './read-plan.ts';

// One plan per citizen: staff open it, the citizen's words go in from the start.

export async function createPlan(ctx: SignedInCtx, citizenId: string, input: z.infer<typeof createPlanInput>): Promise<JsonText<PlanView>> {
  const actor = ctx.actor;
  if (actor.kind !== 'staff' || !can(actor, 'plan.create')) throw new AppError('FORBIDDEN');
  const planId = await ctx.db.transaction(async (tx) => {
    if (!(await citizenExists(tx, actor.municipalityId, citizenId))) throw new AppError('NOT_FOUND', 'No such citizen');
    if (await unscopedActivePlanExists(tx, actor.municipalityId, citizenId)) return undefined;
    const coordinatorId = input.coordinatorId ?? actor.staffId;
    const coordinatorUnitId = coordinatorId === actor.staffId ? actor.unitId : await firstUnitOf(tx, actor.municipalityId, coordinatorId);
    if (!coordinatorUnitId) throw invalid('coordinatorId', 'notStaffOfMunicipality', 'is not a staff member of this municipality');
    const now = new Date();
    const id = await insertPlan(tx, {
      municipalityId: actor.municipalityId,
      citizenId,
      coordinatorId,
      coordinatorUnitId,
      ...(input.lifeStory ? { lifeStory: input.lifeStory, lifeStoryAuthorKind: 'staff', lifeStoryAuthorId: actor.staffId, lifeStoryUpdatedAt: now } : {}),
      ...(input.wishes ? { wishes: input.wishes, wishesAuthorKind: 'staff', wishesAuthorId: actor.staffId, wishesUpdatedAt: now } : {}),
    });
    await recordPlanChanges(tx, actor.municipalityId, id, [
      { municipalityId: actor.municipalityId, planId: id, version: 1, actorKind: 'staff', actorId: actor.staffId, changeType: 'plan.created', targetType: 'plan', targetId: id, after: { coordinatorId, coordinatorUnitId } },
    ]);
    await recordEvent(tx, ctx, { kind: 'write', action: 'plan.create', citizenId, subjectType: 'plan', subjectId: id });
    return id;
  });
  if (!planId) {
    // One plan per citizen. Rather than a dead end, say who coordinates the one there is, so the
    // unit can ask to be involved (that telling is a logged read of its own transaction).
    const existingPlan = await describeExistingPlan(ctx, citizenId);
    throw new AppError('CONFLICT', 'The citizen already has an active plan: there is one plan per citizen', 'citizenId', { existingPlan }, 'planExists');
  }
  return getPlan(ctx, planId);
}

async function firstUnitOf(tx: Db, municipalityId: string, staffId: string) {
  const roles = await listStaffRoles(tx, municipalityId, staffId);
  return (roles.find((r) => r.role === 'coordinator') ?? roles.find((r) => r.role !== 'partner'))?.unitId;
}
