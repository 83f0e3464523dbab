import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  classifyChange,
  comparators,
  computeNorms,
  expectedTrajectory,
  instrumentDefinition,
  isClinical,
  meetingAlerts,
  notProgressingAsExpected,
  sammenMeeting,
  sammenMeetingChild,
  sammenOutcome,
  sammenOutcomeChild,
  teamAggregates,
  total,
  totalRange,
  withNorms,
  type AggregateRow,
  type Comparator,
  type InstrumentDefinition,
  type TotalRule,
} from './feedback.ts';
import { readability } from './readability.ts';

// Issue 15, scenario 5: a young person in employment guidance rates every conversation; their
// own progress is rated at the start of each one.

/** A 4 × 0–10 sum instrument (0–40): cutoff "under 25" is clinical, reliable change 6, drop 4. */
function instrument(total: Partial<TotalRule> = {}, over: Partial<InstrumentDefinition> = {}): InstrumentDefinition {
  return {
    ...sammenOutcome,
    total: { kind: 'outcome', method: 'sum', higherIsBetter: true, cutoff: { value: 25, comparator: 'lt' }, reliableChange: 6, alerts: { belowCutoff: true, drop: 4 }, ...total },
    ...over,
  };
}
const issuesOf = (d: unknown) => (instrumentDefinition.safeParse(d).error?.issues ?? []).map((i) => ({ path: i.path, reason: (i as { params?: { reason?: string } }).params?.reason }));

describe('the shipped instruments', () => {
  const shipped = [sammenOutcome, sammenMeeting, sammenOutcomeChild, sammenMeetingChild];

  test('validate, are placeholders until norms are computed, and are 4 × 0–10 summed to 0–40', () => {
    for (const d of shipped) {
      expect(instrumentDefinition.parse(d)).toEqual(d);
      expect(d.normsStatus).toBe('local_not_validated');
      expect(d.items.map((i) => [i.min, i.max, i.step])).toEqual(Array(4).fill([0, 10, 1]));
      expect(totalRange(d)).toEqual({ min: 0, max: 40 });
    }
    expect(sammenMeeting.items.map((i) => i.key)).toEqual(['respect', 'listened', 'clarity', 'overall']);
    expect([sammenOutcome.total.kind, sammenMeeting.total.kind]).toEqual(['outcome', 'meeting']);
    expect([sammenOutcomeChild.presentation, sammenMeetingChild.presentation]).toEqual(['faces', 'faces']);
  });

  test('their Danish wording reads at LIX ≤ 30: every item and intro, and the whole form', () => {
    for (const d of shipped) {
      for (const text of [d.intro.da, ...d.items.map((i) => i.wording.da)]) expect(readability(text).lix, text).toBeLessThanOrEqual(30);
      const form = [d.name.da, d.intro.da, ...d.items.flatMap((i) => [i.wording.da, i.anchors.low.da, i.anchors.high.da])].join('\n');
      expect(readability(form).lix, d.name.da).toBeLessThanOrEqual(30);
    }
  });
});

