import {
  DEFAULT_FEEDBACK_SETTINGS,
  expectedTrajectory,
  meetingAlerts,
  notProgressingAsExpected,
  sammenMeeting,
  sammenMeetingChild,
  sammenOutcome,
  sammenOutcomeChild,
  total,
  type FeedbackAlert,
  type FeedbackKind,
  type FeedbackSettings,
  type InstrumentDefinition,
} from '@sammen/domain/feedback';
import type { EffortArea } from '@sammen/domain/plans';
import type { Db } from '../../platform/db.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import {
  countInstruments,
  insertInstrument,
  insertMeeting,
  insertRating,
  lockInstrumentSetUp,
  selectCourse,
  selectInstrument,
  selectMeetingFacts,
  selectRatedKinds,
  selectSettings,
  selectTrajectoryCourses,
  setCourseFirstOutcome,
  upsertCourseOfMeeting,
  type CourseRow,
} from './feedback.repository.ts';

// Storing what the feedback module stores the same way whoever asks — a rating the citizen
// submits, or one the seed and the synthetic data write: the total, the alerts it sets off for
// the unit that held the meeting, and the municipality's instruments and settings. No access
// checks and no audit rows here: the callers (feedback services, seeds) own those.

/** Sammen's own four instruments, as every municipality starts with them. */
export const SAMMEN_INSTRUMENTS: readonly InstrumentDefinition[] = [sammenOutcome, sammenMeeting, sammenOutcomeChild, sammenMeetingChild];

/**
 * Inserts Sammen's four instruments (origin 'sammen') when the municipality has no instrument at
 * all — lazily, on the first request that needs them, so every municipality (the demo, the
 * synthetic one, a test's) has them without a set-up step. Returns how many were inserted.
 */
export async function ensureInstruments(tx: Db, municipalityId: string): Promise<number> {
  if ((await countInstruments(tx, municipalityId)) > 0) return 0;
  await lockInstrumentSetUp(tx, municipalityId);
  if ((await countInstruments(tx, municipalityId)) > 0) return 0;
  for (const definition of SAMMEN_INSTRUMENTS) await insertInstrument(tx, municipalityId, { origin: 'sammen', definition, active: true, updatedBy: null });
  return SAMMEN_INSTRUMENTS.length;
}

/** The municipality's settings, or the defaults when it has none. */
export async function feedbackSettingsOf(db: Db, municipalityId: string): Promise<FeedbackSettings> {
  return (await selectSettings(db, municipalityId)) ?? DEFAULT_FEEDBACK_SETTINGS;
}

export interface MeetingToStore {
  municipalityId: string;
  citizenId: string;
  unitId: string;
  staffId: string;
  appointmentId?: string | null;
  area: EffortArea;
  heldAt: Date;
}

/** Stores a meeting (conversation) a unit held with the citizen, and keeps its course (feedback_courses) right; returns its id. */
export async function storeMeeting(tx: Db, m: MeetingToStore): Promise<string> {
  const id = await insertMeeting(tx, { ...m, appointmentId: m.appointmentId ?? null });
  await upsertCourseOfMeeting(tx, m.municipalityId, id);
  return id;
}

export type RatingToStore = {
  municipalityId: string;
  meetingId: string;
  kind: FeedbackKind;
  instrumentId: string;
  givenVia: 'tablet' | 'link';
  givenAt?: Date;
} & ({ declined: true; answers?: undefined } | { declined?: false; answers: Record<string, number> });

export interface StoredRating {
  id: string;
  total: number | null;
  alerts: FeedbackAlert[];
}

/**
 * Stores one rating of a meeting — or the citizen's choice not to rate, which is never a score
 * and never alerts — with the alerts computed as for a rating submitted now. Refusals name their
 * field under `field` (e.g. 'ratings.0' → 'ratings.0.answers.respect'): a bad answer is 400, an
 * instrument of the other kind 400 wrongInstrument, a kind already rated 409 alreadyRated.
 */
