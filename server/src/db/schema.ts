import {
  bigint,
  boolean,
  customType,
  date,
  foreignKey,
  integer,
  index,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
  uniqueIndex,
  check,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { proxyScopes, staffRoles } from '@sammen/domain/access';
import { unitKinds } from '@sammen/domain/identity';
import { commentTargets, effortKinds, goalStatuses } from '@sammen/domain/plans';
import { consentMethods, effortAreas, planSections } from '@sammen/domain/consent';

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
  /** Text written for citizens above this LIX gets a warning while it is written. */
  lixThreshold: integer('lix_threshold').notNull().default(45),
  /** Whether "Hvem har kigget" shows the reader's name, or only unit and role. */
  accessLogShowsNames: boolean('access_log_shows_names').notNull().default(true),
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

// ---- Plans ------------------------------------------------------------------------------

export const goalStatus = pgEnum('goal_status', goalStatuses);
export const effortKind = pgEnum('effort_kind', effortKinds);
export const authorKind = pgEnum('author_kind', ['citizen', 'proxy', 'staff', 'system']);
export const commentTarget = pgEnum('comment_target', commentTargets);
export const effortArea = pgEnum('effort_area', effortAreas);
export const planSection = pgEnum('plan_section', planSections);
export const consentMethod = pgEnum('consent_method', consentMethods);

const tenantKey = (t: { municipalityId: AnyPgColumn; id: AnyPgColumn }) => primaryKey({ columns: [t.municipalityId, t.id] });

/**
 * The citizen's one plan. `version` goes up with every change to it or its parts; a write
 * based on an older version is refused. One active plan per citizen (partial unique index).
 */
export const plans = pgTable(
  'plans',
  {
    municipalityId: uuid('municipality_id').notNull().references(() => municipalities.id),
    id: uuid('id').notNull().defaultRandom(),
    citizenId: uuid('citizen_id').notNull(),
    status: text('status', { enum: ['active', 'closed'] }).notNull().default('active'),
    version: integer('version').notNull().default(1),
    coordinatorId: uuid('coordinator_id').notNull(),
    coordinatorUnitId: uuid('coordinator_unit_id').notNull(),
    lifeStory: text('life_story'),
    lifeStoryAuthorKind: authorKind('life_story_author_kind'),
    lifeStoryAuthorId: uuid('life_story_author_id'),
    lifeStoryUpdatedAt: timestamp('life_story_updated_at', { withTimezone: true }),
    wishes: text('wishes'),
    wishesAuthorKind: authorKind('wishes_author_kind'),
    wishesAuthorId: uuid('wishes_author_id'),
    wishesUpdatedAt: timestamp('wishes_updated_at', { withTimezone: true }),
    disagreementProcedure: text('disagreement_procedure').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    tenantKey(t),
    foreignKey({ columns: [t.municipalityId, t.citizenId], foreignColumns: [citizens.municipalityId, citizens.id] }),
    foreignKey({ columns: [t.municipalityId, t.coordinatorId], foreignColumns: [staff.municipalityId, staff.id] }),
    foreignKey({ columns: [t.municipalityId, t.coordinatorUnitId], foreignColumns: [units.municipalityId, units.id] }),
    uniqueIndex('plans_one_active_per_citizen').on(t.municipalityId, t.citizenId).where(sql`status = 'active'`),
    index('plans_coordinator').on(t.municipalityId, t.coordinatorId),
    index('plans_coordinator_unit').on(t.municipalityId, t.coordinatorUnitId),
  ],
);

const planRef = (t: { municipalityId: AnyPgColumn; planId: AnyPgColumn }) =>
  foreignKey({ columns: [t.municipalityId, t.planId], foreignColumns: [plans.municipalityId, plans.id] });

export const goals = pgTable(
  'goals',
  {
    municipalityId: uuid('municipality_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    planId: uuid('plan_id').notNull(),
    position: integer('position').notNull(),
    /** The goal in the citizen's own words. */
    wording: text('wording').notNull(),
    wordingAuthorKind: authorKind('wording_author_kind').notNull(),
    wordingAuthorId: uuid('wording_author_id'),
    professionalDescription: text('professional_description').notNull().default(''),
    classificationCode: text('classification_code'),
    status: goalStatus('status').notNull().default('not_started'),
    statusChangedByKind: authorKind('status_changed_by_kind').notNull(),
    statusChangedById: uuid('status_changed_by_id'),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [tenantKey(t), planRef(t), index('goals_plan').on(t.municipalityId, t.planId)],
);

export const goalDependencies = pgTable(
  'goal_dependencies',
  {
    municipalityId: uuid('municipality_id').notNull(),
    goalId: uuid('goal_id').notNull(),
    dependsOnGoalId: uuid('depends_on_goal_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.goalId, t.dependsOnGoalId] }),
    foreignKey({ columns: [t.municipalityId, t.goalId], foreignColumns: [goals.municipalityId, goals.id] }),
    foreignKey({ columns: [t.municipalityId, t.dependsOnGoalId], foreignColumns: [goals.municipalityId, goals.id] }),
  ],
);

export const efforts = pgTable(
  'efforts',
  {
    municipalityId: uuid('municipality_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    planId: uuid('plan_id').notNull(),
    /** The unit or partner that delivers the effort. */
    unitId: uuid('unit_id').notNull(),
    responsibleStaffId: uuid('responsible_staff_id'),
    title: text('title').notNull(),
    kind: effortKind('kind').notNull().default('effort'),
    /** What the effort is about; other units see it only with consent for this area. */
    area: effortArea('area').notNull().default('other'),
    legalBasis: text('legal_basis').notNull().default(''),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on'),
    createdAt: createdAt(),
  },
  (t) => [
    tenantKey(t),
    planRef(t),
    foreignKey({ columns: [t.municipalityId, t.unitId], foreignColumns: [units.municipalityId, units.id] }),
    foreignKey({ columns: [t.municipalityId, t.responsibleStaffId], foreignColumns: [staff.municipalityId, staff.id] }),
    index('efforts_plan').on(t.municipalityId, t.planId),
    index('efforts_unit').on(t.municipalityId, t.unitId, t.planId),
    check('efforts_end_after_start', sql`ends_on IS NULL OR ends_on >= starts_on`),
  ],
);

export const effortGoals = pgTable(
  'effort_goals',
  {
    municipalityId: uuid('municipality_id').notNull(),
    effortId: uuid('effort_id').notNull(),
    goalId: uuid('goal_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.effortId, t.goalId] }),
    foreignKey({ columns: [t.municipalityId, t.effortId], foreignColumns: [efforts.municipalityId, efforts.id] }),
    foreignKey({ columns: [t.municipalityId, t.goalId], foreignColumns: [goals.municipalityId, goals.id] }),
  ],
);

/** Support level over time: rows are added, never changed, so the history stays. */
export const supportLevels = pgTable(
  'support_levels',
  {
    municipalityId: uuid('municipality_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    effortId: uuid('effort_id').notNull(),
    level: text('level').notNull(),
    validFrom: date('valid_from').notNull(),
    note: text('note').notNull().default(''),
    recordedByKind: authorKind('recorded_by_kind').notNull(),
    recordedById: uuid('recorded_by_id'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    tenantKey(t),
    foreignKey({ columns: [t.municipalityId, t.effortId], foreignColumns: [efforts.municipalityId, efforts.id] }),
    index('support_levels_effort').on(t.municipalityId, t.effortId),
  ],
);

export const agreements = pgTable(
  'agreements',
  {
    municipalityId: uuid('municipality_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    planId: uuid('plan_id').notNull(),
    responsibleUnitId: uuid('responsible_unit_id').notNull(),
    text: text('text').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    tenantKey(t),
    planRef(t),
    foreignKey({ columns: [t.municipalityId, t.responsibleUnitId], foreignColumns: [units.municipalityId, units.id] }),
    index('agreements_plan').on(t.municipalityId, t.planId),
  ],
);

export const followUps = pgTable(
  'follow_ups',
  {
    municipalityId: uuid('municipality_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    planId: uuid('plan_id').notNull(),
    staffId: uuid('staff_id').notNull(),
    dueOn: date('due_on').notNull(),
    note: text('note').notNull().default(''),
    doneAt: timestamp('done_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    tenantKey(t),
    planRef(t),
    foreignKey({ columns: [t.municipalityId, t.staffId], foreignColumns: [staff.municipalityId, staff.id] }),
    index('follow_ups_staff_due').on(t.municipalityId, t.staffId, t.dueOn),
    index('follow_ups_plan').on(t.municipalityId, t.planId),
  ],
);

export const planComments = pgTable(
  'plan_comments',
  {
    municipalityId: uuid('municipality_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    planId: uuid('plan_id').notNull(),
    authorKind: authorKind('author_kind').notNull(),
    authorId: uuid('author_id'),
    targetType: commentTarget('target_type').notNull(),
    targetId: uuid('target_id'),
    text: text('text').notNull(),
    createdAt: createdAt(),
  },
  (t) => [tenantKey(t), planRef(t), index('plan_comments_plan').on(t.municipalityId, t.planId)],
);

/** Every change to a plan: who, when, what, before and after. Append-only. */
export const planChanges = pgTable(
  'plan_changes',
  {
    municipalityId: uuid('municipality_id').notNull(),
    id: bigint('id', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    planId: uuid('plan_id').notNull(),
    version: integer('version').notNull(),
    actorKind: authorKind('actor_kind').notNull(),
    actorId: uuid('actor_id'),
    changeType: text('change_type').notNull(),
    targetType: text('target_type').notNull(),
    targetId: uuid('target_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [tenantKey(t), planRef(t), index('plan_changes_plan').on(t.municipalityId, t.planId, t.id)],
);

/** How far each person has read a plan's history, for "what changed since you last looked". */
export const planViews = pgTable(
  'plan_views',
  {
    municipalityId: uuid('municipality_id').notNull(),
    planId: uuid('plan_id').notNull(),
    viewerKind: authorKind('viewer_kind').notNull(),
    viewerId: uuid('viewer_id').notNull(),
    lastSeenChangeId: bigint('last_seen_change_id', { mode: 'number' }).notNull(),
    seenAt: timestamp('seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.municipalityId, t.planId, t.viewerKind, t.viewerId] }), planRef(t)],
);

// ---- Consent ----------------------------------------------------------------------------

/**
 * A consent: which sections of the citizen's plan a unit or partner may see, for what purpose,
 * from `starts_on` until (not including) `ends_on`. Proposed by staff (given_at null) or given.
 * Active is decided at read time from the dates and revoked_at: no job has to run.
 */
export const consents = pgTable(
  'consents',
  {
    municipalityId: uuid('municipality_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    citizenId: uuid('citizen_id').notNull(),
    recipientUnitId: uuid('recipient_unit_id').notNull(),
    sections: planSection('sections').array().notNull(),
    purpose: text('purpose').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on'),
    method: consentMethod('method').notNull(),
    note: text('note').notNull().default(''),
    proposedByStaffId: uuid('proposed_by_staff_id'),
    givenAt: timestamp('given_at', { withTimezone: true }),
    givenByKind: authorKind('given_by_kind'),
    givenById: uuid('given_by_id'),
    recordedByStaffId: uuid('recorded_by_staff_id'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedByKind: authorKind('revoked_by_kind'),
    revokedById: uuid('revoked_by_id'),
    createdAt: createdAt(),
  },
  (t) => [
    tenantKey(t),
    foreignKey({ columns: [t.municipalityId, t.citizenId], foreignColumns: [citizens.municipalityId, citizens.id] }),
    foreignKey({ columns: [t.municipalityId, t.recipientUnitId], foreignColumns: [units.municipalityId, units.id] }),
    index('consents_citizen_recipient').on(t.municipalityId, t.citizenId, t.recipientUnitId),
    check('consents_end_after_start', sql`ends_on IS NULL OR ends_on > starts_on`),
    check('consents_has_sections', sql`cardinality(sections) > 0`),
  ],
);

/** Access without consent for an urgent, recorded reason, for a limited time; reviewed by a leader. */
export const breakGlass = pgTable(
  'break_glass',
  {
    municipalityId: uuid('municipality_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    citizenId: uuid('citizen_id').notNull(),
    planId: uuid('plan_id').notNull(),
    staffId: uuid('staff_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    reason: text('reason').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedById: uuid('reviewed_by_id'),
    reviewNote: text('review_note').notNull().default(''),
  },
  (t) => [
    tenantKey(t),
    planRef(t),
    foreignKey({ columns: [t.municipalityId, t.staffId], foreignColumns: [staff.municipalityId, staff.id] }),
    foreignKey({ columns: [t.municipalityId, t.unitId], foreignColumns: [units.municipalityId, units.id] }),
    index('break_glass_staff_plan').on(t.municipalityId, t.staffId, t.planId),
    index('break_glass_unit').on(t.municipalityId, t.unitId, t.startedAt),
  ],
);
