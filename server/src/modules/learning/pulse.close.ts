import { pulseSummary } from '@sammen/domain/coordination-engine';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { recordEvent } from '../audit/audit.service.ts';
import { coordinationSettingsOf } from './coordination.store.ts';
import { lockDuePulses, selectAnswersOfPulse, updatePulseClosed } from './pulse.repository.ts';

// Closing a pulse: by the coordinator (pulse.service.ts), or by the scheduled close job (the
// survey's, coordination.*.ts) once its days have run out. Both compute the results once, with
// the threshold in force then, store them on the pulse, and delete the invitations — after that
// nothing says who was asked or who answered, only how many. Live results are never shown: with
// each new answer they would give that answer away by difference.

/** Closes one pulse the caller has locked and knows to be open. */
export async function closeLockedPulse(tx: Db, municipalityId: string, pulseId: string, now: Date) {
  const { anonymityThreshold } = await coordinationSettingsOf(tx, municipalityId);
  const { answers, citizen } = await selectAnswersOfPulse(tx, municipalityId, pulseId);
  const results = pulseSummary(answers, citizen, anonymityThreshold);
  await updatePulseClosed(tx, municipalityId, pulseId, { closedAt: now, threshold: anonymityThreshold, results });
  return results;
}

/**
 * Closes the municipality's open pulses whose time ran out by `now`; returns how many. Safe to
 * run twice at once (two servers): each pulse is taken under its row lock, one already taken is skipped.
 */
export async function closeDuePulses(tx: Db, municipalityId: string, now: Date): Promise<number> {
  const due = await lockDuePulses(tx, municipalityId, now);
  for (const { id, citizen_id: citizenId } of due) {
    const results = await closeLockedPulse(tx, municipalityId, id, now);
    // The results are the citizen's data: their writing is audited as the coordinator's close is.
    await recordEvent(tx, jobCtx, {
      municipalityId, kind: 'write', action: 'coordinationPulse.closed', citizenId, subjectType: 'coordinationPulse', subjectId: id,
      details: { by: 'job', answered: results.n, suppressed: results.suppressed },
    });
  }
  return due.length;
}

/** The job's audit rows: a system actor, no person. */
const jobCtx = { requestId: 'job:coordination.close' } as Ctx;
