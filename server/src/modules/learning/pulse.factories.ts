import { sql } from 'drizzle-orm';
import { query, type Db } from '../../platform/db.ts';
import { closeLockedPulse } from './pulse.close.ts';
import { insertAnswer, insertCitizenAnswer, insertPulse, lockUnclosedPulseOfCitizen } from './pulse.repository.ts';

// Test data for coordination pulses, written through the repository (and closed through the real
// close, so results are computed as the route and the job compute them), without a plan or the
// routes that start, answer and close them.

async function closeUnclosed(tx: Db, municipalityId: string, citizenId: string) {
  const unclosed = await lockUnclosedPulseOfCitizen(tx, municipalityId, citizenId);
  if (unclosed) await closeLockedPulse(tx, municipalityId, unclosed.id, new Date());
}

/** Closes the citizen's pulse that is not closed yet, if any (as the coordinator would), so a new one may start. */
export const closeOpenPulse = (db: Db, municipalityId: string, citizenId: string) => db.transaction((tx) => closeUnclosed(tx, municipalityId, citizenId));

export interface PulseSpec {
  citizenId: string;
  /** The coordinating unit it counts for in the aggregates. */
  unitId: string;
  startedBy: string;
  /** Staff asked (each may answer once). */
  invited?: string[];
  pulseDays?: number;
}

/**
 * An open pulse; its id. A citizen has one open pulse at most, so one the citizen already has is
 * closed first (as the job would close it).
 */
export async function anOpenPulse(db: Db, municipalityId: string, p: PulseSpec): Promise<string> {
  return db.transaction(async (tx) => {
    await closeUnclosed(tx, municipalityId, p.citizenId);
    const id = await insertPulse(tx, { municipalityId, ...p, pulseDays: p.pulseDays ?? 14, staffIds: p.invited ?? [] });
    return id!;
  });
}

/**
 * A pulse closed at `closedAt` with these professionals' answers ([sharedPicture, timelyKnowledge,
 * solveTogether] each) and the citizen's; its id. Nobody named is invited: the answers are stored
 * as answers are, and the count of those asked is the count of answers.
 */
export async function aClosedPulse(
  db: Db,
  municipalityId: string,
  p: Omit<PulseSpec, 'invited'> & { answers: [number, number, number][]; citizen?: number | null; closedAt?: Date },
): Promise<string> {
  return db.transaction(async (tx) => {
    await closeUnclosed(tx, municipalityId, p.citizenId);
    const id = (await insertPulse(tx, { municipalityId, citizenId: p.citizenId, unitId: p.unitId, startedBy: p.startedBy, pulseDays: p.pulseDays ?? 14, staffIds: [] }))!;
    const closedAt = p.closedAt ?? new Date();
    await query(
      tx,
      sql`UPDATE coordination_pulses SET invited = ${p.answers.length}, closes_at = ${closedAt.toISOString()}::timestamptz,
            started_at = ${closedAt.toISOString()}::timestamptz - make_interval(days => ${p.pulseDays ?? 14}::int)
          WHERE municipality_id = ${municipalityId} AND id = ${id}`,
    );
    // insertAnswer marks an invitation answered; there is none here, so it marks nothing.
    for (const scores of p.answers) await insertAnswer(tx, municipalityId, id, p.startedBy, scores);
    if (p.citizen != null) await insertCitizenAnswer(tx, municipalityId, id, p.citizen, 'citizen');
    await closeLockedPulse(tx, municipalityId, id, closedAt);
    return id;
  });
}

/** Moves an open pulse's closing time to the past, as if its days had run out. */
export async function expirePulse(db: Db, municipalityId: string, pulseId: string) {
  await query(db, sql`UPDATE coordination_pulses SET closes_at = now() - interval '1 minute', started_at = now() - interval '15 days' WHERE municipality_id = ${municipalityId} AND id = ${pulseId}`);
}
