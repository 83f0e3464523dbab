import { boolean, date, index, integer, jsonb, pgEnum, primaryKey, pgTable, text, timestamp, uuid, uniqueIndex, check } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { appointmentStatuses, collisionStatuses } from '@sammen/domain/appointments';
import { collisionKinds } from '@sammen/domain/collisions';
import { createdAt, tenantRef, tenantTable } from '../../platform/schema.ts';
import { citizens, municipalityRef, staff, units } from '../identity/identity.schema.ts';
import { effortArea } from '../plans/plans.schema.ts';

// The citizen's one calendar (issue 13): every unit's appointments and demands on the citizen's
// time, recurring series expanded into rows, the collisions found between them, the limits of
// load, the plan's periods that some demands go against, and the citizen's iCalendar feed.

export const appointmentStatus = pgEnum('appointment_status', appointmentStatuses);
export const collisionStatus = pgEnum('collision_status', collisionStatuses);
export const collisionKind = pgEnum('collision_kind', collisionKinds);
export const planPeriodKind = pgEnum('plan_period_kind', ['exemption', 'priority']);

/** A recurring series as booked; its occurrences are rows in `appointments` with its id. */
export const appointmentSeries = tenantTable(
  'appointment_series',
  {
    citizenId: uuid('citizen_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    /** The recurrence as entered (domain/src/calendar.ts `recurrence`). */
    rule: jsonb('rule').notNull(),
    firstStart: timestamp('first_start', { withTimezone: true }).notNull(),
    firstEnd: timestamp('first_end', { withTimezone: true }).notNull(),
    bookedBy: uuid('booked_by'),
    createdAt: createdAt(),
  },
  (t) => [tenantRef(t, t.citizenId, citizens), tenantRef(t, t.unitId, units), tenantRef(t, t.bookedBy, staff)],
);

export const appointments = tenantTable(
  'appointments',
  {
    citizenId: uuid('citizen_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    seriesId: uuid('series_id'),
    area: effortArea('area'),
    title: text('title').notNull(),
    place: text('place').notNull().default(''),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    travelMinutes: integer('travel_minutes').notNull().default(0),
    mandatory: boolean('mandatory').notNull().default(false),
    consequence: text('consequence').notNull().default(''),
    status: appointmentStatus('status').notNull().default('planned'),
    statusNote: text('status_note').notNull().default(''),
    statusBy: uuid('status_by'),
    statusAt: timestamp('status_at', { withTimezone: true }),
    bookedBy: uuid('booked_by'),
    /** The booker's reason to book although the check found collisions. */
    acceptedCollisionsReason: text('accepted_collisions_reason'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    tenantRef(t, t.citizenId, citizens),
    tenantRef(t, t.unitId, units),
    tenantRef(t, t.seriesId, appointmentSeries),
    tenantRef(t, t.bookedBy, staff),
    tenantRef(t, t.statusBy, staff),
    index('appointments_citizen_start').on(t.municipalityId, t.citizenId, t.startsAt),
    index('appointments_start').on(t.municipalityId, t.startsAt),
    index('appointments_updated').on(t.municipalityId, t.updatedAt),
    check('appointments_end_after_start', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/** Who the citizen meets at an appointment. */
export const appointmentParticipants = pgTable(
  'appointment_participants',
  {
    municipalityId: uuid('municipality_id').notNull(),
    appointmentId: uuid('appointment_id').notNull(),
    staffId: uuid('staff_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.appointmentId, t.staffId] }),
    tenantRef(t, t.appointmentId, appointments),
    tenantRef(t, t.staffId, staff),
    index('appointment_participants_staff').on(t.municipalityId, t.staffId),
  ],
);

/**
 * A collision as found by the booking check or the sweep: the engine's whole record (`record`,
 * domain/src/collisions.ts `collision`), keyed by its stable key per citizen so a sweep upserts.
 * Open until someone resolves it or accepts it with a reason; a collision the sweep no longer
 * finds (an appointment moved or cancelled) is resolved by the system.
 */
export const collisions = tenantTable(
  'collisions',
  {
    citizenId: uuid('citizen_id').notNull(),
    key: text('key').notNull(),
    kind: collisionKind('kind').notNull(),
    record: jsonb('record').notNull(),
    unitIds: uuid('unit_ids').array().notNull(),
    appointmentIds: uuid('appointment_ids').array().notNull(),
    firstStart: timestamp('first_start', { withTimezone: true }).notNull(),
    status: collisionStatus('status').notNull().default('open'),
    statusReason: text('status_reason').notNull().default(''),
    statusBy: uuid('status_by'),
    statusAt: timestamp('status_at', { withTimezone: true }),
    detectedAt: timestamp('detected_at', { withTimezone: true }).notNull().defaultNow(),
    /** Last time a booking check or sweep found it. */
    seenAt: timestamp('seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    tenantRef(t, t.citizenId, citizens),
    tenantRef(t, t.statusBy, staff),
    uniqueIndex('collisions_key').on(t.municipalityId, t.citizenId, t.key),
    // The calendar page's collisions of one citizen in a window: with only the key index the
    // planner, misled by a few citizens with many collisions, scanned (docs/performance.md, issue 13).
    index('collisions_citizen_start').on(t.municipalityId, t.citizenId, t.firstStart),
    index('collisions_open').on(t.municipalityId, t.status, t.firstStart),
  ],
);

/** The municipality's default load limits (domain/src/collisions.ts `loadLimits`). */
export const calendarSettings = pgTable(
  'calendar_settings',
  {
    municipalityId: uuid('municipality_id').primaryKey(),
    loadLimits: jsonb('load_limits').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [municipalityRef(t)],
);

/** A citizen's own, lower limits (e.g. during a crisis), with why and by whom. */
export const citizenLoadLimits = pgTable(
  'citizen_load_limits',
  {
    municipalityId: uuid('municipality_id').notNull(),
    citizenId: uuid('citizen_id').notNull(),
    loadLimits: jsonb('load_limits').notNull(),
    reason: text('reason').notNull(),
    setBy: uuid('set_by'),
    setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.municipalityId, t.citizenId] }), tenantRef(t, t.citizenId, citizens), tenantRef(t, t.setBy, staff)],
);

/** A period of the plan that some units' mandatory demands go against: an exemption, or "this first". */
export const planPeriods = tenantTable(
  'plan_periods',
  {
    citizenId: uuid('citizen_id').notNull(),
    fromDate: date('from_date').notNull(),
    /** Inclusive; null: open-ended. */
    toDate: date('to_date'),
    kind: planPeriodKind('kind').notNull(),
    /** Null: every unit but the coordinating one. */
    unitIds: uuid('unit_ids').array(),
    reason: text('reason').notNull(),
    createdBy: uuid('created_by'),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [tenantRef(t, t.citizenId, citizens), tenantRef(t, t.createdBy, staff), index('plan_periods_citizen').on(t.municipalityId, t.citizenId)],
);

/** The citizen's iCalendar subscription: the SHA-256 of a secret token; renewing replaces it, revoking ends it. */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    municipalityId: uuid('municipality_id').notNull(),
    citizenId: uuid('citizen_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.municipalityId, t.citizenId] }), tenantRef(t, t.citizenId, citizens), uniqueIndex('calendar_feeds_token').on(t.tokenHash)],
);