describe('instrument validation names the field', () => {
  test('no items', () => {
    expect(issuesOf({ ...sammenOutcome, items: [] })).toEqual([{ path: ['items'], reason: 'tooFew' }]);
  });

  test('a key used twice', () => {
    const items = [...sammenOutcome.items.slice(0, 3), { ...sammenOutcome.items[3]!, key: 'self' }];
    expect(issuesOf({ ...sammenOutcome, items })).toEqual([{ path: ['items', 3, 'key'], reason: 'invalidValue' }]);
  });

  test('a scale whose top is not above its bottom, or not reached in whole steps', () => {
    const items = sammenOutcome.items.map((i, n) => (n === 1 ? { ...i, min: 10 } : n === 2 ? { ...i, max: 10.5 } : i));
    expect(issuesOf({ ...sammenOutcome, items })).toEqual([
      { path: ['items', 1, 'max'], reason: 'invalidValue' },
      { path: ['items', 2, 'step'], reason: 'invalidValue' },
    ]);
  });

  test('a cutoff outside the scale of the total; its edges are allowed', () => {
    expect(issuesOf(instrument({ cutoff: { value: -1, comparator: 'lt' } }))).toEqual([{ path: ['total', 'cutoff', 'value'], reason: 'tooSmall' }]);
    expect(issuesOf(instrument({ cutoff: { value: 41, comparator: 'lt' } }))).toEqual([{ path: ['total', 'cutoff', 'value'], reason: 'tooLarge' }]);
    expect(issuesOf(instrument({ cutoff: { value: 0, comparator: 'lte' } }))).toEqual([]);
    expect(issuesOf(instrument({ cutoff: { value: 40, comparator: 'gte' } }))).toEqual([]);
    // A mean of 0–10 items is 0–10: 25 is outside it.
    expect(issuesOf(instrument({ method: 'mean', reliableChange: 2, alerts: { belowCutoff: true, drop: 1 } }))).toEqual([{ path: ['total', 'cutoff', 'value'], reason: 'tooLarge' }]);
  });

  test('a reliable change or drop of 0 or less, or larger than the total range (40)', () => {
    expect(issuesOf(instrument({ reliableChange: 0 }))).toEqual([{ path: ['total', 'reliableChange'], reason: 'tooSmall' }]);
    expect(issuesOf(instrument({ reliableChange: -2 }))).toEqual([{ path: ['total', 'reliableChange'], reason: 'tooSmall' }]);
    expect(issuesOf(instrument({ reliableChange: 40.5 }))).toEqual([{ path: ['total', 'reliableChange'], reason: 'tooLarge' }]);
    expect(issuesOf(instrument({ reliableChange: 40 }))).toEqual([]);
    expect(issuesOf(instrument({ alerts: { belowCutoff: false, drop: 0 } }))).toEqual([{ path: ['total', 'alerts', 'drop'], reason: 'tooSmall' }]);
    expect(issuesOf(instrument({ alerts: { belowCutoff: false, drop: 41 } }))).toEqual([{ path: ['total', 'alerts', 'drop'], reason: 'tooLarge' }]);
  });

  test('computed norms must say what they rest on; unknown fields are refused', () => {
    expect(issuesOf({ ...sammenOutcome, normsStatus: 'local_computed' })).toEqual([{ path: ['normsBasis'], reason: 'required' }]);
    expect(instrumentDefinition.safeParse({ ...sammenOutcome, colour: 'red' }).success).toBe(false);
    expect(instrumentDefinition.safeParse({ ...sammenOutcome, targetGroups: [] }).success).toBe(false);
  });
});

describe('total', () => {
  const all = (v: number) => ({ self: v, close: v, daily: v, overall: v });

  test('sums, or averages, a complete rating', () => {
    expect(total(sammenOutcome, { self: 3, close: 7, daily: 0, overall: 10 })).toEqual({ ok: true, total: 20 });
    expect(total(instrument({ method: 'mean', cutoff: { value: 5, comparator: 'lt' }, reliableChange: 2 }), { self: 3, close: 7, daily: 0, overall: 10 })).toEqual({ ok: true, total: 5 });
    expect(total(sammenOutcome, all(0))).toEqual({ ok: true, total: 0 });
    expect(total(sammenOutcome, all(10))).toEqual({ ok: true, total: 40 });
  });

  test('refuses a missing item, an answer off the scale or off a step, and an item the instrument lacks — naming each', () => {
    const r = total(sammenOutcome, { self: -1, close: 11, daily: 2.5, extra: 3 });
    expect(r).toEqual({
      ok: false,
      refusals: [
        { field: 'answers.self', reason: 'tooSmall', params: { min: 0 } },
        { field: 'answers.close', reason: 'tooLarge', params: { max: 10 } },
        { field: 'answers.daily', reason: 'invalidValue', params: { step: 1 } },
        { field: 'answers.overall', reason: 'required' },
        { field: 'answers.extra', reason: 'unknownField' },
      ],
    });
    expect(total(sammenOutcome, { ...all(5), self: Number.NaN })).toMatchObject({ ok: false, refusals: [{ field: 'answers.self', reason: 'invalidType' }] });
  });
});

describe('the cutoff, by comparator: exactly at it and one step either side', () => {
  const table: Record<Comparator, [boolean, boolean, boolean]> = {
    lt: [true, false, false],
    lte: [true, true, false],
    gt: [false, false, true],
    gte: [false, true, true],
  };
  test.each(comparators)('%s 25 at 24, 25, 26', (comparator) => {
    expect([24, 25, 26].map((t) => isClinical({ cutoff: { value: 25, comparator } }, t))).toEqual(table[comparator]);
  });
});

