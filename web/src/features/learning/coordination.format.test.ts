import { describe, expect, test } from 'vitest';
import { DEFAULT_COORDINATION_SETTINGS, SAMMEN_SURVEY_INSTRUMENT, submitSurveyInput, type AsymmetryView, type CellView } from '@sammen/domain/coordination';
import {
  arcBetween,
  boxExit,
  flaggedPairs,
  formatScore,
  heatCell,
  itemsInOrder,
  ownGroupFirst,
  previousScore,
  responseRate,
  resultMatrix,
  signedScore,
  tiesOf,
  withFocalWork,
  withGroup,
} from './coordination.format.ts';
import { layoutGroups } from './groupNetwork.layout.ts';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';
const bands = DEFAULT_COORDINATION_SETTINGS.bands; // moderate ≥ 3.5, strong ≥ 4, inclusive

const noDims = { frequentCommunication: null, timelyCommunication: null, accurateCommunication: null, problemSolvingCommunication: null, sharedGoals: null, sharedKnowledge: null, mutualRespect: null };
const cell = (rater: string, rated: string, over: Partial<CellView> = {}): CellView => ({
  raterGroupId: rater,
  ratedGroupId: rated,
  suppressed: false,
  n: 4,
  score: 4.2,
  band: 'strong',
  dimensions: { ...noDims, sharedGoals: 3.5, mutualRespect: 2.75 },
  agreement: 0.9,
  lowAgreement: false,
  ...over,
});
const hidden = (rater: string, rated: string) => cell(rater, rated, { suppressed: true, n: null, score: null, band: null, dimensions: noDims, agreement: null });

describe('numbers as people read them', () => {
  test('scores have two decimals, with a decimal comma in Danish', () => {
    expect(formatScore(4.2, 'da-DK')).toBe('4,20');
    expect(formatScore(2.8, 'en-GB')).toBe('2.80');
    expect(formatScore(3.456, 'da-DK')).toBe('3,46');
  });

  test('a difference carries its sign, with a real minus', () => {
    expect(signedScore(0.6, 'da-DK')).toBe('+0,60');
    expect(signedScore(-1.4, 'da-DK')).toBe('−1,40');
    expect(signedScore(0.001, 'da-DK')).toBe('0,00');
  });

  test('a response rate is a whole percentage, and none when nobody was invited', () => {
    expect(responseRate(3, 4)).toBe(75);
    expect(responseRate(2, 3)).toBe(67);
    expect(responseRate(0, 0)).toBeNull();
  });

  test('placeholders in the wording are filled with the group and the focal work', () => {
    expect(withGroup('Hvor tit er du i kontakt med {group}?', 'Bostøtten')).toBe('Hvor tit er du i kontakt med Bostøtten?');
    expect(withFocalWork('Om {focalWork}.', 'borgere med komplekse forløb')).toBe('Om borgere med komplekse forløb.');
  });
});

describe('a heat-map cell', () => {
  test('no cell: nobody said they work with that group', () => {
    expect(heatCell(undefined, 'all', bands)).toEqual({ kind: 'none' });
  });

  test('a suppressed cell is hidden, with no number, whatever the view', () => {
    expect(heatCell(hidden(A, B), 'all', bands)).toEqual({ kind: 'hidden' });
    expect(heatCell(hidden(A, B), 'sharedGoals', bands)).toEqual({ kind: 'hidden' });
  });

  test('overall: the engine’s score and band, with n and agreement', () => {
    expect(heatCell(cell(A, B, { lowAgreement: true }), 'all', bands)).toEqual({ kind: 'shown', score: 4.2, band: 'strong', n: 4, lowAgreement: true });
  });

  test('one dimension: its mean banded by the same rule (3.5 is moderate at an inclusive boundary; 2.75 weak)', () => {
    expect(heatCell(cell(A, B), 'sharedGoals', bands)).toMatchObject({ kind: 'shown', score: 3.5, band: 'moderate' });
    expect(heatCell(cell(A, B), 'mutualRespect', bands)).toMatchObject({ kind: 'shown', score: 2.75, band: 'weak' });
    expect(heatCell(cell(A, B), 'sharedGoals', { ...bands, boundary: 'exclusive' })).toMatchObject({ band: 'weak' });
  });

  test('a dimension too few answered inside a shown cell says so, keeping n', () => {
    expect(heatCell(cell(A, B), 'timelyCommunication', bands)).toEqual({ kind: 'noScore', n: 4 });
  });
});

