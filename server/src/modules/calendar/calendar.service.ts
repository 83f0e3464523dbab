import type { z } from 'zod';
import type { addPlanPeriodInput, recordAttendanceInput, decideCollisionInput, setLoadLimitsInput } from '@sammen/domain/appointments';
import { TIME_ZONE, localDate, mondayOf, startOfLocalDay } from '@sammen/domain/calendar';
import type { SignedInCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { readCitizenData, readCitizenDataLoggedByStatement, readCitizenList, type Scope } from '../../platform/reader.ts';
import { recordEvent } from '../audit/audit.service.ts';
import {
  insertPlanPeriod,
  selectAppointmentFacts,
  selectAppointmentsById,
  selectCollisionCitizen,
  selectCollisionList,
  selectCollisionsOfCitizen,
  selectKnownUnits,
  selectLimits,
  selectOwnCalendar,
  selectFutureAppointments,
  updateAttendance,
  updateCollisionDecided,
  upsertCitizenLimits,
} from './calendar.repository.ts';
import { recheckCitizens, sweepWindowStart } from './calendar.sweep.ts';
import { appointmentView, assertCoordinatingUnit, calendarOf, calendarViewOf, collisionRecordView, viewerOf, windowOf } from './calendar.views.ts';
import { staffActor } from '../../platform/context.ts';
import { planSections } from '@sammen/domain/plans';

// The citizen's one calendar: reading it (staff through the plan, the citizen and proxy as their
// own), attendance, the coordinator's limits and plan periods, and the collision work list.
// Booking is calendar.booking.ts; the iCalendar feed calendar.feed.ts.

const PURPOSE = {
  read: 'Borgerens samlede kalender',
  own: 'Pårørende læser kalenderen',
  attendance: 'Registrering af fremmøde',
  limits: 'Grænser for borgerens belastning og planens perioder',
  collisions: 'Kollisioner i borgernes kalendere',
} as const;

/** Staff reach a citizen's calendar through the plan they are involved in; else 404. */
export function getCitizenCalendar(ctx: SignedInCtx, citizenId: string, q: { from?: string; to?: string }) {
  const window = windowOf(q);
  return readCitizenData(ctx, { action: 'calendar.read', purpose: PURPOSE.read, subject: { citizenId } }, (tx, scope) => calendarOf(tx, ctx, scope, window));
}

/**
 * The citizen's own calendar, or a proxy's who may read the plan: everything, from every unit.
 * The most read calendar page, so one statement and no transaction (as the plan page): the
 * citizen, a proxy's access-log row and the page together (calendar.repository.ts).
 */
export function getOwnCalendar(ctx: SignedInCtx, q: { from?: string; to?: string }) {
  const window = windowOf(q);
  const actor = ctx.actor;
  if (actor.kind !== 'citizen' && actor.kind !== 'proxy') throw new AppError('FORBIDDEN');
  return readCitizenDataLoggedByStatement(ctx, { action: 'calendar.read', purpose: PURPOSE.own }, async (db, log) => {
    const found = await selectOwnCalendar(db, actor, window.fromInstant, window.toInstant, log);
    if (!found) return undefined;
    const plan = found.plan && { ...found.plan, municipality_id: actor.municipalityId, citizen_id: actor.citizenId };
    const scope: Scope = {
      municipalityId: actor.municipalityId, citizenId: actor.citizenId, plan,
      sections: [...planSections], basis: actor.kind === 'proxy' ? 'proxy' : 'own', consentIds: [], breakGlassId: null,
    };
    return { scope, data: calendarViewOf(found.parts, scope, window, viewerOf(actor, scope)) };
  });
}

/**
 * Attendance, recorded by the unit that booked the appointment or the plan's coordinator. A
 * missed mandatory appointment is checked at once for another unit's appointment that stood in
 * its way (consequence risk) — flagged before anyone registers a sanction.
 */
export async function recordAttendance(ctx: SignedInCtx, appointmentId: string, input: z.infer<typeof recordAttendanceInput>) {
  const actor = staffActor(ctx);
  const facts = await selectAppointmentFacts(ctx.db, actor.municipalityId, appointmentId);
  if (!facts) throw new AppError('NOT_FOUND');
  return readCitizenData(ctx, { action: 'calendar.attendance', purpose: PURPOSE.attendance, subject: { citizenId: facts.citizen_id } }, async (tx, scope) => {
    if (facts.unit_id !== actor.unitId && scope.plan?.coordinator_unit_id !== actor.unitId) throw new AppError('FORBIDDEN', 'Only the unit that booked the appointment, or the coordinator, records attendance');
    if (facts.status.startsWith('cancelled')) throw invalid('status', 'alreadyEnded', 'the appointment is cancelled');
    const started = new Date(facts.starts_at).getTime() <= Date.now();
    if ((input.status === 'attended' || input.status === 'missed') && !started) throw invalid('status', 'invalidValue', 'attendance can only be recorded once the appointment has begun');
    await updateAttendance(tx, actor.municipalityId, appointmentId, input.status, input.note, actor.staffId);
    // Far enough back to see the appointment (and the whole of its week's load).
    const from = new Date(Math.min(sweepWindowStart().getTime(), startOfLocalDay(mondayOf(localDate(new Date(facts.starts_at).getTime())), TIME_ZONE)));
    await recheckCitizens(tx, actor.municipalityId, [facts.citizen_id], { from });
    await recordEvent(tx, ctx, { kind: 'write', action: 'appointment.attendance', citizenId: facts.citizen_id, subjectType: 'appointment', subjectId: appointmentId, details: { status: input.status } });
    const [row] = await selectAppointmentsById(tx, actor.municipalityId, [appointmentId], viewerOf(actor, scope));
    return appointmentView(row!);
  });
}

/**
 * The collision work list: collisions of citizens whose plan the actor's unit coordinates, or
 * that the unit's own appointments are part of. One access-log row per citizen shown.
 */
export function listCollisions(ctx: SignedInCtx, q: { status?: 'open' | 'resolved' | 'accepted' }) {
  const actor = staffActor(ctx);
  return readCitizenList(ctx, { action: 'collision.read', purpose: PURPOSE.collisions, subjectType: 'citizen' }, async (tx) => {
    const rows = await selectCollisionList(tx, actor, q.status ?? 'open');
    return { data: { collisions: rows.map((r) => collisionRecordView(r, actor.unitId)) }, citizenIds: rows.map((r) => r.citizen_id) };
  });
}

/** Resolve or accept an open collision, with a reason: the coordinator's unit or a unit in it. */
export async function decideCollision(ctx: SignedInCtx, collisionId: string, input: z.infer<typeof decideCollisionInput>) {
  const actor = staffActor(ctx);
  const facts = await selectCollisionCitizen(ctx.db, actor.municipalityId, collisionId);
  if (!facts) throw new AppError('NOT_FOUND');
  return readCitizenData(ctx, { action: 'collision.decide', purpose: PURPOSE.collisions, subject: { citizenId: facts.citizenId } }, async (tx, scope) => {
    if (scope.plan?.coordinator_unit_id !== actor.unitId && !facts.unitIds.includes(actor.unitId)) throw new AppError('FORBIDDEN', 'Only the coordinator or a unit in the collision decides it');
    if (!(await updateCollisionDecided(tx, actor.municipalityId, collisionId, input.status, input.reason, actor.staffId))) {
      throw new AppError('CONFLICT', 'The collision is already decided', 'status', undefined, 'alreadyEnded');
    }
    await recordEvent(tx, ctx, { kind: 'write', action: `collision.${input.status}`, citizenId: facts.citizenId, subjectType: 'collision', subjectId: collisionId });
    const [row] = await selectCollisionsOfCitizen(tx, actor.municipalityId, facts.citizenId, viewerOf(actor, scope), { id: collisionId });
    return collisionRecordView(row!, actor.unitId);
  });
}

/**
 * A change the plan's coordinating unit makes to what the citizen can be asked (limits, a plan
 * period): the change, the citizen's collisions checked again, the audit row — one transaction —
 * answered with the calendar as it is now.
 */
function coordinatorChange(ctx: SignedInCtx, citizenId: string, change: (tx: Db, scope: Scope, actor: ReturnType<typeof staffActor>) => Promise<void>) {
  const actor = staffActor(ctx);
  return readCitizenData(ctx, { action: 'calendar.limits', purpose: PURPOSE.limits, subject: { citizenId } }, async (tx, scope) => {
    assertCoordinatingUnit(actor, scope);
    await change(tx, scope, actor);
    await recheckCitizens(tx, actor.municipalityId, [citizenId]);
    return calendarOf(tx, ctx, scope, windowOf({}));
  });
}

/** The citizen's own limits: lower than the municipality's, never higher (e.g. during a crisis). */
export function setLoadLimits(ctx: SignedInCtx, citizenId: string, input: z.infer<typeof setLoadLimitsInput>) {
  return coordinatorChange(ctx, citizenId, async (tx, scope, actor) => {
    const { municipal } = await selectLimits(tx, scope.municipalityId, citizenId);
    for (const [key, value] of Object.entries(input.limits) as [keyof typeof municipal, number][]) {
      const max = municipal[key];
      if (max !== undefined && value > max) throw invalid(`limits.${key}`, 'tooLarge', `may only lower the municipality's limit of ${max}`, { max });
    }
    await upsertCitizenLimits(tx, { municipalityId: scope.municipalityId, citizenId, limits: input.limits, reason: input.reason, staffId: actor.staffId });
    await recordEvent(tx, ctx, { kind: 'write', action: 'calendar.limitsSet', citizenId, subjectType: 'citizen', subjectId: citizenId, details: { limits: input.limits } });
  });
}

/** A period of the plan: an exemption from some units' duties, or "this first". */
export function addPlanPeriod(ctx: SignedInCtx, citizenId: string, input: z.infer<typeof addPlanPeriodInput>) {
  return coordinatorChange(ctx, citizenId, async (tx, scope, actor) => {
    if (input.to !== null && input.to < input.from) throw invalid('to', 'endBeforeStart', 'is before from');
    const unitIds = input.unitIds === 'all' ? null : [...new Set(input.unitIds)];
    if (unitIds) {
      const known = await selectKnownUnits(tx, scope.municipalityId, unitIds);
      if (unitIds.some((id) => !known.has(id))) throw invalid('unitIds', 'notUnitOfMunicipality', 'names a unit that is not of this municipality');
    }
    const id = await insertPlanPeriod(tx, { municipalityId: scope.municipalityId, citizenId, from: input.from, to: input.to, kind: input.kind, unitIds, reason: input.reason, staffId: actor.staffId });
    await recordEvent(tx, ctx, { kind: 'write', action: 'calendar.planPeriodAdded', citizenId, subjectType: 'plan_period', subjectId: id, details: { kind: input.kind, from: input.from, to: input.to } });
  });
}

/**
 * The citizen's planned appointments from now on, for other modules (the network's "next" and
 * "what they expect of me"). No scope of its own: the caller reads inside its reader's scope.
 */
export const futureAppointmentsOf = (db: Db, municipalityId: string, citizenId: string) => selectFutureAppointments(db, municipalityId, citizenId);
export type { FutureAppointmentRow } from './calendar.repository.ts';
