import type { WorkList } from '@sammen/domain/plans';
import type { SignedInCtx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { JsonText } from '../../../platform/json-text.ts';
import { readCitizenListLoggedByStatement } from '../../../platform/reader.ts';
import { listStaffDirectory, selectWorkListText } from '../plans.repository.ts';

/**
 * The staff member's work list: the plans they coordinate, follow-ups due within a week (Danish
 * days, counted in SQL), units asking to join their plans, and what citizens changed since they
 * last looked. It shows citizens' names, so each citizen on it is a logged read — written by the
 * list's own statement, one round trip (decisions/0008).
 */
export async function getWorkList(ctx: SignedInCtx): Promise<JsonText<WorkList>> {
  const actor = ctx.actor;
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN');
  const text = await readCitizenListLoggedByStatement(ctx, { action: 'worklist.read', purpose: 'Arbejdsliste: planer og opfølgninger' }, (db, log) =>
    selectWorkListText(db, actor.municipalityId, actor.staffId, log),
  );
  return new JsonText<WorkList>(text);
}

export function getStaffDirectory(ctx: SignedInCtx) {
  return listStaffDirectory(ctx.db, ctx.actor.municipalityId);
}
