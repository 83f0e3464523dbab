import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DEFAULT_COORDINATION_SETTINGS, dimensions, waveScores, type CellView, type CoordinationSettings, type PulseResults, type WaveScores } from './coordination.ts';
import { bandOf, cronbachAlpha, pulseAggregates, pulseSummary, rwgJ, scoreWave, tieScore, visibleResults, wavesCsv, type WaveInput } from './coordination-engine.ts';

// Issue 16, scenario 7. Every expected number below is worked out by hand in the comment next to
// it; the implementation is never asked what the answer should be.

const S = DEFAULT_COORDINATION_SETTINGS; // threshold 3, complete cases (7), moderate ≥ 3.5, strong ≥ 4, flag 0.5, agreement 0.7
const settings = (over: Partial<CoordinationSettings> = {}): CoordinationSettings => ({ ...S, ...over });
/** The same answer to all seven items. */
const all = (v: number | null) => Array<number | null>(7).fill(v);
type Scores = (number | null)[];
/** One respondent of `groupId`, with a tie to each [rated group, seven scores]. */
const r = (groupId: string, ...ties: [string, Scores][]) => ({ groupId, ties: ties.map(([g, scores]) => ({ groupId: g, scores })) });
/** `count` respondents of `rater` giving `rated` the same scores. */
const many = (count: number, rater: string, rated: string, scores: Scores) => Array.from({ length: count }, () => r(rater, [rated, scores]));
const wave = (groupIds: string[], responses: WaveInput['responses'], over: Partial<CoordinationSettings> = {}) => scoreWave({ groupIds, responses, settings: settings(over) });
const cellOf = (s: WaveScores, rater: string, rated: string): CellView => {
  const c = [...s.cells, ...s.within].find((x) => x.raterGroupId === rater && x.ratedGroupId === rated);
  if (!c) throw new Error(`no cell ${rater} → ${rated}`);
  return c;
};
const groupOf = (s: WaveScores, id: string) => s.groups.find((g) => g.groupId === id)!;

describe('tieScore: one respondent about one group', () => {
  test('the mean of the seven items', () => {
    // 4+4+4+4+4+4+5 = 29; 29/7 = 4.142857…
    expect(tieScore([4, 4, 4, 4, 4, 4, 5], 7)).toBeCloseTo(29 / 7, 12);
    expect(tieScore(all(1), 7)).toBe(1);
  });

  test('complete cases by default; a lower minimum counts the answered items only', () => {
    const twoSkipped = [5, null, 3, 4, null, 2, 4];
    expect(tieScore(twoSkipped, 7)).toBeNull();
    expect(tieScore(twoSkipped, 6)).toBeNull(); // 5 answered < 6
    expect(tieScore(twoSkipped, 5)).toBe(3.6); // (5+3+4+2+4)/5 = 18/5 — a skipped item is not a low score
  });

  test('nothing answered is never a score, whatever the minimum', () => {
    expect(tieScore(all(null), 1)).toBeNull();
  });
});

describe('bandOf: boundaries and their comparators', () => {
  const inclusive = { moderateFrom: 3.5, strongFrom: 4, boundary: 'inclusive' } as const;
  const exclusive = { ...inclusive, boundary: 'exclusive' } as const;

  test('inclusive: a score on a boundary belongs to the band above', () => {
    expect([3.49, 3.5, 3.99, 4, 5].map((x) => bandOf(x, inclusive))).toEqual(['weak', 'moderate', 'moderate', 'strong', 'strong']);
    expect(bandOf(1, inclusive)).toBe('weak');
  });

  test('exclusive: a score on a boundary stays in the band below', () => {
    expect([3.5, 3.51, 4, 4.01].map((x) => bandOf(x, exclusive))).toEqual(['weak', 'moderate', 'moderate', 'strong']);
  });

  test('floating-point noise at a boundary does not move a score across it', () => {
    expect(bandOf(3.4999999999999996, inclusive)).toBe('moderate');
    expect(bandOf(3.5000000000000004, exclusive)).toBe('weak');
  });
});

describe('cronbachAlpha', () => {
  test('a worked 4 × 3 example', () => {
    // items: (1,2,3,4) mean 2.5, SS 5, var 5/3; (2,3,3,5) mean 3.25, SS 4.75, var 4.75/3; (2,3,4,5) var 5/3
    // Σ var_i = 14.75/3. Row totals 5, 8, 10, 14: mean 9.25, SS 42.75, var 42.75/3 = 14.25.
    // α = 3/2 · (1 − (14.75/3)/14.25) = 1.5 · (28/42.75) = 42/42.75 = 56/57 ≈ 0.98246
    expect(cronbachAlpha([[1, 2, 2], [2, 3, 3], [3, 3, 4], [4, 5, 5]])).toBeCloseTo(56 / 57, 12);
  });

  test('items that pull apart give a negative alpha, reported as it is', () => {
    // items (1,2,3) and (3,1,2): var 1 and 1, Σ = 2; totals 4, 3, 5: var 1; α = 2/1 · (1 − 2/1) = −2
    expect(cronbachAlpha([[1, 3], [2, 1], [3, 2]])).toBeCloseTo(-2, 12);
  });

  test('null when it cannot be computed', () => {
    expect(cronbachAlpha([[1, 2, 3]])).toBeNull(); // one row
    expect(cronbachAlpha([[1], [2], [3]])).toBeNull(); // one item
    expect(cronbachAlpha([[1, 3], [2, 2], [3, 1]])).toBeNull(); // totals 4, 4, 4: variance 0
  });

  test('ragged rows are a bug in the caller', () => {
    expect(() => cronbachAlpha([[1, 2], [1]])).toThrow(RangeError);
  });
});

