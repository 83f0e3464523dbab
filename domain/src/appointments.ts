import { z } from 'zod';
import { bookingInput } from './calendar.ts';
import { collisionView, loadLimits, planPeriod } from './collisions.ts';
import { calendarDate, optionalText, requiredText } from './fields.ts';
import { id } from './identity.ts';
import { effortArea } from './plans.ts';

// The calendar's API contracts: appointments as staff and the citizen see them, booking (with
// the collision check the booker sees before saving), attendance, stored collisions with their
// status, load limits and the plan's periods, and the citizen's iCalendar subscription.
// The engine is calendar.ts and collisions.ts; this file is what travels over HTTP.

export const appointmentStatuses = ['planned', 'attended', 'missed', 'cancelled_by_citizen', 'cancelled_by_unit'] as const;
export const appointmentStatus = z.enum(appointmentStatuses);
export type AppointmentStatus = z.infer<typeof appointmentStatus>;

const person = z.object({ id, name: z.string() });

/**
 * An appointment as one reader sees it. Another unit's appointment that the reader's consent
 * does not cover is `hidden`: its times, whether it is mandatory and its unit's name are shown
 * ("that and when"), the rest is blank.
 */
export const appointmentView = z.object({
  id,
  seriesId: id.nullable(),
  hidden: z.boolean(),
  unit: z.object({ id, name: z.string() }),
  /** The area of the plan it belongs to; decides which consent shows it to other units. */
  area: effortArea.nullable(),
  title: z.string(),
  place: z.string(),
  start: z.string(),
  end: z.string(),
  travelMinutes: z.number().int(),
  mandatory: z.boolean(),
  /** What happens if a mandatory appointment is missed, e.g. "Nedsættelse af kontanthjælp". */
  consequence: z.string(),
  /** Who the citizen meets. */
  with: z.array(person),
  status: appointmentStatus,
  statusNote: z.string(),
  /** Open collisions this appointment is part of. */
  collisionIds: z.array(id),
});
export type AppointmentView = z.infer<typeof appointmentView>;

export const collisionStatuses = ['open', 'resolved', 'accepted'] as const;
export const collisionStatus = z.enum(collisionStatuses);

/** A stored collision, redacted for the reader, with its status. */
export const collisionRecordView = z.object({
  id,
  citizen: z.object({ id, name: z.string() }),
  status: collisionStatus,
  /** Why it was accepted ("book anyway") or how it was resolved. */
  statusReason: z.string(),
  detectedAt: z.string(),
  collision: collisionView,
});
export type CollisionRecordView = z.infer<typeof collisionRecordView>;

export const calendarQuery = z.strictObject({ from: calendarDate.optional(), to: calendarDate.optional() });

export const calendarView = z.object({
  citizen: z.object({ id, name: z.string() }),
  /** The unit that coordinates the citizen's plan (it may record attendance for every unit); null without a plan. */
  coordinatorUnitId: id.nullable(),
  from: z.string(),
  to: z.string(),
  appointments: z.array(appointmentView),
  collisions: z.array(collisionRecordView),
  /** The limits that hold for this citizen (municipal default lowered by the citizen's own). */
  limits: loadLimits,
  planPeriods: z.array(planPeriod.extend({ id })),
});
export type CalendarView = z.infer<typeof calendarView>;

const bookingExtras = {
  area: effortArea.optional(),
  /** Who the citizen meets: staff of the municipality. */
  staffIds: z.array(id).max(10).default([]),
  /** Book although the check found collisions: why. Without it, a booking that collides is refused (409, collisionsFound). */
  acceptCollisions: optionalText(500).optional(),
};

/** One appointment, or (with `recurrence`) a series; checked against `now` (none: for contracts and documentation). */
export const bookAppointmentInput = (now?: Date | string, options: { maxOccurrences?: number } = {}) => bookingInput(bookingExtras, now, options);
export type BookAppointmentInput = z.input<ReturnType<typeof bookAppointmentInput>>;

/** The check before saving: the collisions this booking would make, as the booker may see them. */
export const bookingCheckView = z.object({
  collisions: z.array(collisionView),
  /** For a series: how many appointments it yields. */
  occurrences: z.number().int(),
});
export type BookingCheckView = z.infer<typeof bookingCheckView>;

export const bookingResult = z.object({
  appointments: z.array(appointmentView),
  collisions: z.array(collisionRecordView),
});

export const recordAttendanceInput = z.strictObject({
  status: z.enum(['attended', 'missed', 'cancelled_by_citizen', 'cancelled_by_unit']),
  note: optionalText(500).default(''),
});

export const decideCollisionInput = z.strictObject({
  status: z.enum(['resolved', 'accepted']),
  reason: requiredText(500),
});

export const collisionListQuery = z.strictObject({ status: collisionStatus.optional() });

export const setLoadLimitsInput = z.strictObject({ limits: loadLimits, reason: requiredText(500) });

export const addPlanPeriodInput = z.strictObject({
  from: calendarDate,
  to: calendarDate.nullable().default(null),
  kind: z.enum(['exemption', 'priority']),
  /** The units whose mandatory demands go against the period; 'all' for every unit but the coordinator's. */
  unitIds: z.union([z.array(id).min(1), z.literal('all')]),
  reason: requiredText(500),
});

/** The citizen's subscription: the address is shown once, when created or renewed. */
export const calendarFeedView = z.object({
  active: z.boolean(),
  createdAt: z.string().nullable(),
  /** Only in the answer to create or renew; afterwards the secret is not kept readable. */
  url: z.string().nullable(),
});
export type CalendarFeedView = z.infer<typeof calendarFeedView>;
