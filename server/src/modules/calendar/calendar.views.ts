import { can, type Actor } from '@sammen/domain/access';
import type { AppointmentView, CalendarView, CollisionRecordView } from '@sammen/domain/appointments';
import { TIME_ZONE, addDays, localDate, startOfLocalDay } from '@sammen/domain/calendar';
import { effectiveLoadLimits, redactCollision, type Collision } from '@sammen/domain/collisions';
import type { SignedInCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import type { Scope } from '../../platform/reader.ts';
import { pgArray } from '../access/access.sql.ts';
import { selectCalendar, type AppointmentRow, type CalendarParts, type CollisionRow, type Viewer } from './calendar.repository.ts';

// The calendar as one reader sees it: which appointments show in full, the rest as "that and
// when"; collisions redacted the same way; the window of days asked for.

/** The default window: a week back, eight weeks ahead (Danish calendar days). */
const DAYS_BACK = 7;
const DAYS_AHEAD = 56;
/** The longest window one request may ask for. */
const MAX_WINDOW_DAYS = 400;

/** What this reader may see of the citizen's appointments, from the reader's scope. */
export function viewerOf(actor: Actor, scope: Scope): Viewer {
  if (actor.kind !== 'staff') return { full: true, unitId: null, sections: [] };
  return { full: scope.basis === 'coordination' || scope.basis === 'break_glass', unitId: actor.unitId, sections: scope.sections };
}

export interface Window {
  from: string;
  to: string;
  fromInstant: Date;
  toInstant: Date;
}

/** Danish calendar days, `to` inclusive. */
export function windowOf(q: { from?: string; to?: string }, now = new Date()): Window {
  const today = localDate(now.getTime());
  const from = q.from ?? addDays(today, -DAYS_BACK);
  const to = q.to ?? addDays(q.from ?? today, q.from ? DAYS_AHEAD + DAYS_BACK : DAYS_AHEAD);
  if (to < from) throw invalid('to', 'endBeforeStart', 'is before from');
  const fromInstant = new Date(startOfLocalDay(from, TIME_ZONE));
  const toInstant = new Date(startOfLocalDay(addDays(to), TIME_ZONE));
  if (toInstant.getTime() - fromInstant.getTime() > MAX_WINDOW_DAYS * 86_400_000) throw invalid('to', 'tooLarge', `is more than ${MAX_WINDOW_DAYS} days after from`, { max: MAX_WINDOW_DAYS });
  return { from, to, fromInstant, toInstant };
}

const iso = (d: Date | string) => new Date(d).toISOString();

export function appointmentView(r: AppointmentRow): AppointmentView {
  const hidden = !r.visible;
  const people = typeof r.with === 'string' ? (JSON.parse(r.with) as { id: string; name: string }[]) : r.with;
  return {
    id: r.id,
    seriesId: r.series_id,
    hidden,
    unit: { id: r.unit_id, name: r.unit_name },
    area: hidden ? null : (r.area as AppointmentView['area']),
    title: hidden ? '' : r.title,
    place: hidden ? '' : r.place,
    start: iso(r.starts_at),
    end: iso(r.ends_at),
    travelMinutes: r.travel_minutes,
    mandatory: r.mandatory,
    consequence: hidden ? '' : r.consequence,
    with: hidden ? [] : people,
    status: r.status as AppointmentView['status'],
    statusNote: hidden ? '' : r.status_note,
    collisionIds: pgArray(r.collision_ids),
  };
}

/**
 * A stored collision as this reader may see it. A unit's appointments in it show in full only
 * when every one of them is visible to the reader (the statement says which are), else as
 * "that and when" — never more than the calendar itself shows.
 */
export function collisionRecordView(r: CollisionRow, viewerUnitId: string | null): CollisionRecordView {
  const c = (typeof r.record === 'string' ? JSON.parse(r.record) : r.record) as Collision;
  const visible = new Set(pgArray(r.visible_ids));
  const maySeeUnit = (unitId: string) => c.appointments.filter((a) => a.unitId === unitId).every((a) => visible.has(a.id));
  return {
    id: r.id,
    citizen: { id: r.citizen_id, name: r.citizen_name },
    status: r.status as CollisionRecordView['status'],
    statusReason: r.status_reason,
    detectedAt: iso(r.detected_at),
    collision: redactCollision(c, viewerUnitId ?? '', maySeeUnit),
  };
}

/** The calendar page from its parts (calendar.repository.ts `calendarParts`), as this reader sees it. */
export function calendarViewOf(parts: CalendarParts, scope: Pick<Scope, 'citizenId' | 'plan'>, window: Window, viewer: Viewer): CalendarView {
  const { appointments, collisions, limits, periods } = parts;
  return {
    citizen: { id: scope.citizenId, name: limits.name },
    coordinatorUnitId: scope.plan?.coordinator_unit_id ?? null,
    from: window.from,
    to: window.to,
    appointments: appointments.map(appointmentView),
    collisions: collisions.map((r) => collisionRecordView(r, viewer.unitId)),
    limits: effectiveLoadLimits(limits.municipal, limits.own),
    planPeriods: periods.map((p) => ({ id: p.id, from: p.from_date, to: p.to_date, kind: p.kind, unitIds: p.unit_ids === null ? ('all' as const) : pgArray(p.unit_ids), reason: p.reason })),
  };
}

/** The calendar for the window, as this reader sees it: appointments, collisions, limits, the plan's periods. */
export async function calendarOf(tx: Db, ctx: SignedInCtx, scope: Scope, window: Window): Promise<CalendarView> {
  const viewer = viewerOf(ctx.actor, scope);
  // One statement (selectCalendar): appointments, collisions, limits and periods.
  const parts = await selectCalendar(tx, scope.municipalityId, scope.citizenId, window.fromInstant, window.toInstant, viewer);
  return calendarViewOf(parts, scope, window, viewer);
}

/** Writes that need the plan's coordinating unit (or its leader): the unit the actor works in now. */
export function assertCoordinatingUnit(actor: Extract<Actor, { kind: 'staff' }>, scope: Scope) {
  if (!scope.plan || scope.plan.coordinator_unit_id !== actor.unitId) throw new AppError('FORBIDDEN', 'Only the unit that coordinates the plan may do this');
  if (!can(actor, 'calendar.limits', { municipalityId: scope.municipalityId })) throw new AppError('FORBIDDEN');
}
