import { defaultEffortArea } from '@sammen/domain/consent';
import type { addEffortInput, addSupportLevelInput, updateEffortInput } from '@sammen/domain/plans';
import type { z } from 'zod';
import type { SignedInCtx } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, invalid } from '../../../platform/errors.ts';
import {
  insertEffort,
  listEffortGoalIds,
  insertSupportLevel,
  listGoalsOfPlan,
  replaceEffortGoals,
  selectEffort,
  selectUnitKind,
  staffHasRoleIn,
  updateEffort,
} from '../plans.repository.ts';
import { changePlan, type Access } from './change-plan.ts';
import { assertGoalsOfPlan } from './goals.ts';

// Efforts (indsatser) by any unit or partner, linked to goals, with the support level over time.

export async function assertUnit(tx: Db, municipalityId: string, unitId: string, field: string): Promise<string> {
  const kind = await selectUnitKind(tx, municipalityId, unitId);
  if (!kind) throw invalid(field, 'notUnitOfMunicipality', 'is not a unit of this municipality');
  return kind;
}

export async function assertStaff(tx: Db, municipalityId: string, staffId: string, field: string, unitId?: string) {
  if (!(await staffHasRoleIn(tx, municipalityId, staffId, unitId))) {
    throw unitId
      ? invalid(field, 'notStaffOfUnit', 'is not a staff member of that unit')
      : invalid(field, 'notStaffOfMunicipality', 'is not a staff member of this municipality');
  }
}

/** An effort of the plan that the writer can see: their own unit's, or one whose area they may see. */
async function visibleEffort(tx: Db, access: Access, municipalityId: string, planId: string, effortId: string) {
  const effort = await selectEffort(tx, municipalityId, planId, effortId);
  if (!effort) throw new AppError('NOT_FOUND', 'No such effort in this plan');
  try {
    access.requireEffort(effort);
  } catch {
    throw new AppError('NOT_FOUND', 'No such effort in this plan');
  }
  return effort;
}

export function addEffort(ctx: SignedInCtx, planId: string, input: z.infer<typeof addEffortInput>) {
  return changePlan(ctx, planId, input.baseVersion, 'plan.edit', async (tx, plan, author, access) => {
    const m = plan.municipality_id;
    const unitKind = await assertUnit(tx, m, input.unitId, 'unitId');
    const area = input.area ?? defaultEffortArea(unitKind);
    access.requireEffort({ unitId: input.unitId, area });
    access.require('goals');
    if (input.responsibleStaffId) await assertStaff(tx, m, input.responsibleStaffId, 'responsibleStaffId');
    const goals = await listGoalsOfPlan(tx, m, plan.id);
    assertGoalsOfPlan(new Set(goals.map((g) => g.id)), input.goalIds, 'goalIds');
    const effortId = await insertEffort(tx, {
      municipalityId: m,
      planId: plan.id,
      unitId: input.unitId,
      responsibleStaffId: input.responsibleStaffId ?? null,
      title: input.title,
      kind: input.kind,
      area,
      legalBasis: input.legalBasis,
      startsOn: input.startsOn,
      endsOn: input.endsOn ?? null,
    });
    await replaceEffortGoals(tx, m, effortId, [...new Set(input.goalIds)]);
    if (input.supportLevel) {
      await insertSupportLevel(tx, { municipalityId: m, effortId, level: input.supportLevel, validFrom: input.startsOn, recordedByKind: author.kind, recordedById: author.id });
    }
    const { baseVersion: _, ...after } = input;
    return [{ changeType: 'effort.added', targetType: 'effort', targetId: effortId, after }];
  });
}

export function updateEffortOfPlan(ctx: SignedInCtx, planId: string, effortId: string, input: z.infer<typeof updateEffortInput>) {
  return changePlan(ctx, planId, input.baseVersion, 'plan.edit', async (tx, plan, _author, access) => {
    const m = plan.municipality_id;
    const effort = await visibleEffort(tx, access, m, plan.id, effortId);
    if (input.area !== undefined) access.requireEffort({ unitId: effort.unitId, area: input.area });
    if (input.goalIds !== undefined) access.require('goals');
    const startsOn = input.startsOn ?? effort.startsOn;
    const endsOn = input.endsOn === undefined ? effort.endsOn : input.endsOn;
    if (endsOn && endsOn < startsOn) throw invalid('endsOn', 'endBeforeStart', 'must not be before the start date');
    if (input.responsibleStaffId) await assertStaff(tx, m, input.responsibleStaffId, 'responsibleStaffId');
    const { baseVersion: _, goalIds, ...asked } = input;
    // Only what differs is a change: saving the form as it was leaves the plan as it is.
    const fields = Object.fromEntries(Object.entries(asked).filter(([k, v]) => v !== undefined && v !== effort[k as keyof typeof effort])) as typeof asked;
    let newGoalIds: string[] | undefined;
    if (goalIds) {
      const goals = await listGoalsOfPlan(tx, m, plan.id);
      assertGoalsOfPlan(new Set(goals.map((g) => g.id)), goalIds, 'goalIds');
      const linked = new Set((await listEffortGoalIds(tx, m, effortId)));
      const wanted = [...new Set(goalIds)];
      if (wanted.length !== linked.size || wanted.some((g) => !linked.has(g))) {
        await replaceEffortGoals(tx, m, effortId, wanted);
        newGoalIds = wanted;
      }
    }
    if (!Object.keys(fields).length && !newGoalIds) return [];
    if (Object.keys(fields).length) await updateEffort(tx, m, effortId, fields);
    const before = Object.fromEntries(Object.keys(fields).map((k) => [k, effort[k as keyof typeof effort]]));
    return [{ changeType: 'effort.changed', targetType: 'effort', targetId: effortId, before, after: { ...fields, ...(newGoalIds ? { goalIds: newGoalIds } : {}) } }];
  });
}

export function addSupportLevel(ctx: SignedInCtx, planId: string, effortId: string, input: z.infer<typeof addSupportLevelInput>) {
  return changePlan(ctx, planId, input.baseVersion, 'plan.edit', async (tx, plan, author, access) => {
    await visibleEffort(tx, access, plan.municipality_id, plan.id, effortId);
    await insertSupportLevel(tx, { municipalityId: plan.municipality_id, effortId, level: input.level, validFrom: input.validFrom, note: input.note, recordedByKind: author.kind, recordedById: author.id });
    return [{ changeType: 'effort.supportLevelChanged', targetType: 'effort', targetId: effortId, after: { level: input.level, validFrom: input.validFrom } }];
  });
}