describe('the matrix', () => {
  const results = {
    groupIds: [A, B, C],
    cells: [cell(A, B), cell(B, A, { score: 2.8, band: 'weak' }), hidden(C, A)],
    within: [cell(A, A)],
    visibility: 'all' as const,
    ownGroupId: null,
  };

  test('rows and columns are the wave’s groups in the same order; the diagonal is the within tie', () => {
    const rows = resultMatrix(results);
    expect(rows.map((r) => r.raterGroupId)).toEqual([A, B, C]);
    expect(rows.map((r) => r.cells.map((c) => c.ratedGroupId))).toEqual([[A, B, C], [A, B, C], [A, B, C]]);
    expect(rows[0]!.cells[0]).toMatchObject({ within: true, cell: { raterGroupId: A, ratedGroupId: A } });
    expect(rows[0]!.cells[1]!.cell?.score).toBe(4.2);
    expect(rows[1]!.cells[0]!.cell?.score).toBe(2.8);
    expect(rows[2]!.cells[0]!.cell?.suppressed).toBe(true);
    expect(rows[1]!.cells[2]!.cell).toBeUndefined();
    expect(rows.flatMap((r) => r.cells).some((c) => c.outOfView)).toBe(false);
  });

  test('seeing the own group only: the cells without it are out of view, not “no answers”', () => {
    const rows = resultMatrix({ ...results, visibility: 'ownGroup', ownGroupId: B });
    const out = rows.flatMap((r) => r.cells.filter((c) => c.outOfView).map((c) => `${r.raterGroupId}|${c.ratedGroupId}`));
    expect(out.sort()).toEqual([`${A}|${A}`, `${A}|${C}`, `${C}|${A}`, `${C}|${C}`].sort());
  });

  test('flagged pairs mark both directions, overall or per dimension', () => {
    const asym: AsymmetryView = {
      a: A,
      b: B,
      aToB: 4.2,
      bToA: 2.8,
      difference: 1.4,
      flagged: true,
      dimensions: [{ dimension: 'sharedGoals', aToB: 3.5, bToA: 3.4, difference: 0.1, flagged: false }],
    };
    expect([...flaggedPairs([asym], 'all')].sort()).toEqual([`${A}|${B}`, `${B}|${A}`].sort());
    expect(flaggedPairs([asym], 'sharedGoals').size).toBe(0);
    expect(flaggedPairs([{ ...asym, flagged: false }], 'all').size).toBe(0);
  });

  test('the previous wave’s score for the same direction', () => {
    const previous = { waveId: C, name: 'Forår 2026', index: 3.1, cells: [{ raterGroupId: B, ratedGroupId: A, score: 2.5 }] };
    expect(previousScore(previous, B, A)).toBe(2.5);
    expect(previousScore(previous, A, B)).toBeUndefined();
    expect(previousScore(null, B, A)).toBeUndefined();
  });
});

