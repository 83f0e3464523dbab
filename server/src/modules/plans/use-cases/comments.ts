import type { JsonText } from '../../../platform/json-text.ts';
import type { addCommentInput, PlanView } from '@sammen/domain/plans';
import type { z } from 'zod';
import type { SignedInCtx } from '../../../platform/context.ts';
import { invalid } from '../../../platform/errors.ts';
import { recordEvent } from '../../audit/audit.service.ts';
import { recordPlanChanges } from '../plan-document.ts';
import { insertComment, selectPlanPage } from '../plans.repository.ts';
import { writablePlan } from './change-plan.ts';
import { loadPlanView, personOf } from './read-plan.ts';

/** Comments are added, never edited; they do not change the plan's version, so they never conflict. */
export async function addComment(ctx: SignedInCtx, planId: string, input: z.infer<typeof addCommentInput>): Promise<JsonText<PlanView>> {
  return ctx.db.transaction(async (tx) => {
    const { plan } = await writablePlan(tx, ctx, planId, 'plan.comment');
    const needsTarget = ['goal', 'effort', 'agreement'].includes(input.targetType);
    if (needsTarget !== Boolean(input.targetId)) {
      throw needsTarget
        ? invalid('targetId', 'targetRequired', 'say which one')
        : invalid('targetId', 'targetNotAllowed', 'must be empty for this kind of comment');
    }
    const author = personOf(ctx.actor);
    if (input.targetId) {
      // What the commenter may see of the plan decides what they can comment on (not returned, so not a read).
      const { doc } = (await selectPlanPage(tx, ctx.actor, { foundVisible: plan }, author))!;
      const pool = input.targetType === 'goal' ? doc.goals : input.targetType === 'effort' ? doc.efforts : doc.agreements;
      if (!pool.some((x: { id: string }) => x.id === input.targetId)) throw invalid('targetId', 'targetNotInPlan', 'is not part of this plan');
    }
    const id = await insertComment(tx, { municipalityId: plan.municipality_id, planId: plan.id, authorKind: author.kind, authorId: author.id, targetType: input.targetType, targetId: input.targetId, text: input.text });
    await recordPlanChanges(tx, plan.municipality_id, plan.id, [
      { municipalityId: plan.municipality_id, planId: plan.id, version: plan.version, actorKind: author.kind, actorId: author.id, changeType: 'comment.added', targetType: input.targetType, targetId: input.targetId, after: { commentId: id, text: input.text } },
    ]);
    await recordEvent(tx, ctx, { kind: 'write', action: 'plan.comment', citizenId: plan.citizen_id, subjectType: 'plan', subjectId: plan.id });
    return loadPlanView(ctx, { foundVisible: plan }, tx);
  });
}
