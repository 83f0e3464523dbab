import { z } from 'zod';
import { instant, type Refusal } from './calendar.ts';
import { calendarDate, int4, plainText, requiredText } from './fields.ts';
import { id } from './identity.ts';
import { effortArea } from './plans.ts';

// The citizen's voice after every meeting (issue 15, scenario 5): instruments as data, their
// totals, change per course (Jacobson–Truax), alerts on meeting ratings, an open expected
// trajectory, and team aggregates with small groups hidden. Pure: the caller brings ratings,
// courses and rows; nothing here reads a clock or a database. A citizen who declines to rate
// gives no rating (null where a list allows it) — never a low score.

export const comparators = ['lt', 'lte', 'gt', 'gte'] as const;
export type Comparator = (typeof comparators)[number];
export const changeClassifications = ['reliableImprovement', 'reliableDeterioration', 'clinicallySignificantImprovement', 'noReliableChange'] as const;
export const changeClassification = z.enum(changeClassifications);
export type ChangeClassification = z.infer<typeof changeClassification>;

const bilingual = (max: number) => z.strictObject({ da: requiredText(max), en: requiredText(max) });

export const instrumentItem = z.strictObject({
  /** Stable within the instrument: answers and aggregates are keyed by it. */
  key: z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/, 'must be a short key: a–z first, then letters or digits'),
  wording: bilingual(300),
  min: z.number(),
  max: z.number(),
  step: z.number().positive(),
  anchors: z.strictObject({ low: bilingual(60), high: bilingual(60) }),
});
export type InstrumentItem = z.infer<typeof instrumentItem>;

/** How the total is made, read and acted on. */
export const totalRule = z.strictObject({
  /** Outcome: "how is life going" (asked at the start); meeting: "how was this conversation" (at the end). */
  kind: z.enum(['outcome', 'meeting']),
  method: z.enum(['sum', 'mean']),
  /** Stated, never assumed: improvement, a drop and "below expected" all follow it. */
  higherIsBetter: z.boolean(),
  /** A total at or beyond the value, by the comparator, is on the clinical (or low) side: `lt` 25 means "under 25". */
  cutoff: z.strictObject({ value: z.number(), comparator: z.enum(comparators) }),
  /** The Reliable Change Index threshold in total-score points: a change at least this big is reliable. */
  reliableChange: z.number(),
  /** When a rating alerts the staff member (meetingAlerts). `drop`: a worsening from the previous rating of at least this many points; null: no drop alert. */
  alerts: z.strictObject({ belowCutoff: z.boolean(), drop: z.number().nullable() }),
});
export type TotalRule = z.infer<typeof totalRule>;

/** An instrument as a municipality configures it (its id and municipality are the server's). */
export const instrumentDefinition = z
  .strictObject({
    name: bilingual(120),
    intro: bilingual(300),
    items: z.array(instrumentItem),
    total: totalRule,
    /** `faces`: the child version; the web draws faces along the scale, the anchors stay words. */
    presentation: z.enum(['slider', 'faces']),
    targetGroups: z.array(z.enum(['adults', 'youth', 'children'])).min(1),
    licence: requiredText(1000),
    /** Until the municipality has computed its own norms (computeNorms), cutoff and reliable change are placeholders. */
    normsStatus: z.enum(['local_not_validated', 'local_computed']),
    /** What computed norms rest on: shown next to them. */
    normsBasis: z.strictObject({ clinical: int4(1), nonClinical: int4(1), reliability: z.number().gt(0).lt(1) }).nullable(),
  })
  .superRefine((d, ctx) => {
    const refuse = (path: (string | number)[], reason: Refusal['reason'], message: string, params: Record<string, number> = {}) =>
      ctx.addIssue({ code: 'custom', path, message, params: { reason, ...params } });
    if (d.items.length === 0) return refuse(['items'], 'tooFew', 'an instrument needs at least one item', { min: 1 });
    const seen = new Set<string>();
    let scalesValid = true;
    d.items.forEach((item, i) => {
      if (seen.has(item.key)) refuse(['items', i, 'key'], 'invalidValue', `the key "${item.key}" is used by another item`);
      seen.add(item.key);
      if (item.min >= item.max) {
        scalesValid = false;
        return refuse(['items', i, 'max'], 'invalidValue', 'the top of the scale must be above its bottom');
      }
      if (!onStep(item.max, item)) refuse(['items', i, 'step'], 'invalidValue', 'the scale must go from bottom to top in whole steps');
    });
    if (d.normsStatus === 'local_computed' && !d.normsBasis) refuse(['normsBasis'], 'required', 'computed norms must say what they rest on');
    if (!scalesValid) return;
    const range = totalRange(d);
    const { cutoff, reliableChange, alerts } = d.total;
    if (cutoff.value < range.min) refuse(['total', 'cutoff', 'value'], 'tooSmall', `the cutoff must be within the total's scale, ${range.min}–${range.max}`, range);
    if (cutoff.value > range.max) refuse(['total', 'cutoff', 'value'], 'tooLarge', `the cutoff must be within the total's scale, ${range.min}–${range.max}`, range);
    const span = range.max - range.min;
    for (const [path, value] of [[['total', 'reliableChange'], reliableChange], [['total', 'alerts', 'drop'], alerts.drop]] as const) {
      if (value === null) continue;
      if (value <= 0) refuse([...path], 'tooSmall', 'must be more than 0 points', { min: 0 });
      else if (value > span) refuse([...path], 'tooLarge', `must be at most the total's range, ${span} points`, { max: span });
    }
  });