describe('rwgJ: agreement within a group', () => {
  test('a worked example, J = 2, five options', () => {
    // items (4,5,4) and (5,5,4): each mean 13/3, SS 2/3, var 1/3 → s̄² = 1/3; σ²E = (25 − 1)/12 = 2
    // ratio 1/6; J(1 − ratio) = 2 · 5/6 = 5/3; rwg = (5/3)/(5/3 + 1/6) = 10/11 ≈ 0.909
    expect(rwgJ([[4, 5], [5, 5], [4, 4]])).toBeCloseTo(10 / 11, 12);
  });

  test('a worked example with the seven items', () => {
    // rows all-4, all-5 and (3,4,3,4,3,4,3). Items 1, 3, 5, 7: (4,5,3) var 1; items 2, 4, 6: (4,5,4) var 1/3.
    // s̄² = (4·1 + 3·1/3)/7 = 5/7; ratio 5/14; 7 · 9/14 = 9/2; rwg = (9/2)/(9/2 + 5/14) = 63/68 ≈ 0.926
    expect(rwgJ([all(4) as number[], all(5) as number[], [3, 4, 3, 4, 3, 4, 3]])).toBeCloseTo(63 / 68, 12);
  });

  test('everyone answering alike is full agreement', () => {
    expect(rwgJ([[3, 4], [3, 4]])).toBe(1);
  });

  test('at or above random variance the value is truncated to 0', () => {
    // items (1,4) and (1,4): var 4.5 each; ratio 4.5/2 = 2.25. Untruncated: 2(1 − 2.25)/(2(1 − 2.25) + 2.25)
    // = −2.5/−0.25 = 10 — "more than perfect" agreement between two people who disagree most. Truncated: 0.
    expect(rwgJ([[1, 1], [4, 4]])).toBe(0);
    // exactly random: (1,3) var 2 = σ²E → ratio 1 → 0
    expect(rwgJ([[1], [3]])).toBe(0);
  });

  test('other numbers of options change the random variance', () => {
    // three options: σ²E = (9 − 1)/12 = 2/3; items (1,2): var 1/2; ratio 3/4; J = 1: (1/4)/(1/4 + 3/4) = 1/4
    expect(rwgJ([[1], [2]], 3)).toBeCloseTo(0.25, 12);
  });

  test('null with fewer than two rows', () => {
    expect(rwgJ([[4, 4, 4]])).toBeNull();
    expect(rwgJ([])).toBeNull();
  });
});

describe('scoreWave: directed group scores', () => {
  test('a dyad: n, score, band, dimensions and agreement', () => {
    // Three in A rate B: all-4 (4), all-5 (5) and (3,4,3,4,3,4,3) = 24/7.
    // A → B: n 3, score (4 + 5 + 24/7)/3 = (87/7)/3 = 29/7 ≈ 4.143 → strong.
    const s = wave(['A', 'B'], [r('A', ['B', all(4)]), r('A', ['B', all(5)]), r('A', ['B', [3, 4, 3, 4, 3, 4, 3]])]);
    const ab = cellOf(s, 'A', 'B');
    expect(ab).toMatchObject({ raterGroupId: 'A', ratedGroupId: 'B', suppressed: false, n: 3, band: 'strong', lowAgreement: false });
    expect(ab.score).toBeCloseTo(29 / 7, 12);
    // frequentCommunication (4,5,3)/3 = 4; timelyCommunication (4,5,4)/3 = 13/3
    expect(ab.dimensions.frequentCommunication).toBeCloseTo(4, 12);
    expect(ab.dimensions.timelyCommunication).toBeCloseTo(13 / 3, 12);
    expect(ab.agreement).toBeCloseTo(63 / 68, 12); // the seven-item rwg example above
    expect(s.cells).toHaveLength(1); // nobody in B answered: no B → A cell, not an empty one
    expect(groupOf(s, 'A')).toMatchObject({ respondents: 3 });
    expect(groupOf(s, 'A').asRater).toBeCloseTo(29 / 7, 12);
    expect(groupOf(s, 'B')).toMatchObject({ groupId: 'B', respondents: 0, asRater: null });
    expect(groupOf(s, 'B').asRated).toBeCloseTo(29 / 7, 12);
    expect(s.index).toBeCloseTo(29 / 7, 12);
  });

  test('low agreement is flagged, not hidden', () => {
    // Four in A rate B with items (1,3,3,4) everywhere: mean 11/4, SS (49+1+1+25)/16 = 4.75, var 19/12
    // ratio (19/12)/2 = 19/24; 7 · 5/24 = 35/24; rwg = (35/24)/(35/24 + 19/24) = 35/54 ≈ 0.648 < 0.7
    const s = wave(['A', 'B'], [...many(1, 'A', 'B', all(1)), ...many(2, 'A', 'B', all(3)), ...many(1, 'A', 'B', all(4))]);
    const ab = cellOf(s, 'A', 'B');
    expect(ab.agreement).toBeCloseTo(35 / 54, 12);
    expect(ab).toMatchObject({ suppressed: false, lowAgreement: true, n: 4, score: 2.75, band: 'weak' });
  });

  test('agreement needs at least the threshold of complete ties in the cell, not just two', () => {
    // minAnsweredItems 5: A → B all-4, y = (4,4,4,4,5,5,5) and (3,3,3,3,3,3,·). Shown (n 3), score
    // (4 + 31/7 + 3)/3 = (80/7)/3 = 80/21. Only two ties are complete. rwg(j) of those two: items 1–4
    // var 0, items 5–7 (4,5) var 1/2; s̄² = (3/2)/7 = 3/14; ratio 3/28; 7 · 25/28 = 25/4;
    // rwg = (25/4)/(25/4 + 3/28) = 175/178 ≈ 0.983 — from which the two rows' squared differences
    // (here: they differ by one point on three items) follow. Below the threshold of 3: withheld.
    const y: Scores = [4, 4, 4, 4, 5, 5, 5];
    const responses = [r('A', ['B', all(4)]), r('A', ['B', y]), r('A', ['B', [3, 3, 3, 3, 3, 3, null]])];
    const ab = cellOf(wave(['A', 'B'], responses, { minAnsweredItems: 5 }), 'A', 'B');
    expect(ab).toMatchObject({ suppressed: false, n: 3, agreement: null, lowAgreement: false });
    expect(ab.score).toBeCloseTo(80 / 21, 12);
    // With a threshold of 2 the two complete ties are enough.
    expect(cellOf(wave(['A', 'B'], responses, { minAnsweredItems: 5, anonymityThreshold: 2 }), 'A', 'B').agreement).toBeCloseTo(175 / 178, 12);
  });

  test('cells follow the wave order, rater first', () => {
    const s = wave(['C', 'A', 'B'], [...many(3, 'A', 'B', all(4)), ...many(3, 'B', 'C', all(4)), ...many(3, 'A', 'C', all(4)), ...many(3, 'C', 'A', all(4))]);
    expect(s.cells.map((c) => c.raterGroupId + c.ratedGroupId)).toEqual(['CA', 'AC', 'AB', 'BC']);
    expect(s.groupIds).toEqual(['C', 'A', 'B']);
  });

  test('ties to or from groups outside the wave are ignored', () => {
    const s = wave(['A', 'B'], [...many(3, 'A', 'B', all(4)), ...many(3, 'A', 'X', all(1)), ...many(3, 'X', 'A', all(1))]);
    expect(s.cells.map((c) => c.ratedGroupId)).toEqual(['B']);
    expect(s.index).toBe(4);
    expect(s.groups.map((g) => g.groupId)).toEqual(['A', 'B']);
  });
});

