import { TIME_ZONE, addDays, localDate, startOfLocalDay } from '@sammen/domain/calendar';
import { pulseAggregates } from '@sammen/domain/coordination-engine';
import type { PulseAggregatesView, PulseResults } from '@sammen/domain/coordination';
import type { z } from 'zod';
import type { pulseAggregatesQuery } from '@sammen/domain/coordination';
import { staffActor, type SignedInCtx } from '../../platform/context.ts';
import { invalid } from '../../platform/errors.ts';
import { fromJson, selectClosedPulses, selectCoordinationSettings } from './pulse.repository.ts';

// Leaders' view of the pulses: per coordinating unit, the closed pulses of a period — the
// professionals' means and the citizens' mean, each hidden below the anonymity threshold, and a
// total made from the shown units only (coordination-engine.ts `pulseAggregates`). Counts and
// means only: no citizen is named, so no access-log row.

type Query = z.infer<typeof pulseAggregatesQuery>;

const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
const nextMonthStart = (day: string) => monthStart(addDays(monthStart(day), 31));

/**
 * The Danish days covered: whole months that have ended. A range ending mid-month, or a month
 * still growing, would let a leader subtract two answers and read one pulse's or one citizen's
 * answer; so `from` moves back to the first of its month, `to` forward to the last of its month,
 * and the month we are in is left out. By default: the last twelve months that have ended.
 */
export function rangeOf(q: Query, now = Date.now()) {
  if (q.from && q.to && q.to < q.from) throw invalid('to', 'endBeforeStart', 'is before from');
  const thisMonth = monthStart(localDate(now));
  const lastEnded = addDays(thisMonth, -1);
  const toDay = q.to && q.to < thisMonth ? addDays(nextMonthStart(q.to), -1) : lastEnded;
  const fromDay = monthStart(q.from ?? addDays(toDay, -364));
  return { fromDay, toDay, from: new Date(startOfLocalDay(fromDay, TIME_ZONE)), to: new Date(startOfLocalDay(addDays(toDay), TIME_ZONE)) };
}

/** GET /api/coordination/pulse-aggregates. */
export async function getPulseAggregates(ctx: SignedInCtx, q: Query): Promise<PulseAggregatesView> {
  const actor = staffActor(ctx);
  const { fromDay, toDay, from, to } = rangeOf(q);
  return ctx.db.transaction(async (tx) => {
    const { anonymityThreshold } = await selectCoordinationSettings(tx, actor.municipalityId);
    const rows = from < to ? await selectClosedPulses(tx, actor.municipalityId, from, to) : [];
    const units = new Map<string, { unitId: string; name: string; pulses: { results: PulseResults }[] }>();
    for (const r of rows) {
      const unit = units.get(r.unit_id) ?? { unitId: r.unit_id, name: r.unit_name, pulses: [] };
      unit.pulses.push({ results: fromJson<PulseResults>(r.results) });
      units.set(r.unit_id, unit);
    }
    const sorted = [...units.values()].sort((a, b) => a.name.localeCompare(b.name, 'da'));
    return { from: fromDay, to: toDay, anonymityThreshold, ...pulseAggregates(sorted, anonymityThreshold) };
  });
}