describe('classifyChange (Jacobson–Truax)', () => {
  const up = instrument({ cutoff: { value: 10, comparator: 'lt' } }); // crossing not in play for 20 → …

  test('reliable at exactly the threshold, not one point under it — both ways', () => {
    expect([25, 26, 27].map((l) => classifyChange(up, 20, l).classification)).toEqual(['noReliableChange', 'reliableImprovement', 'reliableImprovement']);
    expect([15, 14, 13].map((l) => classifyChange(up, 20, l).classification)).toEqual(['noReliableChange', 'reliableDeterioration', 'reliableDeterioration']);
    expect(classifyChange(up, 20, 20).classification).toBe('noReliableChange');
  });

  test('when lower is better, a fall is the improvement', () => {
    const down = instrument({ higherIsBetter: false, cutoff: { value: 30, comparator: 'gt' } });
    expect([15, 14].map((l) => classifyChange(down, 20, l).classification)).toEqual(['noReliableChange', 'reliableImprovement']);
    expect([25, 26].map((l) => classifyChange(down, 20, l).classification)).toEqual(['noReliableChange', 'reliableDeterioration']);
    expect(classifyChange(down, 20, 14)).toMatchObject({ difference: -6, improvement: 6, threshold: 6 });
  });

  test('clinically significant only when a reliable improvement crosses from the clinical side', () => {
    const lt = instrument(); // under 25 is clinical
    expect(classifyChange(lt, 19, 25)).toEqual({
      classification: 'clinicallySignificantImprovement',
      first: 19, latest: 25, difference: 6, improvement: 6, threshold: 6, reliable: true,
      cutoff: { value: 25, comparator: 'lt' }, firstClinical: true, latestClinical: false, crossedCutoff: 'intoNonClinical',
    });
    expect(classifyChange(lt, 18, 24)).toMatchObject({ classification: 'reliableImprovement', crossedCutoff: null });
    expect(classifyChange(lt, 20, 25)).toMatchObject({ classification: 'noReliableChange', crossedCutoff: 'intoNonClinical' });
    expect(classifyChange(lt, 25, 35)).toMatchObject({ classification: 'reliableImprovement', firstClinical: false, crossedCutoff: null });
    // lte: 25 itself is still clinical.
    const lte = instrument({ cutoff: { value: 25, comparator: 'lte' } });
    expect(classifyChange(lte, 19, 25)).toMatchObject({ classification: 'reliableImprovement', latestClinical: true });
    expect(classifyChange(lte, 20, 26).classification).toBe('clinicallySignificantImprovement');
    // gt / gte, lower is better: over the cutoff is clinical.
    const gt = instrument({ higherIsBetter: false, cutoff: { value: 25, comparator: 'gt' } });
    expect(classifyChange(gt, 31, 25).classification).toBe('clinicallySignificantImprovement');
    expect(classifyChange(gt, 32, 26).classification).toBe('reliableImprovement');
    const gte = instrument({ higherIsBetter: false, cutoff: { value: 25, comparator: 'gte' } });
    expect(classifyChange(gte, 31, 25).classification).toBe('reliableImprovement');
    expect(classifyChange(gte, 30, 24).classification).toBe('clinicallySignificantImprovement');
  });

  test('a reliable worsening into the clinical side is a deterioration, and says it crossed', () => {
    expect(classifyChange(instrument(), 28, 22)).toMatchObject({ classification: 'reliableDeterioration', crossedCutoff: 'intoClinical', improvement: -6 });
  });

  test('a total outside the instrument is a RangeError', () => {
    expect(() => classifyChange(instrument(), -1, 20)).toThrow(RangeError);
    expect(() => classifyChange(instrument(), 20, 41)).toThrow(RangeError);
  });

  const flip: Record<Comparator, Comparator> = { lt: 'gt', lte: 'gte', gt: 'lt', gte: 'lte' };
  const rule = fc.record({
    value: fc.integer({ min: 0, max: 40 }),
    comparator: fc.constantFrom(...comparators),
    reliableChange: fc.integer({ min: 1, max: 40 }),
    higherIsBetter: fc.boolean(),
  });
  const score = fc.integer({ min: 0, max: 40 });

  test('property: the same course mirrored (40 − x, direction and comparator swapped) classifies the same', () => {
    fc.assert(
      fc.property(rule, score, score, (r, a, b) => {
        const d = instrument({ cutoff: { value: r.value, comparator: r.comparator }, reliableChange: r.reliableChange, higherIsBetter: r.higherIsBetter });
        const m = instrument({ cutoff: { value: 40 - r.value, comparator: flip[r.comparator] }, reliableChange: r.reliableChange, higherIsBetter: !r.higherIsBetter });
        const x = classifyChange(d, a, b);
        const y = classifyChange(m, 40 - a, 40 - b);
        expect(y.classification).toBe(x.classification);
        expect(y.improvement).toBe(x.improvement);
        expect(y.crossedCutoff).toBe(x.crossedCutoff);
      }),
    );
  });

  test('property: run backwards, an improvement is a deterioration and no change stays no change', () => {
    fc.assert(
      fc.property(rule, score, score, (r, a, b) => {
        const d = instrument({ cutoff: { value: r.value, comparator: r.comparator }, reliableChange: r.reliableChange, higherIsBetter: r.higherIsBetter });
        const forward = classifyChange(d, a, b).classification;
        const back = classifyChange(d, b, a).classification;
        if (forward === 'noReliableChange') expect(back).toBe('noReliableChange');
        else if (forward === 'reliableDeterioration') expect(['reliableImprovement', 'clinicallySignificantImprovement']).toContain(back);
        else expect(back).toBe('reliableDeterioration');
      }),
    );
  });
});