export async function storeRating(tx: Db, r: RatingToStore, { field = '' }: { field?: string } = {}): Promise<StoredRating> {
  const at = (name: string) => (field ? `${field}.${name}` : name);
  const meeting = await selectMeetingFacts(tx, r.municipalityId, r.meetingId, undefined, { lock: true });
  if (!meeting) throw new AppError('NOT_FOUND', 'No such meeting');
  const instrument = await selectInstrument(tx, r.municipalityId, r.instrumentId);
  if (!instrument || instrument.kind !== r.kind) throw invalid(at('instrumentId'), 'wrongInstrument', `is not an instrument for ${r.kind} ratings`);
  let score: number | null = null;
  if (!r.declined) {
    const scored = total(instrument.definition, r.answers);
    if (!scored.ok) {
      const first = scored.refusals[0]!;
      throw invalid(at(first.field), first.reason, 'is not an answer on the item’s scale', first.params);
    }
    score = scored.total;
  }
  if ((await selectRatedKinds(tx, r.municipalityId, r.meetingId)).includes(r.kind)) {
    throw new AppError('CONFLICT', `The meeting already has its ${r.kind} rating`, at('kind'), undefined, 'alreadyRated');
  }
  const alerts = score === null ? [] : await alertsOf(tx, { ...r, citizenId: meeting.citizen_id, unitId: meeting.unit_id, total: score, definition: instrument.definition });
  const id = await insertRating(tx, {
    municipalityId: r.municipalityId, meetingId: r.meetingId, kind: r.kind, instrumentId: r.instrumentId, declined: score === null,
    answers: r.declined ? null : r.answers, total: score, givenVia: r.givenVia, givenAt: r.givenAt ?? new Date(), alerts,
  });
  if (r.kind === 'outcome' && score !== null) await setCourseFirstOutcome(tx, r.municipalityId, r.meetingId, r.instrumentId, score);
  return { id, total: score, alerts };
}

interface Rated {
  municipalityId: string;
  meetingId: string;
  citizenId: string;
  unitId: string;
  kind: FeedbackKind;
  instrumentId: string;
  definition: InstrumentDefinition;
  total: number;
}

/**
 * The course's totals of one kind by conversation, up to and including this meeting, with this
 * rating in its place; a conversation rated with another instrument counts as not rated (its
 * scale may differ). Returns the totals and this meeting's conversation number.
 */
function courseTotals(course: CourseRow[], r: Rated) {
  const n = course.findIndex((c) => c.id === r.meetingId) + 1;
  const totals = course.slice(0, n).map((c) => {
    if (c.id === r.meetingId) return r.total;
    const [value, instrumentId] = r.kind === 'outcome' ? [c.outcome_total, c.outcome_instrument_id] : [c.meeting_total, c.meeting_instrument_id];
    return instrumentId === r.instrumentId ? value : null;
  });
  return { n, totals };
}

/**
 * What this rating sets off: a meeting rating below the cutoff or dropped from the last one
 * (meetingAlerts, for this conversation only); an outcome rating more than the margin behind the
 * expected trajectory of courses like this one (notProgressing).
 */
async function alertsOf(tx: Db, r: Rated): Promise<FeedbackAlert[]> {
  const { n, totals } = courseTotals(await selectCourse(tx, r.municipalityId, r.citizenId, r.unitId), r);
  if (r.kind === 'meeting') return meetingAlerts(r.definition, totals).filter((a) => a.meeting === n);
  // Courses like this one are those that started where it did: at conversation 1. A course whose
  // first conversation has no outcome total (declined, or another instrument) has no expectation.
  const start = totals[0];
  if (start === null || start === undefined) return [];
  const settings = await feedbackSettingsOf(tx, r.municipalityId);
  const others = await selectTrajectoryCourses(tx, r.municipalityId, {
    instrumentId: r.instrumentId, excludeCitizenId: r.citizenId, start, band: settings.band, maxConversations: settings.maxConversations,
  });
  const trajectory = expectedTrajectory(others, start, settings);
  const check = notProgressingAsExpected(totals, trajectory, settings.margin, r.definition.total.higherIsBetter);
  if (check.status !== 'notProgressing' || check.conversation !== n) return [];
  return [{ kind: 'notProgressing', conversation: n, latest: check.latest!, expected: check.expected!, shortfall: check.shortfall!, margin: check.margin }];
}