describe('scoreWave: asymmetry', () => {
  test('flagged at exactly the threshold, not just below it', () => {
    // A → B: three all-4 → 4. B → A: all-3, all-4, all-3, all-4 → 14/4 = 3.5. Difference 0.5 = flag → flagged.
    const exactly = wave(['A', 'B'], [...many(3, 'A', 'B', all(4)), ...many(2, 'B', 'A', all(3)), ...many(2, 'B', 'A', all(4))]);
    expect(exactly.asymmetries).toHaveLength(1);
    expect(exactly.asymmetries[0]).toMatchObject({ a: 'A', b: 'B', aToB: 4, bToA: 3.5, difference: 0.5, flagged: true });
    // B → A: all-3, all-4, all-3 and (4,4,4,4,4,4,5) = 29/7 → (10 + 29/7)/4 = 99/28 ≈ 3.536; 4 − 99/28 = 13/28 ≈ 0.464 → not flagged.
    const below = wave(['A', 'B'], [...many(3, 'A', 'B', all(4)), ...many(2, 'B', 'A', all(3)), r('B', ['A', all(4)]), r('B', ['A', [4, 4, 4, 4, 4, 4, 5]])]);
    expect(below.asymmetries[0]!.difference).toBeCloseTo(13 / 28, 12);
    expect(below.asymmetries[0]!.flagged).toBe(false);
  });

  test('a difference of exactly the threshold that floating point makes 0.49999999999999956 is still flagged', () => {
    // A → B: all-4, all-4, all-5 → 13/3; B → A: five all-4 and one all-3 → 23/6. 13/3 − 23/6 = 1/2 exactly,
    // but 13/3 − 23/6 in doubles is 0.49999999999999956.
    const s = wave(['A', 'B'], [...many(2, 'A', 'B', all(4)), r('A', ['B', all(5)]), ...many(5, 'B', 'A', all(4)), r('B', ['A', all(3)])]);
    expect(s.asymmetries[0]!.difference).toBeCloseTo(0.5, 12);
    expect(s.asymmetries[0]!.flagged).toBe(true);
  });

  test('per dimension: a pair under the threshold can still have dimensions that are flagged', () => {
    // A → B all-4 → 4. B → A three times (4,4,4,4,3,3,3) = 25/7. Pair: 4 − 25/7 = 3/7 ≈ 0.43 → not flagged.
    // Dimensions: the four communication items 4 − 4 = 0; shared goals, knowledge, respect 4 − 3 = 1 → flagged.
    const s = wave(['A', 'B'], [...many(3, 'A', 'B', all(4)), ...many(3, 'B', 'A', [4, 4, 4, 4, 3, 3, 3])]);
    const [pair] = s.asymmetries;
    expect(pair!.difference).toBeCloseTo(3 / 7, 12);
    expect(pair!.flagged).toBe(false);
    expect(pair!.dimensions.map((d) => [d.dimension, d.difference, d.flagged])).toEqual([
      ['frequentCommunication', 0, false],
      ['timelyCommunication', 0, false],
      ['accurateCommunication', 0, false],
      ['problemSolvingCommunication', 0, false],
      ['sharedGoals', 1, true],
      ['sharedKnowledge', 1, true],
      ['mutualRespect', 1, true],
    ]);
  });

  test('the sign says who rates whom higher; the list is flagged first, then by size, then wave order', () => {
    // A ↔ B: 4 vs 3 → +1 flagged. A ↔ C: 2 vs 4 → −2 flagged. B ↔ C: 3 vs 3.2 (3,3,3,3,4 → 16/5) → −0.2.
    // A ↔ D and B ↔ D: 5 vs 4 → +1 flagged each; equal sizes keep wave order (A–B, A–D, B–D).
    const s = wave(['A', 'B', 'C', 'D'], [
      ...many(3, 'A', 'B', all(4)), ...many(3, 'B', 'A', all(3)),
      ...many(3, 'A', 'C', all(2)), ...many(3, 'C', 'A', all(4)),
      ...many(3, 'B', 'C', all(3)), ...many(4, 'C', 'B', all(3)), r('C', ['B', all(4)]),
      ...many(3, 'A', 'D', all(5)), ...many(3, 'D', 'A', all(4)),
      ...many(3, 'B', 'D', all(5)), ...many(3, 'D', 'B', all(4)),
    ]);
    expect(s.asymmetries.map((a) => [a.a + a.b, a.flagged])).toEqual([['AC', true], ['AB', true], ['AD', true], ['BD', true], ['BC', false]]);
    expect(s.asymmetries[0]!.difference).toBe(-2);
    expect(s.asymmetries[4]!.difference).toBeCloseTo(3 - 16 / 5, 12);
  });

  test('only pairs with both directions shown', () => {
    // B → A has two respondents: hidden, so the pair is not compared (its difference would reveal B → A).
    const s = wave(['A', 'B'], [...many(3, 'A', 'B', all(4)), ...many(2, 'B', 'A', all(2))]);
    expect(s.asymmetries).toEqual([]);
  });
});

