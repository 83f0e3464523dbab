import { findDependencyCycle, type addGoalInput, type updateGoalInput } from '@sammen/domain/plans';
import type { z } from 'zod';
import type { SignedInCtx } from '../../../platform/context.ts';
import { AppError, invalid } from '../../../platform/errors.ts';
import { insertGoal, listGoalsOfPlan, replaceGoalDependencies, updateGoal } from '../plans.repository.ts';
import { changePlan, type Change } from './change-plan.ts';

// Goals in the citizen's words, in order, with "first this, then that" dependencies.

/** The goal ids must be goals of this plan. */
export function assertGoalsOfPlan(planGoalIds: Set<string>, ids: string[], field: string) {
  const unknown = ids.find((id) => !planGoalIds.has(id));
  if (unknown) throw invalid(field, 'notGoalOfPlan', `${unknown} is not a goal of this plan`);
}

export function addGoal(ctx: SignedInCtx, planId: string, input: z.infer<typeof addGoalInput>) {
  return changePlan(ctx, planId, input.baseVersion, 'plan.edit', async (tx, plan, author, access) => {
    access.require('goals');
    const existing = await listGoalsOfPlan(tx, plan.municipality_id, plan.id);
    assertGoalsOfPlan(new Set(existing.map((g) => g.id)), input.dependsOn, 'dependsOn');
    const goalId = await insertGoal(tx, {
      municipalityId: plan.municipality_id,
      planId: plan.id,
      position: existing.length + 1,
      wording: input.wording,
      wordingAuthorKind: author.kind,
      wordingAuthorId: author.id,
      professionalDescription: input.professionalDescription ?? '',
      classificationCode: input.classificationCode || null,
      statusChangedByKind: author.kind,
      statusChangedById: author.id,
    });
    await replaceGoalDependencies(tx, plan.municipality_id, goalId, [...new Set(input.dependsOn)]);
    return [{ changeType: 'goal.added', targetType: 'goal', targetId: goalId, after: { wording: input.wording, dependsOn: input.dependsOn } }];
  });
}

/** The citizen writes the wording of a goal; staff also keep its status, order and dependencies. */
export function updateGoalOfPlan(ctx: SignedInCtx, planId: string, goalId: string, input: z.infer<typeof updateGoalInput>) {
  const staff = ctx.actor.kind === 'staff';
  const { baseVersion, wording, ...professional } = input;
  if (!staff && Object.values(professional).some((v) => v !== undefined)) {
    throw new AppError('FORBIDDEN', 'The citizen writes the wording of a goal; staff keep status, order and dependencies');
  }
  return changePlan(ctx, planId, baseVersion, staff ? 'plan.edit' : 'plan.coauthor', async (tx, plan, author, access) => {
    access.require('goals');
    const goals = await listGoalsOfPlan(tx, plan.municipality_id, plan.id);
    const goal = goals.find((g) => g.id === goalId);
    if (!goal) throw new AppError('NOT_FOUND', 'No such goal in this plan');
    const changes: Change[] = [];
    const fields: Parameters<typeof updateGoal>[3] = {};
    if (wording !== undefined && wording !== goal.wording) {
      Object.assign(fields, { wording, wordingAuthorKind: author.kind, wordingAuthorId: author.id });
      changes.push({ changeType: 'goal.wordingChanged', targetType: 'goal', targetId: goalId, before: goal.wording, after: wording });
    }
    if (input.professionalDescription !== undefined && input.professionalDescription !== goal.professional_description) {
      fields.professionalDescription = input.professionalDescription;
      changes.push({ changeType: 'goal.descriptionChanged', targetType: 'goal', targetId: goalId, before: goal.professional_description, after: input.professionalDescription });
    }
    if (input.classificationCode !== undefined && (input.classificationCode || null) !== goal.classification_code) {
      fields.classificationCode = input.classificationCode || null;
      changes.push({ changeType: 'goal.classificationChanged', targetType: 'goal', targetId: goalId, before: goal.classification_code, after: fields.classificationCode });
    }
    if (input.status !== undefined && input.status !== goal.status) {
      Object.assign(fields, { status: input.status, statusChangedByKind: author.kind, statusChangedById: author.id, statusChangedAt: new Date() });
      changes.push({ changeType: 'goal.statusChanged', targetType: 'goal', targetId: goalId, before: goal.status, after: input.status });
    }
    if (input.dependsOn !== undefined) {
      const dependsOn = [...new Set(input.dependsOn)];
      if (dependsOn.includes(goalId)) throw invalid('dependsOn', 'dependsOnSelf', 'a goal cannot depend on itself');
      assertGoalsOfPlan(new Set(goals.map((g) => g.id)), dependsOn, 'dependsOn');
      const cycle = findDependencyCycle(goals.map((g) => ({ id: g.id, dependsOn: g.id === goalId ? dependsOn : g.depends_on })));
      if (cycle) throw invalid('dependsOn', 'dependencyCycle', 'this would make goals wait for each other in a circle');
      if ([...dependsOn].sort().join() !== [...goal.depends_on].sort().join()) {
        await replaceGoalDependencies(tx, plan.municipality_id, goalId, dependsOn);
        changes.push({ changeType: 'goal.dependenciesChanged', targetType: 'goal', targetId: goalId, before: goal.depends_on, after: dependsOn });
      }
    }
    if (input.position !== undefined && input.position !== goal.position) {
      const order = goals.filter((g) => g.id !== goalId);
      order.splice(Math.min(input.position, goals.length) - 1, 0, goal);
      for (const [i, g] of order.entries()) if (g.position !== i + 1) await updateGoal(tx, plan.municipality_id, g.id, { position: i + 1 });
      changes.push({ changeType: 'goal.moved', targetType: 'goal', targetId: goalId, before: goal.position, after: input.position });
    }
    if (Object.keys(fields).length) await updateGoal(tx, plan.municipality_id, goalId, fields);
    return changes;
  });
}
