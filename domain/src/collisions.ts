import { z } from 'zod';
import { TIME_ZONE, addDays, isoWeek, localDate, mondayOf, startOfLocalDay, type Appointment } from './calendar.ts';

// Collisions (kollisioner, krydsende krav): demands from units that clash in time, in load or
// with the plan, found before they hurt — at booking time for the one booking, and by a sweep
// over the citizen's whole calendar for the coordinator. Pure: the caller brings the
// appointments, the limits and the plan's periods; nothing here reads a clock or a database.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const collisionKinds = ['time', 'load', 'plan_contradiction', 'consequence_risk'] as const;
export const collisionKind = z.enum(collisionKinds);
export type CollisionKind = z.infer<typeof collisionKind>;

/** What a collision shows of each appointment in it (a copy: the record is read without joins). */
export const appointmentRef = z.object({
  id: z.string(),
  unitId: z.string(),
  title: z.string(),
  place: z.string(),
  start: z.string(),
  end: z.string(),
  mandatory: z.boolean(),
});
export type AppointmentRef = z.infer<typeof appointmentRef>;

/** How two appointments clash in time. Ids are null only in a redacted copy. */
export const timeClash = z.discriminatedUnion('type', [
  z.object({ type: z.literal('overlap'), overlapMinutes: z.number() }),
  z.object({ type: z.literal('travel'), laterId: z.string().nullable(), gapMinutes: z.number(), travelMinutes: z.number() }),
]);
export type TimeClash = z.infer<typeof timeClash>;

/**
 * Most mandatory hours and appointments a citizen can be asked to meet per Danish calendar day
 * and per ISO week. A limit left out is no limit.
 */
export const loadLimits = z.strictObject({
  hoursPerDay: z.number().min(0).max(24).optional(),
  appointmentsPerDay: z.number().int().min(0).max(100).optional(),
  hoursPerWeek: z.number().min(0).max(168).optional(),
  appointmentsPerWeek: z.number().int().min(0).max(700).optional(),
});
export type LoadLimits = z.infer<typeof loadLimits>;

/**
 * A stretch of the plan during which some units' mandatory demands go against it: an
 * exemption (fritagelse) from a duty, or a goal that comes first ("stabilise the family
 * situation first"). Dates are Danish calendar days, both inclusive; `to` null is open-ended.
 */
export const planPeriod = z.object({
  from: z.string(),
  to: z.string().nullable(),
  kind: z.enum(['exemption', 'priority']),
  unitIds: z.union([z.array(z.string()), z.literal('all')]),
  reason: z.string(),
});
export type PlanPeriod = z.infer<typeof planPeriod>;

const base = {
  /** Stable across runs: kind, day or week, sorted appointment ids. A background job upserts on it. */
  key: z.string(),
  /** Sorted. */
  appointmentIds: z.array(z.string()),
  /** Sorted, each once. */
  unitIds: z.array(z.string()),
  /** In order of start. */
  appointments: z.array(appointmentRef),
};

/** Two appointments overlap, or the citizen cannot get from one to the next in time. */
const timeRecord = z.object({ ...base, kind: z.literal('time'), start: z.string(), day: z.string(), detail: timeClash });
/** Too much mandatory time, or too many mandatory appointments, in one day or ISO week. */
const loadRecord = z.object({
  ...base,
  kind: z.literal('load'),
  day: z.string().optional(),
  week: z.string().optional(),
  detail: z.object({
    period: z.enum(['day', 'week']),
    mandatoryMinutes: z.number(),
    mandatoryAppointments: z.number(),
    limits: loadLimits,
    exceeded: z.array(z.enum(['hours', 'appointments'])),
  }),
});
/** A mandatory appointment while the plan says the citizen is exempt, or something else comes first. */
const planRecord = z.object({ ...base, kind: z.literal('plan_contradiction'), start: z.string(), day: z.string(), detail: z.object({ periods: z.array(planPeriod) }) });
/** A missed mandatory appointment that another unit's appointment stood in the way of. */
const consequenceRecord = z.object({
  ...base,
  kind: z.literal('consequence_risk'),
  start: z.string(),
  day: z.string(),
  detail: z.object({ missedId: z.string().nullable(), causeId: z.string().nullable(), consequence: z.string(), clash: timeClash }),
});

