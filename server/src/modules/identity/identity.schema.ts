import { boolean, date, foreignKey, integer, pgEnum, pgTable, primaryKey, text, timestamp, unique, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { proxyScopes, staffRoles } from '@sammen/domain/access';
import { unitKinds } from '@sammen/domain/identity';
import { bytea, createdAt, tenantRef, tenantTable } from '../../platform/schema.ts';

// The municipality, its units, its staff and their roles, its citizens and their proxies.

export const staffRole = pgEnum('staff_role', staffRoles);
export const unitKind = pgEnum('unit_kind', unitKinds);
export const proxyScope = pgEnum('proxy_scope', proxyScopes);
/** Who did something: a person identity knows, or the system. Sessions and audit rows use it too. */
export const actorKind = pgEnum('actor_kind', ['staff', 'citizen', 'proxy', 'system']);

export const municipalities = pgTable('municipalities', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** The official three-digit municipality code (kommunekode). */
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  /** Text written for citizens above this LIX gets a warning while it is written. */
  lixThreshold: integer('lix_threshold').notNull().default(45),
  /** Whether "Hvem har kigget" shows the reader's name, or only unit and role. */
  accessLogShowsNames: boolean('access_log_shows_names').notNull().default(true),
  createdAt: createdAt(),
});

/**
 * municipality_id → municipalities(id), for the tables that have it (units, staff, citizens,
 * plans; sessions and audit_events declare it on the column). Their children reach the
 * municipality through their (municipality_id, …) keys instead.
 */
export const municipalityRef = (t: { municipalityId: AnyPgColumn }) =>
  foreignKey({ columns: [t.municipalityId], foreignColumns: [municipalities.id] });

export const units = tenantTable(
  'units',
  {
    parentId: uuid('parent_id'),
    name: text('name').notNull(),
    kind: unitKind('kind').notNull(),
    isPartner: boolean('is_partner').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [municipalityRef(t), tenantRef(t, t.parentId, t)],
);

export const staff = tenantTable(
  'staff',
  {
    name: text('name').notNull(),
    title: text('title').notNull(),
    email: text('email'),
    oidcIssuer: text('oidc_issuer'),
    oidcSubject: text('oidc_subject'),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [municipalityRef(t), unique('staff_oidc_identity').on(t.oidcIssuer, t.oidcSubject)],
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
    tenantRef(t, t.staffId, staff),
    tenantRef(t, t.unitId, units),
  ],
);

export const citizens = tenantTable(
  'citizens',
  {
    name: text('name').notNull(),
    birthDate: date('birth_date').notNull(),
    /** AES-256-GCM ciphertext of the CPR number (iv | tag | ciphertext). */
    cprEncrypted: bytea('cpr_encrypted').notNull(),
    /** HMAC-SHA256 of the CPR number, for look-up without decrypting. */
    cprHash: text('cpr_hash').notNull(),
    createdAt: createdAt(),
  },
  (t) => [municipalityRef(t), unique('citizens_cpr_hash').on(t.municipalityId, t.cprHash)],
);

export const proxies = tenantTable(
  'proxies',
  {
    citizenId: uuid('citizen_id').notNull(),
    name: text('name').notNull(),
    /** e.g. "mor", "værge" — in the citizen's words. */
    relation: text('relation').notNull(),
    cprHash: text('cpr_hash'),
    scopes: proxyScope('scopes').array().notNull(),
    /** A guardian of a minor (forældremyndighed): manages the minor's relatives, within their own scopes. */
    guardian: boolean('guardian').notNull().default(false),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull().defaultNow(),
    validTo: timestamp('valid_to', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [tenantRef(t, t.citizenId, citizens)],
);