export type InstrumentDefinition = z.infer<typeof instrumentDefinition>;

const onStep = (value: number, item: Pick<InstrumentItem, 'min' | 'step'>) => {
  const steps = (value - item.min) / item.step;
  return Math.abs(steps - Math.round(steps)) < 1e-9;
};

/** The lowest and highest total the instrument can give. */
export function totalRange(d: Pick<InstrumentDefinition, 'items' | 'total'>): { min: number; max: number } {
  const min = d.items.reduce((s, i) => s + i.min, 0);
  const max = d.items.reduce((s, i) => s + i.max, 0);
  return d.total.method === 'sum' ? { min, max } : { min: min / d.items.length, max: max / d.items.length };
}

/** Whether a total is on the clinical (low) side of the cutoff. */
export function isClinical(rule: Pick<TotalRule, 'cutoff'>, total: number): boolean {
  const { value, comparator } = rule.cutoff;
  return comparator === 'lt' ? total < value : comparator === 'lte' ? total <= value : comparator === 'gt' ? total > value : total >= value;
}

// ---- Sammen's own pair --------------------------------------------------------------------------

// Original wording written for Sammen (issue 15), free to use and change: not a translation or
// adaptation of ORS/SRS or any other licensed form. Plain Danish, LIX ≤ 30 (feedback.test.ts).
// The cutoffs, reliable-change values and drop are PLACEHOLDERS — round numbers on the 0–40
// scale, not norms of these instruments. Each municipality must compute its own from its own
// ratings (computeNorms) before they mean anything; until then the UI says "lokale normer,
// ikke valideret".
const LICENCE = 'Sammens eget skema. Frit at bruge og ændre (CC BY 4.0). Ordlyden er skrevet til Sammen.';
const item = (key: string, da: string, en: string, low: [string, string], high: [string, string]): InstrumentItem => ({
  key, wording: { da, en }, min: 0, max: 10, step: 1, anchors: { low: { da: low[0], en: low[1] }, high: { da: high[0], en: high[1] } },
});
const outcomeRule: TotalRule = { kind: 'outcome', method: 'sum', higherIsBetter: true, cutoff: { value: 25, comparator: 'lt' }, reliableChange: 6, alerts: { belowCutoff: false, drop: null } };
const meetingRule: TotalRule = { kind: 'meeting', method: 'sum', higherIsBetter: true, cutoff: { value: 34, comparator: 'lt' }, reliableChange: 6, alerts: { belowCutoff: true, drop: 4 } };
const common = { licence: LICENCE, normsStatus: 'local_not_validated', normsBasis: null } as const;

const bad: [string, string] = ['Meget dårligt', 'Very badly'];
const good: [string, string] = ['Rigtig godt', 'Very well'];
export const sammenOutcome: InstrumentDefinition = {
  name: { da: 'Sådan går det', en: 'How things are going' },
  intro: { da: 'Tænk på de sidste to uger. Hvordan har du det?', en: 'Think about the last two weeks. How are you doing?' },
  items: [
    item('self', 'Sådan har jeg det med mig selv', 'How I feel about myself', bad, good),
    item('close', 'Sådan går det med de folk, jeg er tæt på', 'How it goes with the people close to me', bad, good),
    item('daily', 'Sådan går min hverdag, med job eller skole', 'How my daily life goes, with work or school', bad, good),
    item('overall', 'Sådan går det alt i alt', 'How things are going overall', bad, good),
  ],
  total: outcomeRule, presentation: 'slider', targetGroups: ['adults', 'youth'], ...common,
};

const no: [string, string] = ['Slet ikke', 'Not at all'];
const yes: [string, string] = ['Helt og fuldt', 'Completely'];
export const sammenMeeting: InstrumentDefinition = {
  name: { da: 'Om samtalen', en: 'About the conversation' },
  intro: { da: 'Tænk på samtalen i dag. Dit svar hjælper os til at gøre det bedre.', en: 'Think about the conversation today. Your answer helps us do better.' },
  items: [
    item('respect', 'Jeg blev mødt med respekt', 'I was treated with respect', no, yes),
    item('listened', 'Jeg blev lyttet til', 'I was listened to', no, yes),
    item('clarity', 'Jeg forstod, hvad der blev sagt, og hvad der sker nu', 'I understood what was said and what happens now', no, yes),
    item('overall', 'Alt i alt var det en god samtale for mig', 'Overall, it was a good conversation for me', no, yes),
  ],
  total: meetingRule, presentation: 'slider', targetGroups: ['adults', 'youth'], ...common,
};

