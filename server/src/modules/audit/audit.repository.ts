import { sql } from 'drizzle-orm';
import { query, type Db } from '../../platform/db.ts';
import { auditEvents } from './audit.schema.ts';

export type NewAuditEvent = typeof auditEvents.$inferInsert;

/** One audit row. Plain SQL with a fixed text, so it is a prepared statement: every read writes one. */
export async function insertAuditEvent(db: Db, e: NewAuditEvent) {
  await query(
    db,
    sql`INSERT INTO audit_events (municipality_id, actor_kind, actor_id, actor_role, actor_unit_id, kind, action, citizen_id,
          subject_type, subject_id, purpose, request_id, outcome, details)
        VALUES (${e.municipalityId}, ${e.actorKind}, ${e.actorId ?? null}, ${e.actorRole ?? null}, ${e.actorUnitId ?? null}, ${e.kind}, ${e.action},
          ${e.citizenId ?? null}, ${e.subjectType ?? null}, ${e.subjectId ?? null}, ${e.purpose ?? null}, ${e.requestId ?? null},
          ${e.outcome ?? 'ok'}, ${JSON.stringify(e.details ?? {})}::jsonb)`,
  );
}

/** An audit event as text, exactly as it is hashed: both drivers return the same strings. */
export interface HashableEvent extends Record<string, unknown> {
  id: string;
  tx_id: string;
  municipality_id: string;
  occurred_us: string;
  actor_kind: string;
  actor_id: string | null;
  actor_role: string | null;
  actor_unit_id: string | null;
  kind: string;
  action: string;
  citizen_id: string | null;
  subject_type: string | null;
  subject_id: string | null;
  purpose: string | null;
  request_id: string | null;
  outcome: string;
  details: string;
}

const hashableColumns = sql.raw(`e.id::text AS id, e.tx_id::text AS tx_id, e.municipality_id::text AS municipality_id,
  (extract(epoch FROM e.occurred_at) * 1000000)::bigint::text AS occurred_us,
  e.actor_kind::text AS actor_kind, e.actor_id::text AS actor_id, e.actor_role, e.actor_unit_id::text AS actor_unit_id,
  e.kind, e.action, e.citizen_id::text AS citizen_id, e.subject_type, e.subject_id, e.purpose, e.request_id, e.outcome,
  e.details::text AS details`);

export interface LastSeal extends Record<string, unknown> {
  seq: number;
  hash: string;
  tx_id: string;
  event_id: string;
}

export async function selectLastSeal(db: Db, municipalityId: string): Promise<LastSeal | undefined> {
  const rows = await query<LastSeal>(
    db,
    sql`SELECT seq, hash, tx_id::text AS tx_id, event_id::text AS event_id FROM audit_seals WHERE municipality_id = ${municipalityId} ORDER BY seq DESC LIMIT 1`,
  );
  return rows[0];
}

/**
 * Events that are final and not yet sealed, in chain order. An event is final when its
 * transaction id is below the oldest transaction still running (the snapshot's xmin): no
 * transaction that commits later can then add an event that belongs before it.
 *
 * "Not yet sealed" is "after the last seal in chain order": when the last seal was written,
 * every transaction below its tx_id had ended, so nothing can appear before it any more.
 * A keyset on (tx_id, id) reads only the rows it returns; the former NOT EXISTS against
 * audit_seals degraded to a nested loop over all seals when the table's statistics were stale
 * (after a bulk load: 257 rows/s). The unique (municipality_id, event_id) on audit_seals still
 * refuses a second seal for an event.
 */
export async function selectSealableEvents(db: Db, municipalityId: string, after: { txId: string; eventId: string } | undefined, limit: number) {
  return query<HashableEvent>(
    db,
    sql`SELECT ${hashableColumns} FROM audit_events e
        WHERE e.municipality_id = ${municipalityId}
          AND (e.tx_id, e.id) > (${after?.txId ?? '0'}::xid8, ${after?.eventId ?? '0'}::bigint)
          AND e.tx_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY e.tx_id, e.id
        LIMIT ${limit}`,
  );
}

export interface NewSeal {
  seq: number;
  eventId: string;
  txId: string;
  hash: string;
}