describe('meetingAlerts', () => {
  const meeting = instrument({ kind: 'meeting', cutoff: { value: 34, comparator: 'lt' }, alerts: { belowCutoff: true, drop: 4 } });

  test('below the cutoff by its comparator: 33 alerts, 34 does not', () => {
    expect(meetingAlerts(meeting, [34, 33])).toEqual([
      { kind: 'belowCutoff', meeting: 2, total: 33, cutoff: { value: 34, comparator: 'lt' } },
    ]);
    const lte = instrument({ kind: 'meeting', cutoff: { value: 34, comparator: 'lte' }, alerts: { belowCutoff: true, drop: null } });
    expect(meetingAlerts(lte, [35, 34]).map((a) => a.meeting)).toEqual([2]);
  });

  test('a drop of exactly the configured points alerts, one less does not', () => {
    expect(meetingAlerts(meeting, [40, 37])).toEqual([]);
    expect(meetingAlerts(meeting, [40, 36])).toEqual([{ kind: 'drop', meeting: 2, total: 36, previousMeeting: 1, previous: 40, fall: 4, threshold: 4 }]);
    expect(meetingAlerts(meeting, [36, 40])).toEqual([]);
  });

  test('a low drop gives both alerts; a meeting not rated never alerts, and the drop is from the last rated one', () => {
    expect(meetingAlerts(meeting, [38, 30]).map((a) => a.kind)).toEqual(['belowCutoff', 'drop']);
    expect(meetingAlerts(meeting, [38, null, 34])).toEqual([{ kind: 'drop', meeting: 3, total: 34, previousMeeting: 1, previous: 38, fall: 4, threshold: 4 }]);
    expect(meetingAlerts(meeting, [null, null])).toEqual([]);
  });

  test('rules switched off, and lower-is-better where a rise is the drop', () => {
    const off = instrument({ kind: 'meeting', alerts: { belowCutoff: false, drop: null } });
    expect(meetingAlerts(off, [40, 0])).toEqual([]);
    const down = instrument({ kind: 'meeting', higherIsBetter: false, cutoff: { value: 30, comparator: 'gt' }, alerts: { belowCutoff: true, drop: 4 } });
    expect(meetingAlerts(down, [10, 14, 10, 31]).map((a) => [a.kind, a.meeting])).toEqual([['drop', 2], ['belowCutoff', 4], ['drop', 4]]);
  });
});

