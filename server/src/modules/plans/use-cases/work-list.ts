import type { WorkList } from '@sammen/domain/plans';
import type { SignedInCtx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { readCitizenList } from '../../../platform/reader.ts';
import { listStaffDirectory, selectWorkList } from '../plans.repository.ts';

/**
 * The staff member's work list: the plans they coordinate, follow-ups due within a week (Danish
 * days, counted in SQL), units asking to join their plans, and what
 * citizens changed since they last looked. It shows citizens' names, so each citizen on it is a
 * logged read.
 */
export function getWorkList(ctx: SignedInCtx): Promise<WorkList> {
  const actor = ctx.actor;
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN');
  return readCitizenList(ctx, { action: 'worklist.read', purpose: 'Arbejdsliste: planer og opfølgninger', subjectType: 'plan' }, async (tx) => {
    const data = (await selectWorkList(tx, actor.municipalityId, actor.staffId)) as WorkList;
    return { data, citizenIds: [...data.myPlans, ...data.followUpsDue, ...data.involvementRequests].map((x) => x.citizenId) };
  });
}

export function getStaffDirectory(ctx: SignedInCtx) {
  return listStaffDirectory(ctx.db, ctx.actor.municipalityId);
}
