import { and, eq, isNull, sql } from 'drizzle-orm';
import { query, type Db } from '../../platform/db.ts';
import { loginFlows, sessions } from '../../db/schema.ts';

export type NewSession = typeof sessions.$inferInsert;

export async function insertSession(db: Db, session: NewSession) {
  await db.insert(sessions).values(session);
}

export interface LiveSession extends Record<string, unknown> {
  id: string;
  municipality_id: string;
  municipality_name: string;
  actor_kind: 'staff' | 'citizen' | 'proxy';
  actor_id: string;
  unit_id: string | null;
  expires_at: Date;
  refresh: boolean;
}

/** A session that has not ended, expired or been idle too long. `refresh` says last_seen_at is stale. */
export async function selectLiveSession(db: Db, id: string, idleMs: number) {
  const rows = await query<LiveSession>(
    db,
    sql`SELECT s.id, s.municipality_id::text AS municipality_id, m.name AS municipality_name, s.actor_kind,
               s.actor_id::text AS actor_id, s.unit_id::text AS unit_id, s.expires_at,
               s.last_seen_at < now() - interval '60 seconds' AS refresh
        FROM sessions s JOIN municipalities m ON m.id = s.municipality_id
        WHERE s.id = ${id} AND s.ended_at IS NULL AND s.expires_at > now()
          AND s.last_seen_at > now() - make_interval(secs => ${idleMs / 1000})`,
  );
  return rows[0];
}

export async function updateSessionLastSeen(db: Db, id: string) {
  await db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.id, id));
}

export async function updateSessionUnit(db: Db, id: string, unitId: string) {
  await db.update(sessions).set({ unitId }).where(eq(sessions.id, id));
}

export async function updateSessionEnded(db: Db, id: string) {
  await db.update(sessions).set({ endedAt: sql`now()` }).where(and(eq(sessions.id, id), isNull(sessions.endedAt)));
}

export async function insertLoginFlow(db: Db, flow: typeof loginFlows.$inferInsert, maxAgeMs: number) {
  // Flows that were never finished are useless after their lifetime; clear them as new ones start.
  await db.delete(loginFlows).where(sql`${loginFlows.createdAt} < now() - make_interval(secs => ${maxAgeMs / 1000})`);
  await db.insert(loginFlows).values(flow);
}

/** Marks a login flow used and returns it, once: a replayed callback finds nothing. */
export async function claimLoginFlow(db: Db, stateHash: string, maxAgeMs: number) {
  const rows = await query<{ nonce: string; code_verifier: string }>(
    db,
    sql`UPDATE login_flows SET used_at = now()
        WHERE state_hash = ${stateHash} AND used_at IS NULL AND created_at > now() - make_interval(secs => ${maxAgeMs / 1000})
        RETURNING nonce, code_verifier`,
  );
  return rows[0];
}
