import {
  dimensions,
  pulseItems,
  type AsymmetryView,
  type Band,
  type CellView,
  type CoordinationSettings,
  type Dimension,
  type PulseAggregatesView,
  type PulseItem,
  type PulseResults,
  type WaveScores,
} from './coordination.ts';

// The scoring engine of the coordination survey and pulse (issue 16). Pure: the caller brings the
// responses and the settings frozen with the wave; nothing here reads a clock or a database.
//
// Privacy is part of the arithmetic, not a filter added afterwards: a cell with fewer respondents
// than the anonymity threshold carries no number at all, and every figure that sums over cells
// (a group's asRater/asRated, the process index, the asymmetries, pulse totals) is made from shown
// cells only — so no hidden cell can be worked out by subtracting shown figures from a total.
// The same holds for the spread of answers: alpha and rwg(j) are computed only from the complete
// ties of shown cells, and only when there are at least as many of them as the threshold.

/**
 * Scores are means of whole numbers 1–5, but a weighted mean of means can land a hair off an exact
 * boundary (3.4999999999999996). Differences that small are floating-point noise, not a real
 * difference in anyone's answers, so comparisons with a configured boundary allow for them.
 */
const EPSILON = 1e-9;

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
const mean = (xs: readonly number[]) => sum(xs) / xs.length;
/** The sample variance (n − 1), as both alpha and rwg(j) use it. */
const sampleVariance = (xs: readonly number[]) => {
  const m = mean(xs);
  return sum(xs.map((x) => (x - m) ** 2)) / (xs.length - 1);
};
const isComplete = (scores: readonly (number | null)[]): scores is number[] => scores.every((s) => s !== null);

/**
 * One respondent's score for one rated group: the mean of the items they answered, or null when
 * they answered fewer than `minAnswered` (7: complete cases only). A skipped item is not a low score.
 */
export function tieScore(scores: readonly (number | null)[], minAnswered: number): number | null {
  const answered = scores.filter((s): s is number => s !== null);
  if (answered.length === 0 || answered.length < minAnswered) return null;
  return mean(answered);
}

/** weak / moderate / strong by the configured boundaries; `inclusive`: a score exactly on a boundary is in the band above it. */
export function bandOf(score: number, bands: CoordinationSettings['bands']): Band {
  const reaches = (from: number) => (bands.boundary === 'inclusive' ? score >= from - EPSILON : score > from + EPSILON);
  return reaches(bands.strongFrom) ? 'strong' : reaches(bands.moderateFrom) ? 'moderate' : 'weak';
}

function columns(rows: readonly (readonly number[])[]): number[][] {
  const k = rows[0]?.length ?? 0;
  if (rows.some((r) => r.length !== k)) throw new RangeError('every row must have the same number of items');
  return Array.from({ length: k }, (_, i) => rows.map((r) => r[i]!));
}

/**
 * Cronbach's alpha of k items over n complete rows: k/(k − 1) · (1 − Σ var(item) / var(row total)),
 * with sample variances. null when it cannot be computed: fewer than two rows or items, or every
 * row has the same total (variance 0). It may be negative: that is what the data say.
 */
export function cronbachAlpha(rows: readonly (readonly number[])[]): number | null {
  const items = columns(rows);
  const k = items.length;
  if (rows.length < 2 || k < 2) return null;
  const totalVariance = sampleVariance(rows.map((r) => sum(r)));
  if (totalVariance === 0) return null;
  return (k / (k - 1)) * (1 - sum(items.map(sampleVariance)) / totalVariance);
}

/**
 * Within-group agreement rwg(j) (James, Demaree & Wolf 1984) over J items answered on `options`
 * points: J(1 − s̄²/σ²E) / (J(1 − s̄²/σ²E) + s̄²/σ²E), where s̄² is the mean of the items' sample
 * variances and σ²E = (A² − 1)/12 the variance expected if everyone answered at random (2 for five
 * options). Complete rows only (the caller leaves out incomplete ones); null with fewer than two.
 * When the observed variance reaches the random one (s̄² ≥ σ²E) the formula leaves [0, 1] — it
 * goes negative or above 1 — and by the usual convention the result is truncated to 0: no agreement.
 */