const sad: [string, string] = ['Meget skidt', 'Very bad'];
const happy: [string, string] = ['Rigtig godt', 'Really good'];
/** The child version: the same scale and rule, simpler words; the web draws faces. */
export const sammenOutcomeChild: InstrumentDefinition = {
  name: { da: 'Sådan har jeg det', en: 'How I am' },
  intro: { da: 'Hvordan har du haft det den sidste tid?', en: 'How have you been lately?' },
  items: [
    item('self', 'Mig selv', 'Me', sad, happy),
    item('close', 'Min familie og mine venner', 'My family and my friends', sad, happy),
    item('daily', 'Skole og fritid', 'School and free time', sad, happy),
    item('overall', 'Alt i alt', 'All in all', sad, happy),
  ],
  total: outcomeRule, presentation: 'faces', targetGroups: ['children'], ...common,
};
const notAtAll: [string, string] = ['Nej', 'No'];
const fully: [string, string] = ['Ja, helt', 'Yes, fully'];
export const sammenMeetingChild: InstrumentDefinition = {
  name: { da: 'Om vores snak', en: 'About our talk' },
  intro: { da: 'Hvordan var det at tale med os i dag?', en: 'How was it to talk with us today?' },
  items: [
    item('respect', 'De var søde og rare mod mig', 'They were kind to me', notAtAll, fully),
    item('listened', 'De hørte efter, hvad jeg sagde', 'They listened to what I said', notAtAll, fully),
    item('clarity', 'Jeg ved, hvad der skal ske nu', 'I know what will happen now', notAtAll, fully),
    item('overall', 'Det var en god snak', 'It was a good talk', notAtAll, fully),
  ],
  total: meetingRule, presentation: 'faces', targetGroups: ['children'], ...common,
};

// ---- Scoring --------------------------------------------------------------------------------------

export type Scored = { ok: true; total: number } | { ok: false; refusals: Refusal[] };

/**
 * The total of one complete rating. Returns refusals rather than throwing: a rating comes from a
 * person, and each refusal names the item (`answers.<key>`) so the form can point at it. Every item
 * must be answered, on its scale and on a step; an answer for an item the instrument lacks is
 * refused too (it would mean the wrong instrument). Declining is not a rating: don't call this.
 */
export function total(instrument: InstrumentDefinition, answers: Readonly<Record<string, number>>): Scored {
  const refusals: Refusal[] = [];
  for (const it of instrument.items) {
    const field = `answers.${it.key}`;
    const v = answers[it.key];
    if (v === undefined) refusals.push({ field, reason: 'required' });
    else if (typeof v !== 'number' || !Number.isFinite(v)) refusals.push({ field, reason: 'invalidType' });
    else if (v < it.min) refusals.push({ field, reason: 'tooSmall', params: { min: it.min } });
    else if (v > it.max) refusals.push({ field, reason: 'tooLarge', params: { max: it.max } });
    else if (!onStep(v, it)) refusals.push({ field, reason: 'invalidValue', params: { step: it.step } });
  }
  const keys = new Set(instrument.items.map((i) => i.key));
  for (const key of Object.keys(answers).filter((k) => !keys.has(k)).sort()) refusals.push({ field: `answers.${key}`, reason: 'unknownField' });
  if (refusals.length) return { ok: false, refusals };
  const sum = instrument.items.reduce((s, it) => s + answers[it.key]!, 0);
  return { ok: true, total: instrument.total.method === 'sum' ? sum : sum / instrument.items.length };
}

export interface ChangeResult {
  classification: ChangeClassification;
  first: number;
  latest: number;
  /** latest − first, as the chart shows it. */
  difference: number;
  /** The change in the better direction (negative: worse). */
  improvement: number;
  /** The reliable-change threshold it was held against. */
  threshold: number;
  reliable: boolean;
  cutoff: TotalRule['cutoff'];
  firstClinical: boolean;
  latestClinical: boolean;
  /** Whether the course crossed the cutoff, and which way. */
  crossedCutoff: 'intoNonClinical' | 'intoClinical' | null;
}

/**
 * Change over a course from its first to its latest outcome total (Jacobson & Truax 1991):
 * reliable when |latest − first| ≥ reliableChange; clinically significant improvement when it
 * is a reliable improvement AND it went from the clinical to the non-clinical side of the
 * cutoff. A reliable worsening is reliableDeterioration whether or not it crossed.
 * Totals outside the instrument's range are a bug in the caller: RangeError.
 */
export function classifyChange(instrument: InstrumentDefinition, first: number, latest: number): ChangeResult {
  assertTotal(instrument, first);
  assertTotal(instrument, latest);
  const rule = instrument.total;
  const difference = latest - first;
  const improvement = rule.higherIsBetter ? difference : first - latest;
  const reliable = Math.abs(difference) >= rule.reliableChange;
  const firstClinical = isClinical(rule, first);
  const latestClinical = isClinical(rule, latest);
  const crossedCutoff = firstClinical && !latestClinical ? 'intoNonClinical' : !firstClinical && latestClinical ? 'intoClinical' : null;
  const classification: ChangeClassification = !reliable
    ? 'noReliableChange'
    : improvement < 0
      ? 'reliableDeterioration'
      : crossedCutoff === 'intoNonClinical'
        ? 'clinicallySignificantImprovement'
        : 'reliableImprovement';
  return { classification, first, latest, difference, improvement, threshold: rule.reliableChange, reliable, cutoff: rule.cutoff, firstClinical, latestClinical, crossedCutoff };
}