/** A collision as the engine finds it and a background job stores it (everything in it). */
export const collision = z.discriminatedUnion('kind', [timeRecord, loadRecord, planRecord, consequenceRecord]);
export type Collision = z.infer<typeof collision>;

/** Another unit's appointment, as a unit without consent sees it: that it is there, and when. */
export const hiddenAppointmentRef = z.object({ hidden: z.literal(true), start: z.string(), end: z.string(), mandatory: z.boolean() });
export type HiddenAppointmentRef = z.infer<typeof hiddenAppointmentRef>;

const seen = { appointments: z.array(z.union([appointmentRef, hiddenAppointmentRef])), hiddenAppointments: z.number().int() };
/** A collision as one unit is shown it (see redactCollision). */
export const collisionView = z.discriminatedUnion('kind', [timeRecord.extend(seen), loadRecord.extend(seen), planRecord.extend(seen), consequenceRecord.extend(seen)]);
export type CollisionView = z.infer<typeof collisionView>;

/** What the engine needs besides the appointments. */
export interface CollisionRules {
  /** The effective limits for this citizen (see effectiveLoadLimits); none: no load check. */
  limits?: LoadLimits;
  planPeriods?: readonly PlanPeriod[];
  timeZone?: string;
}

/**
 * The limits that hold for one citizen: the municipality's default, lowered where the citizen's
 * own limit is lower. A citizen's limit can only lower the default — a caseworker cannot use it
 * to ask more of one person than the municipality asks of anyone.
 */