describe('scoreWave: suppression', () => {
  test('a cell below the threshold carries no numbers; at the threshold it is shown', () => {
    const s = wave(['A', 'B'], [...many(2, 'A', 'B', all(4)), ...many(3, 'B', 'A', all(4))]);
    expect(cellOf(s, 'A', 'B')).toEqual({
      raterGroupId: 'A', ratedGroupId: 'B', suppressed: true, n: null, score: null, band: null,
      dimensions: Object.fromEntries(dimensions.map((d) => [d, null])), agreement: null, lowAgreement: false,
    });
    expect(cellOf(s, 'B', 'A')).toMatchObject({ suppressed: false, n: 3, score: 4 });
  });

  test('the threshold is configurable: 5 hides a cell of 4', () => {
    const s = wave(['A', 'B'], [...many(4, 'A', 'B', all(4)), ...many(5, 'B', 'A', all(4))], { anonymityThreshold: 5 });
    expect(cellOf(s, 'A', 'B').suppressed).toBe(true);
    expect(cellOf(s, 'B', 'A')).toMatchObject({ suppressed: false, n: 5 });
  });

  test('worked out from totals: a group with one hidden cell gets its figures from its shown cells only', () => {
    // A rates B: three all-4 (shown, 4). Two of them also rate C: all-2 (n 2, hidden). A rates itself all-5 (within).
    // B rates A: three all-3 (shown); B rates C: three all-3 (shown).
    const responses = [
      r('A', ['B', all(4)], ['C', all(2)], ['A', all(5)]),
      r('A', ['B', all(4)], ['C', all(2)], ['A', all(5)]),
      r('A', ['B', all(4)], ['A', all(5)]),
      ...Array.from({ length: 3 }, () => r('B', ['A', all(3)], ['C', all(3)])),
    ];
    const s = wave(['A', 'B', 'C'], responses);
    expect(cellOf(s, 'A', 'C').suppressed).toBe(true);
    // asRater(A) = shown A → B only = 4. Counting every between tie would give (3·4 + 2·2)/5 = 16/5 = 3.2,
    // and with n(A → B) = 3 shown, anyone could then work out A → C: (5 · 3.2 − 3 · 4)/2 = 2.
    expect(groupOf(s, 'A').asRater).toBe(4);
    expect(groupOf(s, 'A').asRater).not.toBeCloseTo(16 / 5, 6);
    // asRated(C) = shown B → C only = 3; with A's two hidden ties it would be (3·3 + 2·2)/5 = 13/5 = 2.6.
    expect(groupOf(s, 'C').asRated).toBe(3);
    expect(groupOf(s, 'C')).toMatchObject({ respondents: 0, asRater: null });
    // index: shown between cells A → B (3 × 4), B → A (3 × 3), B → C (3 × 3) = 30/9 = 10/3 — not (30 + 4)/11.
    expect(s.index).toBeCloseTo(10 / 3, 12);
    expect(s.asymmetries.map((a) => a.a + a.b)).toEqual(['AB']);
  });

  test('within-group ties are kept apart: they never enter asRater, asRated or the index', () => {
    const base = [...many(3, 'A', 'B', all(4)), ...many(3, 'B', 'A', all(3))];
    const without = wave(['A', 'B'], base);
    const withWithin = wave(['A', 'B'], [...base, ...many(3, 'A', 'A', all(1)), ...many(4, 'B', 'B', all(5))]);
    expect(withWithin.within.map((c) => [c.raterGroupId + c.ratedGroupId, c.n, c.score])).toEqual([['AA', 3, 1], ['BB', 4, 5]]);
    expect(withWithin.cells).toEqual(without.cells);
    expect(withWithin.groups.map((g) => [g.asRater, g.asRated])).toEqual([[4, 3], [3, 4]]);
    expect(withWithin.index).toBe(without.index); // (3·4 + 3·3)/6 = 3.5
    expect(without.index).toBe(3.5);
    expect(withWithin.asymmetries).toEqual(without.asymmetries);
    // within cells are suppressed by the same rule
    expect(wave(['A', 'B'], [...base, ...many(2, 'A', 'A', all(1))]).within[0]).toMatchObject({ suppressed: true, n: null, score: null });
  });

  test('a dimension mean is hidden when fewer than the threshold answered that item', () => {
    // minAnsweredItems 5. Three in A rate B: all-4; (5,5,5,5,5,·,·) = 5; (3,3,3,3,3,3,·) = 3.
    // Cell n 3, score (4 + 5 + 3)/3 = 4. frequentCommunication (4+5+3)/3 = 4.
    // sharedKnowledge answered by two (4, 3) → hidden; mutualRespect by one → hidden.
    const ties: Scores[] = [all(4), [5, 5, 5, 5, 5, null, null], [3, 3, 3, 3, 3, 3, null]];
    const s = wave(['A', 'B'], [...ties.map((t) => r('A', ['B', t])), ...many(3, 'B', 'A', all(3))], { minAnsweredItems: 5 });
    const ab = cellOf(s, 'A', 'B');
    expect(ab).toMatchObject({ suppressed: false, n: 3, score: 4 });
    expect(ab.dimensions).toEqual({
      frequentCommunication: 4, timelyCommunication: 4, accurateCommunication: 4, problemSolvingCommunication: 4,
      sharedGoals: 4, sharedKnowledge: null, mutualRespect: null,
    });
    // agreement uses complete ties only: one → null
    expect(ab.agreement).toBeNull();
    // the pair differs by 4 − 3 = 1; a dimension with a hidden side has no difference and no flag
    const dims = Object.fromEntries(s.asymmetries[0]!.dimensions.map((d) => [d.dimension, d]));
    expect(dims.sharedGoals).toEqual({ dimension: 'sharedGoals', aToB: 4, bToA: 3, difference: 1, flagged: true });
    expect(dims.sharedKnowledge).toEqual({ dimension: 'sharedKnowledge', aToB: null, bToA: 3, difference: null, flagged: false });
  });
});

