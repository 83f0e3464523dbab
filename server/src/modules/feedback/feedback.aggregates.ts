import { TIME_ZONE, addDays, localDate, startOfLocalDay } from '@sammen/domain/calendar';
import { classifyChange, teamAggregates, type AggregateRow, type AggregatesQuery, type AggregatesView, type ChangeClassification } from '@sammen/domain/feedback';
import type { SignedInCtx } from '../../platform/context.ts';
import { staffActor } from '../../platform/context.ts';
import { invalid } from '../../platform/errors.ts';
import { fromJson, selectInstruments, type InstrumentRow } from './feedback.repository.ts';
import { selectAggregateMeetings, selectCourseOutcomes, type CourseOutcomeRow } from './feedback.reads.ts';

// Leaders' aggregates: per unit (teams when units get them) and month or quarter, the meetings
// held, how many were rated, the mean of each meeting item, and the share of courses with a
// reliable improvement — each measure hidden when it rests on fewer than 5 citizens, or when it
// would let a hidden group be worked out (teamAggregates). Counts and means only: no citizen is
// named, so no access-log row.

const MIN_CITIZENS = 5;
/** The longest range one request may ask for: two years of Danish days. */
const MAX_RANGE_DAYS = 731;

/** The first day of the month or quarter `day` is in. */
export function periodStart(day: string, by: AggregatesQuery['by']): string {
  const [y, m] = [day.slice(0, 4), Number(day.slice(5, 7))];
  const first = by === 'month' ? m : m - ((m - 1) % 3);
  return `${y}-${String(first).padStart(2, '0')}-01`;
}

/** The first day of the period after the one `day` is in. */
function nextPeriodStart(day: string, by: AggregatesQuery['by']): string {
  const start = periodStart(day, by);
  return periodStart(addDays(start, by === 'month' ? 31 : 92), by);
}

/**
 * The Danish days the aggregates cover: whole periods only, and only periods that have ended.
 * A range one day shorter, or a period still growing, would let a leader subtract two answers and
 * read the meetings of one day — one citizen's rating. So `from` moves back to the start of its
 * period, `to` forward to the end of its period, and a period not yet over is left out (by
 * default: the last four quarters or twelve months that have ended).
 */
function rangeOf(q: AggregatesQuery, now = Date.now()) {
  const lastEnded = addDays(periodStart(localDate(now), q.by), -1);
  const askedTo = q.to ? addDays(nextPeriodStart(q.to, q.by), -1) : lastEnded;
  const toDay = askedTo > lastEnded ? lastEnded : askedTo;
  const fromDay = periodStart(q.from ?? addDays(toDay, -364), q.by);
  if (q.from && q.to && q.to < q.from) throw invalid('to', 'endBeforeStart', 'is before from');
  const from = new Date(startOfLocalDay(fromDay, TIME_ZONE));
  const to = new Date(startOfLocalDay(addDays(toDay), TIME_ZONE));
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000) throw invalid('to', 'tooLarge', `is more than ${MAX_RANGE_DAYS} days after from`, { max: MAX_RANGE_DAYS });
  return { fromDay, toDay, from, to };
}

const quarterOfMonth = (month: string) => `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;

/**
 * By month, each month is hidden or shown as a part of its quarter — the way teams are parts of
 * their unit — so a month hidden for few citizens cannot be worked out as its quarter (asked by
 * quarter) minus the months shown. Units have no teams yet, so the team slot is free for this.
 */
function cellsOf(rows: AggregateRow[], by: AggregatesQuery['by']) {
  if (by === 'quarter') return teamAggregates(rows, { minCitizens: MIN_CITIZENS });
  const asParts = rows.map((r) => ({ ...r, period: quarterOfMonth(r.period), teamId: r.period }));
  return teamAggregates(asParts, { minCitizens: MIN_CITIZENS })
    .filter((c) => c.teamId !== null)
    .map((c) => ({ ...c, period: c.teamId!, teamId: null }))
    .sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));
}

/**
 * Each course's classification by period: from its first outcome total to the latest one up to
 * the end of the period, with the instrument of its first rating (another's scale may differ),
 * once it has two. Keyed by citizen, unit and period.
 */
function classifier(outcomes: CourseOutcomeRow[], instruments: Map<string, InstrumentRow>) {
  const courses = new Map<string, CourseOutcomeRow[]>();
  for (const o of outcomes) {
    const key = `${o.citizen_id}|${o.unit_id}`;
    const course = courses.get(key) ?? [];
    if (course.length === 0 || course[0]!.instrument_id === o.instrument_id) courses.set(key, [...course, o]);
  }
  return (citizenId: string, unitId: string, period: string): ChangeClassification | null => {
    const course = (courses.get(`${citizenId}|${unitId}`) ?? []).filter((o) => o.period <= period);
    const instrument = course[0] && instruments.get(course[0].instrument_id);
    if (!instrument || course.length < 2) return null;
    return classifyChange(instrument.definition, course[0]!.total, course.at(-1)!.total).classification;
  };
}

/** The meeting items used in the range, each with the wording of the first instrument that has it. */
function itemsOf(instrumentIds: Set<string>, instruments: InstrumentRow[]) {
  const items = new Map<string, { key: string; wording: { da: string; en: string } }>();
  for (const i of instruments.filter((x) => instrumentIds.has(x.id))) {
    for (const it of i.definition.items) if (!items.has(it.key)) items.set(it.key, { key: it.key, wording: it.wording });
  }
  return [...items.values()];
}

/** GET /api/feedback/aggregates. */
export async function getAggregates(ctx: SignedInCtx, q: AggregatesQuery): Promise<AggregatesView> {
  const actor = staffActor(ctx);
  const { fromDay, toDay, from, to } = rangeOf(q);
  const m = actor.municipalityId;
  return ctx.db.transaction(async (tx) => {
    const meetings = await selectAggregateMeetings(tx, m, from, to, q.by);
    const instruments = await selectInstruments(tx, m);
    const courseOf = classifier(await selectCourseOutcomes(tx, m, from, to, q.by), new Map(instruments.map((i) => [i.id, i])));
    const rows: AggregateRow[] = meetings.map((r) => ({
      unitId: r.unit_id, teamId: null, period: r.period, citizenId: r.citizen_id,
      ratings: r.answers === null ? null : fromJson<Record<string, number>>(r.answers), course: courseOf(r.citizen_id, r.unit_id, r.period),
    }));
    const units = new Map(meetings.map((r) => [r.unit_id, { id: r.unit_id, name: r.unit_name }]));
    const used = new Set(meetings.flatMap((r) => (r.instrument_id ? [r.instrument_id] : [])));
    return {
      from: fromDay, to: toDay, by: q.by, minCitizens: MIN_CITIZENS,
      units: [...units.values()].sort((a, b) => a.name.localeCompare(b.name, 'da')),
      items: itemsOf(used, instruments),
      cells: cellsOf(rows, q.by),
    };
  });
}
