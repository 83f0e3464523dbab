import { z } from 'zod';
import { addDays } from './calendar.ts';
import { int4 } from './fields.ts';
import {
  addCalendarMonths,
  addCalendarWeeks,
  addWorkingDays,
  calendarDaysBetween,
  closedDaysBetween,
  extraClosedDayKinds,
  nextWorkingDayOnOrAfter,
  workingDaysBetween,
  type WorkingDayRules,
} from './workdays.ts';

// Legal and promised deadlines (issue 14): when one is due, and which rule made it so, so the UI
// and the letters can say "2 arbejdsdage; skærtorsdag, langfredag og 2. påskedag tæller ikke med".
// Pure, like workdays.ts: `receivedOn` and `today` are Danish calendar days the caller gives.
// Informal contact never stops a clock: nothing here takes a contact into account.

/**
 * How long a deadline is. Working days count only working days after the day of receipt
 * (workdays.ts addWorkingDays). Weeks and months are calendar periods from the day of receipt —
 * the day of receipt itself does not count — and a period ending on a day that is not a working
 * day runs to the next working day (as Danish deadlines in weeks and months do: retsplejeloven
 * § 148, stk. 2, forældelsesloven § 27, stk. 2, Justitsministeriets vejledning nr. 9533 af
 * 26. juni 2018 om beregning af klagefrister). "Working day" is the municipality's setting: with
 * the default it matches those rules except grundlovsdag, which counts as a working day — a
 * deadline one day earlier, never later, than the law allows.
 */
export const deadlinePeriod = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('workingDays'), days: int4(1, 365) }),
  z.strictObject({ kind: z.literal('weeks'), weeks: int4(1, 260) }),
  z.strictObject({ kind: z.literal('months'), months: int4(1, 60) }),
]);
export type DeadlinePeriod = z.infer<typeof deadlinePeriod>;

/** The personal-contact deadline on a complaint: 2 working days unless the municipality sets another. */
export const DEFAULT_PERSONAL_CONTACT_DAYS = 2;
export const personalContactDeadline = (days = DEFAULT_PERSONAL_CONTACT_DAYS): DeadlinePeriod => ({ kind: 'workingDays', days });

/**
 * Reassessment of a complaint about a decision: a decision the municipality maintains must be
 * sent on to the appeals body within 4 weeks of receiving the complaint (retssikkerhedsloven
 * § 66; Ankestyrelsen: "senest fire uger efter, at den har fået din klage"). Also the usual
 * complaint deadline (klagefrist) for the citizen, counted from receiving the decision
 * (retssikkerhedsloven § 67). Set by law, not by the municipality.
 */
export const REASSESSMENT_DEADLINE: DeadlinePeriod = Object.freeze({ kind: 'weeks', weeks: 4 });
export const APPEAL_DEADLINE: DeadlinePeriod = Object.freeze({ kind: 'weeks', weeks: 4 });

/** A day that is not a working day, as the response carries it (workdays.ts ClosedDay). */
export const closedDayView = z.object({
  date: z.string(),
  name: z.string(),
  kind: z.enum(['publicHoliday', 'municipalClosedDay', 'weekend']),
  key: z.string(),
});

const moved = {
  /** The day the period ended on, when it was not a working day; `due` is the next working day. */
  movedFrom: z.string().optional(),
  /** The closed days from movedFrom up to the due date, with their names (weekends included). */
  movedOver: z.array(closedDayView).optional(),
};

/** Which rule a due date followed, and the days that made it later. */
export const deadlineRuleView = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('workingDays'),
    days: z.number(),
    /**
     * The holidays and municipal closed days on weekdays between receipt and the due date: the
     * days that made it later than counting Monday–Friday would. Weekends are not listed, nor
     * holidays on a weekend (påskedag, pinsedag): they cost nothing.
     */
    skipped: z.array(closedDayView),
  }),
  z.object({ kind: z.literal('weeks'), weeks: z.number(), ...moved }),
  z.object({ kind: z.literal('months'), months: z.number(), ...moved }),
]);
export type DeadlineRule = z.infer<typeof deadlineRuleView>;

/** A computed deadline, as the server sends it and the web shows it. */
export const deadlineView = z.object({
  receivedOn: z.string(),
  due: z.string(),
  rule: deadlineRuleView,
  /** The municipal closed days in force when it was computed, so the UI can state the setting. */
  extraClosedDays: z.array(z.enum(extraClosedDayKinds)),
});
export type Deadline = z.infer<typeof deadlineView>;

/**
 * The due date of a deadline that starts on `receivedOn` (the Danish calendar day the request or
 * complaint arrived, whatever the hour — the server turns the instant into it with localDate).
 * The deadline is met on any moment of the due day.
 */