export async function insertSeals(db: Db, municipalityId: string, seals: NewSeal[]) {
  if (!seals.length) return;
  // One JSON parameter instead of arrays: both drivers pass it the same way.
  const rows = JSON.stringify(seals.map((s) => ({ seq: s.seq, event_id: s.eventId, tx_id: s.txId, hash: s.hash })));
  await db.execute(sql`INSERT INTO audit_seals (municipality_id, seq, event_id, tx_id, hash)
    SELECT ${municipalityId}::uuid, s.seq, s.event_id, s.tx_id::xid8, s.hash
    FROM json_to_recordset(${rows}::json) AS s(seq bigint, event_id bigint, tx_id text, hash text)`);
}

export async function tryLockSealing(db: Db, municipalityId: string): Promise<boolean> {
  const rows = await query<{ locked: boolean }>(
    db,
    sql`SELECT pg_try_advisory_xact_lock(7420002, hashtext(${municipalityId})) AS locked`,
  );
  return rows[0]!.locked;
}

export interface ChainRow extends HashableEvent {
  seq: number;
  seal_tx_id: string;
  seal_hash: string;
  seal_event_id: string;
  event_present: boolean;
}

/** A page of the chain in seal order, with the event each seal points at (if it still exists). */
export async function selectChainPage(db: Db, municipalityId: string, afterSeq: number, limit: number) {
  return query<ChainRow>(
    db,
    sql`SELECT s.seq, s.tx_id::text AS seal_tx_id, s.hash AS seal_hash, s.event_id::text AS seal_event_id,
               e.id IS NOT NULL AS event_present, ${hashableColumns}
        FROM audit_seals s
        LEFT JOIN audit_events e ON e.municipality_id = s.municipality_id AND e.id = s.event_id
        WHERE s.municipality_id = ${municipalityId} AND s.seq > ${afterSeq}
        ORDER BY s.seq
        LIMIT ${limit}`,
  );
}

export async function countUnsealed(db: Db, municipalityId: string) {
  const rows = await query<{ n: number }>(
    db,
    sql`SELECT count(*) AS n FROM audit_events e WHERE e.municipality_id = ${municipalityId}
        AND NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.municipality_id = e.municipality_id AND s.event_id = e.id)`,
  );
  return Number(rows[0]!.n);
}

export async function listMunicipalityIds(db: Db) {
  const rows = await query<{ id: string; name: string }>(db, sql`SELECT id::text AS id, name FROM municipalities ORDER BY code`);
  return rows;
}

/** Several audit rows in one statement (a list that shows many citizens writes one row per citizen). */
export async function insertAuditEvents(db: Db, events: NewAuditEvent[]) {
  if (events.length === 1) return insertAuditEvent(db, events[0]!);
  if (!events.length) return;
  const rows = events.map((e) => ({
    municipality_id: e.municipalityId, actor_kind: e.actorKind, actor_id: e.actorId ?? null, actor_role: e.actorRole ?? null,
    actor_unit_id: e.actorUnitId ?? null, kind: e.kind, action: e.action, citizen_id: e.citizenId ?? null, subject_type: e.subjectType ?? null,
    subject_id: e.subjectId ?? null, purpose: e.purpose ?? null, request_id: e.requestId ?? null, outcome: e.outcome ?? 'ok', details: e.details ?? {},
  }));
  await query(
    db,
    sql`INSERT INTO audit_events (municipality_id, actor_kind, actor_id, actor_role, actor_unit_id, kind, action, citizen_id,
          subject_type, subject_id, purpose, request_id, outcome, details)
        SELECT x.municipality_id, x.actor_kind::actor_kind, x.actor_id, x.actor_role, x.actor_unit_id, x.kind, x.action, x.citizen_id,
          x.subject_type, x.subject_id, x.purpose, x.request_id, x.outcome, x.details
        FROM ROWS FROM (jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
            AS (municipality_id uuid, actor_kind text, actor_id uuid, actor_role text, actor_unit_id uuid, kind text, action text, citizen_id uuid,
                subject_type text, subject_id text, purpose text, request_id text, outcome text, details jsonb))
          WITH ORDINALITY AS x(municipality_id, actor_kind, actor_id, actor_role, actor_unit_id, kind, action, citizen_id,
                               subject_type, subject_id, purpose, request_id, outcome, details, n)
        ORDER BY x.n`,
  );
}