describe('scoreWave: the minimum of answered items', () => {
  // The same three ties of A about B: complete all-4; (5,5,5,5,5,·,·) with two skipped; (3,3,3,3,3,3,·) with one.
  const ties: Scores[] = [all(4), [5, 5, 5, 5, 5, null, null], [3, 3, 3, 3, 3, 3, null]];
  const responses = [...ties.map((t) => r('A', ['B', t])), ...many(3, 'B', 'A', all(3))];

  test('7 (complete cases): only the complete tie counts; the cell of one is hidden', () => {
    const s = wave(['A', 'B'], responses, { minAnsweredItems: 7 });
    expect(s.excludedTies).toBe(2);
    expect(cellOf(s, 'A', 'B')).toMatchObject({ suppressed: true, n: null });
    expect(s.index).toBe(3); // only B → A is shown
    expect(groupOf(s, 'A')).toMatchObject({ respondents: 3, asRater: null, asRated: 3 });
  });

  test('6: the tie with two skipped items is left out; two is still too few', () => {
    const s = wave(['A', 'B'], responses, { minAnsweredItems: 6 });
    expect(s.excludedTies).toBe(1);
    expect(cellOf(s, 'A', 'B').suppressed).toBe(true);
  });

  test('5: all three count, each by the items it answered', () => {
    const s = wave(['A', 'B'], responses, { minAnsweredItems: 5 });
    expect(s.excludedTies).toBe(0);
    expect(cellOf(s, 'A', 'B')).toMatchObject({ suppressed: false, n: 3, score: 4 }); // (4 + 25/5 + 18/6)/3 = (4+5+3)/3
    expect(s.index).toBe(3.5); // (3·4 + 3·3)/6
  });
});

describe('scoreWave: reliability', () => {
  // x = (4,4,4,4,2,2,2): a tie that rates the communication items higher than the rest.
  const x: Scores = [4, 4, 4, 4, 2, 2, 2];

  test("Cronbach's alpha over the complete ties of shown cells, between and within — a hidden cell's ties never count", () => {
    // Shown: A → B all-2, all-4, x (n 3) and B's within cell all-2, all-4, x (n 3). Hidden: C → A all-1, all-5 (n 2).
    // The six shown rows: items 1–4 (2,4,4,2,4,4) mean 10/3, SS 2 · (16+4+4)/9 = 16/3, var 16/15;
    // items 5–7 (2,4,2,2,4,2) likewise var 16/15. Σ var = 7 · 16/15 = 112/15.
    // Totals 14, 28, 22 twice: mean 64/3, SS 2 · (484+400+4)/9 = 592/3, var 592/15.
    // α = 7/6 · (1 − 112/592) = 7/6 · 480/592 = 35/37 ≈ 0.946.
    const s = wave(['A', 'B', 'C'], [
      r('A', ['B', all(2)]), r('A', ['B', all(4)]), r('A', ['B', x]),
      r('B', ['B', all(2)]), r('B', ['B', all(4)]), r('B', ['B', x]),
      r('C', ['A', all(1)]), r('C', ['A', all(5)]),
    ]);
    expect(cellOf(s, 'C', 'A').suppressed).toBe(true);
    // ties = Σ n of the shown cells, 3 + 3 = 6. Counting the hidden cell too gave 8, and 8 − 6 = 2 is
    // the n of C → A. Its two rows also moved alpha: over all eight rows items 1–4 have SS 13.5,
    // items 5–7 SS 13.5 (var 13.5/7 each), totals SS 589.5, so α = 7/6 · (1 − 94.5/589.5) = 385/393 ≈ 0.980.
    expect(s.reliability.ties).toBe(6);
    expect(s.reliability.alpha).toBeCloseTo(35 / 37, 12);
    expect(s.reliability.alpha).not.toBeCloseTo(385 / 393, 3);
  });

  test('every cell hidden: no alpha and no count, though four complete ties were given', () => {
    // A → B all-2, all-4 and B → A x, all-3: two ties a cell, both hidden. An alpha here would be made
    // of nothing but the answers of groups below the threshold.
    const s = wave(['A', 'B'], [r('A', ['B', all(2)]), r('A', ['B', all(4)]), r('B', ['A', x]), r('B', ['A', all(3)])]);
    expect(s.cells.every((c) => c.suppressed)).toBe(true);
    expect(s.reliability).toEqual({ alpha: null, ties: 0 });
  });

  test('null with fewer complete ties in shown cells than the threshold', () => {
    // minAnsweredItems 5: A → B all-4, y = (4,4,4,4,5,5,5) and (3,3,3,3,3,3,·) — shown (n 3), two complete.
    // Over those two: items 1–4 var 0, items 5–7 (4,5) var 1/2, Σ 3/2; totals 28, 31 var 9/2;
    // α = 7/6 · (1 − (3/2)/(9/2)) = 7/6 · 2/3 = 7/9 — two people's answers, below the threshold of 3.
    const y: Scores = [4, 4, 4, 4, 5, 5, 5];
    const responses = [r('A', ['B', all(4)]), r('A', ['B', y]), r('A', ['B', [3, 3, 3, 3, 3, 3, null]])];
    expect(wave(['A', 'B'], responses, { minAnsweredItems: 5 }).reliability).toEqual({ alpha: null, ties: 2 });
    // With a threshold of 2, two are enough.
    const two = wave(['A', 'B'], responses, { minAnsweredItems: 5, anonymityThreshold: 2 });
    expect(two.reliability.ties).toBe(2);
    expect(two.reliability.alpha).toBeCloseTo(7 / 9, 12);
  });

  test('the settings it was made with are echoed', () => {
    const own = settings({ anonymityThreshold: 5, minAnsweredItems: 6 });
    expect(scoreWave({ groupIds: ['A', 'B'], responses: [], settings: own }).settings).toEqual(own);
  });
});