export function rwgJ(rows: readonly (readonly number[])[], options = 5): number | null {
  const items = columns(rows);
  const j = items.length;
  if (rows.length < 2 || j === 0) return null;
  const expected = (options ** 2 - 1) / 12;
  const ratio = mean(items.map(sampleVariance)) / expected;
  if (ratio >= 1) return 0;
  const agreement = j * (1 - ratio);
  return agreement / (agreement + ratio);
}

// ---- The wave ------------------------------------------------------------------------------------

export interface WaveInput {
  /** The wave's groups in the wave's order: rows and columns of the results follow it. */
  groupIds: readonly string[];
  /** One per respondent: the group they answered as, and a tie per group they rated (own group: a within-group tie). */
  responses: readonly { groupId: string; ties: readonly { groupId: string; scores: readonly (number | null)[] }[] }[];
  settings: CoordinationSettings;
}

/** The counted ties of one directed pair, before suppression. */
interface Tally { rater: string; rated: string; scores: number[]; items: (number | null)[][] }

function cellOf(t: Tally, settings: CoordinationSettings): CellView {
  const n = t.scores.length;
  const emptyDimensions = Object.fromEntries(dimensions.map((d) => [d, null])) as Record<Dimension, number | null>;
  const base = { raterGroupId: t.rater, ratedGroupId: t.rated };
  if (n < settings.anonymityThreshold)
    return { ...base, suppressed: true, n: null, score: null, band: null, dimensions: emptyDimensions, agreement: null, lowAgreement: false };
  const score = mean(t.scores);
  // Each dimension counts its own answers: with minAnsweredItems < 7 an item may be answered by
  // fewer than the cell's n, and its mean is then hidden on the same threshold as a cell.
  const dimensionMeans = Object.fromEntries(
    dimensions.map((d, i) => {
      const answered = t.items.map((row) => row[i]).filter((v): v is number => v !== null && v !== undefined);
      return [d, answered.length >= settings.anonymityThreshold ? mean(answered) : null];
    }),
  ) as Record<Dimension, number | null>;
  // rwg(j) over the cell's complete ties, and only with at least the threshold of them: with
  // minAnsweredItems < 7 a shown cell may hold just two complete ties, and rwg(j) of two rows
  // gives away their squared differences item by item.
  const complete = t.items.filter(isComplete);
  const agreement = complete.length >= settings.anonymityThreshold ? rwgJ(complete) : null;
  return {
    ...base,
    suppressed: false,
    n,
    score,
    band: bandOf(score, settings.bands),
    dimensions: dimensionMeans,
    agreement,
    lowAgreement: agreement !== null && agreement < settings.agreementFlag,
  };
}

/** The n-weighted mean of shown cells — i.e. the mean of every tie in them; null when none is shown. */
function weightedMean(cells: readonly CellView[]): number | null {
  const shown = cells.filter((c) => !c.suppressed && c.n !== null && c.score !== null);
  const n = sum(shown.map((c) => c.n!));
  return n === 0 ? null : sum(shown.map((c) => c.score! * c.n!)) / n;
}

const isFlagged = (difference: number, flag: number) => Math.abs(difference) >= flag - EPSILON;

function asymmetryOf(ab: CellView, ba: CellView, flag: number): AsymmetryView {
  const aToB = ab.score!;
  const bToA = ba.score!;
  // Full precision here; the web rounds for display. Rounding in the data would move the flag.
  const difference = aToB - bToA;
  return {
    a: ab.raterGroupId,
    b: ab.ratedGroupId,
    aToB,
    bToA,
    difference,
    flagged: isFlagged(difference, flag),
    dimensions: dimensions.map((dimension) => {
      const x = ab.dimensions[dimension] ?? null;
      const y = ba.dimensions[dimension] ?? null;
      const d = x === null || y === null ? null : x - y;
      return { dimension, aToB: x, bToA: y, difference: d, flagged: d !== null && isFlagged(d, flag) };
    }),
  };
}

