import type { updatePlanInput } from '@sammen/domain/plans';
import type { z } from 'zod';
import type { SignedInCtx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { selectPlanTexts, updatePlanFields } from '../plans.repository.ts';
import { changePlan, type Change } from './change-plan.ts';

// The plan's texts: the citizen's life story and wishes (co-written), and how staff settle disagreements.

export function updatePlan(ctx: SignedInCtx, planId: string, input: z.infer<typeof updatePlanInput>) {
  const staff = ctx.actor.kind === 'staff';
  if (!staff && input.disagreementProcedure !== undefined) throw new AppError('FORBIDDEN', 'Only staff set how disagreements are settled');
  return changePlan(ctx, planId, input.baseVersion, staff ? 'plan.edit' : 'plan.coauthor', async (tx, plan, author, access) => {
    if (input.lifeStory !== undefined) access.require('life_story');
    if (input.wishes !== undefined) access.require('wishes');
    if (input.disagreementProcedure !== undefined) access.require('agreements');
    const before = await selectPlanTexts(tx, plan.municipality_id, plan.id);
    const now = new Date();
    const changes: Change[] = [];
    const fields: Parameters<typeof updatePlanFields>[3] = {};
    if (input.lifeStory !== undefined && input.lifeStory !== before.lifeStory) {
      Object.assign(fields, { lifeStory: input.lifeStory, lifeStoryAuthorKind: author.kind, lifeStoryAuthorId: author.id, lifeStoryUpdatedAt: now });
      changes.push({ changeType: 'lifeStory.changed', targetType: 'life_story', before: before.lifeStory, after: input.lifeStory });
    }
    if (input.wishes !== undefined && input.wishes !== before.wishes) {
      Object.assign(fields, { wishes: input.wishes, wishesAuthorKind: author.kind, wishesAuthorId: author.id, wishesUpdatedAt: now });
      changes.push({ changeType: 'wishes.changed', targetType: 'wishes', before: before.wishes, after: input.wishes });
    }
    if (input.disagreementProcedure !== undefined && input.disagreementProcedure !== before.disagreementProcedure) {
      fields.disagreementProcedure = input.disagreementProcedure;
      changes.push({ changeType: 'disagreementProcedure.changed', targetType: 'plan', before: before.disagreementProcedure, after: input.disagreementProcedure });
    }
    if (changes.length) await updatePlanFields(tx, plan.municipality_id, plan.id, fields);
    return changes;
  });
}