const assertTotal = (instrument: InstrumentDefinition, value: number) => {
  const { min, max } = totalRange(instrument);
  if (!Number.isFinite(value) || value < min || value > max) throw new RangeError(`a total must be from ${min} to ${max}, got ${value}`);
};

export type MeetingAlert =
  | { kind: 'belowCutoff'; meeting: number; total: number; cutoff: TotalRule['cutoff'] }
  | { kind: 'drop'; meeting: number; total: number; previousMeeting: number; previous: number; fall: number; threshold: number };

/**
 * Alerts on a citizen's meeting totals in order (meeting numbers are 1-based positions in the
 * list). null is a meeting the citizen did not rate: it never alerts, and a drop is measured from
 * the last meeting that was rated. A drop is a worsening by the instrument's direction.
 */
export function meetingAlerts(instrument: InstrumentDefinition, ratings: readonly (number | null)[]): MeetingAlert[] {
  const rule = instrument.total;
  const alerts: MeetingAlert[] = [];
  let previous: { meeting: number; total: number } | null = null;
  ratings.forEach((value, i) => {
    if (value === null) return;
    assertTotal(instrument, value);
    const meeting = i + 1;
    if (rule.alerts.belowCutoff && isClinical(rule, value)) alerts.push({ kind: 'belowCutoff', meeting, total: value, cutoff: rule.cutoff });
    if (previous && rule.alerts.drop !== null) {
      const fall = rule.higherIsBetter ? previous.total - value : value - previous.total;
      if (fall >= rule.alerts.drop) alerts.push({ kind: 'drop', meeting, total: value, previousMeeting: previous.meeting, previous: previous.total, fall, threshold: rule.alerts.drop });
    }
    previous = { meeting, total: value };
  });
  return alerts;
}

// ---- Norms ----------------------------------------------------------------------------------------

export interface SampleSummary { n: number; mean: number; sd: number }
export interface Norms { cutoff: number; reliableChange: number; clinical: SampleSummary; nonClinical: SampleSummary; reliability: number }

const summary = (xs: readonly number[]): SampleSummary => {
  const n = xs.length;
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  // The sample standard deviation (n − 1), as Jacobson & Truax use it.
  const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  return { n, mean, sd };
};

/**
 * A municipality's own norms (Jacobson & Truax 1991) from its own first ratings: the cutoff
 * c = (s0·M1 + s1·M0)/(s0 + s1), where 0 is the clinical sample and 1 the non-clinical one, and
 * the reliable-change threshold 1.96·√2·s0·√(1 − r), with r the instrument's reliability (e.g.
 * Cronbach's α or test–retest). Unrounded; each sample must hold at least `minPerGroup` totals.
 */
export function computeNorms(
  clinical: readonly number[],
  nonClinical: readonly number[],
  reliability: number,
  { minPerGroup = 30 }: { minPerGroup?: number } = {},
): { ok: true; norms: Norms } | { ok: false; refusals: Refusal[] } {
  const refusals: Refusal[] = [];
  const min = Math.max(2, minPerGroup);
  for (const [field, xs] of [['clinical', clinical], ['nonClinical', nonClinical]] as const) {
    if (xs.length < min) refusals.push({ field, reason: 'tooFew', params: { min, n: xs.length } });
    else if (!xs.every(Number.isFinite)) refusals.push({ field, reason: 'invalidValue' });
  }
  if (!(reliability > 0 && reliability < 1)) refusals.push({ field: 'reliability', reason: 'invalidValue' });
  if (refusals.length) return { ok: false, refusals };
  const c = summary(clinical);
  const nc = summary(nonClinical);
  if (c.sd + nc.sd === 0) return { ok: false, refusals: [{ field: 'clinical', reason: 'invalidValue' }] };
  const cutoff = (c.sd * nc.mean + nc.sd * c.mean) / (c.sd + nc.sd);
  const reliableChange = 1.96 * Math.SQRT2 * c.sd * Math.sqrt(1 - reliability);
  return { ok: true, norms: { cutoff, reliableChange, clinical: c, nonClinical: nc, reliability } };
}

/** The instrument with its own norms in place (to be validated again before it is saved). */
export function withNorms(instrument: InstrumentDefinition, norms: Norms): InstrumentDefinition {
  return {
    ...instrument,
    total: { ...instrument.total, cutoff: { ...instrument.total.cutoff, value: norms.cutoff }, reliableChange: norms.reliableChange },
    normsStatus: 'local_computed',
    normsBasis: { clinical: norms.clinical.n, nonClinical: norms.nonClinical.n, reliability: norms.reliability },
  };
}

// ---- Expected trajectory ----------------------------------------------------------------------

export interface TrajectoryOptions { band: number; minCourses: number; maxConversations: number }
export interface Trajectory extends TrajectoryOptions {
  start: number;
  /** How many courses started within the band. */
  matchedCourses: number;
  /** By conversation number (1-based). `expected` is null when it rests on fewer than minCourses. */
  points: { conversation: number; expected: number | null; courses: number }[];
}