/**
 * Scores a closed wave. Every respondent's tie to a group is scored (tieScore); a tie with fewer
 * answered items than settings.minAnsweredItems is not counted (excludedTies). Counted ties make
 * directed cells rater group → rated group, one for every ordered pair with at least one counted
 * tie; ties to one's own group make the `within` cells and never enter the between-group figures.
 * A cell with fewer than settings.anonymityThreshold ties is suppressed. Group figures, the index
 * and the asymmetries use shown between-group cells only. Cronbach's alpha and its count of ties
 * use the complete ties of shown cells only (between and within): counting a hidden cell's ties
 * would give its n away by subtraction, and an alpha of hidden cells alone would be made of the
 * answers of groups below the threshold. alpha is null with fewer such ties than the threshold.
 * Ties to or from groups not in groupIds are ignored; responses are taken as given (the server has
 * checked each rates a group once).
 */
export function scoreWave(input: WaveInput): WaveScores {
  const { groupIds, responses, settings } = input;
  const known = new Set(groupIds);
  const tallies = new Map<string, Tally>();
  const key = (rater: string, rated: string) => `${rater}\u0000${rated}`;
  let excludedTies = 0;

  for (const response of responses) {
    if (!known.has(response.groupId)) continue;
    for (const tie of response.ties) {
      if (!known.has(tie.groupId)) continue;
      // The scores are in the order of `dimensions`; a missing position is a skipped item.
      const items = dimensions.map((_, i) => tie.scores[i] ?? null);
      const score = tieScore(items, settings.minAnsweredItems);
      if (score === null) {
        excludedTies++;
        continue;
      }
      const k = key(response.groupId, tie.groupId);
      const tally = tallies.get(k) ?? { rater: response.groupId, rated: tie.groupId, scores: [], items: [] };
      tally.scores.push(score);
      tally.items.push(items);
      tallies.set(k, tally);
    }
  }

  // Wave order: by rater, then by rated.
  const cells: CellView[] = [];
  const within: CellView[] = [];
  for (const rater of groupIds)
    for (const rated of groupIds) {
      const tally = tallies.get(key(rater, rated));
      if (tally) (rater === rated ? within : cells).push(cellOf(tally, settings));
    }
  const shown = cells.filter((c) => !c.suppressed);

  // The complete ties of shown cells, between and within (a shown cell has ≥ threshold ties).
  const completeTies = [...cells, ...within]
    .filter((c) => !c.suppressed)
    .flatMap((c) => tallies.get(key(c.raterGroupId, c.ratedGroupId))!.items.filter(isComplete));
  const alpha = completeTies.length >= settings.anonymityThreshold ? cronbachAlpha(completeTies) : null;

  const groups = groupIds.map((groupId) => ({
    groupId,
    respondents: responses.filter((r) => r.groupId === groupId).length,
    asRater: weightedMean(shown.filter((c) => c.raterGroupId === groupId)),
    asRated: weightedMean(shown.filter((c) => c.ratedGroupId === groupId)),
  }));

  const shownByPair = new Map(shown.map((c) => [key(c.raterGroupId, c.ratedGroupId), c]));
  const pairs: AsymmetryView[] = [];
  groupIds.forEach((a, i) =>
    groupIds.slice(i + 1).forEach((b) => {
      const ab = shownByPair.get(key(a, b));
      const ba = shownByPair.get(key(b, a));
      if (ab && ba) pairs.push(asymmetryOf(ab, ba, settings.asymmetryFlag));
    }),
  );
  // Flagged first, then the biggest differences; Array.prototype.sort is stable, so ties keep wave order.
  const asymmetries = pairs.sort((x, y) => Number(y.flagged) - Number(x.flagged) || Math.abs(y.difference) - Math.abs(x.difference));

  return {
    groupIds: [...groupIds],
    cells,
    within,
    groups,
    asymmetries,
    reliability: { alpha, ties: completeTies.length },
    index: weightedMean(shown),
    excludedTies,
    settings,
  };
}

/**
 * What one viewer may see of a wave's scores. `ownGroupId`: the cells in the group's row and
 * column, its within-group cell, its own group figures and the asymmetries it is part of — and
 * nothing made of cells outside that view: the index is null, reliability is { alpha: null,
 * ties: 0 } and excludedTies 0. Those figures are made of every shown cell (or, excludedTies, of
 * every tie), so beside the viewer's own row and column they would narrow down the cells between
 * the other groups (in a wave of three groups, the index and one's own cells leave one unknown
 * pair: its n-weighted mean; and ties minus the n of the cells one sees is their n).
 */
