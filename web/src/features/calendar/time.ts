import { TIME_ZONE, addDays, fromWallClock, isoWeek, localDate, mondayOf, utcOffsetMs } from '@sammen/domain/calendar';

// Danish local time for the calendar pages: the form's date and clock fields become instants
// with their Copenhagen offset, and instants are grouped by the Danish day and ISO week they
// fall on — whatever zone the browser itself is in.

const pad = (n: number) => String(n).padStart(2, '0');

/** Today in Copenhagen, YYYY-MM-DD. */
export const todayLocal = (now = Date.now()) => localDate(now);

/** "2026-03-30" and "08:00" in Copenhagen → "2026-03-30T08:00:00+02:00"; '' when either cannot be read. */
export function toInstant(date: string, time: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return '';
  const floating = Date.parse(`${date}T${time}:00Z`);
  if (Number.isNaN(floating)) return '';
  const instant = fromWallClock(floating, TIME_ZONE);
  const offsetMinutes = utcOffsetMs(instant, TIME_ZONE) / 60_000;
  const wall = new Date(instant + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The Copenhagen day an instant (ISO text) falls on. */
export const dayOf = (iso: string) => localDate(Date.parse(iso));

/** Week number only: "2026-W14" → 14. */
export const weekNumber = (week: string) => Number(week.slice(week.indexOf('W') + 1));

export { addDays, isoWeek, mondayOf };

/** The weekday of a date as RFC 5545 names it (MO … SU). */
export function weekdayOf(date: string): 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU' {
  const d = new Date(`${date}T12:00:00Z`).getUTCDay();
  return (['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const)[d]!;
}

/** The range the calendar shows by default: four ISO weeks from this week's Monday. */
export const WEEKS_SHOWN = 4;
export function defaultRange(now = Date.now()): { from: string; to: string } {
  const from = mondayOf(todayLocal(now));
  return { from, to: addDays(from, WEEKS_SHOWN * 7 - 1) };
}

/** A date from the address bar, or undefined when it is not one. */
export const readDate = (s: string | null) => (s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) ? s : undefined);

/** Every Monday from the week of `from` up to `to`. */
export function mondaysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = mondayOf(from); m <= to && out.length < 60; m = addDays(m, 7)) out.push(m);
  return out;
}
