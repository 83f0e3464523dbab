import Holidays from 'date-holidays';
import { z } from 'zod';
import { addDays } from './calendar.ts';
import { DATE_RANGE } from './fields.ts';

// Working days in a Danish municipality (issue 14): which calendar days count when a deadline
// is given in working days, and which days a deadline given in weeks may not end on.
// Pure: dates are Danish calendar days as 'YYYY-MM-DD' (Europe/Copenhagen — turn an instant into
// one with calendar.ts's localDate), no clock is read, and the municipality's setting is a
// parameter. A working day is a Monday–Friday that is neither a public holiday (helligdag) nor
// one of the days the municipality has chosen to keep closed.

// ---- The municipal setting ------------------------------------------------------------------

/**
 * Days that are not public holidays but on which a municipality may keep its offices closed.
 * None of them is a helligdag; whether they count as working days is the municipality's choice.
 */
export const extraClosedDayKinds = ['grundlovsdag', 'juleaftensdag', 'nytaarsaftensdag', 'fredag_efter_kristi_himmelfart'] as const;
export type ExtraClosedDay = (typeof extraClosedDayKinds)[number];

/**
 * The default: 24 and 31 December closed; grundlovsdag and the Friday after Ascension open.
 *
 * Why: under the municipal working-time agreements juleaftensdag and nytårsaftensdag are days
 * off (fridage), and the Danish rules on when a deadline ends already treat them like holidays
 * (retsplejeloven § 148, stk. 2; forældelsesloven § 27, stk. 2: a deadline ending on a weekend,
 * a helligdag, grundlovsdag, 24 or 31 December runs to the next weekday). Grundlovsdag is
 * commonly a day off only from 12:00, so the office is open and a citizen can be called in the
 * morning: it counts as a working day. The Friday after Ascension is an ordinary working day
 * that many staff take off; the office is open.
 * Counting a day as a working day makes a deadline earlier, never later — the safe side for the
 * citizen — so only days when the office is really closed are closed by default.
 */
export const DEFAULT_EXTRA_CLOSED_DAYS: readonly ExtraClosedDay[] = ['juleaftensdag', 'nytaarsaftensdag'];

/** A municipality's working-day setting (stored per municipality; the default when not set). */
export const workingDayRules = z
  .strictObject({
    extraClosedDays: z
      .array(z.enum(extraClosedDayKinds))
      .max(extraClosedDayKinds.length)
      // A day named twice is a mistake in the form, not a stronger closing: refused, not cleaned.
      .refine((days) => new Set(days).size === days.length, { message: 'names a day twice', params: { reason: 'invalidValue' } })
      .default(() => [...DEFAULT_EXTRA_CLOSED_DAYS]),
  })
  .default(() => ({ extraClosedDays: [...DEFAULT_EXTRA_CLOSED_DAYS] }));
export type WorkingDayRules = { readonly extraClosedDays: readonly ExtraClosedDay[] };

export const DEFAULT_WORKING_DAY_RULES: WorkingDayRules = Object.freeze({ extraClosedDays: DEFAULT_EXTRA_CLOSED_DAYS });

// ---- Days that are not working days -----------------------------------------------------------

/** The public holidays of Denmark (helligdagene), by code name; 'other' is one the library added later. */
export type PublicHolidayKey =
  | 'nytaarsdag'
  | 'skaertorsdag'
  | 'langfredag'
  | 'paaskedag'
  | 'anden_paaskedag'
  | 'store_bededag'
  | 'kristi_himmelfartsdag'
  | 'pinsedag'
  | 'anden_pinsedag'
  | 'juledag'
  | 'anden_juledag'
  | 'other';

/** A day that is not a working day, with its Danish name as the UI shows it ("2. påskedag"). */
export interface ClosedDay {
  date: string;
  name: string;
  kind: 'publicHoliday' | 'municipalClosedDay' | 'weekend';
  key: PublicHolidayKey | ExtraClosedDay | 'saturday' | 'sunday';
}

/** The Danish names the UI shows. The library's own names differ ("Anden påskedag"). */
const publicHolidayNames: Record<Exclude<PublicHolidayKey, 'other'>, string> = {
  nytaarsdag: 'nytårsdag',
  skaertorsdag: 'skærtorsdag',
  langfredag: 'langfredag',
  paaskedag: 'påskedag',
  anden_paaskedag: '2. påskedag',
  store_bededag: 'store bededag',
  kristi_himmelfartsdag: 'Kristi himmelfartsdag',
  pinsedag: 'pinsedag',
  anden_pinsedag: '2. pinsedag',
  juledag: 'juledag',
  anden_juledag: '2. juledag',
};