export function visibleResults(scores: WaveScores, viewer: { all: true } | { ownGroupId: string }): WaveScores {
  if ('all' in viewer) return scores;
  const own = viewer.ownGroupId;
  const involves = (c: CellView) => c.raterGroupId === own || c.ratedGroupId === own;
  return {
    ...scores,
    cells: scores.cells.filter(involves),
    within: scores.within.filter(involves),
    groups: scores.groups.filter((g) => g.groupId === own),
    asymmetries: scores.asymmetries.filter((a) => a.a === own || a.b === own),
    index: null,
    reliability: { alpha: null, ties: 0 },
    excludedTies: 0,
  };
}

// ---- The pulse -----------------------------------------------------------------------------------

const pulseMeans = (f: (item: PulseItem) => number | null) => Object.fromEntries(pulseItems.map((item) => [item, f(item)])) as Record<PulseItem, number | null>;

/**
 * A closed pulse: the professionals' mean per question, withheld when fewer than `threshold`
 * answered, and the citizen's one answer as given (the citizen is told the coordinator sees it).
 * Each answer is [sharedPicture, timelyKnowledge, solveTogether], the order of `pulseItems`.
 */
export function pulseSummary(answers: readonly (readonly number[])[], citizen: number | null, threshold: number): PulseResults {
  const n = answers.length;
  const suppressed = n < threshold;
  return { n, suppressed, means: pulseMeans((item) => (suppressed ? null : mean(answers.map((a) => a[pulseItems.indexOf(item)]!)))), citizen };
}

export interface PulseAggregateUnit {
  unitId: string;
  name: string;
  /** The unit's closed pulses in the period, with the results stored when each closed. */
  pulses: readonly { results: PulseResults }[];
}

/**
 * Leaders' pulse overview per coordinating unit, never per person. Staff: the answer-weighted mean
 * per question over the unit's pulses that were shown (a suppressed pulse stored no means, and its
 * answers are not counted in n), hidden when that n is below the threshold. Citizens: the mean of
 * the citizens' answers, hidden below the threshold — one answer alone is the one citizen the
 * coordinator sees, not something for an overview. The total is made from shown units only.
 */
export function pulseAggregates(units: readonly PulseAggregateUnit[], threshold: number): Pick<PulseAggregatesView, 'units' | 'total'> {
  const rows = units.map((unit) => {
    const shownPulses = unit.pulses.map((p) => p.results).filter((r) => !r.suppressed);
    const staffN = sum(shownPulses.map((r) => r.n));
    const staffSuppressed = staffN < threshold;
    const staffMean = (item: PulseItem) => {
      const withMean = shownPulses.filter((r) => r.means[item] !== null && r.means[item] !== undefined);
      const n = sum(withMean.map((r) => r.n));
      return n === 0 ? null : sum(withMean.map((r) => r.means[item]! * r.n)) / n;
    };
    const citizenAnswers = unit.pulses.map((p) => p.results.citizen).filter((c): c is number => c !== null);
    const citizensSuppressed = citizenAnswers.length < threshold;
    return {
      unitId: unit.unitId,
      name: unit.name,
      pulses: unit.pulses.length,
      staff: { n: staffN, suppressed: staffSuppressed, means: pulseMeans((item) => (staffSuppressed ? null : staffMean(item))) },
      citizens: { n: citizenAnswers.length, suppressed: citizensSuppressed, mean: citizensSuppressed ? null : mean(citizenAnswers) },
    };
  });

  const staffShown = rows.filter((r) => !r.staff.suppressed);
  const staffTotal = (item: PulseItem) => {
    const withMean = staffShown.filter((r) => r.staff.means[item] !== null);
    const n = sum(withMean.map((r) => r.staff.n));
    return n === 0 ? null : sum(withMean.map((r) => r.staff.means[item]! * r.staff.n)) / n;
  };
  const citizensShown = rows.filter((r) => !r.citizens.suppressed);
  const citizensN = sum(citizensShown.map((r) => r.citizens.n));
  return {
    units: rows,
    total: {
      staff: { n: sum(staffShown.map((r) => r.staff.n)), means: pulseMeans(staffTotal) },
      citizens: { n: citizensN, mean: citizensN === 0 ? null : sum(citizensShown.map((r) => r.citizens.mean! * r.citizens.n)) / citizensN },
    },
  };
}

