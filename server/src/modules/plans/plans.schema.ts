import { bigint, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid, uniqueIndex, check } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { commentTargets, effortKinds, goalStatuses } from '@sammen/domain/plans';
import { effortAreas } from '@sammen/domain/consent';
import { createdAt, tenantRef, tenantTable } from '../../platform/schema.ts';
import { citizens, municipalityRef, staff, units } from '../identity/identity.schema.ts';

export const goalStatus = pgEnum('goal_status', goalStatuses);
export const effortKind = pgEnum('effort_kind', effortKinds);
/** Who wrote or changed something in a plan. Consent rows use it too. */
export const authorKind = pgEnum('author_kind', ['citizen', 'proxy', 'staff', 'system']);
export const commentTarget = pgEnum('comment_target', commentTargets);
/** What an effort is about; consent is given per area (the values live in domain/consent). */
export const effortArea = pgEnum('effort_area', effortAreas);

/**
 * The citizen's one plan. `version` goes up with every change to it or its parts; a write
 * based on an older version is refused. One active plan per citizen (partial unique index).
 */
export const plans = tenantTable(
  'plans',
  {
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
    municipalityRef(t),
    tenantRef(t, t.citizenId, citizens),
    tenantRef(t, t.coordinatorId, staff),
    tenantRef(t, t.coordinatorUnitId, units),
    uniqueIndex('plans_one_active_per_citizen').on(t.municipalityId, t.citizenId).where(sql`status = 'active'`),
    index('plans_coordinator').on(t.municipalityId, t.coordinatorId),
    index('plans_coordinator_unit').on(t.municipalityId, t.coordinatorUnitId),
  ],
);

export const goals = tenantTable(
  'goals',
  {
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
  (t) => [tenantRef(t, t.planId, plans), index('goals_plan').on(t.municipalityId, t.planId)],
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
    tenantRef(t, t.goalId, goals),
    tenantRef(t, t.dependsOnGoalId, goals),
  ],
);

export const efforts = tenantTable(
  'efforts',
  {
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
    tenantRef(t, t.planId, plans),
    tenantRef(t, t.unitId, units),
    tenantRef(t, t.responsibleStaffId, staff),
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
    tenantRef(t, t.effortId, efforts),
    tenantRef(t, t.goalId, goals),
  ],
);

