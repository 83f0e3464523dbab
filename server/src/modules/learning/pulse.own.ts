import type { z } from 'zod';
import type { answerOwnPulseInput, ownPulseView } from '@sammen/domain/coordination';
import type { SignedInCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { readCitizenData } from '../../platform/reader.ts';
import { recordEvent } from '../audit/audit.service.ts';
import { insertCitizenAnswer, lockPulse, selectOwnOpenPulse } from './pulse.repository.ts';

// The citizen's one question in a coordination pulse ("Hvor godt arbejder de sammen for dig?"),
// in /borger: the open pulse they have not answered, and their answer — the citizen's or a
// proxy's who may write in the plan. Not anonymous, and the citizen is told so: the coordinator
// sees it once the pulse is closed.

const PURPOSE = 'Pårørende ser samarbejdspulsen';

function citizenOrProxy(ctx: SignedInCtx) {
  const actor = ctx.actor;
  if (actor.kind !== 'citizen' && actor.kind !== 'proxy') throw new AppError('FORBIDDEN');
  return actor;
}

/** GET /api/me/coordination-pulse: the open pulse the citizen has not answered, or none. */
export function getOwnPulse(ctx: SignedInCtx): Promise<z.infer<typeof ownPulseView>> {
  citizenOrProxy(ctx);
  return readCitizenData(ctx, { action: 'coordinationPulse.answerOwn', purpose: PURPOSE, subject: { own: true } }, async (tx, scope) => {
    const open = await selectOwnOpenPulse(tx, scope.municipalityId, scope.citizenId);
    return { open: open ? { id: open.id, unitName: open.unit_name, closesAt: new Date(open.closes_at).toISOString() } : null };
  });
}

/**
 * POST /api/me/coordination-pulses/:pulseId/answer: once per pulse (409 alreadyAnswered), while
 * it is open (409 waveClosed); another citizen's pulse does not exist here (404).
 */
export async function answerOwnPulse(ctx: SignedInCtx, pulseId: string, input: z.infer<typeof answerOwnPulseInput>): Promise<{ ok: true }> {
  const actor = citizenOrProxy(ctx);
  const m = actor.municipalityId;
  return ctx.db.transaction(async (tx) => {
    const pulse = await lockPulse(tx, m, pulseId, actor.citizenId);
    if (!pulse) throw new AppError('NOT_FOUND');
    if (!pulse.open) throw new AppError('CONFLICT', 'The coordination pulse is closed', undefined, undefined, 'waveClosed');
    const answeredBy = actor.kind === 'proxy' ? 'proxy' : 'citizen';
    if (!(await insertCitizenAnswer(tx, m, pulseId, input.score, answeredBy))) {
      throw new AppError('CONFLICT', 'The coordination pulse has been answered', undefined, undefined, 'alreadyAnswered');
    }
    await recordEvent(tx, ctx, { kind: 'write', action: 'coordinationPulse.citizenAnswered', citizenId: actor.citizenId, subjectType: 'coordinationPulse', subjectId: pulseId, details: { answeredBy } });
    return { ok: true as const };
  });
}