describe('computeNorms', () => {
  test('matches a hand-computed case', () => {
    // Clinical 10, 14, 18: M0 = 14, s0 = 4. Non-clinical 28, 30, 32: M1 = 30, s1 = 2.
    // c = (4·30 + 2·14)/(4 + 2) = 148/6 = 24.667; RCI = 1.96·√2·4·√(1 − 0.84) = 1.96·√2·1.6 = 4.43497.
    const r = computeNorms([10, 14, 18], [28, 30, 32], 0.84, { minPerGroup: 3 });
    if (!r.ok) throw new Error('refused');
    expect(r.norms.cutoff).toBeCloseTo(24.6667, 4);
    expect(r.norms.reliableChange).toBeCloseTo(4.43497, 4);
    expect(r.norms).toMatchObject({ clinical: { n: 3, mean: 14, sd: 4 }, nonClinical: { n: 3, mean: 30, sd: 2 }, reliability: 0.84 });
    // Put in place: validated, labelled computed, with what it rests on.
    const local = withNorms(sammenOutcome, r.norms);
    expect(instrumentDefinition.safeParse(local).success).toBe(true);
    expect(local).toMatchObject({ normsStatus: 'local_computed', normsBasis: { clinical: 3, nonClinical: 3, reliability: 0.84 }, total: { cutoff: { comparator: 'lt' } } });
  });

  test('equal spreads put the cutoff halfway', () => {
    const r = computeNorms([10, 14, 18], [26, 30, 34], 0.5, { minPerGroup: 3 });
    expect(r.ok && r.norms.cutoff).toBe(22);
  });

  test('refuses too few ratings per group (default 30), a reliability outside (0, 1), and samples with no spread', () => {
    expect(computeNorms([10, 14], [28, 30, 32], 0.8, { minPerGroup: 3 })).toEqual({ ok: false, refusals: [{ field: 'clinical', reason: 'tooFew', params: { min: 3, n: 2 } }] });
    const thirty = Array.from({ length: 30 }, (_, i) => i % 20);
    expect(computeNorms(thirty, thirty.slice(1), 0.8)).toEqual({ ok: false, refusals: [{ field: 'nonClinical', reason: 'tooFew', params: { min: 30, n: 29 } }] });
    expect(computeNorms(thirty, thirty, 0.8).ok).toBe(true);
    expect(computeNorms([1, 2, 3], [4, 5, 6], 1, { minPerGroup: 3 })).toMatchObject({ ok: false, refusals: [{ field: 'reliability', reason: 'invalidValue' }] });
    expect(computeNorms([5, 5, 5], [9, 9, 9], 0.8, { minPerGroup: 3 }).ok).toBe(false);
  });
});