/** Support level over time: rows are added, never changed, so the history stays. */
export const supportLevels = tenantTable(
  'support_levels',
  {
    effortId: uuid('effort_id').notNull(),
    level: text('level').notNull(),
    validFrom: date('valid_from').notNull(),
    note: text('note').notNull().default(''),
    recordedByKind: authorKind('recorded_by_kind').notNull(),
    recordedById: uuid('recorded_by_id'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [tenantRef(t, t.effortId, efforts), index('support_levels_effort').on(t.municipalityId, t.effortId)],
);

export const agreements = tenantTable(
  'agreements',
  {
    planId: uuid('plan_id').notNull(),
    responsibleUnitId: uuid('responsible_unit_id').notNull(),
    text: text('text').notNull(),
    createdAt: createdAt(),
  },
  (t) => [tenantRef(t, t.planId, plans), tenantRef(t, t.responsibleUnitId, units), index('agreements_plan').on(t.municipalityId, t.planId)],
);

export const followUps = tenantTable(
  'follow_ups',
  {
    planId: uuid('plan_id').notNull(),
    staffId: uuid('staff_id').notNull(),
    dueOn: date('due_on').notNull(),
    note: text('note').notNull().default(''),
    doneAt: timestamp('done_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    tenantRef(t, t.planId, plans),
    tenantRef(t, t.staffId, staff),
    index('follow_ups_staff_due').on(t.municipalityId, t.staffId, t.dueOn),
    index('follow_ups_plan').on(t.municipalityId, t.planId),
  ],
);

export const planComments = tenantTable(
  'plan_comments',
  {
    planId: uuid('plan_id').notNull(),
    authorKind: authorKind('author_kind').notNull(),
    authorId: uuid('author_id'),
    targetType: commentTarget('target_type').notNull(),
    targetId: uuid('target_id'),
    text: text('text').notNull(),
    createdAt: createdAt(),
  },
  (t) => [tenantRef(t, t.planId, plans), index('plan_comments_plan').on(t.municipalityId, t.planId)],
);

/**
 * Every change to a plan: who, when, what, before and after. Append-only. Written out by hand:
 * its id is a bigint identity (the order of changes), not a uuid.
 */
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
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    tenantRef(t, t.planId, plans),
    index('plan_changes_plan').on(t.municipalityId, t.planId, t.id),
  ],
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
  (t) => [primaryKey({ columns: [t.municipalityId, t.planId, t.viewerKind, t.viewerId] }), tenantRef(t, t.planId, plans)],
);

/**
 * A unit asks to be involved in a citizen's plan it cannot see (it found that the citizen already
 * has one). The plan's coordinator accepts or declines; an accepted request involves the unit like
 * an effort does — it sees what consents name, and its own work.
 */
export const involvementRequests = tenantTable(
  'involvement_requests',
  {
    planId: uuid('plan_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    requestedById: uuid('requested_by_id').notNull(),
    reason: text('reason').notNull(),
    createdAt: createdAt(),
    decision: text('decision', { enum: ['accepted', 'declined'] }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedById: uuid('decided_by_id'),
    decisionNote: text('decision_note').notNull().default(''),
  },
  (t) => [
    tenantRef(t, t.planId, plans),
    tenantRef(t, t.unitId, units),
    tenantRef(t, t.requestedById, staff),
    tenantRef(t, t.decidedById, staff),
    index('involvement_requests_plan_unit').on(t.municipalityId, t.planId, t.unitId),
    // One open request per unit and plan: asking twice does not queue twice.
    uniqueIndex('involvement_requests_one_open').on(t.municipalityId, t.planId, t.unitId).where(sql`decision IS NULL`),
  ],
);

/**
 * The plan's read model (decisions/0008): the plan as JSON text, ready to send, split into the
 * parts that consent governs — rebuilt from the tables in the same transaction as every change
 * to the plan (`changePlan`, `createPlan`), so a committed read can never see it stale. The page
 * read (`selectPlanPageFromDocument`) picks the parts this reader may see from the live consents
 * and involvements, writes the access-log row and the "last seen" mark, and returns the text.
 * What depends on the reader or on today — what they may see, their own follow-ups and
 * comments, what is new to them, the municipality's LIX threshold — is never stored here.
 *
 * Text parts are JSON values (`life_story` and `wishes` may be SQL NULL: not written yet);
 * per-entry parts are parallel arrays, one element per effort, follow-up or comment in display
 * order, with what decides whether a reader may see it next to it.
 */
export const planDocuments = pgTable(
  'plan_documents',
  {
    municipalityId: uuid('municipality_id').notNull(),
    planId: uuid('plan_id').notNull(),
    /**
     * The plan version and the newest history row this document was built from. Every change to
     * a plan adds a history row (a comment too, which keeps the version), so a document whose
     * marks differ from the plan's is stale: the read does not use it but rebuilds it first.
     */
    version: integer('version').notNull(),
    lastChangeId: bigint('last_change_id', { mode: 'number' }).notNull(),
    /** `"id":…,"version":…,"createdAt":…,"updatedAt":…,"citizen":{…},"coordinator":{…}` — members every reader sees. */
    head: text('head').notNull(),
    lifeStory: text('life_story'),
    wishes: text('wishes'),
    disagreementProcedure: text('disagreement_procedure').notNull(),
    /** The goals as a JSON array, `waiting` marked (domain `waitingGoals`). */
    goals: text('goals').notNull(),
    effortUnitIds: uuid('effort_unit_ids').array().notNull(),
    effortAreas: text('effort_areas').array().notNull(),
    /** Each effort as JSON, with its goal links, and without them (for a reader who may not see goals). */
    efforts: text('efforts').array().notNull(),
    effortsWithoutGoals: text('efforts_without_goals').array().notNull(),
    agreements: text('agreements').notNull(),
    followUpStaffIds: uuid('follow_up_staff_ids').array().notNull(),
    followUps: text('follow_ups').array().notNull(),
    commentAuthorKinds: text('comment_author_kinds').array().notNull(),
    commentAuthorIds: uuid('comment_author_ids').array().notNull(),
    comments: text('comments').array().notNull(),
    builtAt: timestamp('built_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.municipalityId, t.planId] }), tenantRef(t, t.planId, plans)],
);
