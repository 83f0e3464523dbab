import { date, index, pgEnum, text, timestamp, uuid, check } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { consentMethods, planSections } from '@sammen/domain/consent';
import { createdAt, tenantRef, tenantTable } from '../../platform/schema.ts';
import { citizens, staff, units } from '../identity/identity.schema.ts';
import { authorKind, plans } from '../plans/plans.schema.ts';

export const planSection = pgEnum('plan_section', planSections);
export const consentMethod = pgEnum('consent_method', consentMethods);

/**
 * A consent: which sections of the citizen's plan a unit or partner may see, for what purpose,
 * from `starts_on` until (not including) `ends_on`. Proposed by staff (given_at null) or given;
 * a proposal may be declined instead (declined_at).
 * Active is decided at read time from the dates and revoked_at: no job has to run.
 */
export const consents = tenantTable(
  'consents',
  {
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
    /** The citizen said no to a proposal; the reason (may be empty) is shown to the proposer. */
    declinedAt: timestamp('declined_at', { withTimezone: true }),
    declinedByKind: authorKind('declined_by_kind'),
    declinedById: uuid('declined_by_id'),
    declineReason: text('decline_reason').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    tenantRef(t, t.citizenId, citizens),
    tenantRef(t, t.recipientUnitId, units),
    index('consents_citizen_recipient').on(t.municipalityId, t.citizenId, t.recipientUnitId),
    check('consents_end_after_start', sql`ends_on IS NULL OR ends_on > starts_on`),
    check('consents_has_sections', sql`cardinality(sections) > 0`),
    check('consents_declined_only_proposals', sql`declined_at IS NULL OR given_at IS NULL`),
  ],
);

/** Access without consent for an urgent, recorded reason, for a limited time; reviewed by a leader. */
export const breakGlass = tenantTable(
  'break_glass',
  {
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
    tenantRef(t, t.planId, plans),
    tenantRef(t, t.staffId, staff),
    tenantRef(t, t.unitId, units),
    index('break_glass_staff_plan').on(t.municipalityId, t.staffId, t.planId),
    index('break_glass_unit').on(t.municipalityId, t.unitId, t.startedAt),
  ],
);
