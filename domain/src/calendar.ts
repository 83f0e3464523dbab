import * as rruleModule from 'rrule';
import { z } from 'zod';
import type { ErrorReason } from './errors.ts';
import { DATE_RANGE, calendarDate, int4, optionalText, plainText, requiredText } from './fields.ts';
import { id } from './identity.ts';

// The citizen's one calendar: every unit's appointments (aftaler, mødepligt) as instants, and
// recurring series expanded in Danish local time. Pure: no clock is read here — "now" is always
// a parameter, so the server, the web form and the tests agree on what "in the past" means.

// rrule ships an ES module (which Vite and Vitest load) and a UMD bundle (which Node's own ESM
// loader sees as one CommonJS default export). Take the classes from whichever this is.
const { RRule } = ('RRule' in rruleModule ? rruleModule : (rruleModule as unknown as { default: typeof rruleModule }).default);

/** The municipality's time zone: days, weeks and recurring times are counted in it. */
export const TIME_ZONE = 'Europe/Copenhagen';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** An appointment longer than this is a typing mistake (or a placement, which is not a calendar entry). */
export const MAX_APPOINTMENT_HOURS = 24;
/** How many appointments one series may yield: a weekday series for a year and a half fits. */
export const MAX_OCCURRENCES = 400;
/** The longest travel time anyone enters: the farthest journey within Denmark, with room. */
export const MAX_TRAVEL_MINUTES = 12 * 60;

export const APPOINTMENT_LIMITS = { title: 200, place: 200, consequence: 500 } as const;

// ---- Time in Europe/Copenhagen ----------------------------------------------------------
// Everything is stored and compared as instants (UTC milliseconds). Local time is needed for
// two things only: which Danish calendar day or ISO week an instant belongs to, and turning
// "08:00 every Monday" into instants. A wall-clock time is kept as "floating" milliseconds: the
// local date and time written as if they were UTC, so plain UTC arithmetic moves whole days.

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

// Offsets change at most every quarter hour in any zone, so one lookup serves a whole slot.
// The memo is bounded; it only saves Intl calls, it never changes an answer.
const QUARTER = 15 * MINUTE;
const offsetMemos = new Map<string, Map<number, number>>();

/** The zone's UTC offset in milliseconds at an instant (+1 h or +2 h in Copenhagen). */
export function utcOffsetMs(instantMs: number, timeZone = TIME_ZONE): number {
  const slot = Math.floor(instantMs / QUARTER);
  let memo = offsetMemos.get(timeZone);
  if (!memo) offsetMemos.set(timeZone, (memo = new Map()));
  const known = memo.get(slot);
  if (known !== undefined) return known;
  const at = slot * QUARTER;
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  const offset = wall - at;
  if (memo.size > 100_000) memo.clear();
  memo.set(slot, offset);
  return offset;
}

/** The local wall-clock time of an instant, as floating milliseconds. */
export const toWallClock = (instantMs: number, timeZone = TIME_ZONE) => instantMs + utcOffsetMs(instantMs, timeZone);

/**
 * The instant a local wall-clock time names. Twice a year that is not one instant, and RFC 5545
 * (which rrule follows) settles both cases: in the autumn hour that happens twice, the first
 * (summer time); in the spring hour that never happens, the offset from before the gap, so
 * 02:30 on the last Sunday of March becomes 03:30 summer time.
 */
export function fromWallClock(wallMs: number, timeZone = TIME_ZONE): number {
  const before = utcOffsetMs(wallMs - DAY, timeZone);
  const after = utcOffsetMs(wallMs + DAY, timeZone);
  const fits = [wallMs - before, wallMs - after].filter((t) => toWallClock(t, timeZone) === wallMs);
  return fits.length ? Math.min(...fits) : wallMs - before;
}

/**
 * A bounded cache for the pure calendar functions below: a citizen's sweep asks for the same few
 * hundred days and weeks again and again. It never changes an answer, only saves the work.
 */
