import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { decisionOutcomes, dialogueKinds, letterKinds, requestStatuses, urgencies } from '@sammen/domain/decisions';
import { createdAt, tenantRef, tenantTable } from '../../platform/schema.ts';
import { citizens, municipalityRef, staff, units } from '../identity/identity.schema.ts';

// Decisions made in dialogue (issue 14): the municipality's decision types and deadline setting,
// requests with their deadline clock, the dialogue contacts before a negative decision, the
// decisions (a draft, then issued), the letters in the local outbox, and the reminders the
// background job has raised (once per deadline). Complaints are modules/complaints.

type Values<T extends readonly string[]> = [T[number], ...T[number][]];

export const decisionTypes = tenantTable(
  'decision_types',
  {
    name: text('name').notNull(),
    legalBasis: text('legal_basis').notNull(),
    /** domain/src/deadlines.ts `deadlinePeriod`. */
    processingDeadline: jsonb('processing_deadline').notNull(),
    unitId: uuid('unit_id').notNull(),
    appealBody: text('appeal_body').notNull(),
    complaintDeadline: jsonb('complaint_deadline').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [tenantRef(t, t.unitId, units), uniqueIndex('decision_types_name').on(t.municipalityId, t.name)],
);

/** The municipality's deadline setting: which extra days are closed, the personal-contact deadline on complaints. */
export const caseSettings = pgTable(
  'case_settings',
  {
    municipalityId: uuid('municipality_id').primaryKey(),
    workingDayRules: jsonb('working_day_rules').notNull(),
    personalContactDays: integer('personal_contact_days').notNull().default(2),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [municipalityRef(t)],
);

export const decisionRequests = tenantTable(
  'decision_requests',
  {
    citizenId: uuid('citizen_id').notNull(),
    decisionTypeId: uuid('decision_type_id').notNull(),
    /** The unit that decides (the decision type's unit when registered). */
    unitId: uuid('unit_id').notNull(),
    description: text('description').notNull(),
    urgency: text('urgency', { enum: ['normal', 'urgent'] as Values<typeof urgencies> }).notNull().default('normal'),
    urgencyNote: text('urgency_note').notNull().default(''),
    byCitizen: boolean('by_citizen').notNull().default(false),
    registeredBy: uuid('registered_by'),
    /** The unit the registering staff member worked in: it follows the request too. */
    requesterUnitId: uuid('requester_unit_id'),
    onBehalfOf: uuid('on_behalf_of'),
    receivedOn: date('received_on').notNull(),
    dueOn: date('due_on').notNull(),
    /** The deadline as computed on receipt (deadlines.ts `deadlineView`): a later change of the setting does not move it. */
    deadline: jsonb('deadline').notNull(),
    status: text('status', { enum: ['open', 'decided', 'withdrawn'] as Values<typeof requestStatuses> }).notNull().default('open'),
    decidedOn: date('decided_on'),
    createdAt: createdAt(),
  },
  (t) => [
    tenantRef(t, t.citizenId, citizens),
    tenantRef(t, t.decisionTypeId, decisionTypes),
    tenantRef(t, t.unitId, units),
    tenantRef(t, t.requesterUnitId, units),
    tenantRef(t, t.registeredBy, staff),
    tenantRef(t, t.onBehalfOf, staff),
    index('decision_requests_unit').on(t.municipalityId, t.unitId, t.status, t.dueOn),
    index('decision_requests_requester').on(t.municipalityId, t.requesterUnitId, t.status),
    index('decision_requests_citizen').on(t.municipalityId, t.citizenId),
  ],
);

export const dialogueContacts = tenantTable(
  'dialogue_contacts',
  {
    requestId: uuid('request_id').notNull(),
    citizenId: uuid('citizen_id').notNull(),
    kind: text('kind', { enum: ['phone', 'meeting', 'notPossible'] as Values<typeof dialogueKinds> }).notNull(),
    contactOn: date('contact_on'),
    factsChecked: text('facts_checked').notNull().default(''),
    citizenProposal: text('citizen_proposal').notNull().default(''),
    alternatives: text('alternatives').notNull().default(''),
    agreedSummary: text('agreed_summary').notNull().default(''),
    servesAsHearing: boolean('serves_as_hearing').notNull().default(false),
    reason: text('reason').notNull().default(''),
    attempts: jsonb('attempts').notNull().default(sql`'[]'::jsonb`),
    recordedBy: uuid('recorded_by'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [tenantRef(t, t.requestId, decisionRequests), tenantRef(t, t.citizenId, citizens), tenantRef(t, t.recordedBy, staff), index('dialogue_contacts_request').on(t.municipalityId, t.requestId)],
);

export const decisions = tenantTable(
  'decisions',
  {
    requestId: uuid('request_id').notNull(),
    citizenId: uuid('citizen_id').notNull(),
    decisionTypeId: uuid('decision_type_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    status: text('status', { enum: ['draft', 'issued'] }).notNull().default('draft'),
    outcome: text('outcome', { enum: ['granted', 'partlyGranted', 'refused'] as Values<typeof decisionOutcomes> }).notNull(),
    legalBasis: text('legal_basis').notNull(),
    considerations: text('considerations').notNull(),
    keyFacts: text('key_facts').notNull(),
    lix: integer('lix').notNull(),
    /** [{ effortId, link: 'grants' | 'ends' }] */
    efforts: jsonb('efforts').notNull().default(sql`'[]'::jsonb`),
    decidedOn: date('decided_on'),
    decidedBy: uuid('decided_by'),
    /** The dialogue contact the negative decision rests on. */
    dialogueContactId: uuid('dialogue_contact_id'),
    appealGuidance: text('appeal_guidance').notNull().default(''),
    complaintDeadline: jsonb('complaint_deadline'),
    replacesDecisionId: uuid('replaces_decision_id'),
    letterId: uuid('letter_id'),
    draftedBy: uuid('drafted_by'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    tenantRef(t, t.requestId, decisionRequests),
    tenantRef(t, t.citizenId, citizens),
    tenantRef(t, t.decisionTypeId, decisionTypes),
    tenantRef(t, t.unitId, units),
    tenantRef(t, t.decidedBy, staff),
    tenantRef(t, t.draftedBy, staff),
    tenantRef(t, t.dialogueContactId, dialogueContacts),
    index('decisions_citizen').on(t.municipalityId, t.citizenId),
    index('decisions_request').on(t.municipalityId, t.requestId),
    // One draft per request at a time.
    uniqueIndex('decisions_one_draft').on(t.municipalityId, t.requestId).where(sql`status = 'draft'`),
  ],
);

/**
 * Letters to the citizen, printable as HTML and kept in a local outbox until a Digital Post
 * adapter sends them (decisions.letters.ts `LetterChannel`).
 */
export const letters = tenantTable(
  'letters',
  {
    citizenId: uuid('citizen_id').notNull(),
    kind: text('kind', { enum: ['deadlineBreach', 'decision', 'complaintReceipt'] as Values<typeof letterKinds> }).notNull(),
    subjectType: text('subject_type', { enum: ['request', 'decision', 'complaint'] }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    lix: integer('lix').notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    status: text('status', { enum: ['outbox', 'sent'] }).notNull().default('outbox'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [tenantRef(t, t.citizenId, citizens), tenantRef(t, t.createdBy, staff), index('letters_citizen').on(t.municipalityId, t.citizenId), index('letters_subject').on(t.municipalityId, t.subjectType, t.subjectId)],
);

/**
 * A reminder the background job raised about a deadline: once per subject, kind and due date
 * (the unique key makes a second process's attempt a no-op), shown in the work list.
 */
export const caseReminders = tenantTable(
  'case_reminders',
  {
    subjectType: text('subject_type', { enum: ['request', 'complaint'] }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    citizenId: uuid('citizen_id').notNull(),
    kind: text('kind').notNull(),
    dueOn: date('due_on').notNull(),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [tenantRef(t, t.citizenId, citizens), uniqueIndex('case_reminders_once').on(t.municipalityId, t.subjectType, t.subjectId, t.kind, t.dueOn)],
);