describe('visibleResults', () => {
  // A ↔ B shown both ways, B ↔ C shown both ways, A → C hidden, C → A shown; within A shown.
  const s = wave(['A', 'B', 'C'], [
    ...many(3, 'A', 'B', all(4)), ...many(3, 'B', 'A', all(3)),
    ...many(3, 'B', 'C', all(3)), ...many(3, 'C', 'B', all(5)),
    ...many(2, 'A', 'C', all(1)), ...many(3, 'C', 'A', all(2)),
    ...many(3, 'A', 'A', all(5)),
  ]);

  test('everything for a viewer who may see all', () => {
    expect(visibleResults(s, { all: true })).toEqual(s);
  });

  test("ownGroup: the group's row and column, its own figures and its pairs; nothing made of the other cells", () => {
    const v = visibleResults(s, { ownGroupId: 'C' });
    // wave order: A → C (hidden, but still C's column), B → C, C → A, C → B
    expect(v.cells.map((c) => c.raterGroupId + c.ratedGroupId)).toEqual(['AC', 'BC', 'CA', 'CB']);
    expect(v.within).toEqual([]); // A's within cell is not C's
    expect(v.groups.map((g) => g.groupId)).toEqual(['C']);
    expect(v.asymmetries.map((a) => a.a + a.b)).toEqual(['BC']); // A ↔ C has a hidden side
    // The index of all shown cells: A → B 3 × 4, B → A 3 × 3, B → C 3 × 3, C → B 3 × 5, C → A 3 × 2 →
    // 51/15 = 3.4. C sees B → C, C → A and C → B (9 ties, 9 + 6 + 15 = 30): 51 − 30 = 21 over 15 − 9 = 6
    // ties gives the pair A ↔ B it may not see, 3.5. And reliability.ties 18 (15 + A's within 3) less the
    // 9 it sees is their n. So an own-group viewer gets no index, no alpha, no counts.
    expect(s.index).toBeCloseTo(3.4, 12);
    expect(s.reliability.ties).toBe(18);
    expect(v.index).toBeNull();
    expect(v.reliability).toEqual({ alpha: null, ties: 0 });
    expect(v.excludedTies).toBe(0);
    expect(v.groupIds).toEqual(['A', 'B', 'C']);
    expect(visibleResults(s, { ownGroupId: 'A' }).within.map((c) => c.raterGroupId)).toEqual(['A']);
  });
});

describe('pulseSummary', () => {
  test('means per question with the citizen answer beside them', () => {
    // sharedPicture (4+2+3)/3 = 3; timelyKnowledge (3+3+3)/3 = 3; solveTogether (5+4+3)/3 = 4
    expect(pulseSummary([[4, 3, 5], [2, 3, 4], [3, 3, 3]], 2, 3)).toEqual({ n: 3, suppressed: false, means: { sharedPicture: 3, timelyKnowledge: 3, solveTogether: 4 }, citizen: 2 });
  });

  test('below the threshold the means are withheld; the count and the citizen answer are not', () => {
    expect(pulseSummary([[4, 3, 5], [2, 3, 4]], 5, 3)).toEqual({ n: 2, suppressed: true, means: { sharedPicture: null, timelyKnowledge: null, solveTogether: null }, citizen: 5 });
    expect(pulseSummary([], null, 3)).toEqual({ n: 0, suppressed: true, means: { sharedPicture: null, timelyKnowledge: null, solveTogether: null }, citizen: null });
  });
});

describe('pulseAggregates', () => {
  const shown = (n: number, [a, b, c]: [number, number, number], citizen: number | null): PulseResults => ({ n, suppressed: false, means: { sharedPicture: a, timelyKnowledge: b, solveTogether: c }, citizen });
  const hidden = (n: number, citizen: number | null): PulseResults => ({ n, suppressed: true, means: { sharedPicture: null, timelyKnowledge: null, solveTogether: null }, citizen });
  const units = [
    // U1: 3 answers (3,3,4) + 4 answers (4,4,4) + a suppressed pulse of 2. Citizens 2, 4, 5.
    { unitId: 'U1', name: 'Jobcenter', pulses: [{ results: shown(3, [3, 3, 4], 2) }, { results: shown(4, [4, 4, 4], 4) }, { results: hidden(2, 5) }] },
    // U2: 3 answers (5,5,5); one citizen answer (1) → citizens hidden.
    { unitId: 'U2', name: 'Bostøtten', pulses: [{ results: shown(3, [5, 5, 5], 1) }] },
    // U3: only a suppressed pulse: nothing to show.
    { unitId: 'U3', name: 'UU', pulses: [{ results: hidden(2, 3) }] },
  ];
  const { units: rows, total } = pulseAggregates(units, 3);

  test('staff: answer-weighted over shown pulses; citizens: hidden below the threshold', () => {
    // U1 staff n = 3 + 4 = 7 (the suppressed pulse stored no means). sharedPicture (3·3 + 4·4)/7 = 25/7;
    // timelyKnowledge 25/7; solveTogether (3·4 + 4·4)/7 = 4. Citizens 2, 4, 5: n 3, mean 11/3.
    const u1 = rows[0]!;
    expect(u1).toMatchObject({ unitId: 'U1', name: 'Jobcenter', pulses: 3, staff: { n: 7, suppressed: false }, citizens: { n: 3, suppressed: false } });
    expect(u1.staff.means.sharedPicture).toBeCloseTo(25 / 7, 12);
    expect(u1.staff.means.timelyKnowledge).toBeCloseTo(25 / 7, 12);
    expect(u1.staff.means.solveTogether).toBeCloseTo(4, 12);
    expect(u1.citizens.mean).toBeCloseTo(11 / 3, 12);
    expect(rows[1]).toEqual({ unitId: 'U2', name: 'Bostøtten', pulses: 1, staff: { n: 3, suppressed: false, means: { sharedPicture: 5, timelyKnowledge: 5, solveTogether: 5 } }, citizens: { n: 1, suppressed: true, mean: null } });
    expect(rows[2]).toEqual({ unitId: 'U3', name: 'UU', pulses: 1, staff: { n: 0, suppressed: true, means: { sharedPicture: null, timelyKnowledge: null, solveTogether: null } }, citizens: { n: 1, suppressed: true, mean: null } });
  });

  test('the total is made from shown units only', () => {
    // staff: U1 (n 7) + U2 (n 3) = 10. sharedPicture (25 + 15)/10 = 4; timelyKnowledge 4; solveTogether (28 + 15)/10 = 4.3
    expect(total.staff.n).toBe(10);
    expect(total.staff.means.sharedPicture).toBeCloseTo(4, 12);
    expect(total.staff.means.solveTogether).toBeCloseTo(4.3, 12);
    // citizens: U1 only (U2's and U3's single answers are hidden): n 3, 11/3 — not (2+4+5+1+3)/5 = 3,
    // from which U2's and U3's answers could be worked out together.
    expect(total.citizens.n).toBe(3);
    expect(total.citizens.mean).toBeCloseTo(11 / 3, 12);
  });

  test('nothing shown: empty totals', () => {
    expect(pulseAggregates([units[2]!], 3).total).toEqual({ staff: { n: 0, means: { sharedPicture: null, timelyKnowledge: null, solveTogether: null } }, citizens: { n: 0, mean: null } });
  });
});

