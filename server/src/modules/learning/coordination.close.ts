import { sql } from 'drizzle-orm';
import { localDate } from '@sammen/domain/calendar';
import type { Ctx } from '../../platform/context.ts';
import { query, type Db } from '../../platform/db.ts';
import { QUEUES, type ScheduledWork } from '../../platform/jobs.ts';
import { recordEvent } from '../audit/audit.service.ts';
import { lockDueWave, selectDueWaveIds, selectWave } from './coordination.repository.ts';
import { closeLockedWave } from './coordination.store.ts';
import { closeDuePulses } from './pulse.close.ts';

// The close job (issue 16): every 15 minutes, per municipality, the background job
// (platform/jobs.ts, handed this work by main.ts) closes the waves whose last day has passed —
// the day after `closes_on`, in Danish time — and the pulses whose time has run out. Closing
// scores a wave and deletes its invitations (coordination.store.ts). Each wave closes in a
// transaction of its own, so one that fails (and is tried again next time) holds up no other.
// Safe to run twice at once: each wave is taken under its row lock, one another run has taken is
// skipped (SKIP LOCKED), and a wave that is closed is no longer due.

/** The job's audit rows: a system actor, no person. */
const jobCtx = { requestId: 'job:coordination.close' } as Ctx;

/** Closes one due wave in a transaction of its own; false when it is no longer due or another run has it. */
function closeDueWave(db: Db, municipalityId: string, waveId: string, today: string, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await lockDueWave(tx, municipalityId, waveId, today))) return false;
    const wave = (await selectWave(tx, municipalityId, waveId))!;
    await closeLockedWave(tx, municipalityId, waveId, wave.groups.map((g) => g.id), now);
    await recordEvent(tx, jobCtx, { municipalityId, kind: 'write', action: 'coordination.waveClosed', subjectType: 'coordinationWave', subjectId: waveId, details: { by: 'job', closesOn: wave.closes_on } });
    return true;
  });
}

export interface ClosedWaves {
  /** The waves this run closed. */
  closed: string[];
  /** The waves whose close failed (rolled back, each alone), with why: tried again on the next run. */
  failed: { waveId: string; error: unknown }[];
}

/**
 * Closes the municipality's waves whose last day is before `today` (a Danish calendar day), each
 * in a transaction of its own: a wave whose close fails is rolled back alone and the others close.
 */
export async function closeDueWaves(db: Db, municipalityId: string, today = localDate(Date.now()), now = new Date()): Promise<ClosedWaves> {
  const result: ClosedWaves = { closed: [], failed: [] };
  for (const waveId of await selectDueWaveIds(db, municipalityId, today)) {
    try {
      if (await closeDueWave(db, municipalityId, waveId, today, now)) result.closed.push(waveId);
    } catch (error) {
      result.failed.push({ waveId, error });
    }
  }
  return result;
}

/**
 * The work of one municipality: the waves due, then the pulses due. A wave that failed to close
 * fails the job after the rest is done — so the job's failure is seen and it is tried again —
 * without keeping the other waves or the pulses open.
 */
export async function closeDue(db: Db, municipalityId: string, now = new Date()) {
  const waves = await closeDueWaves(db, municipalityId, localDate(now.getTime()), now);
  const pulses = await db.transaction((tx) => closeDuePulses(tx, municipalityId, now));
  if (waves.failed.length) {
    throw new AggregateError(waves.failed.map((f) => f.error), `Closing ${waves.failed.length} coordination wave(s) failed: ${waves.failed.map((f) => f.waveId).join(', ')}`);
  }
  return { waves: waves.closed.length, pulses };
}

const municipalityIds = async (db: Db) => (await query<{ id: string }>(db, sql`SELECT id::text AS id FROM municipalities ORDER BY id`)).map((r) => r.id);

/** The job's work: every 15 minutes, one job per municipality. */
export const coordinationClose: ScheduledWork = {
  queue: QUEUES.coordinationClose,
  nowQueue: QUEUES.coordinationCloseNow,
  cron: '*/15 * * * *',
  municipalityIds,
  run: (db, municipalityId) => closeDue(db, municipalityId),
};
