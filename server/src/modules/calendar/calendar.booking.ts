import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { bookAppointmentInput, type BookingCheckView } from '@sammen/domain/appointments';
import { expandSeries, type Appointment } from '@sammen/domain/calendar';
import { checkBooking, indexAppointments, redactCollision, type Collision, type CollisionView } from '@sammen/domain/collisions';
import type { SignedInCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { readCitizenData, type Scope } from '../../platform/reader.ts';
import { recordEvent } from '../audit/audit.service.ts';
import { appointmentParticipants, appointmentSeries, appointments } from './calendar.schema.ts';
import { selectAppointmentsById, selectCollisionsOfCitizen } from './calendar.repository.ts';
import { bookingWindow, loadCalendarForBooking, recheckCitizens, withoutCoordinatorsOwn, type LoadedCalendar } from './calendar.sweep.ts';
import { staffActor } from '../../platform/context.ts';
import { appointmentView, collisionRecordView, viewerOf } from './calendar.views.ts';

// Booking: the check the booker sees before saving, and the booking itself. A booking that
// collides with other demands on the citizen is refused (409, collisionsFound) unless the booker
// gives a reason to book anyway; then it is saved, and its collisions stay open for the
// coordinator — the reason shows beside them. Nothing is half-saved: one transaction.

type BookingInput = z.infer<ReturnType<typeof bookAppointmentInput>>;

/** The body, checked against the clock now (a new demand on yesterday cannot be met). */
export const parseBooking = (body: unknown): BookingInput => bookAppointmentInput(new Date()).parse(body);

const PURPOSE = 'Booking af en aftale med borgeren';

/** The occurrences a booking makes, each with its final id (collision keys name them). */
function occurrencesOf(input: BookingInput, unitId: string): { seriesId: string | null; occurrences: Appointment[] } {
  const fields = { unitId, title: input.title, place: input.place, travelMinutes: input.travelMinutes, mandatory: input.mandatory, consequence: input.consequence };
  const start = new Date(input.start).toISOString();
  const end = new Date(input.end).toISOString();
  if (!input.recurrence) return { seriesId: null, occurrences: [{ ...fields, id: randomUUID(), start, end, seriesId: null }] };
  const seriesId = randomUUID();
  const expanded = expandSeries({ ...fields, id: seriesId, start, end, recurrence: input.recurrence });
  if (!expanded.ok) throw invalid(expanded.refusal.field, expanded.refusal.reason, expanded.refusal.reason, expanded.refusal.params);
  return { seriesId, occurrences: expanded.occurrences.map((o) => ({ ...o, id: randomUUID() })) };
}

/**
 * The rules a booking keeps besides its times: the booker books for their own unit, which takes
 * part in the plan; the people the citizen meets are staff of the municipality. What they need
 * to know comes with the citizen's calendar, in the one statement `loadCalendarForBooking`.
 */
function assertBookable(ctx: SignedInCtx, scope: Scope, input: BookingInput, facts: { unitKnown: boolean; involved: boolean; knownStaff: Set<string> }) {
  const actor = staffActor(ctx);
  if (!facts.unitKnown) throw invalid('unitId', 'notUnitOfMunicipality', 'is not a unit of this municipality');
  if (input.unitId !== actor.unitId || !scope.plan || !facts.involved) {
    throw invalid('unitId', 'unitNotInvolved', 'must be the unit you work in, and it must take part in the plan');
  }
  const staffIds = [...new Set(input.staffIds)];
  if (staffIds.some((id) => !facts.knownStaff.has(id))) throw invalid('staffIds', 'notStaffOfMunicipality', 'names someone who is not staff of this municipality');
  return actor;
}

/**
 * What the booking would collide with: each new occurrence checked against the citizen's
 * calendar with all of the booking in it (a series can overload a week by itself), the calendar
 * loaded in one statement and indexed once.
 */
function findCollisions(calendar: LoadedCalendar, occurrences: Appointment[]): Collision[] {
  const index = indexAppointments([...calendar.appointments, ...occurrences]);
  const found = new Map<string, Collision>();
  for (const o of occurrences) for (const c of checkBooking(o, index, calendar.rules)) found.set(c.key, c);
  return withoutCoordinatorsOwn([...found.values()], calendar.coordinatorUnitId);
}

/** The booker's view of a collision: the booking's own and what the citizen's consent lets the unit see. */
function redactForBooker(c: Collision, calendar: LoadedCalendar, scope: Scope, ctx: SignedInCtx): CollisionView {
  const viewer = viewerOf(ctx.actor, scope);
  const visible = (a: { id: string; unitId: string }) => {
    const area = calendar.areas.get(a.id);
    return viewer.full || a.unitId === viewer.unitId || area === undefined || (area !== null && viewer.sections.includes(area));
  };
  return redactCollision(c, viewer.unitId ?? '', (unitId) => c.appointments.filter((a) => a.unitId === unitId).every(visible));
}

async function prepare(tx: Db, ctx: SignedInCtx, scope: Scope, input: BookingInput) {
  const { unitId } = staffActor(ctx);
  // The occurrences first (a refused rule needs no database), then only the weeks they touch.
  const { seriesId, occurrences } = occurrencesOf(input, unitId);
  const loaded = await loadCalendarForBooking(tx, scope.municipalityId, scope.citizenId, bookingWindow(occurrences), {
    planId: scope.plan?.id ?? null, unitId: input.unitId, staffIds: [...new Set(input.staffIds)],
  });
  if (!loaded) throw new AppError('NOT_FOUND');
  const actor = assertBookable(ctx, scope, input, loaded);
  const collisions = findCollisions(loaded.calendar, occurrences);
  return { actor, seriesId, occurrences, calendar: loaded.calendar, collisions };
}

/** The check before saving: fast enough to run on every change in the booking form. */
export function checkAppointment(ctx: SignedInCtx, citizenId: string, input: BookingInput): Promise<BookingCheckView> {
  return readCitizenData(ctx, { action: 'calendar.book', purpose: PURPOSE, subject: { citizenId } }, async (tx, scope) => {
    const { occurrences, calendar, collisions } = await prepare(tx, ctx, scope, input);
    return { collisions: collisions.map((c) => redactForBooker(c, calendar, scope, ctx)), occurrences: occurrences.length };
  });
}

export async function bookAppointment(ctx: SignedInCtx, citizenId: string, input: BookingInput) {
  const outcome = await readCitizenData(ctx, { action: 'calendar.book', purpose: PURPOSE, subject: { citizenId } }, async (tx, scope) => {
    const { actor, seriesId, occurrences, calendar, collisions } = await prepare(tx, ctx, scope, input);
    const reason = input.acceptCollisions?.trim() || null;
    // Refused before anything is written; the booker saw the collisions (the read is logged).
    if (collisions.length && !reason) return { refused: collisions.map((c) => redactForBooker(c, calendar, scope, ctx)) };

    const m = scope.municipalityId;
    if (seriesId) {
      await tx.insert(appointmentSeries).values({
        municipalityId: m, id: seriesId, citizenId, unitId: actor.unitId, rule: input.recurrence, firstStart: new Date(input.start), firstEnd: new Date(input.end), bookedBy: actor.staffId,
      });
    }
    await tx.insert(appointments).values(
      occurrences.map((o) => ({
        municipalityId: m, id: o.id, citizenId, unitId: actor.unitId, seriesId, area: input.area ?? null, title: o.title, place: o.place,
        startsAt: new Date(o.start), endsAt: new Date(o.end), travelMinutes: o.travelMinutes, mandatory: o.mandatory, consequence: o.consequence,
        bookedBy: actor.staffId, acceptedCollisionsReason: reason,
      })),
    );
    const staffIds = [...new Set(input.staffIds)];
    if (staffIds.length) {
      await tx.insert(appointmentParticipants).values(occurrences.flatMap((o) => staffIds.map((staffId) => ({ municipalityId: m, appointmentId: o.id, staffId }))));
    }
    await recheckCitizens(tx, m, [citizenId]);
    await recordEvent(tx, ctx, {
      kind: 'write', action: 'appointment.booked', citizenId, subjectType: seriesId ? 'appointment_series' : 'appointment', subjectId: seriesId ?? occurrences[0]!.id,
      details: { occurrences: occurrences.length, collisions: collisions.length, bookedAnyway: collisions.length > 0 },
    });
    const viewer = viewerOf(actor, scope);
    const rows = await selectAppointmentsById(tx, m, occurrences.map((o) => o.id), viewer);
    const stored = collisions.length ? await selectCollisionsOfCitizen(tx, m, citizenId, viewer, { keys: collisions.map((c) => c.key) }) : [];
    return { result: { appointments: rows.map(appointmentView), collisions: stored.map((r) => collisionRecordView(r, viewer.unitId)) } };
  });
  if ('refused' in outcome) {
    throw new AppError('CONFLICT', 'The booking collides with other demands on the citizen; book anyway only with a reason', 'acceptCollisions', { collisions: outcome.refused }, 'collisionsFound');
  }
  return outcome.result;
}
