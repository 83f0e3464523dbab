import { date, index, jsonb, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { complaintAbouts, complaintChannels, complaintStatuses, learningCategories } from '@sammen/domain/decisions';
import { createdAt, tenantRef, tenantTable } from '../../platform/schema.ts';
import { citizens, staff, units } from '../identity/identity.schema.ts';
import { decisions, letters } from './decisions.schema.ts';

// Complaints answered by a person (issue 14): about a decision or about how the citizen was met,
// from any channel, with the personal-contact deadline and — about a decision — the reassessment
// deadline computed on receipt; the contacts; and how it ended, with a learning category.

type Values<T extends readonly string[]> = [T[number], ...T[number][]];

export const complaints = tenantTable(
  'complaints',
  {
    citizenId: uuid('citizen_id').notNull(),
    decisionId: uuid('decision_id'),
    /** The unit that handles it: the decision's unit, or the unit the citizen was met by. */
    unitId: uuid('unit_id').notNull(),
    about: text('about', { enum: ['decision', 'treatment'] as Values<typeof complaintAbouts> }).notNull(),
    channel: text('channel', { enum: ['portal', 'phone', 'letter', 'email', 'meeting'] as Values<typeof complaintChannels> }).notNull(),
    text: text('text').notNull(),
    registeredBy: uuid('registered_by'),
    receivedOn: date('received_on').notNull(),
    contactDue: date('contact_due').notNull(),
    contactDeadline: jsonb('contact_deadline').notNull(),
    reassessmentDue: date('reassessment_due'),
    reassessmentDeadline: jsonb('reassessment_deadline'),
    firstContactOn: date('first_contact_on'),
    status: text('status', { enum: ['open', 'resolvedInDialogue', 'decisionChanged', 'forwarded', 'answered'] as Values<typeof complaintStatuses> }).notNull().default('open'),
    closedOn: date('closed_on'),
    closedBy: uuid('closed_by'),
    citizenWords: text('citizen_words').notNull().default(''),
    answer: text('answer').notNull().default(''),
    newDecisionId: uuid('new_decision_id'),
    forwardedTo: text('forwarded_to'),
    forwardNote: text('forward_note').notNull().default(''),
    learningCategory: text('learning_category', { enum: ['communication', 'waitingTime', 'factsWrong', 'lawApplication', 'treatment', 'coordination', 'other'] as Values<typeof learningCategories> }),
    receiptLetterId: uuid('receipt_letter_id'),
    createdAt: createdAt(),
  },
  (t) => [
    tenantRef(t, t.citizenId, citizens),
    tenantRef(t, t.decisionId, decisions),
    tenantRef(t, t.newDecisionId, decisions),
    tenantRef(t, t.unitId, units),
    tenantRef(t, t.registeredBy, staff),
    tenantRef(t, t.closedBy, staff),
    tenantRef(t, t.receiptLetterId, letters),
    index('complaints_unit').on(t.municipalityId, t.unitId, t.status, t.contactDue),
    index('complaints_citizen').on(t.municipalityId, t.citizenId),
  ],
);

export const complaintContacts = tenantTable(
  'complaint_contacts',
  {
    complaintId: uuid('complaint_id').notNull(),
    kind: text('kind', { enum: ['phone', 'meeting'] }).notNull(),
    contactOn: date('contact_on').notNull(),
    listened: text('listened').notNull(),
    summary: text('summary').notNull(),
    openQuestions: text('open_questions').notNull().default(''),
    agreed: text('agreed').notNull().default(''),
    recordedBy: uuid('recorded_by'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [tenantRef(t, t.complaintId, complaints), tenantRef(t, t.recordedBy, staff), index('complaint_contacts_complaint').on(t.municipalityId, t.complaintId)],
);