/**
 * What courses like this one usually look like: among `courses` (other citizens' outcome totals
 * by conversation; null where no rating was given) whose first total is within ±band of `start`
 * (edges included), the mean total at each conversation number, and how many courses it rests on.
 * A point that rests on fewer than minCourses is not shown (null) — too few to mean anything, and
 * too close to one person's course. Leave the citizen's own course out of `courses`.
 */
export function expectedTrajectory(courses: readonly (readonly (number | null)[])[], start: number, options: TrajectoryOptions): Trajectory {
  const { band, minCourses, maxConversations } = options;
  if (!(band >= 0) || !Number.isInteger(minCourses) || minCourses < 1 || !Number.isInteger(maxConversations) || maxConversations < 1)
    throw new RangeError('band must be ≥ 0; minCourses and maxConversations whole numbers ≥ 1');
  const matched = courses.filter((c) => typeof c[0] === 'number' && Math.abs(c[0] - start) <= band);
  const points = Array.from({ length: maxConversations }, (_, i) => {
    const values = matched.map((c) => c[i]).filter((v): v is number => typeof v === 'number');
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    return { conversation: i + 1, expected: values.length >= minCourses ? mean : null, courses: values.length };
  });
  return { start, band, minCourses, maxConversations, matchedCourses: matched.length, points };
}

export interface ProgressCheck {
  status: 'notProgressing' | 'asExpected' | 'noExpectation';
  conversation: number | null;
  latest: number | null;
  expected: number | null;
  /** How far the latest total is behind the expected one, in the better direction (negative: ahead). */
  shortfall: number | null;
  margin: number;
}

/**
 * Whether the citizen's latest outcome total is behind the expected trajectory at that
 * conversation by more than `margin` (strictly). noExpectation when there is no rating yet or the
 * point is hidden or beyond the trajectory: nothing is claimed then.
 */
export function notProgressingAsExpected(course: readonly (number | null)[], trajectory: Trajectory, margin: number, higherIsBetter = true): ProgressCheck {
  let index = course.length - 1;
  while (index >= 0 && typeof course[index] !== 'number') index--;
  const latest = index < 0 ? null : (course[index] as number);
  const expected = trajectory.points[index]?.expected ?? null;
  if (latest === null || expected === null) return { status: 'noExpectation', conversation: index < 0 ? null : index + 1, latest, expected, shortfall: null, margin };
  const shortfall = higherIsBetter ? expected - latest : latest - expected;
  return { status: shortfall > margin ? 'notProgressing' : 'asExpected', conversation: index + 1, latest, expected, shortfall, margin };
}

// ---- Team aggregates ------------------------------------------------------------------------------

/** One meeting, as the aggregate read model takes it. */
export const aggregateRow = z.object({
  unitId: z.string(),
  teamId: z.string().nullable().optional(),
  /** Any label the caller groups by: "2026-Q1", "2026-03". */
  period: z.string(),
  citizenId: z.string(),
  /** The meeting rating per item; null: not rated (declined or not asked). */
  ratings: z.record(z.string(), z.number()).nullable(),
  /** The citizen's course with the unit as classified in the period; null: not two outcome ratings yet. */
  course: changeClassification.nullable(),
});
export type AggregateRow = z.infer<typeof aggregateRow>;

export type Hidden = { shown: false; because: 'fewCitizens' | 'complementary' };
export interface AggregateCell {
  period: string;
  unitId: string;
  /** null: the whole unit (its teams and its meetings without a team). */
  teamId: string | null;
  meetings: ({ shown: true; citizens: number; meetings: number; rated: number; ratedShare: number }) | Hidden;
  ratings: ({ shown: true; citizens: number; meanByItem: Record<string, number> }) | Hidden;
  courses: ({ shown: true; courses: number; improved: number; improvementShare: number }) | Hidden;
}

interface Group { rows: AggregateRow[]; citizens: Set<string>; raters: Set<string>; classified: Map<string, ChangeClassification> }
const group = (rows: AggregateRow[]): Group => {
  const classified = new Map<string, ChangeClassification>();
  for (const r of rows) if (r.course) classified.set(r.citizenId, r.course); // the latest in row order
  return { rows, citizens: new Set(rows.map((r) => r.citizenId)), raters: new Set(rows.filter((r) => r.ratings).map((r) => r.citizenId)), classified };
};

/**
 * Which of a parent and its children to hide for one measure, counted in distinct citizens.
 * A group with fewer than `min` is hidden. When the parent is shown, everything hidden below it
 * — hidden teams, plus meetings with no team (never shown on their own) — can be worked out
 * together as parent minus shown teams; so while that hidden remainder holds someone but fewer
 * than `min` citizens, the smallest shown team (then by id) is hidden too. This covers "exactly
 * one team hidden → hide the next smallest" and also two small teams hidden together.
 */
