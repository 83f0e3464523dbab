import { sql } from 'drizzle-orm';
import { addDays } from '@sammen/domain/calendar';
import { median, type CaseFiguresView, type caseFiguresQuery } from '@sammen/domain/decisions';
import type { DeadlinePeriod } from '@sammen/domain/deadlines';
import { calendarDaysBetween, workingDaysBetween } from '@sammen/domain/workdays';
import type { z } from 'zod';
import type { SignedInCtx } from '../../platform/context.ts';
import { query, type Db } from '../../platform/db.ts';
import { invalid } from '../../platform/errors.ts';
import { caseSettingsOf, danishToday } from './cases.common.ts';
import { fromJson } from './decisions.repository.ts';

// The figures leaders follow (and the dashboard reuses): per decision type, how many requests
// were decided in the period, how fast and how many within the deadline, how many open ones are
// breached now; negative decisions and the dialogue behind them; complaints received in the
// period, how fast a person contacted the citizen, how they ended. Counts only: no names.

/** The default period: the last 365 days, today included. */
export const DEFAULT_PERIOD_DAYS = 365;

export function periodOf(q: { from?: string; to?: string }, today = danishToday()) {
  const to = q.to ?? today;
  const from = q.from ?? addDays(to, -(DEFAULT_PERIOD_DAYS - 1));
  if (to < from) throw invalid('to', 'endBeforeStart', 'is before from');
  return { from, to };
}

interface TypeFigureRow extends Record<string, unknown> {
  id: string;
  name: string;
  processing_deadline: unknown;
  open_breached: number;
  decided: { received_on: string; decided_on: string; due_on: string }[] | string;
}

function selectTypeFigures(db: Db, m: string, from: string, to: string, today: string) {
  return query<TypeFigureRow>(
    db,
    sql`SELECT t.id::text AS id, t.name, t.processing_deadline,
          (SELECT count(*)::int FROM decision_requests r WHERE r.municipality_id = t.municipality_id AND r.decision_type_id = t.id AND r.status = 'open' AND r.due_on < ${today}::date) AS open_breached,
          coalesce((SELECT json_agg(json_build_object('received_on', r.received_on::text, 'decided_on', r.decided_on::text, 'due_on', r.due_on::text))
            FROM decision_requests r WHERE r.municipality_id = t.municipality_id AND r.decision_type_id = t.id AND r.status = 'decided'
              AND r.decided_on BETWEEN ${from}::date AND ${to}::date), '[]'::json) AS decided
        FROM decision_types t WHERE t.municipality_id = ${m} ORDER BY t.name, t.id`,
  );
}

function selectNegativeFigures(db: Db, m: string, from: string, to: string) {
  return query<{ negative: number; after_contact: number; not_possible: number }>(
    db,
    sql`SELECT count(*)::int AS negative,
          count(*) FILTER (WHERE dc.kind IN ('phone', 'meeting'))::int AS after_contact,
          count(*) FILTER (WHERE dc.kind = 'notPossible')::int AS not_possible
        FROM decisions d LEFT JOIN dialogue_contacts dc ON dc.municipality_id = d.municipality_id AND dc.id = d.dialogue_contact_id
        WHERE d.municipality_id = ${m} AND d.status = 'issued' AND d.outcome <> 'granted' AND d.decided_on BETWEEN ${from}::date AND ${to}::date`,
  );
}

interface ComplaintFigureRow extends Record<string, unknown> {
  received_on: string;
  first_contact_on: string | null;
  contact_due: string;
  reassessment_due: string | null;
  status: string;
  closed_on: string | null;
  learning_category: string | null;
}

function selectComplaintFigures(db: Db, m: string, from: string, to: string) {
  return query<ComplaintFigureRow>(
    db,
    sql`SELECT received_on::text AS received_on, first_contact_on::text AS first_contact_on, contact_due::text AS contact_due,
          reassessment_due::text AS reassessment_due, status, closed_on::text AS closed_on, learning_category
        FROM complaints WHERE municipality_id = ${m} AND received_on BETWEEN ${from}::date AND ${to}::date`,
  );
}

export async function caseFigures(ctx: SignedInCtx, q: z.infer<typeof caseFiguresQuery>): Promise<CaseFiguresView> {
  const m = ctx.actor.municipalityId;
  const today = danishToday();
  const { from, to } = periodOf(q, today);
  const { rules } = await caseSettingsOf(ctx.db, m);
  const types = await selectTypeFigures(ctx.db, m, from, to, today);
  const [negative] = await selectNegativeFigures(ctx.db, m, from, to);
  const complaints = await selectComplaintFigures(ctx.db, m, from, to);

  const contacted = complaints.filter((c) => c.first_contact_on !== null);
  const closed = complaints.filter((c) => c.status !== 'open');
  const forwarded = closed.filter((c) => c.status === 'forwarded');
  const categories = new Map<string, number>();
  for (const c of closed) if (c.learning_category) categories.set(c.learning_category, (categories.get(c.learning_category) ?? 0) + 1);

  return {
    from,
    to,
    decisionTypes: types.map((t) => {
      const decided = fromJson<{ received_on: string; decided_on: string; due_on: string }[]>(t.decided);
      return {
        decisionType: { id: t.id, name: t.name },
        processingDeadline: fromJson<DeadlinePeriod>(t.processing_deadline),
        decided: decided.length,
        medianDays: median(decided.map((d) => calendarDaysBetween(d.received_on, d.decided_on))),
        withinDeadline: decided.filter((d) => d.decided_on <= d.due_on).length,
        openBreached: t.open_breached,
      };
    }),
    negativeDecisions: negative?.negative ?? 0,
    negativeAfterContact: negative?.after_contact ?? 0,
    negativeContactNotPossible: negative?.not_possible ?? 0,
    complaints: complaints.length,
    medianWorkingDaysToContact: median(contacted.map((c) => workingDaysBetween(c.received_on, c.first_contact_on!, rules))),
    contactedInTime: contacted.filter((c) => c.first_contact_on! <= c.contact_due).length,
    closed: closed.length,
    resolvedInDialogue: closed.filter((c) => c.status === 'resolvedInDialogue').length,
    decisionChanged: closed.filter((c) => c.status === 'decisionChanged').length,
    forwarded: forwarded.length,
    forwardedInTime: forwarded.filter((c) => c.closed_on !== null && c.reassessment_due !== null && c.closed_on <= c.reassessment_due).length,
    byLearningCategory: [...categories].map(([category, count]) => ({ category: category as CaseFiguresView['byLearningCategory'][number]['category'], count })).sort((a, b) => b.count - a.count || a.category.localeCompare(b.category)),
  };
}
