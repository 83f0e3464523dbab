import type { WorkList } from '@sammen/domain/plans';
import type { SignedInCtx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { readCitizenList } from '../../../platform/reader.ts';
import { listStaffDirectory, selectWorkList } from '../plans.repository.ts';

/**
 * The staff member's work list: the plans they coordinate, follow-ups due within a week, and what
 * citizens changed since they last looked. It shows citizens' names, so each citizen on it is a
 * logged read.
 */
export function getWorkList(ctx: SignedInCtx, today = new Date()): Promise<WorkList> {
  const actor = ctx.actor;
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN');
  const horizon = new Date(today.getTime() + 7 * 86_400_000).toISOString().slice(0, 10);
  return readCitizenList(ctx, { action: 'worklist.read', purpose: 'Arbejdsliste: planer og opfølgninger', subjectType: 'plan' }, async (tx) => {
    const data = (await selectWorkList(tx, actor.municipalityId, actor.staffId, horizon)) as WorkList;
    return { data, citizenIds: [...data.myPlans.map((p) => p.citizenId), ...data.followUpsDue.map((f) => f.citizenId)] };
  });
}

export function getStaffDirectory(ctx: SignedInCtx) {
  return listStaffDirectory(ctx.db, ctx.actor.municipalityId);
}