function remembered<R>(f: (key: string) => R): (key: string) => R {
  const known = new Map<string, R>();
  return (key) => {
    let r = known.get(key);
    if (r === undefined) {
      if (known.size > 20_000) known.clear();
      known.set(key, (r = f(key)));
    }
    return r;
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const dateOfFloating = (floating: number) => {
  const d = new Date(floating);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};
const datesOfDays = remembered((days) => dateOfFloating(Number(days) * DAY));
const floatingOfDate = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** The Danish calendar day (YYYY-MM-DD) an instant falls on. */
export const localDate = (instantMs: number, timeZone = TIME_ZONE) => datesOfDays(String(Math.floor(toWallClock(instantMs, timeZone) / DAY)));

/** The day after (or `n` days after) a calendar date. */
const nextDays = remembered((date) => dateOfFloating(floatingOfDate(date) + DAY));
export const addDays = (date: string, n = 1) => (n === 1 ? nextDays(date) : dateOfFloating(floatingOfDate(date) + n * DAY));

const dayStarts = remembered((zoneAndDate) => {
  const [timeZone, date] = zoneAndDate.split('|');
  return fromWallClock(floatingOfDate(date!), timeZone);
});
/** The instant a local calendar day begins (23 or 25 hours before the next one on the DST Sundays). */
export const startOfLocalDay = (date: string, timeZone = TIME_ZONE) => dayStarts(`${timeZone}|${date}`);

/**
 * The ISO 8601 week of a calendar date, as "2026-W53": weeks start on Monday and belong to the
 * year their Thursday is in, which is how Danish calendars number them (uge 53 exists).
 */
export const isoWeek = remembered(function isoWeek(date: string): string {
  const floating = floatingOfDate(date);
  const weekday = (new Date(floating).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = new Date(floating + (3 - weekday) * DAY);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY / 7);
  return `${pad(year, 4)}-W${pad(week)}`;
});

/** The Monday that begins the ISO week a calendar date is in. */
export const mondayOf = remembered(function mondayOf(date: string): string {
  const weekday = (new Date(floatingOfDate(date)).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
});

// ---- Appointments -------------------------------------------------------------------------

/** Whether the citizen came. Only a recorded 'missed' can lead to a sanction. */
export const attendances = ['attended', 'missed', 'excused'] as const;
export const attendance = z.enum(attendances);
export type Attendance = z.infer<typeof attendance>;

/** A point in time with its offset or Z, e.g. 2026-03-30T08:00:00+02:00. Stored as timestamptz. */
// Read as plain text first: NUL or half a surrogate pair is refused as such (invalidCharacters),
// the same answer as in every other text field, before the format is checked.
export const instant = plainText().pipe(z.iso.datetime({ offset: true })).refine(
  (s) => {
    const ms = Date.parse(s);
    if (Number.isNaN(ms)) return true; // the format check has said so already
    const year = new Date(ms).getUTCFullYear();
    return year >= Number(DATE_RANGE.min.slice(0, 4)) && year <= Number(DATE_RANGE.max.slice(0, 4));
  },
  { message: `must be a time from ${DATE_RANGE.min} to ${DATE_RANGE.max}`, params: { reason: 'invalidDate' } },
);

/**
 * A demand on the citizen's time, from one unit. `travelMinutes` is the time it takes the
 * citizen to get there: another appointment must end at least that long before it starts.
 * `consequence` is what happens if a mandatory appointment is missed ("nedsættelse af ydelse"),
 * shown so that a collision with it is taken seriously.
 */
export const appointment = z.object({
  id: z.string(),
  unitId: z.string(),
  title: z.string(),
  start: z.string(),
  end: z.string(),
  place: z.string(),
  travelMinutes: z.number(),
  mandatory: z.boolean(),
  consequence: z.string(),
  seriesId: z.string().nullable().optional(),
  attendance: attendance.nullable().optional(),
});
export type Appointment = z.infer<typeof appointment>;

/** A refused input, as a value: the field it is in and why (a key of errors.reasons). */
export interface Refusal {
  field: string;
  reason: ErrorReason;
  params?: Record<string, string | number>;
}

/**
 * The time rules every appointment keeps: it ends after it starts, lasts at most 24 hours, and
 * (when `now` is given) does not start in the past — a new demand on yesterday cannot be met,
 * and booking one is how an unfair sanction starts. Times that cannot be read are the schema's
 * problem, not this function's: it gives no refusal for them.
 */
export function appointmentTimeRefusals(start: string, end: string, now?: Date | string): Refusal[] {
  const s = Date.parse(start);
  const e = Date.parse(end);
  if (Number.isNaN(s) || Number.isNaN(e)) return [];
  const refusals: Refusal[] = [];
  if (e <= s) refusals.push({ field: 'end', reason: 'endNotAfterStart' });
  else if (e - s > MAX_APPOINTMENT_HOURS * HOUR) refusals.push({ field: 'end', reason: 'longerThan24h', params: { max: MAX_APPOINTMENT_HOURS } });
  if (now !== undefined && s < new Date(now).getTime()) refusals.push({ field: 'start', reason: 'inThePast' });
  return refusals;
}

const appointmentFields = {
  unitId: id,
  title: requiredText(APPOINTMENT_LIMITS.title),
  start: instant,
  end: instant,
  place: optionalText(APPOINTMENT_LIMITS.place).default(''),
  travelMinutes: int4(0, MAX_TRAVEL_MINUTES).default(0),
  mandatory: z.boolean().default(false),
  consequence: optionalText(APPOINTMENT_LIMITS.consequence).default(''),
};

// Zod runs these rules even when a time was refused by its format; a time without an offset
// would then be read in the machine's own zone. Only well-formed instants are compared.
const readable = (...times: string[]) => times.every((t) => instant.safeParse(t).success);

const addRefusals = (refusals: Refusal[], ctx: z.RefinementCtx) => {
  for (const r of refusals) ctx.addIssue({ code: 'custom', message: r.reason, path: r.field.split('.'), params: { reason: r.reason, ...r.params } });
};

/**
 * A new appointment, checked against `now` (the server's clock at the request, or the form's
 * when it validates). Without `now` the past is not checked: for contracts and documentation.
 */
export const createAppointmentInput = (now?: Date | string) =>
  z.strictObject(appointmentFields).superRefine((a, ctx) => {
    if (readable(a.start, a.end)) addRefusals(appointmentTimeRefusals(a.start, a.end, now), ctx);
  });
export type CreateAppointmentInput = z.infer<ReturnType<typeof createAppointmentInput>>;

// ---- Recurring series -------------------------------------------------------------------

export const frequencies = ['daily', 'weekly', 'monthly'] as const;
export const weekdays = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof weekdays)[number];

/**
 * How a series repeats. It must end — after `count` occurrences or on `until` (a local date,
 * inclusive) — because an endless series is a demand nobody reviews again, and because it could
 * not be expanded into a calendar. RFC 5545 forbids giving both.
 */
export const recurrence = z.strictObject({
  freq: z.enum(frequencies),
  interval: int4(1, 52).default(1),
  byWeekday: z.array(z.enum(weekdays)).max(7).optional(),
  count: int4(1).optional(),
  until: calendarDate.optional(),
});
export type Recurrence = z.infer<typeof recurrence>;

/** A series as stored: its first occurrence's times (which give the local time of day) and its rule. */
export interface AppointmentSeries extends Omit<Appointment, 'seriesId' | 'attendance'> {
  recurrence: Recurrence;
}

export type ExpandResult = { ok: true; occurrences: Appointment[] } | { ok: false; refusal: Refusal };

const rruleFreq = { daily: RRule.DAILY, weekly: RRule.WEEKLY, monthly: RRule.MONTHLY } as const;

/** The id an occurrence gets: the series and its start, so expanding twice gives the same ids. */
export const occurrenceId = (seriesId: string, startMs: number) => `${seriesId}/${new Date(startMs).toISOString()}`;

/**
 * The appointments a series yields, in order. The rule is applied to local wall-clock times in
 * `timeZone` (rrule in "floating" mode, each result then placed in the zone), so activation at
 * 08:00–11:00 stays at 08:00–11:00 on both sides of the daylight-saving changes — its UTC time
 * moves instead. The first occurrence's start anchors the time of day and the earliest date; as
 * in rrule, it is itself an occurrence only if it matches the rule (e.g. its weekday).
 * Refused, as a value: no end (recurrenceUnbounded), more than `maxOccurrences`
 * (tooManyOccurrences), and the time rules of a single appointment.
 */
export function expandSeries(
  series: AppointmentSeries,
  options: { maxOccurrences?: number; timeZone?: string } = {},
): ExpandResult {
  const { maxOccurrences = MAX_OCCURRENCES, timeZone = TIME_ZONE } = options;
  const refuse = (field: string, reason: ErrorReason, params?: Refusal['params']): ExpandResult => ({ ok: false, refusal: { field, reason, ...(params && { params }) } });
  const [timeRefusal] = appointmentTimeRefusals(series.start, series.end);
  if (timeRefusal) return { ok: false, refusal: timeRefusal };
  const rule = series.recurrence;
  if (rule.count === undefined && rule.until === undefined) return refuse('recurrence', 'recurrenceUnbounded');
  if (rule.count !== undefined && rule.until !== undefined) return refuse('recurrence.until', 'invalidValue');
  if (rule.count !== undefined && rule.count > maxOccurrences) return refuse('recurrence.count', 'tooManyOccurrences', { max: maxOccurrences });

  const startWall = toWallClock(Date.parse(series.start), timeZone);
  const endWall = toWallClock(Date.parse(series.end), timeZone);
  if (rule.until !== undefined && rule.until < dateOfFloating(startWall)) return refuse('recurrence.until', 'endBeforeStart');

  const rrule = new RRule({
    freq: rruleFreq[rule.freq],
    interval: rule.interval ?? 1,
    dtstart: new Date(startWall),
    ...(rule.byWeekday?.length ? { byweekday: rule.byWeekday.map((d) => RRule[d]) } : {}),
    ...(rule.count !== undefined ? { count: rule.count } : {}),
    // The whole of the last day, in local time.
    ...(rule.until !== undefined ? { until: new Date(floatingOfDate(rule.until) + DAY - 1000) } : {}),
  });
  // Stop one past the limit: enough to know it is too many, without expanding the rest.
  const starts = rrule.all((_, found) => found <= maxOccurrences);
  if (starts.length > maxOccurrences) return refuse('recurrence.until', 'tooManyOccurrences', { max: maxOccurrences });

  const { recurrence: _rule, id: seriesId, ...fields } = series;
  return {
    ok: true,
    occurrences: starts.map((floating) => {
      const start = fromWallClock(floating.getTime(), timeZone);
      const end = fromWallClock(floating.getTime() + (endWall - startWall), timeZone);
      return { ...fields, id: occurrenceId(seriesId, start), seriesId, start: new Date(start).toISOString(), end: new Date(end).toISOString() };
    }),
  };
}

/**
 * A new series: the first occurrence's times and the rule. Checked as one appointment (against
 * `now`) and by expanding it, so a rule that yields too many occurrences is refused before it
 * is stored.
 */
export const createSeriesInput = (now?: Date | string, options: { maxOccurrences?: number; timeZone?: string } = {}) =>
  z.strictObject({ ...appointmentFields, recurrence }).superRefine(seriesRefinement(now, options));
export type CreateSeriesInput = z.infer<ReturnType<typeof createSeriesInput>>;

function seriesRefinement(now: Date | string | undefined, options: { maxOccurrences?: number; timeZone?: string }) {
  return (s: { start: string; end: string; recurrence?: unknown } & Omit<AppointmentSeries, 'id' | 'recurrence'>, ctx: z.RefinementCtx) => {
    if (!readable(s.start, s.end)) return;
    const timeRefusals = appointmentTimeRefusals(s.start, s.end, now);
    addRefusals(timeRefusals, ctx);
    if (s.recurrence === undefined || timeRefusals.some((r) => r.field === 'end')) return;
    const rule = recurrence.safeParse(s.recurrence);
    if (!rule.success) return;
    const expanded = expandSeries({ ...s, recurrence: rule.data, id: 'new' }, options);
    if (!expanded.ok) addRefusals([expanded.refusal], ctx);
  };
}

/**
 * A booking: one appointment, or a series when `recurrence` is given, with the caller's extra
 * fields (who, area, the reason to book anyway). Checked as createSeriesInput / createAppointmentInput.
 */
export const bookingInput = <E extends z.ZodRawShape>(extras: E, now?: Date | string, options: { maxOccurrences?: number; timeZone?: string } = {}) =>
  z.strictObject({ ...appointmentFields, recurrence: recurrence.optional(), ...extras }).superRefine((s, ctx) => seriesRefinement(now, options)(s as never, ctx));
