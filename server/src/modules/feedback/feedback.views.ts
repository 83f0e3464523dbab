import type { Actor } from '@sammen/domain/access';
import {
  classifyChange,
  expectedTrajectory,
  isClinical,
  notProgressingAsExpected,
  totalRange,
  type CitizenFeedbackView,
  type CourseView,
  type FeedbackAlert,
  type FeedbackKind,
  type FeedbackSettings,
  type InstrumentSummary,
  type MeetingView,
  type OwnFeedbackView,
  type RatingView,
} from '@sammen/domain/feedback';
import type { EffortArea } from '@sammen/domain/plans';
import type { SignedInCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { readCitizenData, type Scope } from '../../platform/reader.ts';
import { fromJson, selectInstruments, selectTrajectoryCourses, type InstrumentRow } from './feedback.repository.ts';
// What a reader may see of the citizen's meetings is the calendar's rule for appointments: the same viewer.
import { viewerOf } from '../calendar/calendar.views.ts';
import { ratingOf, selectCitizenName, selectTimeline, type MeetingViewer, type TimelineRow } from './feedback.reads.ts';
import { feedbackSettingsOf } from './feedback.store.ts';

// The citizen's feedback as one reader sees it: every meeting they may see on one timeline, each
// course (the citizen × a unit) with its totals by conversation, its change (Jacobson–Truax), its
// expected trajectory and whether it keeps up with it, and the units whose meetings rate low.

const PURPOSE = {
  staff: 'Borgerens tilbagemeldinger på møderne',
  own: 'Pårørende læser borgerens tilbagemeldinger',
} as const;


const iso = (d: Date | string) => new Date(d).toISOString();

function ratingView(row: TimelineRow, kind: FeedbackKind): RatingView | null {
  const r = ratingOf(row, kind);
  if (!r) return null;
  return {
    id: r.id!, kind, instrumentId: r.instrument_id, declined: r.declined, total: r.declined ? null : r.total,
    answers: r.declined || r.answers === null ? null : fromJson<Record<string, number>>(r.answers), givenVia: r.given_via, givenAt: iso(r.given_at),
  };
}

export function meetingViewOf(row: TimelineRow): MeetingView {
  const alerts = (['outcome', 'meeting'] as const).flatMap((k) => {
    const r = ratingOf(row, k);
    return r ? fromJson<FeedbackAlert[]>(r.alerts) : [];
  });
  return {
    id: row.id, unit: { id: row.unit_id, name: row.unit_name }, staff: { id: row.staff_id, name: row.staff_name }, appointmentId: row.appointment_id,
    area: row.area as EffortArea, heldAt: iso(row.held_at), conversation: row.conversation,
    outcome: ratingView(row, 'outcome'), meeting: ratingView(row, 'meeting'), alerts,
  };
}

function instrumentSummary(i: InstrumentRow): InstrumentSummary {
  const d = i.definition;
  return {
    id: i.id, name: d.name, normsStatus: d.normsStatus, cutoff: d.total.cutoff, reliableChange: d.total.reliableChange, higherIsBetter: d.total.higherIsBetter,
    range: totalRange(d), items: d.items.map((it) => ({ key: it.key, wording: it.wording })),
  };
}

interface CourseParts {
  unit: { id: string; name: string };
  outcome: InstrumentRow | null;
  meeting: InstrumentRow | null;
  outcomeTotals: (number | null)[];
  meetingTotals: (number | null)[];
}

/**
 * A course's totals of one kind by conversation: the instrument of its first rating of the kind,
 * and the totals given with it (another instrument's are left out: its scale may differ).
 */
function totalsOf(meetings: MeetingView[], kind: FeedbackKind, length: number, instruments: Map<string, InstrumentRow>) {
  const first = meetings.map((m) => m[kind]).find((r) => r !== null);
  const instrument = first ? (instruments.get(first.instrumentId) ?? null) : null;
  const totals: (number | null)[] = Array.from({ length }, () => null);
  for (const m of meetings) {
    const r = m[kind];
    if (r && instrument && r.instrumentId === instrument.id && r.total !== null) totals[m.conversation - 1] = r.total;
  }
  return { instrument, totals };
}

function coursePartsOf(meetings: MeetingView[], instruments: Map<string, InstrumentRow>): CourseParts[] {
  const byUnit = new Map<string, MeetingView[]>();
  for (const m of meetings) byUnit.set(m.unit.id, [...(byUnit.get(m.unit.id) ?? []), m]);
  return [...byUnit.values()].map((ms) => {
    const length = Math.max(...ms.map((m) => m.conversation));
    const outcome = totalsOf(ms, 'outcome', length, instruments);
    const meeting = totalsOf(ms, 'meeting', length, instruments);
    return { unit: ms[0]!.unit, outcome: outcome.instrument, meeting: meeting.instrument, outcomeTotals: outcome.totals, meetingTotals: meeting.totals };
  });
}

const rated = (totals: (number | null)[]) => totals.filter((t): t is number => t !== null);

/** Change, expected trajectory (from other citizens' courses) and progress of one course. */
async function courseViewOf(db: Db, municipalityId: string, citizenId: string, c: CourseParts, settings: FeedbackSettings): Promise<CourseView> {
  const outcomes = rated(c.outcomeTotals);
  const base = {
    unit: c.unit, outcomeInstrument: c.outcome && instrumentSummary(c.outcome), meetingInstrument: c.meeting && instrumentSummary(c.meeting),
    outcomeTotals: c.outcomeTotals, meetingTotals: c.meetingTotals, change: null, trajectory: null, progress: null,
  };
  if (!c.outcome || outcomes.length === 0) return base;
  const definition = c.outcome.definition;
  const change = outcomes.length >= 2 ? classifyChange(definition, outcomes[0]!, outcomes.at(-1)!) : null;
  // The expectation compares conversation by conversation with courses that started at
  // conversation 1 near this one's total there: without a total at conversation 1, none.
  const start = c.outcomeTotals[0];
  if (start === null || start === undefined) return { ...base, change };
  const others = await selectTrajectoryCourses(db, municipalityId, { instrumentId: c.outcome.id, excludeCitizenId: citizenId, start, band: settings.band, maxConversations: settings.maxConversations });
  const trajectory = expectedTrajectory(others, start, settings);
  return {
    ...base,
    change,
    trajectory,
    progress: notProgressingAsExpected(c.outcomeTotals, trajectory, settings.margin, definition.total.higherIsBetter),
  };
}

/** Units whose rated meetings' mean total is on the low side of their meeting instrument's cutoff. */
function lowUnitsOf(courses: CourseParts[]): string[] {
  return courses.flatMap((c) => {
    const totals = rated(c.meetingTotals);
    if (!c.meeting || totals.length === 0) return [];
    const mean = totals.reduce((s, t) => s + t, 0) / totals.length;
    return isClinical(c.meeting.definition.total, mean) ? [c.unit.id] : [];
  });
}

/** The page: meetings, courses, low units, and whether the reader sees every unit's meetings. */
export async function feedbackOf(db: Db, municipalityId: string, citizenId: string, viewer: MeetingViewer): Promise<OwnFeedbackView & { instrumentRows: InstrumentRow[] }> {
  const name = await selectCitizenName(db, municipalityId, citizenId);
  if (name === undefined) throw new AppError('NOT_FOUND');
  const meetings = (await selectTimeline(db, municipalityId, citizenId, viewer)).map(meetingViewOf);
  const instrumentRows = await selectInstruments(db, municipalityId);
  const settings = await feedbackSettingsOf(db, municipalityId);
  const parts = coursePartsOf(meetings, new Map(instrumentRows.map((i) => [i.id, i])));
  const courses: CourseView[] = [];
  for (const c of parts) courses.push(await courseViewOf(db, municipalityId, citizenId, c, settings));
  return { citizen: { id: citizenId, name }, meetings, courses, lowUnits: lowUnitsOf(parts), complete: viewer.full, instrumentRows };
}

/** GET /api/citizens/:citizenId/feedback: staff through the plan they are involved in; else 404. */
export function getCitizenFeedback(ctx: SignedInCtx, citizenId: string): Promise<CitizenFeedbackView> {
  return readCitizenData(ctx, { action: 'feedback.read', purpose: PURPOSE.staff, subject: { citizenId } }, async (tx, scope) => {
    // Read only: a municipality without instruments yet lists none here, and the rating falls back
    // to "by age" — starting it (feedback.meetings.ts) sets Sammen's instruments up.
    const { instrumentRows, ...view } = await feedbackOf(tx, scope.municipalityId, scope.citizenId, viewerOf(ctx.actor, scope));
    const instruments = instrumentRows
      .filter((i) => i.active)
      .map((i) => ({ id: i.id, kind: i.kind, name: i.definition.name, presentation: i.definition.presentation, targetGroups: i.definition.targetGroups }));
    return { ...view, instruments };
  });
}

/** GET /api/me/feedback: the citizen's own meetings with every unit (a proxy's who may read the plan, logged). */
export function getOwnFeedback(ctx: SignedInCtx): Promise<OwnFeedbackView> {
  const actor = ctx.actor;
  if (actor.kind !== 'citizen' && actor.kind !== 'proxy') throw new AppError('FORBIDDEN');
  return readCitizenData(ctx, { action: 'feedback.readOwn', purpose: PURPOSE.own, subject: { own: true } }, async (tx, scope) => {
    const { instrumentRows: _, ...view } = await feedbackOf(tx, scope.municipalityId, scope.citizenId, viewerOf(actor, scope));
    return view;
  });
}