describe('wavesCsv', () => {
  const s = wave(['A', 'B', 'C'], [
    ...many(2, 'A', 'B', all(4)), r('A', ['B', [3, 4, 3, 4, 3, 4, 3]]), // (4 + 4 + 24/7)/3 = 80/21 ≈ 3.81
    ...many(3, 'B', 'A', all(3)),
    ...many(2, 'C', 'A', all(5)), // hidden
    ...many(3, 'B', 'B', all(5)),
  ]);
  const names = new Map([['A', 'Jobcenter; Fjordby'], ['B', '=HYPERLINK("x")'], ['C', 'Bostøtten']]);
  const lines = (csv: string) => csv.replace(/^\uFEFF/, '').split('\r\n');

  test('a header, one row per shown cell in wave order, Danish decimals', () => {
    const csv = wavesCsv(s, names, 'da');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = lines(csv);
    expect(header).toBe('Vurderende gruppe;Vurderet gruppe;Antal svar;Score;Niveau;Hyppig kommunikation;Rettidig kommunikation;Præcis kommunikation;Problemløsende kommunikation;Fælles mål;Fælles viden;Gensidig respekt;Enighed (rwg)');
    expect(rows.at(-1)).toBe(''); // ends with a line break
    // A → B: 80/21 = 3.8095 → "3,81", moderate. frequentCommunication (4+4+3)/3 = 3.67, timely 4.
    // rwg: items (4,4,3) var 1/3 four times, (4,4,4) var 0 three times; s̄² = (4/3)/7 = 4/21; ratio 2/21;
    // 7 · 19/21 = 19/3; rwg = (19/3)/(19/3 + 2/21) = 133/135 ≈ 0.985 → "0,99"
    expect(rows[0]).toBe('"Jobcenter; Fjordby";"\'=HYPERLINK(""x"")";3;3,81;moderat;3,67;4,00;3,67;4,00;3,67;4,00;3,67;0,99');
    expect(rows[1]).toBe('"\'=HYPERLINK(""x"")";"Jobcenter; Fjordby";3;3,00;svag;3,00;3,00;3,00;3,00;3,00;3,00;3,00;1,00');
    expect(rows[2]).toBe('"\'=HYPERLINK(""x"")";"\'=HYPERLINK(""x"")";3;5,00;stærk;5,00;5,00;5,00;5,00;5,00;5,00;5,00;1,00');
    expect(rows).toHaveLength(4); // C → A is hidden: no row at all
    expect(csv).not.toContain('Bostøtten');
  });

  test('English headings and decimal points', () => {
    const [header, first] = lines(wavesCsv(s, new Map([['A', 'A'], ['B', 'B']]), 'en'));
    expect(header!.split(';').slice(0, 5)).toEqual(['Rating group', 'Rated group', 'Responses', 'Score', 'Band']);
    expect(first).toBe('A;B;3;3.81;moderate;3.67;4.00;3.67;4.00;3.67;4.00;3.67;0.99');
  });

  test('every spreadsheet formula trigger is guarded', () => {
    for (const name of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx']) {
      const [, first] = lines(wavesCsv(s, new Map([['A', name]]), 'en'));
      expect(first!.split(';')[0]).toBe(`'${name}`);
    }
  });

  test('a hidden dimension is an empty field', () => {
    const partial = wave(['A', 'B'], [r('A', ['B', all(4)]), r('A', ['B', [5, 5, 5, 5, 5, null, null]]), r('A', ['B', [3, 3, 3, 3, 3, 3, null]])], { minAnsweredItems: 5 });
    const [, first] = lines(wavesCsv(partial, new Map(), 'en'));
    // sharedKnowledge and mutualRespect hidden; agreement needs the threshold of complete ties (one here): empty
    expect(first).toBe('A;B;3;4.00;strong;4.00;4.00;4.00;4.00;4.00;;;');
  });
});

// ---- Properties ----------------------------------------------------------------------------------

// UUIDs, so the output can be checked against the contract (ids are UUIDs there).
const groupPool = [1, 2, 3, 4].map((i) => `00000000-0000-4000-8000-00000000000${i}`);
const score = fc.option(fc.integer({ min: 1, max: 5 }), { nil: null, freq: 6 });
const arbitraryWave = fc.record({
  groupCount: fc.integer({ min: 2, max: 4 }),
  responses: fc.array(
    fc.record({
      groupId: fc.constantFrom(...groupPool),
      ties: fc.uniqueArray(fc.record({ groupId: fc.constantFrom(...groupPool, '00000000-0000-4000-8000-0000000000ff'), scores: fc.array(score, { minLength: 7, maxLength: 7 }) }), { selector: (t) => t.groupId, maxLength: 5 }),
    }),
    { maxLength: 40 },
  ),
  threshold: fc.integer({ min: 2, max: 5 }),
  minAnswered: fc.integer({ min: 1, max: 7 }),
  flag: fc.double({ min: 0.1, max: 2, noNaN: true }),
});
type ArbitraryWave = typeof arbitraryWave extends fc.Arbitrary<infer T> ? T : never;
const run = (w: ArbitraryWave) =>
  scoreWave({ groupIds: groupPool.slice(0, w.groupCount), responses: w.responses, settings: settings({ anonymityThreshold: w.threshold, minAnsweredItems: w.minAnswered, asymmetryFlag: w.flag }) });
const inScale = (x: number | null) => x === null || (x >= 1 - 1e-9 && x <= 5 + 1e-9);

