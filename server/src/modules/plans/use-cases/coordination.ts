import type { addAgreementInput, addFollowUpInput, handOverInput } from '@sammen/domain/plans';
import type { z } from 'zod';
import type { SignedInCtx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { insertAgreement, insertFollowUp, updateFollowUpDone, updatePlanFields } from '../plans.repository.ts';
import { changePlan } from './change-plan.ts';
import { assertStaff, assertUnit } from './efforts.ts';

// Coordination: agreements on who is responsible, the coordinator's hand-over, follow-ups.

export function addAgreement(ctx: SignedInCtx, planId: string, input: z.infer<typeof addAgreementInput>) {
  return changePlan(ctx, planId, input.baseVersion, 'plan.edit', async (tx, plan, _author, access) => {
    access.require('agreements');
    await assertUnit(tx, plan.municipality_id, input.responsibleUnitId, 'responsibleUnitId');
    const id = await insertAgreement(tx, { municipalityId: plan.municipality_id, planId: plan.id, responsibleUnitId: input.responsibleUnitId, text: input.text });
    return [{ changeType: 'agreement.added', targetType: 'agreement', targetId: id, after: { responsibleUnitId: input.responsibleUnitId, text: input.text } }];
  });
}

/**
 * Coordination moves to another staff member, possibly in another unit (a young person
 * turning 18 moves from the family department to the adult department). The plan, its goals
 * and its history stay; only the coordinator changes.
 */
export function handOverCoordination(ctx: SignedInCtx, planId: string, input: z.infer<typeof handOverInput>) {
  return changePlan(ctx, planId, input.baseVersion, 'plan.handOver', async (tx, plan) => {
    await assertStaff(tx, plan.municipality_id, input.coordinatorId, 'coordinatorId', input.unitId);
    if (input.coordinatorId === plan.coordinator_id && input.unitId === plan.coordinator_unit_id) return [];
    await updatePlanFields(tx, plan.municipality_id, plan.id, { coordinatorId: input.coordinatorId, coordinatorUnitId: input.unitId });
    return [
      {
        changeType: 'coordinator.handedOver',
        targetType: 'plan',
        before: { coordinatorId: plan.coordinator_id, unitId: plan.coordinator_unit_id },
        after: { coordinatorId: input.coordinatorId, unitId: input.unitId },
      },
    ];
  });
}

export function addFollowUp(ctx: SignedInCtx, planId: string, input: z.infer<typeof addFollowUpInput>) {
  return changePlan(ctx, planId, input.baseVersion, 'plan.edit', async (tx, plan, _author, access) => {
    access.requireCoordination();
    await assertStaff(tx, plan.municipality_id, input.staffId, 'staffId');
    const id = await insertFollowUp(tx, { municipalityId: plan.municipality_id, planId: plan.id, staffId: input.staffId, dueOn: input.dueOn, note: input.note });
    return [{ changeType: 'followUp.added', targetType: 'follow_up', targetId: id, after: { dueOn: input.dueOn, staffId: input.staffId } }];
  });
}

export function completeFollowUp(ctx: SignedInCtx, planId: string, followUpId: string, baseVersion: number) {
  return changePlan(ctx, planId, baseVersion, 'plan.edit', async (tx, plan, _author, access) => {
    access.requireCoordination();
    if (!(await updateFollowUpDone(tx, plan.municipality_id, plan.id, followUpId))) throw new AppError('NOT_FOUND', 'No such follow-up in this plan');
    return [{ changeType: 'followUp.done', targetType: 'follow_up', targetId: followUpId }];
  });
}