function suppress(parent: Set<string>, children: [string, Set<string>][], remainder: Set<string>, min: number) {
  const because = new Map<string, Hidden['because']>(children.filter(([, s]) => s.size < min).map(([id]) => [id, 'fewCitizens']));
  const parentShown = parent.size >= min;
  if (parentShown) {
    const hidden = new Set(remainder);
    for (const [id, s] of children) if (because.has(id)) s.forEach((c) => hidden.add(c));
    const candidates = children.filter(([id]) => !because.has(id)).sort(([a, x], [b, y]) => x.size - y.size || (a < b ? -1 : 1));
    while (hidden.size > 0 && hidden.size < min && candidates.length) {
      const [id, s] = candidates.shift()!;
      because.set(id, 'complementary');
      s.forEach((c) => hidden.add(c));
    }
  }
  return { parentShown, because };
}

const isImprovement = (c: ChangeClassification) => c === 'reliableImprovement' || c === 'clinicallySignificantImprovement';

function measures(g: Group) {
  const rated = g.rows.filter((r) => r.ratings);
  const sums = new Map<string, { sum: number; n: number }>();
  for (const r of rated) for (const [k, v] of Object.entries(r.ratings!)) {
    const s = sums.get(k) ?? { sum: 0, n: 0 };
    sums.set(k, { sum: s.sum + v, n: s.n + 1 });
  }
  const improved = [...g.classified.values()].filter(isImprovement).length;
  return {
    meetings: { shown: true as const, citizens: g.citizens.size, meetings: g.rows.length, rated: rated.length, ratedShare: rated.length / g.rows.length },
    ratings: { shown: true as const, citizens: g.raters.size, meanByItem: Object.fromEntries([...sums].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, s]) => [k, s.sum / s.n])) },
    courses: { shown: true as const, courses: g.classified.size, improved, improvementShare: improved / g.classified.size },
  };
}

/**
 * Leaders' read model: per period, per unit (teamId null) and per team. Each of the three
 * measures is hidden on its own, counted in the citizens it rests on — meetings: citizens met;
 * ratings: citizens who rated; courses: citizens with a classified course — by `suppress` above.
 * Sorted by period, unit, then the unit before its teams (by id).
 */
export function teamAggregates(rows: readonly AggregateRow[], { minCitizens = 5 }: { minCitizens?: number } = {}): AggregateCell[] {
  if (!Number.isInteger(minCitizens) || minCitizens < 1) throw new RangeError('minCitizens must be a whole number ≥ 1');
  const units = new Map<string, AggregateRow[]>();
  for (const r of rows) {
    const key = JSON.stringify([r.period, r.unitId]);
    units.set(key, [...(units.get(key) ?? []), r]);
  }
  const cells: AggregateCell[] = [];
  for (const key of [...units.keys()].sort()) {
    const unitRows = units.get(key)!;
    const { period, unitId } = unitRows[0]!;
    const unit = group(unitRows);
    const teamIds = [...new Set(unitRows.flatMap((r) => (r.teamId ? [r.teamId] : [])))].sort();
    const teams = teamIds.map((id) => [id, group(unitRows.filter((r) => r.teamId === id))] as const);
    const rest = group(unitRows.filter((r) => !r.teamId));
    const populations = { meetings: (g: Group) => g.citizens, ratings: (g: Group) => g.raters, courses: (g: Group) => new Set(g.classified.keys()) };
    const decided = Object.fromEntries(
      Object.entries(populations).map(([m, pop]) => [m, suppress(pop(unit), teams.map(([id, g]) => [id, pop(g)]), pop(rest), minCitizens)]),
    ) as Record<keyof typeof populations, ReturnType<typeof suppress>>;
    const cell = (teamId: string | null, g: Group): AggregateCell => {
      const all = measures(g);
      const pick = <M extends keyof typeof populations>(m: M): AggregateCell[M] => {
        const d = decided[m];
        const because = teamId === null ? (d.parentShown ? undefined : 'fewCitizens') : d.because.get(teamId);
        return (because ? { shown: false, because } : all[m]) as AggregateCell[M];
      };
      return { period, unitId, teamId, meetings: pick('meetings'), ratings: pick('ratings'), courses: pick('courses') };
    };
    cells.push(cell(null, unit), ...teams.map(([id, g]) => cell(id, g)));
  }
  return cells;
}

// ---- API contracts (the feedback module: server/src/modules/feedback, web/src/features/feedback) ----

export const feedbackKinds = ['outcome', 'meeting'] as const;
export const feedbackKind = z.enum(feedbackKinds);
export type FeedbackKind = z.infer<typeof feedbackKind>;
const named = z.object({ id, name: z.string() });
const bilingualView = z.object({ da: z.string(), en: z.string() });

/** A municipality's instrument (admin page; the staff member picks one when a rating starts). */
export const instrumentView = z.object({
  id,
  /** `sammen`: shipped with Sammen (the wording may be changed, its items not once used); `municipality`: entered by the municipality (e.g. a licensed form). */
  origin: z.enum(['sammen', 'municipality']),
  active: z.boolean(),
  definition: z.custom<InstrumentDefinition>((v) => typeof v === 'object' && v !== null),
  /** How many ratings were given with it: its items and scale are fixed once any were. */
  ratings: z.number().int(),
  updatedAt: z.string(),
});
export type InstrumentView = z.infer<typeof instrumentView>;
export const instrumentsView = z.object({ instruments: z.array(instrumentView), settings: z.lazy(() => feedbackSettings) });
export type InstrumentsView = z.infer<typeof instrumentsView>;

