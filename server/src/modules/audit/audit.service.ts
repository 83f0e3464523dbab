import { createHash } from 'node:crypto';
import { activeRoles } from '@sammen/domain/access';
import type { Ctx } from '../../platform/context.ts';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import {
  countUnsealed,
  insertAuditEvent,
  insertAuditEvents,
  insertSeals,
  listMunicipalityIds,
  selectChainPage,
  selectLastSeal,
  selectSealableEvents,
  tryLockSealing,
  type HashableEvent,
  type NewSeal,
  type NewAuditEvent,
} from './audit.repository.ts';

// Change and audit travel together: callers pass the transaction that makes the change.
// Reads of citizen data are recorded the same way, so the citizen can see who looked.

export interface AuditEntry {
  kind: 'read' | 'write' | 'auth';
  action: string;
  citizenId?: string;
  subjectType?: string;
  subjectId?: string;
  purpose?: string;
  outcome?: 'ok' | 'denied' | 'error';
  details?: Record<string, unknown>;
}

/** The row an entry becomes: who acted (from the request's actor), in which role and unit, and what. */
function rowOf(ctx: Ctx, entry: AuditEntry & { municipalityId?: string }): NewAuditEvent {
  const actor = ctx.actor;
  const municipalityId = entry.municipalityId ?? actor?.municipalityId;
  if (!municipalityId) throw new Error('An audit event needs a municipality');
  return {
    municipalityId,
    actorKind: actor?.kind ?? 'system',
    actorId:
      actor?.kind === 'staff' ? actor.staffId : actor?.kind === 'citizen' ? actor.citizenId : actor?.kind === 'proxy' ? actor.proxyId : null,
    actorRole: actor?.kind === 'staff' ? activeRoles(actor).join(',') || null : (actor?.kind ?? null),
    actorUnitId: actor?.kind === 'staff' ? actor.unitId : null,
    kind: entry.kind,
    action: entry.action,
    citizenId: entry.citizenId ?? null,
    subjectType: entry.subjectType ?? null,
    subjectId: entry.subjectId ?? null,
    purpose: entry.purpose ?? null,
    requestId: ctx.requestId,
    outcome: entry.outcome ?? 'ok',
    details: entry.details ?? {},
  };
}

export async function recordEvent(tx: Db, ctx: Ctx, entry: AuditEntry & { municipalityId?: string }) {
  await insertAuditEvent(tx, rowOf(ctx, entry));
}

export type ReadEntry = Omit<AuditEntry, 'kind'> & { citizenId: string; purpose: string };

/**
 * Reads of citizen data: one row per citizen read, in the transaction that read them. Modules do
 * not call this: they read through `readCitizenData` (platform/reader.ts), which calls it.
 */
export function recordReads(tx: Db, ctx: Ctx, entries: ReadEntry[]) {
  return insertAuditEvents(tx, entries.map((e) => rowOf(ctx, { ...e, kind: 'read' })));
}

/**
 * The access-log row of a read that a statement writes itself, for a page that reads and logs in
 * one round trip (the plan page, decisions/0008). The statement is rendered once with these
 * placeholders (`readLogInsert`); `readLogValues` fills them for this request, from the same
 * `rowOf` as every other row. Only platform/reader.ts hands out the values.
 */
export function readLogValues(ctx: Ctx, entry: { action: string; purpose: string }) {
  const row = rowOf(ctx, { kind: 'read', action: entry.action, purpose: entry.purpose });
  return {
    log_actor_kind: row.actorKind,
    log_actor_id: row.actorId ?? null,
    log_actor_role: row.actorRole ?? null,
    log_actor_unit_id: row.actorUnitId ?? null,
    log_action: row.action,
    log_purpose: row.purpose ?? null,
    log_request_id: row.requestId ?? null,
  };
}

export type ReadLogValues = ReturnType<typeof readLogValues>;

/**
 * `INSERT INTO audit_events … SELECT … FROM <from> WHERE <where>`: one read row per row of
 * `from`, with the citizen, subject and details given as SQL over it; the actor, action, purpose
 * and request are placeholders filled by `readLogValues`.
 */
export function readLogInsert(from: SQL, row: { citizenId: SQL; subjectType: string | SQL; subjectId: SQL; details: SQL; where: SQL }): SQL {
  const p = (name: keyof ReadLogValues) => sql.placeholder(name);
  return sql`INSERT INTO audit_events (municipality_id, actor_kind, actor_id, actor_role, actor_unit_id, kind, action, citizen_id,
      subject_type, subject_id, purpose, request_id, outcome, details)
    SELECT x.municipality_id, ${p('log_actor_kind')}::actor_kind, ${p('log_actor_id')}::uuid, ${p('log_actor_role')}::text, ${p('log_actor_unit_id')}::uuid,
      'read', ${p('log_action')}::text, ${row.citizenId}, ${row.subjectType}, ${row.subjectId}, ${p('log_purpose')}::text, ${p('log_request_id')}::text, 'ok', ${row.details}
    FROM ${from} x WHERE ${row.where}`;
}

