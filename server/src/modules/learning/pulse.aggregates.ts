import { TIME_ZONE, addDays, localDate, startOfLocalDay } from '@sammen/domain/calendar';
import { pulseAggregates } from '@sammen/domain/coordination-engine';
import type { PulseAggregatesView, PulseResults, pulseAggregatesQuery } from '@sammen/domain/coordination';
import { DATE_RANGE } from '@sammen/domain/fields';
import type { z } from 'zod';
import { staffActor, type SignedInCtx } from '../../platform/context.ts';
import { invalid } from '../../platform/errors.ts';
import { coordinationSettingsOf } from './coordination.store.ts';
import { fromJson, selectClosedPulses } from './pulse.repository.ts';

// Leaders' view of the pulses: per coordinating unit, the closed pulses of one quarter — the
// professionals' means and the citizens' mean, each hidden below the anonymity threshold, and a
// total made from the shown units only (coordination-engine.ts `pulseAggregates`). Counts and
// means only: no citizen is named, so no access-log row.

type Query = z.infer<typeof pulseAggregatesQuery>;

/** How many ended quarters the page offers to pick from. */
export const QUARTERS_OFFERED = 8;
/**
 * A close that begins in a quarter's last moment commits a moment later: a quarter counts as
 * ended an hour after it did, so nothing shown for an ended quarter can change afterwards.
 */
const GRACE_MS = 3_600_000;

const pad = (n: number) => String(n).padStart(2, '0');

/** The quarter a Danish calendar day is in: '2026-08-14' → '2026-Q3'. */
export const quarterOf = (day: string) => `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;

/** A quarter's first and last day, and the first day of the next. */
export function daysOf(quarter: string) {
  const year = Number(quarter.slice(0, 4));
  const firstMonth = (Number(quarter.slice(6)) - 1) * 3 + 1;
  const first = `${quarter.slice(0, 4)}-${pad(firstMonth)}-01`;
  const next = firstMonth === 10 ? `${year + 1}-01-01` : `${quarter.slice(0, 4)}-${pad(firstMonth + 3)}-01`;
  return { first, last: addDays(next, -1), next };
}

const previousQuarter = (quarter: string) => quarterOf(addDays(daysOf(quarter).first, -1));

/** The last quarter that has ended (in Danish time) at `now`. */
export const lastEndedQuarter = (now = Date.now()) => previousQuarter(quarterOf(localDate(now - GRACE_MS)));

/** The ended quarters, newest first. */
export function endedQuarters(now = Date.now(), count = QUARTERS_OFFERED): string[] {
  const quarters = [lastEndedQuarter(now)];
  while (quarters.length < count) quarters.push(previousQuarter(quarters.at(-1)!));
  return quarters;
}

/**
 * The period shown: one calendar quarter that has ended, never a range of the leader's choosing.
 * With free ranges a leader could ask for Jan–Jun and for Jan–May (or a year and its quarters)
 * and subtract: the difference is the pulses closed in June alone — perhaps one pulse, its
 * professionals' answers and one citizen's — though each is hidden below the threshold on its
 * own. Quarters never overlap (two are the same or share no day), so there is nothing to
 * subtract; and a quarter still running would differ between two looks by the pulses closed in
 * between, so only ended ones are shown. 'YYYY-Qn' strings sort in time order.
 */
export function periodOf(q: Query, now = Date.now()) {
  const last = lastEndedQuarter(now);
  const quarter = q.quarter ?? last;
  if (quarter > last) throw invalid('quarter', 'inTheFuture', 'the quarter has not ended yet');
  if (quarter < quarterOf(DATE_RANGE.min)) throw invalid('quarter', 'invalidValue', `must be from ${quarterOf(DATE_RANGE.min)}`);
  const { first, last: lastDay, next } = daysOf(quarter);
  return { quarter, fromDay: first, toDay: lastDay, from: new Date(startOfLocalDay(first, TIME_ZONE)), to: new Date(startOfLocalDay(next, TIME_ZONE)) };
}

/** GET /api/coordination/pulse-aggregates. */
export async function getPulseAggregates(ctx: SignedInCtx, q: Query): Promise<PulseAggregatesView> {
  const actor = staffActor(ctx);
  const now = Date.now();
  const { quarter, fromDay, toDay, from, to } = periodOf(q, now);
  return ctx.db.transaction(async (tx) => {
    const { anonymityThreshold } = await coordinationSettingsOf(tx, actor.municipalityId);
    const rows = await selectClosedPulses(tx, actor.municipalityId, from, to);
    const units = new Map<string, { unitId: string; name: string; pulses: { results: PulseResults }[] }>();
    for (const r of rows) {
      const unit = units.get(r.unit_id) ?? { unitId: r.unit_id, name: r.unit_name, pulses: [] };
      unit.pulses.push({ results: fromJson<PulseResults>(r.results) });
      units.set(r.unit_id, unit);
    }
    const sorted = [...units.values()].sort((a, b) => a.name.localeCompare(b.name, 'da'));
    return { quarter, from: fromDay, to: toDay, quarters: endedQuarters(now), anonymityThreshold, ...pulseAggregates(sorted, anonymityThreshold) };
  });
}