export const instrumentInput = z.strictObject({ definition: instrumentDefinition, active: z.boolean().default(true) });
export type InstrumentInput = z.infer<typeof instrumentInput>;

/** The municipality's settings for the expected trajectory and rating links. */
export const feedbackSettings = z.strictObject({
  /** Courses whose first outcome total is within ±band points of the citizen's are compared. */
  band: z.number().min(0).max(100),
  /** A point of the expected trajectory resting on fewer courses is hidden. */
  minCourses: int4(3, 1000),
  maxConversations: int4(1, 30),
  /** "Not progressing as expected" when the latest total is more than this many points behind. */
  margin: z.number().min(0).max(100),
  /** A rating link sent to the citizen works this many hours. */
  linkHours: int4(1, 14 * 24),
  /** The citizen mode on the staff member's tablet works this many minutes. */
  tabletMinutes: int4(5, 120),
});
export type FeedbackSettings = z.infer<typeof feedbackSettings>;
export const DEFAULT_FEEDBACK_SETTINGS: FeedbackSettings = { band: 4, minCourses: 10, maxConversations: 10, margin: 5, linkHours: 72, tabletMinutes: 20 };

/**
 * Compute the municipality's own norms for an outcome instrument (computeNorms): the clinical
 * sample is the first outcome total of every course with it in the municipality (the server
 * counts them); the non-clinical sample the admin brings (e.g. a population survey with the same
 * form). `apply`: save the norms on the instrument; otherwise only show them.
 */
export const normsInput = z.strictObject({
  reliability: z.number().gt(0).lt(1),
  nonClinicalTotals: z.array(z.number()).max(100_000),
  apply: z.boolean().default(false),
});
export type NormsInput = z.infer<typeof normsInput>;
const sampleSummary = z.object({ n: z.number().int(), mean: z.number(), sd: z.number() });
export const normsView = z.object({
  instrumentId: id,
  norms: z.object({ cutoff: z.number(), reliableChange: z.number(), clinical: sampleSummary, nonClinical: sampleSummary, reliability: z.number() }),
  applied: z.boolean(),
});
export type NormsView = z.infer<typeof normsView>;

/** A meeting (conversation) with the citizen, with or without an appointment in the calendar. */
export const recordMeetingInput = z.strictObject({
  appointmentId: id.nullable().default(null),
  /** When it was held; defaults to now. Not in the future. */
  heldAt: instant.optional(),
  /** The plan area the meeting belongs to (consent follows it). Taken from the appointment when it has one; else required. */
  area: effortArea.optional(),
});
export type RecordMeetingInput = z.infer<typeof recordMeetingInput>;

export const ratingView = z.object({
  id,
  kind: feedbackKind,
  instrumentId: id,
  declined: z.boolean(),
  /** null when declined: a declined rating is never a score. */
  total: z.number().nullable(),
  answers: z.record(z.string(), z.number()).nullable(),
  givenVia: z.enum(['tablet', 'link']),
  givenAt: z.string(),
});
export type RatingView = z.infer<typeof ratingView>;

const alertView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('belowCutoff'), meeting: z.number(), total: z.number(), cutoff: z.object({ value: z.number(), comparator: z.enum(comparators) }) }),
  z.object({ kind: z.literal('drop'), meeting: z.number(), total: z.number(), previousMeeting: z.number(), previous: z.number(), fall: z.number(), threshold: z.number() }),
  z.object({ kind: z.literal('notProgressing'), conversation: z.number(), latest: z.number(), expected: z.number(), shortfall: z.number(), margin: z.number() }),
]);
export type FeedbackAlert = z.infer<typeof alertView>;

export const meetingView = z.object({
  id,
  unit: named,
  staff: named,
  appointmentId: id.nullable(),
  area: effortArea,
  heldAt: z.string(),
  /** Its number in the course: the citizen's conversations with this unit, in order. */
  conversation: z.number().int(),
  outcome: ratingView.nullable(),
  meeting: ratingView.nullable(),
  /** What the ratings of this meeting set off for the unit that held it. */
  alerts: z.array(alertView),
});
export type MeetingView = z.infer<typeof meetingView>;

const instrumentSummary = z.object({
  id,
  name: bilingualView,
  normsStatus: z.enum(['local_not_validated', 'local_computed']),
  cutoff: z.object({ value: z.number(), comparator: z.enum(comparators) }),
  reliableChange: z.number(),
  higherIsBetter: z.boolean(),
  range: z.object({ min: z.number(), max: z.number() }),
  items: z.array(z.object({ key: z.string(), wording: bilingualView })),
});
export type InstrumentSummary = z.infer<typeof instrumentSummary>;