// ---- CSV -----------------------------------------------------------------------------------------

const csvHeadings = {
  da: {
    rater: 'Vurderende gruppe',
    rated: 'Vurderet gruppe',
    n: 'Antal svar',
    score: 'Score',
    band: 'Niveau',
    agreement: 'Enighed (rwg)',
    bands: { weak: 'svag', moderate: 'moderat', strong: 'stærk' },
    dimensions: {
      frequentCommunication: 'Hyppig kommunikation',
      timelyCommunication: 'Rettidig kommunikation',
      accurateCommunication: 'Præcis kommunikation',
      problemSolvingCommunication: 'Problemløsende kommunikation',
      sharedGoals: 'Fælles mål',
      sharedKnowledge: 'Fælles viden',
      mutualRespect: 'Gensidig respekt',
    },
  },
  en: {
    rater: 'Rating group',
    rated: 'Rated group',
    n: 'Responses',
    score: 'Score',
    band: 'Band',
    agreement: 'Agreement (rwg)',
    bands: { weak: 'weak', moderate: 'moderate', strong: 'strong' },
    dimensions: {
      frequentCommunication: 'Frequent communication',
      timelyCommunication: 'Timely communication',
      accurateCommunication: 'Accurate communication',
      problemSolvingCommunication: 'Problem-solving communication',
      sharedGoals: 'Shared goals',
      sharedKnowledge: 'Shared knowledge',
      mutualRespect: 'Mutual respect',
    },
  },
} as const satisfies Record<'da' | 'en', { bands: Record<Band, string>; dimensions: Record<Dimension, string> } & Record<string, unknown>>;

/**
 * A field as Excel should read it. A spreadsheet runs a field starting with = + - @ (or a tab or
 * carriage return) as a formula, so such a field — a group's name is typed by a person — gets a
 * leading apostrophe. Fields holding the separator, a quote or a line break are quoted.
 */
function csvField(value: string): string {
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

/**
 * The shown cells of a wave (between and within, in wave order: rater, then rated) as CSV, one row
 * per cell: rater, rated, n, score, band, the seven dimensions, agreement. Hidden cells are left
 * out altogether, and so is anything a viewer may not see: pass visibleResults(...) for a viewer.
 * Semicolon-separated, which Danish Excel opens as columns; in `da` decimals have a comma. Numbers
 * have two decimals (the heat map's precision); an empty field is a hidden dimension or no
 * agreement figure. Starts with a byte-order mark so Excel reads æ, ø and å as UTF-8.
 */
export function wavesCsv(scores: WaveScores, names: ReadonlyMap<string, string>, lang: 'da' | 'en'): string {
  const t = csvHeadings[lang];
  const number = (x: number | null) => (x === null ? '' : lang === 'da' ? x.toFixed(2).replace('.', ',') : x.toFixed(2));
  const name = (id: string) => names.get(id) ?? id;
  const header = [t.rater, t.rated, t.n, t.score, t.band, ...dimensions.map((d) => t.dimensions[d]), t.agreement];
  const order = new Map(scores.groupIds.map((id, i) => [id, i]));
  const position = (c: CellView) => (order.get(c.raterGroupId) ?? 0) * scores.groupIds.length + (order.get(c.ratedGroupId) ?? 0);
  const rows = [...scores.cells, ...scores.within]
    .filter((c) => !c.suppressed)
    .sort((x, y) => position(x) - position(y))
    .map((c) => [
      name(c.raterGroupId),
      name(c.ratedGroupId),
      String(c.n),
      number(c.score),
      c.band ? t.bands[c.band] : '',
      ...dimensions.map((d) => number(c.dimensions[d] ?? null)),
      number(c.agreement),
    ]);
  return '\uFEFF' + [header, ...rows].map((r) => r.map(csvField).join(';')).join('\r\n') + '\r\n';
}
