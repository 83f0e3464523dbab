import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, index, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { feedbackKinds } from '@sammen/domain/feedback';
import { createdAt, tenantRef, tenantTable } from '../../platform/schema.ts';
import { appointments } from '../calendar/calendar.schema.ts';
import { citizens, municipalityRef, staff, units } from '../identity/identity.schema.ts';
import { effortArea } from '../plans/plans.schema.ts';

// The citizen's voice after every meeting (issue 15): the municipality's instruments, the
// meetings (with or without an appointment), the ratings given at them — or declined — with the
// alerts they set off, and the single-use links (and tablet sessions) ratings are given through.

export const feedbackKind = pgEnum('feedback_kind', feedbackKinds);

/** An instrument as data (domain/src/feedback.ts `instrumentDefinition`). */
export const feedbackInstruments = tenantTable(
  'feedback_instruments',
  {
    /** `sammen`: shipped with Sammen; `municipality`: entered by the municipality (e.g. a licensed form). */
    origin: text('origin', { enum: ['sammen', 'municipality'] }).notNull(),
    /** = definition.total.kind. */
    kind: feedbackKind('kind').notNull(),
    definition: jsonb('definition').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [municipalityRef(t), tenantRef(t, t.updatedBy, staff), index('feedback_instruments_kind').on(t.municipalityId, t.kind)],
);

/** The expected trajectory's and the links' settings (domain `feedbackSettings`); no row: the defaults. */
export const feedbackSettings = pgTable(
  'feedback_settings',
  {
    municipalityId: uuid('municipality_id').primaryKey(),
    settings: jsonb('settings').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [municipalityRef(t)],
);

/** A meeting (conversation) a unit held with the citizen. A course is the citizen's meetings with one unit. */
export const feedbackMeetings = tenantTable(
  'feedback_meetings',
  {
    citizenId: uuid('citizen_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    staffId: uuid('staff_id').notNull(),
    appointmentId: uuid('appointment_id'),
    /** The plan area it belongs to: another unit sees it when a consent in force names the area. */
    area: effortArea('area').notNull(),
    heldAt: timestamp('held_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    tenantRef(t, t.citizenId, citizens),
    tenantRef(t, t.unitId, units),
    tenantRef(t, t.staffId, staff),
    tenantRef(t, t.appointmentId, appointments),
    uniqueIndex('feedback_meetings_appointment').on(t.municipalityId, t.appointmentId),
    index('feedback_meetings_course').on(t.municipalityId, t.citizenId, t.unitId, t.heldAt),
    index('feedback_meetings_unit').on(t.municipalityId, t.unitId, t.heldAt),
    index('feedback_meetings_held').on(t.municipalityId, t.heldAt),
  ],
);

/**
 * A read model of the courses (a citizen's meetings with one unit): the course's first meeting
 * (conversation order held_at, id) and that meeting's outcome rating when one was given and not
 * declined — what the expected trajectory selects courses by (repository
 * `selectTrajectoryCourses`), found by its index instead of reading every meeting. Kept right in
 * the same transaction by feedback.store.ts (`storeMeeting`, `storeRating`) and, for bulk
 * loads, `fillCourses` (repository).
 */
export const feedbackCourses = pgTable(
  'feedback_courses',
  {
    municipalityId: uuid('municipality_id').notNull(),
    citizenId: uuid('citizen_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    firstMeetingId: uuid('first_meeting_id').notNull(),
    firstHeldAt: timestamp('first_held_at', { withTimezone: true }).notNull(),
    firstOutcomeInstrumentId: uuid('first_outcome_instrument_id'),
    firstOutcomeTotal: doublePrecision('first_outcome_total'),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.citizenId, t.unitId] }),
    tenantRef(t, t.citizenId, citizens),
    tenantRef(t, t.unitId, units),
    tenantRef(t, t.firstMeetingId, feedbackMeetings),
    index('feedback_courses_first_outcome').on(t.municipalityId, t.firstOutcomeInstrumentId, t.firstOutcomeTotal),
  ],
);

/** One rating of a meeting — or the citizen's choice not to rate, which is never a score. */
export const feedbackRatings = tenantTable(
  'feedback_ratings',
  {
    meetingId: uuid('meeting_id').notNull(),
    kind: feedbackKind('kind').notNull(),
    instrumentId: uuid('instrument_id').notNull(),
    declined: boolean('declined').notNull(),
    answers: jsonb('answers'),
    total: doublePrecision('total'),
    givenVia: text('given_via', { enum: ['tablet', 'link'] }).notNull(),
    givenAt: timestamp('given_at', { withTimezone: true }).notNull().defaultNow(),
    /** What the rating set off (domain `FeedbackAlert[]`), computed when it was given. */
    alerts: jsonb('alerts').notNull().default(sql`'[]'::jsonb`),
    alertSeenAt: timestamp('alert_seen_at', { withTimezone: true }),
    alertSeenBy: uuid('alert_seen_by'),
  },
  (t) => [
    tenantRef(t, t.meetingId, feedbackMeetings),
    tenantRef(t, t.instrumentId, feedbackInstruments),
    tenantRef(t, t.alertSeenBy, staff),
    uniqueIndex('feedback_ratings_meeting_kind').on(t.municipalityId, t.meetingId, t.kind),
    index('feedback_ratings_instrument').on(t.municipalityId, t.instrumentId),
    index('feedback_ratings_open_alerts').on(t.municipalityId, t.givenAt).where(sql`${t.alertSeenAt} IS NULL AND ${t.alerts} <> '[]'::jsonb`),
    check('feedback_ratings_declined_no_total', sql`${t.declined} = (${t.total} IS NULL)`),
  ],
);

/** A single-use way in for the citizen: a link sent later, or the citizen mode on the staff member's tablet. The token is stored as its SHA-256 only. */
export const feedbackLinks = tenantTable(
  'feedback_links',
  {
    meetingId: uuid('meeting_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    kinds: text('kinds').array().notNull(),
    mode: text('mode', { enum: ['tablet', 'link'] }).notNull(),
    outcomeInstrumentId: uuid('outcome_instrument_id'),
    meetingInstrumentId: uuid('meeting_instrument_id'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    tenantRef(t, t.meetingId, feedbackMeetings),
    tenantRef(t, t.outcomeInstrumentId, feedbackInstruments),
    tenantRef(t, t.meetingInstrumentId, feedbackInstruments),
    tenantRef(t, t.createdBy, staff),
    uniqueIndex('feedback_links_token').on(t.tokenHash),
  ],
);
