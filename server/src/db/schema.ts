import {
  bigint,
  boolean,
  customType,
  date,
  foreignKey,
  index,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { proxyScopes, staffRoles } from '@sammen/domain/access';
import { unitKinds } from '@sammen/domain/identity';

// Every tenant table carries municipality_id; keys are (municipality_id, id) and foreign keys
// include municipality_id, so a row can never point into another municipality.

/** PostgreSQL's 64-bit transaction id; read as text so both drivers agree. */
const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v),
});

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const staffRole = pgEnum('staff_role', staffRoles);
export const unitKind = pgEnum('unit_kind', unitKinds);
export const actorKind = pgEnum('actor_kind', ['staff', 'citizen', 'proxy', 'system']);

export const municipalities = pgTable('municipalities', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** The official three-digit municipality code (kommunekode). */
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

export const units = pgTable(
  'units',
  {
    municipalityId: uuid('municipality_id').notNull().references(() => municipalities.id),
    id: uuid('id').notNull().defaultRandom(),
    parentId: uuid('parent_id'),
    name: text('name').notNull(),
    kind: unitKind('kind').notNull(),
    isPartner: boolean('is_partner').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    foreignKey({ columns: [t.municipalityId, t.parentId], foreignColumns: [t.municipalityId, t.id] }),
  ],
);

export const staff = pgTable(
  'staff',
  {
    municipalityId: uuid('municipality_id').notNull().references(() => municipalities.id),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    title: text('title').notNull(),
    email: text('email'),
    oidcIssuer: text('oidc_issuer'),
    oidcSubject: text('oidc_subject'),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.municipalityId, t.id] }), unique('staff_oidc_identity').on(t.oidcIssuer, t.oidcSubject)],
);

export const staffRoleAssignments = pgTable(
  'staff_roles',
  {
    municipalityId: uuid('municipality_id').notNull(),
    staffId: uuid('staff_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    role: staffRole('role').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.staffId, t.unitId, t.role] }),
    foreignKey({ columns: [t.municipalityId, t.staffId], foreignColumns: [staff.municipalityId, staff.id] }),
    foreignKey({ columns: [t.municipalityId, t.unitId], foreignColumns: [units.municipalityId, units.id] }),
  ],
);

export const citizens = pgTable(
  'citizens',
  {
    municipalityId: uuid('municipality_id').notNull().references(() => municipalities.id),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    birthDate: date('birth_date').notNull(),
    /** AES-256-GCM ciphertext of the CPR number (iv | tag | ciphertext). */
    cprEncrypted: bytea('cpr_encrypted').notNull(),
    /** HMAC-SHA256 of the CPR number, for look-up without decrypting. */
    cprHash: text('cpr_hash').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.municipalityId, t.id] }), unique('citizens_cpr_hash').on(t.municipalityId, t.cprHash)],
);

export const proxyScope = pgEnum('proxy_scope', proxyScopes);

export const proxies = pgTable(
  'proxies',
  {
    municipalityId: uuid('municipality_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    citizenId: uuid('citizen_id').notNull(),
    name: text('name').notNull(),
    /** e.g. "mor", "værge" — in the citizen's words. */
    relation: text('relation').notNull(),
    cprHash: text('cpr_hash'),
    scopes: proxyScope('scopes').array().notNull(),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull().defaultNow(),
    validTo: timestamp('valid_to', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    foreignKey({ columns: [t.municipalityId, t.citizenId], foreignColumns: [citizens.municipalityId, citizens.id] }),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie token; the token itself is never stored. */
    id: text('id').primaryKey(),
    municipalityId: uuid('municipality_id').notNull().references(() => municipalities.id),
    actorKind: actorKind('actor_kind').notNull(),
    actorId: uuid('actor_id').notNull(),
    /** For staff: the unit they are working in now. */
    unitId: uuid('unit_id'),
    loginMethod: text('login_method').notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [index('sessions_actor').on(t.municipalityId, t.actorKind, t.actorId)],
);

/** One pending OpenID Connect login: single-use state, nonce and PKCE verifier. */
export const loginFlows = pgTable('login_flows', {
  stateHash: text('state_hash').primaryKey(),
  nonce: text('nonce').notNull(),
  codeVerifier: text('code_verifier').notNull(),
  createdAt: createdAt(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});

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