/** The citizen's course with one unit: outcome and meeting totals by conversation. */
export const courseView = z.object({
  unit: named,
  /** The outcome instrument of the course's first outcome rating; null: no outcome rating yet. */
  outcomeInstrument: instrumentSummary.nullable(),
  meetingInstrument: instrumentSummary.nullable(),
  /** By conversation number (index 0 is conversation 1); null: not rated or declined. */
  outcomeTotals: z.array(z.number().nullable()),
  meetingTotals: z.array(z.number().nullable()),
  // Nullable inside the custom type: an OpenAPI `nullable` needs a `type` beside it, and these have none.
  change: z.custom<ChangeResult | null>(),
  trajectory: z.custom<Trajectory | null>(),
  progress: z.custom<ProgressCheck | null>(),
});
export type CourseView = z.infer<typeof courseView>;

/** The staff member's and the coordinator's view: every meeting this reader may see, on one timeline. */
export const citizenFeedbackView = z.object({
  citizen: named,
  meetings: z.array(meetingView),
  courses: z.array(courseView),
  /** Units whose meetings with this citizen have a mean meeting total on the low side of the cutoff. */
  lowUnits: z.array(id),
  /** Whether this reader sees every unit's meetings (the coordinating unit, the citizen) or only some. */
  complete: z.boolean(),
  instruments: z.array(z.object({ id, kind: feedbackKind, name: bilingualView, presentation: z.enum(['slider', 'faces']), targetGroups: z.array(z.string()) })),
});
export type CitizenFeedbackView = z.infer<typeof citizenFeedbackView>;
export const ownFeedbackView = citizenFeedbackView.omit({ instruments: true });
export type OwnFeedbackView = z.infer<typeof ownFeedbackView>;

/** Start a rating: on this tablet now (citizen mode), or a link the citizen gets. */
export const ratingLinkInput = z.strictObject({
  kinds: z.array(feedbackKind).min(1).max(2).refine((k) => new Set(k).size === k.length, 'each kind once'),
  mode: z.enum(['tablet', 'link']),
  /** The instrument per kind; by default the first active one for the citizen's age. */
  outcomeInstrumentId: id.optional(),
  meetingInstrumentId: id.optional(),
});
export type RatingLinkInput = z.infer<typeof ratingLinkInput>;
export const ratingLinkView = z.object({
  /** The web path with the secret in its fragment (never sent to a server log): /vurdering#<token>. */
  path: z.string(),
  expiresAt: z.string(),
  mode: z.enum(['tablet', 'link']),
});
export type RatingLinkView = z.infer<typeof ratingLinkView>;

// Read as plain text first, as every text field: NUL or half a surrogate pair is invalidCharacters.
const token = plainText().pipe(z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be the code from the link'));
export const openRatingInput = z.strictObject({ token });
/** What the citizen sees in the rating: nothing of the plan — the unit, the day, the forms. */
export const ratingFormView = z.object({
  unitName: z.string(),
  heldAt: z.string(),
  expiresAt: z.string(),
  mode: z.enum(['tablet', 'link']),
  forms: z.array(z.object({
    kind: feedbackKind,
    instrumentId: id,
    name: bilingualView,
    intro: bilingualView,
    presentation: z.enum(['slider', 'faces']),
    items: z.array(z.object({ key: z.string(), wording: bilingualView, min: z.number(), max: z.number(), step: z.number(), anchors: z.object({ low: bilingualView, high: bilingualView }) })),
  })),
});
export type RatingFormView = z.infer<typeof ratingFormView>;

export const submitRatingsInput = z.strictObject({
  token,
  ratings: z
    .array(z.union([
      z.strictObject({ kind: feedbackKind, declined: z.literal(false), answers: z.record(z.string(), z.number()) }),
      z.strictObject({ kind: feedbackKind, declined: z.literal(true) }),
    ]))
    .min(1)
    .max(2),
});
export type SubmitRatingsInput = z.infer<typeof submitRatingsInput>;
export const submitRatingsView = z.object({ saved: z.array(feedbackKind) });

/** A rating that alerted the unit that held the meeting, until someone in the unit has seen it. */
export const feedbackAlertItem = z.object({
  ratingId: id,
  meetingId: id,
  citizen: named,
  heldAt: z.string(),
  staff: named,
  kind: feedbackKind,
  alerts: z.array(alertView),
});
export type FeedbackAlertItem = z.infer<typeof feedbackAlertItem>;
export const feedbackAlertsView = z.object({ alerts: z.array(feedbackAlertItem) });
export type FeedbackAlertsView = z.infer<typeof feedbackAlertsView>;

/** Leaders' aggregates: per unit (and team, when units have teams), per month or quarter. */
export const aggregatesQuery = z.strictObject({
  /** Default: a year before `to`. */
  from: calendarDate.optional(),
  /** Default: today. */
  to: calendarDate.optional(),
  by: z.enum(['month', 'quarter']).default('quarter'),
});
export type AggregatesQuery = z.infer<typeof aggregatesQuery>;
export const aggregatesView = z.object({
  from: z.string(),
  to: z.string(),
  by: z.enum(['month', 'quarter']),
  minCitizens: z.number().int(),
  units: z.array(named),
  /** The meeting items, keyed as in meanByItem, with their wording. */
  items: z.array(z.object({ key: z.string(), wording: bilingualView })),
  cells: z.array(z.custom<AggregateCell>()),
});
export type AggregatesView = z.infer<typeof aggregatesView>;
