import { bandOf } from '@sammen/domain/coordination-engine';
import type { AsymmetryView, Band, CellView, CoordinationSettings, Dimension, SurveyItem, WaveResultsView } from '@sammen/domain/coordination';
import { dimensions } from '@sammen/domain/coordination';

// Pure helpers for the coordination pages: numbers as people read them, what one heat-map cell
// shows (a score with its band and n, "hidden", or nothing), the matrix in the wave's order,
// the answers of the form as the contract's ties, and the arcs of the group network map.
// A hidden cell is its own state, never a number: nothing here invents a figure the server withheld.

export type Lang = 'da' | 'en';
export const langOf = (language: string | undefined): Lang => (language === 'en' ? 'en' : 'da');
export const localeOf = (lang: Lang) => (lang === 'en' ? 'en-GB' : 'da-DK');

/** A score on the 1–5 scale with two decimals, as the differences that are flagged are small: "4,20". */
export function formatScore(n: number, locale: string): string {
  return n.toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** A difference with its sign (a real minus): "+0,60", "−1,40", "0,00". */
export function signedScore(n: number, locale: string): string {
  const rounded = Math.round(n * 100) / 100;
  const text = formatScore(Math.abs(rounded), locale);
  return rounded > 0 ? `+${text}` : rounded < 0 ? `−${text}` : text;
}

/** A coefficient (alpha, rwg): two decimals. */
export const formatCoefficient = formatScore;

/** Answered of invited as a whole percentage; null when nobody was invited. */
export function responseRate(answered: number, invited: number): number | null {
  return invited > 0 ? Math.round((answered / invited) * 100) : null;
}

/** An item's wording for one rated group: `{group}` is the group's name. */
export const withGroup = (text: string, group: string) => text.replaceAll('{group}', group);
/** The intro for one wave: `{focalWork}` is what the wave is about. */
export const withFocalWork = (text: string, focalWork: string) => text.replaceAll('{focalWork}', focalWork);

/** What the heat map shows: the overall score of a tie, or one of the seven dimensions. */
export type HeatView = 'all' | Dimension;
export const heatViews: readonly HeatView[] = ['all', ...dimensions];

/** One cell of the heat map, as it is shown. */
export type HeatCell =
  /** Nobody in the rating group said they work with the rated group. */
  | { kind: 'none' }
  /** Fewer respondents than the threshold: no number at all. */
  | { kind: 'hidden' }
  /** Shown, but too few answered this one question to give its mean. */
  | { kind: 'noScore'; n: number }
  | { kind: 'shown'; score: number; band: Band; n: number; lowAgreement: boolean };

export function heatCell(cell: CellView | undefined, view: HeatView, bands: CoordinationSettings['bands']): HeatCell {
  if (!cell) return { kind: 'none' };
  if (cell.suppressed || cell.n === null) return { kind: 'hidden' };
  const score = view === 'all' ? cell.score : (cell.dimensions[view] ?? null);
  if (score === null) return { kind: 'noScore', n: cell.n };
  // The overall band comes from the engine; a dimension's mean is banded by the same rule here.
  const band = view === 'all' && cell.band ? cell.band : bandOf(score, bands);
  return { kind: 'shown', score, band, n: cell.n, lowAgreement: cell.lowAgreement };
}

export interface MatrixRow {
  raterGroupId: string;
  /** One per group of the wave, in the same order as the rows: the diagonal is the group's own (within) tie. */
  cells: { ratedGroupId: string; within: boolean; cell: CellView | undefined; outOfView: boolean }[];
}

/**
 * The results as a square matrix: rows are the rating groups, columns the rated groups, both in
 * the wave's order (so a pair's two directions mirror each other across the diagonal). A viewer
 * who sees their own group only gets its row and column; the other cells are out of view, which
 * is not the same as "no answers".
 */
export function resultMatrix(results: Pick<WaveResultsView, 'groupIds' | 'cells' | 'within' | 'visibility' | 'ownGroupId'>): MatrixRow[] {
  const key = (r: string, c: string) => `${r}|${c}`;
  const byPair = new Map([...results.cells, ...results.within].map((c) => [key(c.raterGroupId, c.ratedGroupId), c]));
  const own = results.visibility === 'ownGroup' ? results.ownGroupId : null;
  const ids = results.groupIds;
  return ids.map((r) => ({
    raterGroupId: r,
    cells: ids.map((c) => ({ ratedGroupId: c, within: r === c, cell: byPair.get(key(r, c)), outOfView: own !== null && r !== own && c !== own })),
  }));
}

/**
 * The directed pairs (`rater|rated`, both directions) whose two directions differ by at least the
 * flag: overall, or in the one dimension shown.
 */
export function flaggedPairs(asymmetries: readonly AsymmetryView[], view: HeatView): Set<string> {
  const out = new Set<string>();
  for (const a of asymmetries) {
    const flagged = view === 'all' ? a.flagged : (a.dimensions.find((d) => d.dimension === view)?.flagged ?? false);
    if (!flagged) continue;
    out.add(`${a.a}|${a.b}`);
    out.add(`${a.b}|${a.a}`);
  }
  return out;
}

/** The previous wave's score for the same direction, when it was shown then. */
export function previousScore(previous: WaveResultsView['previous'], raterGroupId: string, ratedGroupId: string): number | undefined {
  return previous?.cells.find((c) => c.raterGroupId === raterGroupId && c.ratedGroupId === ratedGroupId)?.score;
}

// ---- The form ---------------------------------------------------------------------------------------

/** Per group: whether the respondent works with it, and the option chosen (position 0–4) per dimension. */
export type FormAnswers = Record<string, { works: boolean | undefined; answers: Partial<Record<Dimension, number>> }>;

/** The form's groups with the respondent's own first (marked), then the others in the wave's order. */
export function ownGroupFirst<G extends { id: string }>(groups: readonly G[], ownGroupId: string): (G & { own: boolean })[] {
  const own = groups.filter((g) => g.id === ownGroupId).map((g) => ({ ...g, own: true }));
  return [...own, ...groups.filter((g) => g.id !== ownGroupId).map((g) => ({ ...g, own: false }))];
}

/**
 * The contract's ties: one per group the respondent works with, in the order shown, with every
 * dimension (a skipped question as null, so the server counts it as not answered).
 */
export function tiesOf(order: readonly { id: string }[], answers: FormAnswers): { groupId: string; answers: Partial<Record<Dimension, number | null>> }[] {
  return order
    .filter((g) => answers[g.id]?.works === true)
    .map((g) => ({ groupId: g.id, answers: Object.fromEntries(dimensions.map((d) => [d, answers[g.id]?.answers[d] ?? null])) }));
}

/** The items in the order of the seven dimensions, whatever order the instrument lists them in. */
export function itemsInOrder(items: readonly SurveyItem[]): SurveyItem[] {
  return dimensions.flatMap((d) => items.filter((i) => i.dimension === d));
}

// ---- The group network map ----------------------------------------------------------------------

export interface Point {
  x: number;
  y: number;
}

/**
 * Where a ray from a box's centre towards a point leaves the box (half width w, half height h):
 * the arcs start and end at the edge of a group's box, so their arrow heads are seen.
 */
export function boxExit(center: Point, toward: Point, w: number, h: number): Point {
  const dx = toward.x - center.x;
  const dy = toward.y - center.y;
  if (dx === 0 && dy === 0) return center;
  const scale = Math.min(dx === 0 ? Infinity : w / Math.abs(dx), dy === 0 ? Infinity : h / Math.abs(dy));
  return { x: center.x + dx * scale, y: center.y + dy * scale };
}

/**
 * The arc from one group to another: a quadratic curve bent to the left of its direction, so the
 * two arcs of a pair (a→b and b→a) bend to opposite sides and both show. `bend` is the control
 * point's distance from the straight line, as a share of the distance between the two.
 */
export function arcBetween(from: Point, to: Point, box: { w: number; h: number }, bend = 0.18): { d: string; label: Point } {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy) || 1;
  // The normal to the left of the direction (screen coordinates: y grows downwards).
  const nx = dy / length;
  const ny = -dx / length;
  const control = { x: (from.x + to.x) / 2 + nx * length * bend, y: (from.y + to.y) / 2 + ny * length * bend };
  const start = boxExit(from, control, box.w, box.h);
  const end = boxExit(to, control, box.w, box.h);
  // The curve's middle (t = 0.5) carries the label.
  const label = { x: 0.25 * start.x + 0.5 * control.x + 0.25 * end.x, y: 0.25 * start.y + 0.5 * control.y + 0.25 * end.y };
  const r = (v: number) => Math.round(v * 10) / 10;
  return { d: `M${r(start.x)},${r(start.y)} Q${r(control.x)},${r(control.y)} ${r(end.x)},${r(end.y)}`, label: { x: r(label.x), y: r(label.y) } };
}
