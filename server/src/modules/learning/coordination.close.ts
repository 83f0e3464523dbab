import { sql } from 'drizzle-orm';
import { localDate } from '@sammen/domain/calendar';
import type { Ctx } from '../../platform/context.ts';
import { query, type Db } from '../../platform/db.ts';
import { QUEUES, type ScheduledWork } from '../../platform/jobs.ts';
import { recordEvent } from '../audit/audit.service.ts';
import { lockDueWaves, selectWave } from './coordination.repository.ts';
import { closeLockedWave } from './coordination.store.ts';
import { closeDuePulses } from './pulse.close.ts';

// The close job (issue 16): every 15 minutes, per municipality, the background job
// (platform/jobs.ts, handed this work by main.ts) closes the waves whose last day has passed —
// the day after `closes_on`, in Danish time — and the pulses whose time has run out. Closing
// scores a wave and deletes its invitations (coordination.store.ts). Safe to run twice at once:
// each wave is taken under its row lock, one another run has taken is skipped (SKIP LOCKED),
// and a wave that is closed is no longer due.

/** The job's audit rows: a system actor, no person. */
const jobCtx = { requestId: 'job:coordination.close' } as Ctx;

/** Closes the municipality's waves whose last day is before `today` (a Danish calendar day); returns their ids. */
export async function closeDueWaves(db: Db, municipalityId: string, today = localDate(Date.now()), now = new Date()): Promise<string[]> {
  return db.transaction(async (tx) => {
    const due = await lockDueWaves(tx, municipalityId, today);
    for (const waveId of due) {
      const wave = (await selectWave(tx, municipalityId, waveId))!;
      await closeLockedWave(tx, municipalityId, waveId, wave.groups.map((g) => g.id), now);
      await recordEvent(tx, jobCtx, { municipalityId, kind: 'write', action: 'coordination.waveClosed', subjectType: 'coordinationWave', subjectId: waveId, details: { by: 'job', closesOn: wave.closes_on } });
    }
    return due;
  });
}

/** The work of one municipality: the waves due, then the pulses due. */
export async function closeDue(db: Db, municipalityId: string, now = new Date()) {
  const waves = await closeDueWaves(db, municipalityId, localDate(now.getTime()), now);
  const pulses = await db.transaction((tx) => closeDuePulses(tx, municipalityId, now));
  return { waves: waves.length, pulses };
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