export const extraClosedDayNames: Record<ExtraClosedDay, string> = {
  grundlovsdag: 'grundlovsdag',
  juleaftensdag: 'juleaftensdag',
  nytaarsaftensdag: 'nytårsaftensdag',
  fredag_efter_kristi_himmelfart: 'fredag efter Kristi himmelfartsdag',
};

// The library's Danish names, lower-cased, to our keys (both "anden" and "2." spellings).
const keyOfLibraryName: Record<string, Exclude<PublicHolidayKey, 'other'>> = {
  'nytårsdag': 'nytaarsdag',
  'skærtorsdag': 'skaertorsdag',
  'langfredag': 'langfredag',
  'påskedag': 'paaskedag',
  '1. påskedag': 'paaskedag',
  'anden påskedag': 'anden_paaskedag',
  '2. påskedag': 'anden_paaskedag',
  'store bededag': 'store_bededag',
  'kristi himmelfartsdag': 'kristi_himmelfartsdag',
  'pinsedag': 'pinsedag',
  '1. pinsedag': 'pinsedag',
  'anden pinsedag': 'anden_pinsedag',
  '2. pinsedag': 'anden_pinsedag',
  'juledag': 'juledag',
  '1. juledag': 'juledag',
  'anden juledag': 'anden_juledag',
  '2. juledag': 'anden_juledag',
};

/** The first year without store bededag as a public holiday (lov nr. 147 af 28. februar 2023). */
export const STORE_BEDEDAG_ABOLISHED_FROM = 2024;

/** One entry of the holidays library, as much of it as is read here. */
export interface LibraryHoliday {
  date: string; // 'YYYY-MM-DD hh:mm:ss', local time
  name: string;
  type: string;
}

/**
 * The public holidays among the library's entries for one year, under today's law.
 * Only type 'public' counts: the library also lists days such as grundlovsdag and 1 May as
 * 'observance', which are not helligdage. Store bededag is dropped from 2024 on even if a
 * library version still lists it: lov nr. 147 af 28. februar 2023 om afskaffelse af store
 * bededag som helligdag took it out of the public holidays from 2024. Exported for its test.
 */
