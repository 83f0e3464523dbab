import { bigint, index, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { xid8 } from '../../platform/schema.ts';
import { actorKind, municipalities } from '../identity/identity.schema.ts';

// Written out by hand, not with tenantTable: the keys are (municipality_id, bigint identity)
// and (municipality_id, seq), not (municipality_id, uuid id).

/**
 * Append-only record of every write and every read of citizen data. The database rejects
 * UPDATE, DELETE and TRUNCATE (see the audit_guard migration). Rows are written with the
 * request's transaction and sealed into a per-municipality hash chain by the sealer.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    municipalityId: uuid('municipality_id').notNull().references(() => municipalities.id),
    id: bigint('id', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    /** The writing transaction; the sealer only takes rows below every running transaction. */
    txId: xid8('tx_id').notNull().default(sql`pg_current_xact_id()`),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    actorKind: actorKind('actor_kind').notNull(),
    actorId: uuid('actor_id'),
    actorRole: text('actor_role'),
    actorUnitId: uuid('actor_unit_id'),
    /** 'read' of citizen data, 'write' of anything, 'auth' for login and logout. */
    kind: text('kind', { enum: ['read', 'write', 'auth'] }).notNull(),
    action: text('action').notNull(),
    citizenId: uuid('citizen_id'),
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    purpose: text('purpose'),
    requestId: text('request_id'),
    outcome: text('outcome', { enum: ['ok', 'denied', 'error'] }).notNull().default('ok'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    index('audit_events_seal_order').on(t.municipalityId, t.txId, t.id),
    index('audit_events_citizen').on(t.municipalityId, t.citizenId, t.id),
  ],
);

/** The hash chain: one seal per audit event, in the order the sealer saw them become final. */
export const auditSeals = pgTable(
  'audit_seals',
  {
    municipalityId: uuid('municipality_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    eventId: bigint('event_id', { mode: 'number' }).notNull(),
    txId: xid8('tx_id').notNull(),
    hash: text('hash').notNull(),
    sealedAt: timestamp('sealed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.municipalityId, t.seq] }), unique('audit_seals_event').on(t.municipalityId, t.eventId)],
);