describe('expectedTrajectory', () => {
  const options = { band: 3, minCourses: 3, maxConversations: 5 };

  test('courses that started within ±band count (edges included); others do not', () => {
    const t = expectedTrajectory([[17, 20], [23, 26], [20, 23], [16, 40], [24, 0], [null, 30], []], 20, options);
    expect(t.matchedCourses).toBe(3);
    expect(t.points[0]).toEqual({ conversation: 1, expected: 20, courses: 3 });
    expect(t.points[1]).toEqual({ conversation: 2, expected: 23, courses: 3 });
  });

  test('a point resting on minCourses − 1 courses is hidden, with minCourses it is shown', () => {
    const t = expectedTrajectory([[20, 22, 24, 30], [20, 24, 26, 30], [20, 26, null], [21, 28, 29, 30]], 20, options);
    expect(t.points).toEqual([
      { conversation: 1, expected: 20.25, courses: 4 },
      { conversation: 2, expected: 25, courses: 4 },
      { conversation: 3, expected: 79 / 3, courses: 3 },
      { conversation: 4, expected: 30, courses: 3 },
      { conversation: 5, expected: null, courses: 0 },
    ]);
    const stricter = expectedTrajectory([[20, 22, 24, 30], [20, 24, 26, 30], [20, 26, null], [21, 28, 29, 30]], 20, { ...options, minCourses: 4 });
    expect(stricter.points.map((p) => p.expected)).toEqual([20.25, 25, null, null, null]);
    expect(stricter.points[2]!.courses).toBe(3);
  });

  test('refuses options that make no sense', () => {
    expect(() => expectedTrajectory([], 20, { ...options, band: -1 })).toThrow(RangeError);
    expect(() => expectedTrajectory([], 20, { ...options, minCourses: 0 })).toThrow(RangeError);
    expect(() => expectedTrajectory([], 20, { ...options, maxConversations: 1.5 })).toThrow(RangeError);
  });

  test('property: every point is hidden exactly when it rests on fewer than minCourses', () => {
    const course = fc.array(fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }), { maxLength: 8 });
    fc.assert(
      fc.property(fc.array(course, { maxLength: 20 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 6 }), (courses, start, minCourses) => {
        const t = expectedTrajectory(courses, start, { band: 5, minCourses, maxConversations: 8 });
        for (const p of t.points) expect(p.expected === null).toBe(p.courses < minCourses);
      }),
    );
  });

  describe('notProgressingAsExpected', () => {
    const t = expectedTrajectory([[20, 25, 30], [20, 25, 30], [20, 25, 30]], 20, options);

    test('behind by more than the margin — not at it', () => {
      expect(notProgressingAsExpected([20, 22], t, 3)).toEqual({ status: 'asExpected', conversation: 2, latest: 22, expected: 25, shortfall: 3, margin: 3 });
      expect(notProgressingAsExpected([20, 21], t, 3)).toMatchObject({ status: 'notProgressing', shortfall: 4 });
      expect(notProgressingAsExpected([20, 22, null], t, 3)).toMatchObject({ status: 'asExpected', conversation: 2 });
      expect(notProgressingAsExpected([20, 29], t, 3)).toMatchObject({ status: 'asExpected', shortfall: -4 });
    });

    test('lower is better: above the expected value is behind', () => {
      expect(notProgressingAsExpected([20, 29], t, 3, false)).toMatchObject({ status: 'notProgressing', shortfall: 4 });
    });

    test('no rating, a hidden point, or a conversation beyond the trajectory: nothing is claimed', () => {
      expect(notProgressingAsExpected([], t, 3)).toMatchObject({ status: 'noExpectation', conversation: null });
      expect(notProgressingAsExpected([20, 21, 22, 23], t, 3)).toMatchObject({ status: 'noExpectation', conversation: 4, expected: null });
      const thin = expectedTrajectory([[20, 25]], 20, options);
      expect(notProgressingAsExpected([20, 10], thin, 3)).toMatchObject({ status: 'noExpectation', latest: 10 });
    });
  });
});