export function lawfulPublicHolidays(entries: readonly LibraryHoliday[]): ClosedDay[] {
  const days: ClosedDay[] = [];
  for (const entry of entries) {
    if (entry.type !== 'public') continue;
    const date = entry.date.slice(0, 10);
    const key = keyOfLibraryName[entry.name.trim().toLowerCase()];
    if (key === 'store_bededag' && Number(date.slice(0, 4)) >= STORE_BEDEDAG_ABOLISHED_FROM) continue;
    // A holiday the library knows and this map does not (a new law) still closes the day.
    days.push({ date, name: key ? publicHolidayNames[key] : entry.name, kind: 'publicHoliday', key: key ?? 'other' });
  }
  return days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

// The library carries every country's rules; one Danish instance, made on first use.
let denmark: Holidays | undefined;
const holidaysByYear = new Map<number, readonly ClosedDay[]>();

/** Denmark's public holidays in a year, in date order, with Danish names. */
export function publicHolidays(year: number): readonly ClosedDay[] {
  if (!Number.isInteger(year) || year < Number(DATE_RANGE.min.slice(0, 4)) || year > Number(DATE_RANGE.max.slice(0, 4))) {
    throw new RangeError(`no holidays for year ${year}: years ${DATE_RANGE.min.slice(0, 4)}–${DATE_RANGE.max.slice(0, 4)} only`);
  }
  let days = holidaysByYear.get(year);
  if (!days) {
    denmark ??= new Holidays('DK', { languages: ['da'], timezone: 'Europe/Copenhagen', types: ['public'] });
    days = Object.freeze(lawfulPublicHolidays(denmark.getHolidays(year, 'da')).map((d) => Object.freeze(d)));
    holidaysByYear.set(year, days);
  }
  return days;
}

/** The days the municipality keeps closed in a year under its setting, in date order. */
export function municipalClosedDays(year: number, rules: WorkingDayRules): ClosedDay[] {
  const y = String(year).padStart(4, '0');
  const days: ClosedDay[] = [];
  for (const key of rules.extraClosedDays) {
    let date: string | undefined;
    if (key === 'grundlovsdag') date = `${y}-06-05`;
    else if (key === 'juleaftensdag') date = `${y}-12-24`;
    else if (key === 'nytaarsaftensdag') date = `${y}-12-31`;
    else {
      const ascension = publicHolidays(year).find((d) => d.key === 'kristi_himmelfartsdag');
      date = ascension && addDays(ascension.date, 1);
    }
    if (date) days.push({ date, name: extraClosedDayNames[key], kind: 'municipalClosedDay', key });
  }
  return days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

// The closed days (holidays and municipal closings, not weekends) of a year under one setting.
// Bounded: at most 301 years × 16 settings.
const closedByYearAndRules = new Map<string, ReadonlyMap<string, ClosedDay>>();
function closedDaysOf(year: number, rules: WorkingDayRules): ReadonlyMap<string, ClosedDay> {
  const cacheKey = `${year}|${[...rules.extraClosedDays].sort().join(',')}`;
  let days = closedByYearAndRules.get(cacheKey);
  if (!days) {
    const map = new Map<string, ClosedDay>();
    // A public holiday wins over a municipal closing on the same date: its name is the one to show.
    for (const d of municipalClosedDays(year, rules)) map.set(d.date, d);
    for (const d of publicHolidays(year)) map.set(d.date, d);
    closedByYearAndRules.set(cacheKey, (days = map));
  }
  return days;
}

// ---- Dates ----------------------------------------------------------------------------------

const dateShape = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Refuses what is not a real calendar date in DATE_RANGE: a programming error, not user input. */
function checkDate(date: string, what = 'date'): number {
  const m = typeof date === 'string' ? dateShape.exec(date) : null;
  const ms = m ? Date.parse(`${date}T00:00:00Z`) : NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date || date < DATE_RANGE.min || date > DATE_RANGE.max) {
    throw new RangeError(`${what} must be a calendar date YYYY-MM-DD from ${DATE_RANGE.min} to ${DATE_RANGE.max}, not ${JSON.stringify(date)}`);
  }
  return Number(m[1]);
}

/** The weekday of a date: 0 Sunday … 6 Saturday. */
const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

const DAY_MS = 86_400_000;
/** Calendar days from a to b (negative when b is before a). */
export const calendarDaysBetween = (a: string, b: string) => {
  checkDate(a, 'a');
  checkDate(b, 'b');
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
};

// ---- Working days -----------------------------------------------------------------------------

/**
 * Why a date is not a working day, or undefined when it is one. A holiday on a weekend is named
 * as the holiday (påskedag, not "søndag"); a municipal closing on a holiday as the holiday.
 */
export function closedDay(date: string, rules: WorkingDayRules): ClosedDay | undefined {
  const year = checkDate(date);
  const closed = closedDaysOf(year, rules).get(date);
  if (closed) return closed;
  const weekday = weekdayOf(date);
  if (weekday === 6) return { date, name: 'lørdag', kind: 'weekend', key: 'saturday' };
  if (weekday === 0) return { date, name: 'søndag', kind: 'weekend', key: 'sunday' };
  return undefined;
}

/** Whether the municipality works on a date: Monday–Friday, not a helligdag, not a closed day. */
export function isWorkingDay(date: string, rules: WorkingDayRules): boolean {
  const year = checkDate(date);
  const weekday = weekdayOf(date);
  return weekday !== 0 && weekday !== 6 && !closedDaysOf(year, rules).has(date);
}

function checkCount(n: number, what: string) {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a whole number ≥ 0, not ${n}`);
}

/**
 * The n-th working day after `date`. The day of receipt itself never counts, whatever kind of
 * day it is: counting starts the day after, and only working days are counted. So a complaint
 * received on Wednesday 1 April 2026 with 2 working days is due on Wednesday 8 April (skærtorsdag,
 * langfredag, the weekend and 2. påskedag are passed over), and one received on a Saturday with
 * 1 working day is due on Monday. For n ≥ 1 the result is always a working day; n = 0 gives
 * `date` itself (nothing to count), whatever kind of day it is.
 */
export function addWorkingDays(date: string, n: number, rules: WorkingDayRules): string {
  checkDate(date);
  checkCount(n, 'n');
  let day = date;
  for (let counted = 0; counted < n; ) {
    day = addDays(day, 1);
    if (day > DATE_RANGE.max) throw new RangeError(`${n} working days after ${date} is past ${DATE_RANGE.max}`);
    if (isWorkingDay(day, rules)) counted++;
  }
  return day;
}

/**
 * The working days in (a, b]: after a, up to and including b — the same count addWorkingDays
 * makes, so workingDaysBetween(d, addWorkingDays(d, n)) === n. Negative when b is before a
 * (minus the working days in (b, a]); 0 when they are the same day.
 */
export function workingDaysBetween(a: string, b: string, rules: WorkingDayRules): number {
  const yearA = checkDate(a, 'a');
  const yearB = checkDate(b, 'b');
  if (b < a) return 0 - workingDaysBetween(b, a, rules); // never -0
  // Monday–Friday in (a, b] by arithmetic, less the closed days on a weekday in it: a page that
  // shows many deadlines counts each in a few steps, not one step per day.
  const na = dayNumber(a);
  const nb = dayNumber(b);
  let count = weekdaysBefore(nb + 1) - weekdaysBefore(na + 1);
  for (let year = yearA; year <= yearB; year++) {
    for (const date of closedDaysOf(year, rules).keys()) {
      if (date > a && date <= b && isWeekday(dayNumber(date))) count--;
    }
  }
  return count;
}

/** Days since 1970-01-01 (a Thursday). */
const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
const isWeekday = (n: number) => {
  const w = (((4 + n) % 7) + 7) % 7; // 0 Sunday … 6 Saturday
  return w !== 0 && w !== 6;
};
/** Monday–Friday in [0, n) counted from 1970-01-01, negative below it: a running total. */
function weekdaysBefore(n: number): number {
  const weeks = Math.floor(n / 7);
  let count = weeks * 5;
  for (let d = weeks * 7; d < n; d++) if (isWeekday(d)) count++;
  return count;
}

/** `date` itself when it is a working day, otherwise the first working day after it. */
export function nextWorkingDayOnOrAfter(date: string, rules: WorkingDayRules): string {
  checkDate(date);
  let day = date;
  while (!isWorkingDay(day, rules)) {
    day = addDays(day, 1);
    if (day > DATE_RANGE.max) throw new RangeError(`no working day after ${date} before ${DATE_RANGE.max}`);
  }
  return day;
}

/**
 * The same weekday `weeks` weeks later: a deadline of 4 weeks from Wednesday ends on the
 * Wednesday 4 weeks on (a deadline in weeks counts weeks, and the day of receipt does not
 * count). Plain calendar arithmetic: moving off a closed day is nextWorkingDayOnOrAfter's job.
 */
export function addCalendarWeeks(date: string, weeks: number): string {
  checkDate(date);
  checkCount(weeks, 'weeks');
  const result = addDays(date, 7 * weeks);
  if (result > DATE_RANGE.max) throw new RangeError(`${weeks} weeks after ${date} is past ${DATE_RANGE.max}`);
  return result;
}

/**
 * The same day of the month `months` months later; when that month is shorter, its last day
 * (forældelsesloven § 27, stk. 1: 31 January + 1 month is 28 or 29 February). For published
 * processing deadlines given in months ("3 måneder").
 */
export function addCalendarMonths(date: string, months: number): string {
  const year = checkDate(date);
  checkCount(months, 'months');
  const month0 = Number(date.slice(5, 7)) - 1 + months;
  const y = year + Math.floor(month0 / 12);
  const m = month0 % 12;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate(); // day 0 of the next month
  const d = Math.min(Number(date.slice(8, 10)), lastDay);
  const result = `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (result > DATE_RANGE.max) throw new RangeError(`${months} months after ${date} is past ${DATE_RANGE.max}`);
  return result;
}

/** The closed days in (a, b), in date order — what lies between two dates that is not worked. */
export function closedDaysBetween(a: string, b: string, rules: WorkingDayRules): ClosedDay[] {
  checkDate(a, 'a');
  checkDate(b, 'b');
  const days: ClosedDay[] = [];
  for (let day = addDays(a, 1); day < b; day = addDays(day, 1)) {
    const closed = closedDay(day, rules);
    if (closed) days.push(closed);
  }
  return days;
}
