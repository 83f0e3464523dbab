// Dates relative to today, as the database counts days: consents and deadlines run by the
// Danish calendar (DANISH_TODAY in platform/db.ts). A test that takes "today" from the UTC
// date disagrees with the database every night from 23:00 UTC (22:00 in summer) to midnight.

const danishDate = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Denmark, YYYY-MM-DD. */
export const today = (now = new Date()) => danishDate.format(now);

/** The Danish date `days` calendar days from today (negative: before today), YYYY-MM-DD. */
export function inDays(days: number, now = new Date()) {
  const [year, month, day] = today(now).split('-').map(Number);
  return new Date(Date.UTC(year!, month! - 1, day! + days)).toISOString().slice(0, 10);
}