// ---- The hash chain -------------------------------------------------------------------

export function genesisHash(municipalityId: string) {
  return sha256(`sammen-audit-genesis:${municipalityId}`);
}

export function chainHash(prevHash: string, seq: number, e: HashableEvent) {
  const canonical = JSON.stringify([
    e.municipality_id, e.id, e.tx_id, e.occurred_us, e.actor_kind, e.actor_id, e.actor_role, e.actor_unit_id,
    e.kind, e.action, e.citizen_id, e.subject_type, e.subject_id, e.purpose, e.request_id, e.outcome, e.details,
  ]);
  return sha256(`${prevHash}\n${seq}\n${canonical}`);
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

const SEAL_BATCH = 5_000;

/**
 * Seals the final, unsealed events of one municipality into its chain. Safe to run from many
 * processes at once: one holds the municipality's advisory lock, the others skip.
 * Returns the number of events sealed.
 */
export async function sealMunicipality(db: Db, municipalityId: string): Promise<number> {
  let total = 0;
  for (;;) {
    const sealed = await db.transaction(async (tx) => {
      if (!(await tryLockSealing(tx, municipalityId))) return 0;
      const last = await selectLastSeal(tx, municipalityId);
      const events = await selectSealableEvents(tx, municipalityId, last ? { txId: last.tx_id, eventId: last.event_id } : undefined, SEAL_BATCH);
      let prev = last?.hash ?? genesisHash(municipalityId);
      let seq = last?.seq ?? 0;
      const seals: NewSeal[] = events.map((e) => {
        seq += 1;
        prev = chainHash(prev, seq, e);
        return { seq, eventId: e.id, txId: e.tx_id, hash: prev };
      });
      await insertSeals(tx, municipalityId, seals);
      return seals.length;
    });
    total += sealed;
    if (sealed < SEAL_BATCH) return total;
  }
}

export async function sealAll(db: Db): Promise<number> {
  let total = 0;
  for (const m of await listMunicipalityIds(db)) total += await sealMunicipality(db, m.id);
  return total;
}

/** Seals continuously in the background. Returns a function that stops it (and waits). */
export function startSealer(db: Db, intervalMs: number, onError: (err: unknown) => void): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const timer = setInterval(() => {
    running = running.then(() => (stopped ? 0 : sealAll(db).catch(onError)));
  }, intervalMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}

export interface ChainReport {
  municipalityId: string;
  municipalityName: string;
  sealed: number;
  unsealed: number;
  ok: boolean;
  firstBroken?: { seq: number; eventId: string; reason: string };
}

/** Recomputes a municipality's chain from the first seal and names the first row that does not match. */
export async function verifyMunicipality(db: Db, municipalityId: string, municipalityName = ''): Promise<ChainReport> {
  let prev = genesisHash(municipalityId);
  let expectedSeq = 1;
  let sealed = 0;
  let firstBroken: ChainReport['firstBroken'];
  let afterSeq = 0;
  outer: for (;;) {
    const page = await selectChainPage(db, municipalityId, afterSeq, 5_000);
    for (const row of page) {
      const seq = Number(row.seq);
      const broken = (reason: string) => ({ seq, eventId: row.seal_event_id, reason });
      if (seq !== expectedSeq) {
        firstBroken = broken(`seal ${expectedSeq} is missing (the chain jumps to ${seq})`);
      } else if (!row.event_present) {
        firstBroken = broken(`audit event ${row.seal_event_id} was deleted`);
      } else if (row.tx_id !== row.seal_tx_id) {
        firstBroken = broken(`audit event ${row.seal_event_id} was moved to another transaction`);
      } else if (chainHash(prev, seq, row) !== row.seal_hash) {
        firstBroken = broken(`audit event ${row.seal_event_id} was changed after it was sealed`);
      }
      if (firstBroken) break outer;
      prev = row.seal_hash;
      expectedSeq += 1;
      sealed += 1;
    }
    if (page.length < 5_000) break;
    afterSeq = Number(page[page.length - 1]!.seq);
  }
  const unsealed = await countUnsealed(db, municipalityId);
  return { municipalityId, municipalityName, sealed, unsealed, ok: !firstBroken, ...(firstBroken ? { firstBroken } : {}) };
}

export async function verifyAll(db: Db): Promise<ChainReport[]> {
  const reports: ChainReport[] = [];
  for (const m of await listMunicipalityIds(db)) reports.push(await verifyMunicipality(db, m.id, m.name));
  return reports;
}