export function deadline(period: DeadlinePeriod, receivedOn: string, rules: WorkingDayRules): Deadline {
  const extraClosedDays = [...rules.extraClosedDays];
  if (period.kind === 'workingDays') {
    if (period.days < 1) throw new RangeError('a deadline in working days must be at least 1 day');
    const due = addWorkingDays(receivedOn, period.days, rules);
    const skipped = closedDaysBetween(receivedOn, due, rules).filter((d) => !isWeekend(d.date));
    return { receivedOn, due, rule: { kind: 'workingDays', days: period.days, skipped }, extraClosedDays };
  }
  if ((period.kind === 'weeks' ? period.weeks : period.months) < 1) throw new RangeError(`a deadline in ${period.kind} must be at least 1`);
  const end = period.kind === 'weeks' ? addCalendarWeeks(receivedOn, period.weeks) : addCalendarMonths(receivedOn, period.months);
  const due = nextWorkingDayOnOrAfter(end, rules);
  // closedDaysBetween is exclusive at both ends; movedOver starts at movedFrom itself.
  const movedPart = due === end ? {} : { movedFrom: end, movedOver: closedDaysBetween(addDays(end, -1), due, rules) };
  const rule: DeadlineRule = period.kind === 'weeks' ? { kind: 'weeks', weeks: period.weeks, ...movedPart } : { kind: 'months', months: period.months, ...movedPart };
  return { receivedOn, due, rule, extraClosedDays };
}

const isWeekend = (date: string) => {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
};

/**
 * Time left until a due date, seen on `today`: working days in (today, due] and calendar days.
 * 0 and 0 on the due day itself; negative once it has passed (−1 working day on the first
 * working day after it).
 */
export function daysLeft(due: string, today: string, rules: WorkingDayRules): { workingDays: number; calendarDays: number } {
  return { workingDays: workingDaysBetween(today, due, rules), calendarDays: calendarDaysBetween(today, due) };
}

/** Whether a deadline is breached on `today`: the whole due day is still in time. */
export function isBreached(due: string, today: string): boolean {
  return calendarDaysBetween(due, today) > 0;
}

// ---- In words ---------------------------------------------------------------------------------

const months = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];
const weekdays = ['søndag', 'mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag'];

/** "tirsdag den 7. april 2026" */
export function danishDate(date: string, withWeekday = true): string {
  const d = new Date(`${date}T00:00:00Z`);
  const text = `${d.getUTCDate()}. ${months[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  return withWeekday ? `${weekdays[d.getUTCDay()]} den ${text}` : text;
}

const listInDanish = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} og ${items.at(-1)}`);
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const dayAndMonth = (date: string) => danishDate(date, false).replace(/ \d+$/, '');

/**
 * The rule a deadline followed, in plain Danish for the citizen and the caseworker, e.g.
 * "Fristen er 2 arbejdsdage fra 1. april 2026. Den udløber onsdag den 8. april 2026.
 * Skærtorsdag (2. april), langfredag (3. april) og 2. påskedag (6. april) er ikke arbejdsdage."
 */
export function explainDeadline(d: Deadline): string {
  const from = danishDate(d.receivedOn, false);
  const sentences: string[] = [];
  if (d.rule.kind === 'workingDays') {
    sentences.push(`Fristen er ${d.rule.days} ${d.rule.days === 1 ? 'arbejdsdag' : 'arbejdsdage'} fra ${from}.`);
    sentences.push(`Den udløber ${danishDate(d.due)}.`);
    const named = d.rule.skipped.map((s) => `${s.name} (${dayAndMonth(s.date)})`);
    if (named.length) sentences.push(`${capitalise(listInDanish(named))} ${named.length === 1 ? 'er ikke en arbejdsdag' : 'er ikke arbejdsdage'}.`);
  } else {
    const length =
      d.rule.kind === 'weeks' ? `${d.rule.weeks} ${d.rule.weeks === 1 ? 'uge' : 'uger'}` : `${d.rule.months} ${d.rule.months === 1 ? 'måned' : 'måneder'}`;
    sentences.push(`Fristen er ${length} fra ${from}.`);
    if (d.rule.movedFrom) {
      const first = d.rule.movedOver?.[0];
      sentences.push(`Den ville udløbe ${danishDate(d.rule.movedFrom)}${first && first.kind !== 'weekend' ? `, som er ${first.name}` : ''}.`);
      sentences.push(`Derfor udløber den i stedet ${danishDate(d.due)}, den første arbejdsdag efter.`);
    } else {
      sentences.push(`Den udløber ${danishDate(d.due)}.`);
    }
  }
  return sentences.join(' ');
}