describe('the answer form', () => {
  const groups = [
    { id: A, name: 'Jobcenter' },
    { id: B, name: 'Familie' },
    { id: C, name: 'Bibliotek' },
  ];

  test('the own group comes first, marked; the rest keep the wave’s order', () => {
    expect(ownGroupFirst(groups, C).map((g) => [g.name, g.own])).toEqual([
      ['Bibliotek', true],
      ['Jobcenter', false],
      ['Familie', false],
    ]);
  });

  test('ties: only groups answered yes, in the order shown, every dimension present (skipped as null) — and the contract accepts them', () => {
    const order = ownGroupFirst(groups, C);
    const ties = tiesOf(order, {
      [A]: { works: true, answers: { frequentCommunication: 4, mutualRespect: 0 } },
      [B]: { works: false, answers: { frequentCommunication: 2 } },
      [C]: { works: true, answers: {} },
    });
    expect(ties.map((t) => t.groupId)).toEqual([C, A]);
    expect(ties[1]!.answers).toEqual({ ...noDims, frequentCommunication: 4, mutualRespect: 0 });
    expect(submitSurveyInput.safeParse({ ties }).success).toBe(true);
  });

  test('nobody chosen: no ties, which the contract refuses at `ties`', () => {
    const parsed = submitSurveyInput.safeParse({ ties: tiesOf(groups, {}) });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['ties']);
  });

  test('items follow the seven dimensions, whatever order the instrument lists them in', () => {
    const reversed = [...SAMMEN_SURVEY_INSTRUMENT.items].reverse();
    expect(itemsInOrder(reversed).map((i) => i.dimension)).toEqual(SAMMEN_SURVEY_INSTRUMENT.items.map((i) => i.dimension));
  });
});

describe('the group network map', () => {
  test('an arc leaves a box at its edge, towards the point it heads for', () => {
    // From (0,0) towards (200,50) with half sizes 80×30: x reaches 80 first (scale 0.4 → y 20).
    expect(boxExit({ x: 0, y: 0 }, { x: 200, y: 50 }, 80, 30)).toEqual({ x: 80, y: 20 });
    // Straight down: y reaches 30 first.
    expect(boxExit({ x: 0, y: 0 }, { x: 0, y: 100 }, 80, 30)).toEqual({ x: 0, y: 30 });
  });

  test('the two arcs of a pair bend to opposite sides, so both show', () => {
    const a = { x: 0, y: 0 };
    const b = { x: 400, y: 0 };
    const there = arcBetween(a, b, { w: 80, h: 30 });
    const back = arcBetween(b, a, { w: 80, h: 30 });
    // Going right, the left-hand side is up (negative y); coming back, it is down.
    expect(there.label.y).toBeLessThan(0);
    expect(back.label.y).toBeGreaterThan(0);
    expect(there.d).toMatch(/^M[\d.-]+,[\d.-]+ Q[\d.-]+,[\d.-]+ [\d.-]+,[\d.-]+$/);
    // The control point sits 0.18 × 400 = 72 above the middle: (200, −72). The ends leave the
    // boxes towards it: from (0,0) along (200, −72), x reaches 80 first (scale 0.4) → (80, −28.8),
    // and likewise (320, −28.8). The curve's middle: ¼·(−28.8) + ½·(−72) + ¼·(−28.8) = −50.4.
    expect(there.d).toBe('M80,-28.8 Q200,-72 320,-28.8');
    expect(there.label).toEqual({ x: 200, y: -50.4 });
  });

  test('the layout is the same on every run, keeps the boxes apart and fits them in its box', () => {
    const ids = [A, B, C, '00000000-0000-4000-8000-00000000000d'];
    const ties = [{ from: A, to: B }, { from: B, to: A }, { from: C, to: A }];
    const one = layoutGroups(ids, ties, 800);
    expect(layoutGroups(ids, ties, 800)).toEqual(one);
    for (const [i, p] of one.groups.entries()) {
      for (const q of one.groups.slice(i + 1)) expect(Math.hypot(p.x - q.x, p.y - q.y)).toBeGreaterThan(150);
      expect(p.x).toBeGreaterThan(one.box.x);
      expect(p.x).toBeLessThan(one.box.x + one.box.width);
      expect(p.y).toBeGreaterThan(one.box.y);
      expect(p.y).toBeLessThan(one.box.y + one.box.height);
    }
  });
});
