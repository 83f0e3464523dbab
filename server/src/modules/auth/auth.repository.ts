import { and, eq, isNull, sql } from 'drizzle-orm';
import type { RoleInUnit } from '@sammen/domain/access';
import { query, type Db } from '../../platform/db.ts';
import { loginFlows, sessions } from './auth.schema.ts';

export type NewSession = typeof sessions.$inferInsert;

export async function insertSession(db: Db, session: NewSession) {
  await db.insert(sessions).values(session);
}

/** Who is behind a live session, as the one statement that resolves it found them (undefined: no longer valid). */
export type SessionPerson =
  | { kind: 'staff'; name: string; title: string; roles: { unitId: string; role: RoleInUnit['role']; unitName: string }[] }
  | { kind: 'citizen'; name: string }
  | { kind: 'proxy'; name: string; citizenId: string; citizenName: string; scopes: string[] };

export interface LiveSession extends Record<string, unknown> {
  id: string;
  municipality_id: string;
  municipality_name: string;
  actor_kind: 'staff' | 'citizen' | 'proxy';
  actor_id: string;
  unit_id: string | null;
  expires_at: Date;
  refresh: boolean;
  person: SessionPerson | null;
}

/**
 * A session that has not ended, expired or been idle too long, with the person behind it, in
 * one statement: every request runs this. `person` is null when the staff member is disabled,
 * the proxy is no longer valid or the citizen is gone. `refresh` says last_seen_at is stale.
 */
export async function selectLiveSession(db: Db, id: string, idleMs: number) {
  const rows = await query<LiveSession>(
    db,
    sql`SELECT s.id, s.municipality_id::text AS municipality_id, m.name AS municipality_name, s.actor_kind,
               s.actor_id::text AS actor_id, s.unit_id::text AS unit_id, s.expires_at,
               s.last_seen_at < now() - interval '60 seconds' AS refresh,
               CASE s.actor_kind
                 WHEN 'staff' THEN (
                   SELECT json_build_object('kind', 'staff', 'name', st.name, 'title', st.title, 'roles', coalesce((
                       SELECT json_agg(json_build_object('unitId', r.unit_id, 'role', r.role, 'unitName', u.name) ORDER BY u.name, r.role)
                       FROM staff_roles r JOIN units u ON u.municipality_id = r.municipality_id AND u.id = r.unit_id
                       WHERE r.municipality_id = st.municipality_id AND r.staff_id = st.id), '[]'::json))
                   FROM staff st WHERE st.municipality_id = s.municipality_id AND st.id = s.actor_id AND st.disabled_at IS NULL)
                 WHEN 'citizen' THEN (
                   SELECT json_build_object('kind', 'citizen', 'name', c.name)
                   FROM citizens c WHERE c.municipality_id = s.municipality_id AND c.id = s.actor_id)
                 WHEN 'proxy' THEN (
                   SELECT json_build_object('kind', 'proxy', 'name', x.name, 'citizenId', x.citizen_id, 'citizenName', c.name, 'scopes', x.scopes)
                   FROM proxies x JOIN citizens c ON c.municipality_id = x.municipality_id AND c.id = x.citizen_id
                   WHERE x.municipality_id = s.municipality_id AND x.id = s.actor_id
                     AND x.valid_from <= now() AND (x.valid_to IS NULL OR x.valid_to > now()))
               END AS person
        FROM sessions s JOIN municipalities m ON m.id = s.municipality_id
        WHERE s.id = ${id} AND s.ended_at IS NULL AND s.expires_at > now()
          AND s.last_seen_at > now() - make_interval(secs => ${idleMs / 1000})`,
  );
  const row = rows[0];
  if (row && typeof row.person === 'string') row.person = JSON.parse(row.person);
  return row;
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