describe('teamAggregates', () => {
  const rated = { respect: 8, listened: 6, clarity: 4, overall: 6 };
  /** n citizens of a team, one rated meeting each, named team-1… */
  const citizens = (n: number, teamId: string | null, over: Partial<AggregateRow> = {}): AggregateRow[] =>
    Array.from({ length: n }, (_, i) => ({ unitId: 'jobcenter', teamId, period: '2026-Q1', citizenId: `${teamId ?? 'none'}-${i}`, ratings: rated, course: null, ...over }));
  const cellOf = (cells: ReturnType<typeof teamAggregates>, teamId: string | null) => cells.find((c) => c.teamId === teamId)!;

  test('shares and means for a group large enough', () => {
    const rows = [
      ...citizens(5, 'a', { course: 'reliableImprovement' }),
      { unitId: 'jobcenter', teamId: 'a', period: '2026-Q1', citizenId: 'a-0', ratings: { respect: 2, listened: 2, clarity: 2, overall: 2 }, course: 'clinicallySignificantImprovement' as const },
      { unitId: 'jobcenter', teamId: 'a', period: '2026-Q1', citizenId: 'a-1', ratings: null, course: 'noReliableChange' as const },
    ];
    const a = cellOf(teamAggregates(rows), 'a');
    expect(a.meetings).toEqual({ shown: true, citizens: 5, meetings: 7, rated: 6, ratedShare: 6 / 7 });
    expect(a.ratings).toEqual({ shown: true, citizens: 5, meanByItem: { clarity: 22 / 6, listened: 32 / 6, overall: 32 / 6, respect: 42 / 6 } });
    // a-0's latest classification counts once; a-1 no longer improved: 4 of 5.
    expect(a.courses).toEqual({ shown: true, courses: 5, improved: 4, improvementShare: 0.8 });
  });

  test('fewer than 5 citizens is hidden, 5 is shown; the unit total is separate from its teams', () => {
    const cells = teamAggregates([...citizens(4, null, { unitId: 'family' }), ...citizens(5, null)]);
    expect(cells.map((c) => [c.unitId, c.teamId, c.meetings.shown])).toEqual([['family', null, false], ['jobcenter', null, true]]);
    expect(cells[0]!.meetings).toEqual({ shown: false, because: 'fewCitizens' });
  });

  test('complementary: one team hidden under a shown unit hides the next smallest too', () => {
    const cells = teamAggregates([...citizens(7, 'a'), ...citizens(5, 'b'), ...citizens(6, 'c'), ...citizens(2, 'd')]);
    expect(cells.map((c) => [c.teamId, c.meetings.shown ? 'shown' : c.meetings.because])).toEqual([
      [null, 'shown'], ['a', 'shown'], ['b', 'complementary'], ['c', 'shown'], ['d', 'fewCitizens'],
    ]);
  });

  test('two small teams hidden together still too few to hide: a third goes; a lone remainder without team counts as hidden', () => {
    const two = teamAggregates([...citizens(7, 'a'), ...citizens(2, 'b'), ...citizens(2, 'c'), ...citizens(6, 'd')]);
    expect(two.map((c) => c.meetings.shown)).toEqual([true, true, false, false, false]);
    const remainder = teamAggregates([...citizens(6, 'a'), ...citizens(1, null)]);
    expect(remainder.map((c) => [c.teamId, c.meetings.shown ? 'shown' : c.meetings.because])).toEqual([[null, 'shown'], ['a', 'complementary']]);
  });

  test('each measure is hidden by the citizens it rests on: 6 met, 4 rated, 5 with a course', () => {
    const rows = [...citizens(4, null, { course: 'reliableImprovement' }), ...citizens(2, 'x', { ratings: null })];
    rows[4]!.course = 'reliableDeterioration';
    const unit = cellOf(teamAggregates(rows), null);
    expect(unit.meetings).toMatchObject({ shown: true, citizens: 6 });
    expect(unit.ratings).toEqual({ shown: false, because: 'fewCitizens' });
    expect(unit.courses).toEqual({ shown: true, courses: 5, improved: 4, improvementShare: 0.8 });
  });

  test('periods are separate groups, and a bad minimum is refused', () => {
    const cells = teamAggregates([...citizens(5, null), ...citizens(5, null, { period: '2026-Q2' }).slice(1)]);
    expect(cells.map((c) => [c.period, c.meetings.shown])).toEqual([['2026-Q1', true], ['2026-Q2', false]]);
    expect(() => teamAggregates([], { minCitizens: 0 })).toThrow(RangeError);
  });

  test('property: nothing shown rests on fewer than the minimum, and what is hidden under a shown unit cannot be worked out alone', () => {
    const row = fc.record({
      unitId: fc.constantFrom('u1', 'u2'),
      teamId: fc.constantFrom('t1', 't2', 't3', 't4', null),
      period: fc.constantFrom('p1', 'p2'),
      citizenId: fc.integer({ min: 1, max: 25 }).map(String),
      ratings: fc.option(fc.constant(rated), { nil: null }),
      course: fc.option(fc.constantFrom('reliableImprovement' as const, 'noReliableChange' as const), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 80 }), fc.integer({ min: 1, max: 6 }), (rows, min) => {
        const cells = teamAggregates(rows, { minCitizens: min });
        const pops = {
          meetings: (rs: AggregateRow[]) => new Set(rs.map((r) => r.citizenId)),
          ratings: (rs: AggregateRow[]) => new Set(rs.filter((r) => r.ratings).map((r) => r.citizenId)),
          courses: (rs: AggregateRow[]) => new Set(rs.filter((r) => r.course).map((r) => r.citizenId)),
        };
        for (const measure of ['meetings', 'ratings', 'courses'] as const) {
          for (const c of cells) {
            const rs = rows.filter((r) => r.period === c.period && r.unitId === c.unitId && (c.teamId === null || r.teamId === c.teamId));
            if (c[measure].shown) expect(pops[measure](rs).size).toBeGreaterThanOrEqual(min);
          }
          for (const unit of cells.filter((c) => c.teamId === null && c[measure].shown)) {
            const inUnit = rows.filter((r) => r.period === unit.period && r.unitId === unit.unitId);
            const shownTeams = new Set(cells.filter((c) => c.period === unit.period && c.unitId === unit.unitId && c.teamId && c[measure].shown).map((c) => c.teamId));
            const hidden = pops[measure](inUnit.filter((r) => !r.teamId || !shownTeams.has(r.teamId)));
            expect(hidden.size === 0 || hidden.size >= min).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