describe('properties', () => {
  test('every number on the 1–5 scale; agreement in [0, 1]; the output fits the contract', () => {
    fc.assert(
      fc.property(arbitraryWave, (w) => {
        const s = run(w);
        waveScores.parse(s);
        for (const c of [...s.cells, ...s.within]) {
          expect(inScale(c.score) && Object.values(c.dimensions).every(inScale)).toBe(true);
          if (c.agreement !== null) expect(c.agreement >= 0 && c.agreement <= 1).toBe(true);
        }
        for (const g of s.groups) expect(inScale(g.asRater) && inScale(g.asRated)).toBe(true);
        expect(inScale(s.index)).toBe(true);
      }),
    );
  });

  test('a suppressed cell carries no numbers; a shown one has at least the threshold', () => {
    fc.assert(
      fc.property(arbitraryWave, (w) => {
        const s = run(w);
        for (const c of [...s.cells, ...s.within]) {
          if (c.suppressed) expect([c.n, c.score, c.band, c.agreement, ...Object.values(c.dimensions)].every((v) => v === null) && !c.lowAgreement).toBe(true);
          else expect(c.n).toBeGreaterThanOrEqual(w.threshold);
        }
      }),
    );
  });

  test('reliability: the complete ties of shown cells only; alpha only with at least the threshold of them', () => {
    fc.assert(
      fc.property(arbitraryWave, (w) => {
        const s = run(w);
        const shownCells = [...s.cells, ...s.within].filter((c) => !c.suppressed);
        // Complete ties of shown cells can only be fewer than their n; with complete cases they are exactly it.
        const shownN = shownCells.reduce((t, c) => t + c.n!, 0);
        if (w.minAnswered === 7) expect(s.reliability.ties).toBe(shownN);
        else expect(s.reliability.ties).toBeLessThanOrEqual(shownN);
        if (s.reliability.ties < w.threshold) expect(s.reliability.alpha).toBeNull();
      }),
    );
  });

  test('the index and every group figure lie within the shown cells they are made of', () => {
    fc.assert(
      fc.property(arbitraryWave, (w) => {
        const s = run(w);
        const within = (x: number | null, cells: CellView[]) => {
          const scores = cells.filter((c) => !c.suppressed).map((c) => c.score!);
          if (scores.length === 0) return x === null;
          return x !== null && x >= Math.min(...scores) - 1e-9 && x <= Math.max(...scores) + 1e-9;
        };
        expect(within(s.index, s.cells)).toBe(true);
        for (const g of s.groups) {
          expect(within(g.asRater, s.cells.filter((c) => c.raterGroupId === g.groupId))).toBe(true);
          expect(within(g.asRated, s.cells.filter((c) => c.ratedGroupId === g.groupId))).toBe(true);
        }
        expect(s.cells.every((c) => c.raterGroupId !== c.ratedGroupId) && s.within.every((c) => c.raterGroupId === c.ratedGroupId)).toBe(true);
      }),
    );
  });

  test('asymmetries: both sides shown, difference aToB − bToA, flagged by the rule, sorted', () => {
    fc.assert(
      fc.property(arbitraryWave, (w) => {
        const s = run(w);
        const shown = new Map(s.cells.filter((c) => !c.suppressed).map((c) => [c.raterGroupId + c.ratedGroupId, c.score!]));
        for (const a of s.asymmetries) {
          expect(shown.get(a.a + a.b)).toBe(a.aToB);
          expect(shown.get(a.b + a.a)).toBe(a.bToA);
          expect(a.difference).toBe(a.aToB - a.bToA);
          if (Math.abs(Math.abs(a.difference) - w.flag) > 1e-6) expect(a.flagged).toBe(Math.abs(a.difference) >= w.flag);
        }
        const keys = s.asymmetries.map((a) => [Number(!a.flagged), -Math.abs(a.difference)] as const);
        keys.forEach((k, i) => i > 0 && expect(keys[i - 1]![0] < k[0] || (keys[i - 1]![0] === k[0] && keys[i - 1]![1] <= k[1])).toBe(true));
      }),
    );
  });

  test("changing a hidden cell's answers changes no shown figure", () => {
    // Shown cells A ↔ B and B → C; A → C has two respondents (hidden) whose answers vary freely.
    const complete = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 7, maxLength: 7 });
    fc.assert(
      fc.property(complete, complete, complete, complete, (x1, x2, y1, y2) => {
        const make = (t1: number[], t2: number[]) =>
          wave(['A', 'B', 'C'], [
            r('A', ['B', all(4)], ['C', t1]), r('A', ['B', all(3)], ['C', t2]), r('A', ['B', all(5)]),
            ...many(3, 'B', 'A', all(2)), ...many(3, 'B', 'C', all(4)),
          ]);
        // reliability included: alpha and its count are of shown cells only.
        expect(make(x1, x2)).toEqual(make(y1, y2));
      }),
    );
  });

  test('visibleResults for a group shows only what involves it', () => {
    fc.assert(
      fc.property(arbitraryWave, fc.constantFrom(...groupPool), (w, own) => {
        const v = visibleResults(run(w), { ownGroupId: own });
        expect(v.cells.every((c) => c.raterGroupId === own || c.ratedGroupId === own)).toBe(true);
        expect(v.groups.every((g) => g.groupId === own) && v.asymmetries.every((a) => a.a === own || a.b === own)).toBe(true);
        expect([v.index, v.reliability, v.excludedTies]).toEqual([null, { alpha: null, ties: 0 }, 0]);
      }),
    );
  });

  test('pulse aggregates: a hidden unit never reaches the total', () => {
    const results = fc.record({ answers: fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })), { maxLength: 6 }), citizen: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }) });
    fc.assert(
      fc.property(fc.array(fc.array(results, { maxLength: 4 }), { minLength: 1, maxLength: 4 }), fc.integer({ min: 2, max: 5 }), (unitPulses, threshold) => {
        const units = unitPulses.map((ps, i) => ({ unitId: `U${i}`, name: `U${i}`, pulses: ps.map((p) => ({ results: pulseSummary(p.answers, p.citizen, threshold) })) }));
        const agg = pulseAggregates(units, threshold);
        expect(agg.total.staff.n).toBe(agg.units.filter((u) => !u.staff.suppressed).reduce((s, u) => s + u.staff.n, 0));
        expect(agg.total.citizens.n).toBe(agg.units.filter((u) => !u.citizens.suppressed).reduce((s, u) => s + u.citizens.n, 0));
        for (const u of agg.units) {
          if (u.staff.suppressed) expect(Object.values(u.staff.means).every((m) => m === null)).toBe(true);
          if (u.citizens.suppressed) expect(u.citizens.mean).toBeNull();
        }
      }),
    );
  });
});