export function effectiveLoadLimits(municipal: LoadLimits, citizen: LoadLimits = {}): LoadLimits {
  const lower = (a?: number, b?: number) => (a === undefined ? b : b === undefined ? a : Math.min(a, b));
  const out: LoadLimits = {};
  for (const k of ['hoursPerDay', 'appointmentsPerDay', 'hoursPerWeek', 'appointmentsPerWeek'] as const) {
    const v = lower(municipal[k], citizen[k]);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

// ---- Appointments as numbers, sorted once ---------------------------------------------------

/** An appointment with its times read once. */
export interface IndexedAppointment {
  readonly appointment: Appointment;
  readonly start: number;
  readonly end: number;
}

/** A citizen's appointments sorted by start, for booking checks: build once, query many times. */
export interface CalendarIndex {
  readonly items: readonly IndexedAppointment[];
  readonly starts: Float64Array;
  /** Bounds that tell how far back and ahead a query must look (never wider than needed). */
  readonly maxDurationMs: number;
  readonly maxTravelMs: number;
}

/** "Jobcentret,  Vestergade 3" and "jobcentret, vestergade 3" are one place. */
const normalizePlace = (place: string) => place.trim().replace(/\s+/g, ' ').toLowerCase();
// Compared only for the few neighbours that do not overlap, so not normalised up front.
const samePlace = (a: string, b: string) => a === b || normalizePlace(a) === normalizePlace(b);

const indexed = (a: Appointment): IndexedAppointment => ({ appointment: a, start: Date.parse(a.start), end: Date.parse(a.end) });

export function indexAppointments(appointments: readonly Appointment[]): CalendarIndex {
  const items = appointments.map(indexed).sort((x, y) => x.start - y.start || x.end - y.end);
  let maxDurationMs = 0;
  let maxTravelMs = 0;
  for (const i of items) {
    maxDurationMs = Math.max(maxDurationMs, i.end - i.start);
    maxTravelMs = Math.max(maxTravelMs, i.appointment.travelMinutes * MINUTE);
  }
  const starts = new Float64Array(items.length);
  for (let i = 0; i < items.length; i++) starts[i] = items[i]!.start;
  return { items, starts, maxDurationMs, maxTravelMs };
}

/** The first position whose start is at or after `value`. */
function lowerBound(starts: Float64Array, value: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---- The rules --------------------------------------------------------------------------

/**
 * The time rule for two appointments. They clash when they overlap — touching is not
 * overlapping: one may end at 10:00 and the next start at 10:00 — or when the gap between them
 * is shorter than the travel time of the later one (exactly the travel time is enough). The
 * travel time is the later one's because it says how long it takes to get *there*. At the same
 * place no travel is needed; two appointments with no place given count as the same place.
 */
function clashOf(x: IndexedAppointment, y: IndexedAppointment): (TimeClash & { at: number }) | undefined {
  if (x.appointment.id === y.appointment.id) return undefined;
  if (x.start < y.end && y.start < x.end) {
    const at = Math.max(x.start, y.start);
    return { type: 'overlap', overlapMinutes: (Math.min(x.end, y.end) - at) / MINUTE, at };
  }
  // Which comes first is decided the same way whichever is asked about first (symmetry).
  const xFirst = x.start < y.start || (x.start === y.start && (x.end < y.end || (x.end === y.end && x.appointment.id < y.appointment.id)));
  const [earlier, later] = xFirst ? [x, y] : [y, x];
  if (samePlace(earlier.appointment.place, later.appointment.place)) return undefined;
  const gap = later.start - earlier.end;
  const travel = later.appointment.travelMinutes * MINUTE;
  if (gap >= travel) return undefined;
  return { type: 'travel', laterId: later.appointment.id, gapMinutes: gap / MINUTE, travelMinutes: later.appointment.travelMinutes, at: earlier.end };
}

const ref = ({ appointment: a }: IndexedAppointment): AppointmentRef => ({
  id: a.id,
  unitId: a.unitId,
  title: a.title,
  place: a.place,
  start: a.start,
  end: a.end,
  mandatory: a.mandatory,
});

/** The parts every record shares, from the appointments in it. */
function parts(kind: CollisionKind, label: string, members: IndexedAppointment[]) {
  const sorted = [...members].sort((x, y) => x.start - y.start || (x.appointment.id < y.appointment.id ? -1 : 1));
  const appointmentIds = members.map((m) => m.appointment.id).sort();
  return {
    key: [kind, label, appointmentIds.join(',')].join('|'),
    appointmentIds,
    unitIds: [...new Set(members.map((m) => m.appointment.unitId))].sort(),
    appointments: sorted.map(ref),
  };
}

/** A record and the instant it is ordered by. */
type Found = { at: number; collision: Collision };

/**
 * Time and consequence-risk records for one pair. A missed mandatory appointment is a risk when
 * another unit's appointment clashed with it in time and was not missed too: the citizen may
 * have been where the other unit asked him to be. It is flagged so that whoever registers a
 * sanction sees it first; whether it excuses the absence is a caseworker's judgement.
 */
function pairCollisions(x: IndexedAppointment, y: IndexedAppointment, timeZone: string, out: Found[]) {
  const clash = clashOf(x, y);
  if (!clash) return;
  const { at, ...detail } = clash;
  out.push({ at, collision: { ...parts('time', '', [x, y]), kind: 'time', start: new Date(at).toISOString(), day: localDate(at, timeZone), detail } });
  if (x.appointment.unitId === y.appointment.unitId) return;
  for (const [missed, cause] of [[x, y], [y, x]] as const) {
    const m = missed.appointment;
    if (!m.mandatory || m.attendance !== 'missed' || cause.appointment.attendance === 'missed') continue;
    out.push({
      at: missed.start,
      collision: {
        ...parts('consequence_risk', '', [x, y]),
        kind: 'consequence_risk',
        start: m.start,
        day: localDate(missed.start, timeZone),
        detail: { missedId: m.id, causeId: cause.appointment.id, consequence: m.consequence, clash: detail },
      },
    });
  }
}

/** The local days an appointment takes time on, with the window of each (a DST day is 23 or 25 h). */
function daysOf(a: IndexedAppointment, timeZone: string): { day: string; from: number; to: number }[] {
  const days = [];
  let day = localDate(a.start, timeZone);
  let from = startOfLocalDay(day, timeZone);
  while (from < a.end) {
    const next = addDays(day);
    const to = startOfLocalDay(next, timeZone);
    if (Math.min(a.end, to) > Math.max(a.start, from)) days.push({ day, from, to });
    day = next;
    from = to;
  }
  return days;
}

const overlapMs = (a: IndexedAppointment, from: number, to: number) => Math.min(a.end, to) - Math.max(a.start, from);

/**
 * The load rule for one day or week: the mandatory appointments that take time in it, and the
 * share of each that falls in it (an appointment over midnight counts on both days). More than
 * the limit is a collision; exactly the limit is not.
 */
function loadCollision(period: 'day' | 'week', label: string, from: number, to: number, members: IndexedAppointment[], limits: LoadLimits): Found | undefined {
  const minutes = members.reduce((sum, m) => sum + overlapMs(m, from, to), 0) / MINUTE;
  const hoursLimit = period === 'day' ? limits.hoursPerDay : limits.hoursPerWeek;
  const countLimit = period === 'day' ? limits.appointmentsPerDay : limits.appointmentsPerWeek;
  const exceeded: ('hours' | 'appointments')[] = [];
  if (hoursLimit !== undefined && minutes * MINUTE > hoursLimit * HOUR) exceeded.push('hours');
  if (countLimit !== undefined && members.length > countLimit) exceeded.push('appointments');
  if (!exceeded.length) return undefined;
  return {
    at: from,
    collision: {
      ...parts('load', label, members),
      kind: 'load',
      ...(period === 'day' ? { day: label } : { week: label }),
      detail: { period, mandatoryMinutes: minutes, mandatoryAppointments: members.length, limits, exceeded },
    },
  };
}

/**
 * The plan rule for one appointment: a mandatory appointment from a unit on a day where the
 * plan exempts the citizen from that unit's duties, or puts something else first. Voluntary
 * appointments never contradict the plan: the citizen chose them.
 */
function planCollision(a: IndexedAppointment, periods: readonly PlanPeriod[], timeZone: string): Found | undefined {
  if (!a.appointment.mandatory || !periods.length) return undefined;
  // A period covers its days from the first one's midnight to the midnight after the last one.
  const hit = periods.filter(
    (p) =>
      (p.unitIds === 'all' || p.unitIds.includes(a.appointment.unitId)) &&
      startOfLocalDay(p.from, timeZone) < Math.max(a.end, a.start + 1) &&
      (p.to === null || startOfLocalDay(addDays(p.to), timeZone) > a.start),
  );
  if (!hit.length) return undefined;
  const first = localDate(a.start, timeZone);
  return {
    at: a.start,
    collision: { ...parts('plan_contradiction', first, [a]), kind: 'plan_contradiction', start: a.appointment.start, day: first, detail: { periods: hit } },
  };
}

const ordered = (found: Found[]) => found.sort((x, y) => x.at - y.at || (x.collision.key < y.collision.key ? -1 : 1)).map((f) => f.collision);

/** The time collision between two appointments, if any: the plain pairwise rule (no index). */
export function timeCollisionBetween(a: Appointment, b: Appointment, timeZone = TIME_ZONE): Collision | undefined {
  const out: Found[] = [];
  pairCollisions(indexed(a), indexed(b), timeZone, out);
  return out.find((f) => f.collision.kind === 'time')?.collision;
}

/**
 * The booking check: what a proposed appointment would collide with, before it is saved. Looks
 * only at the existing appointments that could clash (two binary searches in the sorted index,
 * then the few in between), so it stays fast however full the calendar is. An existing
 * appointment with the proposal's id is the one being moved, and is left out. Takes the index
 * (sorted once, reused for several proposals) or the plain list (sorted here). Gives the same
 * records as `detectCollisions` over the calendar with the proposal added, limited to those the
 * proposal is in.
 */
export function checkBooking(proposed: Appointment, existing: CalendarIndex | readonly Appointment[], rules: CollisionRules = {}): Collision[] {
  const timeZone = rules.timeZone ?? TIME_ZONE;
  const calendar = 'starts' in existing ? existing : indexAppointments(existing);
  const p = indexed(proposed);
  const { items, starts } = calendar;
  const others = (from: number, to: number) => {
    const found: IndexedAppointment[] = [];
    for (let i = lowerBound(starts, from - calendar.maxDurationMs); i < items.length && starts[i]! < to; i++) {
      if (items[i]!.appointment.id !== proposed.id) found.push(items[i]!);
    }
    return found;
  };
  const out: Found[] = [];
  for (const e of others(p.start - proposed.travelMinutes * MINUTE, p.end + calendar.maxTravelMs)) pairCollisions(p, e, timeZone, out);

  if (proposed.mandatory && rules.limits) {
    const limits = rules.limits;
    const inWindow = (from: number, to: number) => [p, ...others(from, to).filter((e) => e.appointment.mandatory && overlapMs(e, from, to) > 0)];
    const weeks = new Set<string>();
    for (const { day, from, to } of daysOf(p, timeZone)) {
      const dayLoad = loadCollision('day', day, from, to, inWindow(from, to), limits);
      if (dayLoad) out.push(dayLoad);
      const monday = mondayOf(day);
      if (weeks.has(monday)) continue;
      weeks.add(monday);
      const [wFrom, wTo] = [startOfLocalDay(monday, timeZone), startOfLocalDay(addDays(monday, 7), timeZone)];
      const weekLoad = loadCollision('week', isoWeek(day), wFrom, wTo, inWindow(wFrom, wTo), limits);
      if (weekLoad) out.push(weekLoad);
    }
  }
  const plan = planCollision(p, rules.planPeriods ?? [], timeZone);
  if (plan) out.push(plan);
  return ordered(out);
}

/**
 * Every collision in a citizen's calendar, in order of time: sorted once, then each appointment
 * is compared only with those starting before it ends plus the longest travel time (O(n log n)
 * for a calendar where few appointments clash). Ids are expected to be unique.
 */
export function detectCollisions(appointments: readonly Appointment[], rules: CollisionRules = {}): Collision[] {
  const timeZone = rules.timeZone ?? TIME_ZONE;
  const { items, maxTravelMs } = indexAppointments(appointments);
  const out: Found[] = [];
  for (let i = 0; i < items.length; i++) {
    const x = items[i]!;
    for (let j = i + 1; j < items.length && items[j]!.start < x.end + maxTravelMs; j++) pairCollisions(x, items[j]!, timeZone, out);
  }

  if (rules.limits) {
    const buckets = new Map<string, { period: 'day' | 'week'; from: number; to: number; members: IndexedAppointment[] }>();
    const add = (period: 'day' | 'week', label: string, from: number, to: number, a: IndexedAppointment) => {
      const bucket = buckets.get(label) ?? { period, from, to, members: [] };
      buckets.set(label, bucket);
      if (bucket.members.at(-1) !== a) bucket.members.push(a);
    };
    for (const a of items) {
      if (!a.appointment.mandatory) continue;
      for (const { day, from, to } of daysOf(a, timeZone)) {
        add('day', day, from, to, a);
        const monday = mondayOf(day);
        add('week', isoWeek(day), startOfLocalDay(monday, timeZone), startOfLocalDay(addDays(monday, 7), timeZone), a);
      }
    }
    for (const [label, b] of buckets) {
      const load = loadCollision(b.period, label, b.from, b.to, b.members, rules.limits);
      if (load) out.push(load);
    }
  }
  for (const a of items) {
    const plan = planCollision(a, rules.planPeriods ?? [], timeZone);
    if (plan) out.push(plan);
  }
  return ordered(out);
}

// ---- Consent ---------------------------------------------------------------------------


/**
 * A collision as one unit may see it. Its own appointments, and those of units the citizen's
 * consent lets it see (`maySeeUnit`), are shown in full; of any other it learns *that* and
 * *when* — not the title, the place, the unit, or what missing it would cost. Knowing that
 * the citizen sees the psychiatric team on Tuesdays is itself sensitive. The key stays: it
 * holds appointment ids only, which tell nothing without access to them.
 */
export function redactCollision(c: Collision, viewerUnitId: string, maySeeUnit: (unitId: string) => boolean = () => false): CollisionView {
  const visibleUnit = (unitId: string) => unitId === viewerUnitId || maySeeUnit(unitId);
  const hiddenIds = new Set(c.appointments.filter((a) => !visibleUnit(a.unitId)).map((a) => a.id));
  const shown = (id: string | null) => (id !== null && hiddenIds.has(id) ? null : id);
  const redactClash = (clash: TimeClash): TimeClash => (clash.type === 'travel' ? { ...clash, laterId: shown(clash.laterId) } : clash);
  const common = {
    appointmentIds: c.appointmentIds.filter((id) => !hiddenIds.has(id)),
    unitIds: c.unitIds.filter(visibleUnit),
    appointments: c.appointments.map((a) => (hiddenIds.has(a.id) ? { hidden: true as const, start: a.start, end: a.end, mandatory: a.mandatory } : a)),
    hiddenAppointments: hiddenIds.size,
  };
  switch (c.kind) {
    case 'time':
      return { ...c, ...common, detail: redactClash(c.detail) };
    case 'consequence_risk': {
      const missedHidden = c.detail.missedId !== null && hiddenIds.has(c.detail.missedId);
      return {
        ...c,
        ...common,
        detail: { missedId: shown(c.detail.missedId), causeId: shown(c.detail.causeId), consequence: missedHidden ? '' : c.detail.consequence, clash: redactClash(c.detail.clash) },
      };
    }
    case 'load':
    case 'plan_contradiction':
      return { ...c, ...common };
  }
}
