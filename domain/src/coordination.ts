import { z } from 'zod';
import { staffRoles } from './access.ts';
import { calendarDate, plainText, requiredText } from './fields.ts';
import { id } from './identity.ts';
import type { Refusal } from './calendar.ts';

// Who works well with whom (issue 16, scenario 7): a coordination survey between work groups in
// seven dimensions, asked in waves, and a short coordination pulse among the professionals around
// one citizen. The contracts live here; the pure scoring engine in coordination-engine.ts.
// Responses are pseudonymous: a response keeps the respondent's group and nothing else about
// them, and no route returns one. Results exist only for closed waves and pulses, with every cell
// below the anonymity threshold hidden and every total made from shown cells only.

/** The seven dimensions of relational coordination, in the order items are shown and scored. */
export const dimensions = [
  'frequentCommunication',
  'timelyCommunication',
  'accurateCommunication',
  'problemSolvingCommunication',
  'sharedGoals',
  'sharedKnowledge',
  'mutualRespect',
] as const;
export const dimension = z.enum(dimensions);
export type Dimension = z.infer<typeof dimension>;

export const bands = ['weak', 'moderate', 'strong'] as const;
export const band = z.enum(bands);
export type Band = z.infer<typeof band>;

const bilingual = (max: number) => z.strictObject({ da: requiredText(max), en: requiredText(max) });

const refusal = (ctx: z.RefinementCtx, path: (string | number)[], reason: Refusal['reason'], message: string, params: Record<string, number> = {}) =>
  ctx.addIssue({ code: 'custom', path, message, params: { reason, ...params } });

/** One answer option; `score` 1–5. Options are shown in list order, which need not be score order. */
export const surveyOption = z.strictObject({ label: bilingual(80), score: z.number().int().min(1).max(5) });

export const surveyItem = z
  .strictObject({
    dimension,
    /** The question; `{group}` stands for the rated group's name. */
    wording: bilingual(300),
    options: z.array(surveyOption).length(5),
  })
  .superRefine((item, ctx) => {
    const scores = new Set(item.options.map((o) => o.score));
    if (item.options.length === 5 && scores.size !== 5) refusal(ctx, ['options'], 'invalidValue', 'the five options must score 1, 2, 3, 4 and 5, each once');
  });
export type SurveyItem = z.infer<typeof surveyItem>;

/** A survey's wording as data: Sammen's own, or a licensed instrument's the municipality holds. */
export const surveyInstrumentDefinition = z
  .strictObject({
    name: bilingual(120),
    /** Shown above the form; `{focalWork}` stands for the wave's focal work. */
    intro: bilingual(600),
    /** Exactly one item per dimension (any order; scoring follows `dimensions`). */
    items: z.array(surveyItem),
    licence: requiredText(1000),
    /** `sammen`: Sammen's own wording; `licensed`: a licensed instrument's wording. Results of one are never compared with the other. */
    wordingSource: z.enum(['sammen', 'licensed']),
  })
  .superRefine((d, ctx) => {
    const seen = new Set<string>();
    d.items.forEach((item, i) => {
      if (seen.has(item.dimension)) refusal(ctx, ['items', i, 'dimension'], 'invalidValue', `the dimension "${item.dimension}" has another item`);
      seen.add(item.dimension);
    });
    const missing = dimensions.filter((dim) => !seen.has(dim));
    if (missing.length) refusal(ctx, ['items'], 'tooFew', `every one of the seven dimensions needs an item; missing: ${missing.join(', ')}`, { min: 7 });
  });
export type SurveyInstrumentDefinition = z.infer<typeof surveyInstrumentDefinition>;

export const surveyInstrumentView = z.object({
  id,
  origin: z.enum(['sammen', 'municipality']),
  definition: surveyInstrumentDefinition,
  active: z.boolean(),
  /** Waves have used it: its items are fixed. */
  inUse: z.boolean(),
});
export type SurveyInstrumentView = z.infer<typeof surveyInstrumentView>;
export const surveyInstrumentInput = z.strictObject({ definition: surveyInstrumentDefinition, active: z.boolean() });

/** How results are made and who sees them; no row: the defaults. */
export const coordinationSettings = z
  .strictObject({
    /** Fewer respondents than this in a cell (or a pulse): the cell is hidden. */
    anonymityThreshold: z.number().int().min(2, 'must be at least 2').max(20),
    /** A tie counts when at least this many of the seven items are answered (7: complete cases). */
    minAnsweredItems: z.number().int().min(1).max(7),
    /** Score ≥ moderateFrom (or >, when exclusive) is moderate; ≥ strongFrom is strong; below is weak. */
    bands: z.strictObject({ moderateFrom: z.number().min(1).max(5), strongFrom: z.number().min(1).max(5), boundary: z.enum(['inclusive', 'exclusive']) }),
    /** A pair (or a dimension of it) is flagged when its two directions differ by at least this. */
    asymmetryFlag: z.number().gt(0).max(4),
    /** rwg(j) below this: the group does not agree enough for its mean to say much (shown, not hidden). */
    agreementFlag: z.number().min(0).max(1),
    /** What staff without a leader's or admin's role see of a closed wave. */
    staffSee: z.enum(['none', 'ownGroup', 'all']),
    /** Days a coordination pulse stays open. */
    pulseDays: z.number().int().min(1).max(60),
  })
  .superRefine((s, ctx) => {
    if (s.bands.strongFrom <= s.bands.moderateFrom) refusal(ctx, ['bands', 'strongFrom'], 'invalidValue', 'strong must start above moderate');
  });
export type CoordinationSettings = z.infer<typeof coordinationSettings>;

export const DEFAULT_COORDINATION_SETTINGS: CoordinationSettings = {
  anonymityThreshold: 3,
  minAnsweredItems: 7,
  bands: { moderateFrom: 3.5, strongFrom: 4, boundary: 'inclusive' },
  asymmetryFlag: 0.5,
  agreementFlag: 0.7,
  staffSee: 'ownGroup',
  pulseDays: 14,
};

// Work groups: mapped from the organisation. A member is staff (not disabled) with a role in one
// of the units, and — when roles are named — one of those roles.
export const workGroupInput = z.strictObject({
  name: requiredText(120),
  unitIds: z.array(id).min(1).max(50),
  /** Empty: every role in those units. */
  roles: z.array(z.enum(staffRoles)).max(staffRoles.length),
  active: z.boolean(),
});
export type WorkGroupInput = z.infer<typeof workGroupInput>;
export const workGroupView = workGroupInput.extend({ id, members: z.number().int() });
export type WorkGroupView = z.infer<typeof workGroupView>;
export const workGroupsView = z.object({ groups: z.array(workGroupView) });

// Waves.
export const openWaveInput = z.strictObject({
  name: requiredText(120),
  instrumentId: id,
  /** What the questions are about, in the respondent's words: "borgere med komplekse forløb". */
  focalWork: requiredText(200),
  /** At least two groups; rows and columns of the results follow this order. */
  groupIds: z.array(id).min(2, 'a wave needs at least two groups').max(200),
  /** The last day to answer (Europe/Copenhagen); today or later. */
  closesOn: calendarDate,
});
export type OpenWaveInput = z.infer<typeof openWaveInput>;

export const waveGroupView = z.object({ id, name: z.string(), invited: z.number().int(), answered: z.number().int() });
export const waveView = z.object({
  id,
  name: z.string(),
  focalWork: z.string(),
  instrument: z.object({ id, name: bilingual(120), wordingSource: z.enum(['sammen', 'licensed']) }),
  status: z.enum(['open', 'closed']),
  openedAt: z.string(),
  closesOn: z.string(),
  closedAt: z.string().nullable(),
  remindedAt: z.string().nullable(),
  groups: z.array(waveGroupView),
  invited: z.number().int(),
  answered: z.number().int(),
});
export type WaveView = z.infer<typeof waveView>;
export const wavesView = z.object({ waves: z.array(waveView) });

// Answering.
export const invitationView = z.object({
  waveId: id,
  name: z.string(),
  focalWork: z.string(),
  closesOn: z.string(),
  group: z.object({ id, name: z.string() }),
  reminded: z.boolean(),
});
export const invitationsView = z.object({ invitations: z.array(invitationView) });

export const surveyFormView = z.object({
  waveId: id,
  name: z.string(),
  focalWork: z.string(),
  closesOn: z.string(),
  /** The group the respondent answers as. */
  group: z.object({ id, name: z.string() }),
  /** Every group of the wave, own group included (within-group ties), in the wave's order. */
  groups: z.array(z.object({ id, name: z.string() })),
  instrument: z.object({ name: bilingual(120), intro: bilingual(600), items: z.array(surveyItem), wordingSource: z.enum(['sammen', 'licensed']) }),
  anonymityThreshold: z.number().int(),
  /** How many of the seven items a rated group needs answered to count (settings in force now); fewer is refused. */
  minAnsweredItems: z.number().int(),
});
export type SurveyFormView = z.infer<typeof surveyFormView>;

/** One rated group: the option chosen per dimension, as its position in the item's list (0–4), or null when skipped. */
export const tieAnswer = z.strictObject({
  groupId: id,
  answers: z.partialRecord(dimension, z.number().int().min(0, 'must be one of the options').max(4, 'must be one of the options').nullable()),
});
export const submitSurveyInput = z.strictObject({
  /** Only the groups the respondent works with; at least one. */
  ties: z.array(tieAnswer).min(1, 'rate at least one group').max(200),
});
export type SubmitSurveyInput = z.infer<typeof submitSurveyInput>;

// Results (engine output, coordination-engine.ts `scoreWave`).
const dimensionScores = z.record(dimension, z.number().nullable());
export const cellView = z.object({
  raterGroupId: id,
  ratedGroupId: id,
  /** Below the anonymity threshold: score, n, dimensions and agreement are all withheld. */
  suppressed: z.boolean(),
  n: z.number().int().nullable(),
  score: z.number().nullable(),
  band: band.nullable(),
  /** Mean per dimension; null when fewer than the threshold answered that item. */
  dimensions: dimensionScores,
  /** rwg(j) of the seven items among the raters; null with fewer than two complete answers. */
  agreement: z.number().nullable(),
  lowAgreement: z.boolean(),
});
export type CellView = z.infer<typeof cellView>;

export const asymmetryView = z.object({
  /** The pair in wave order: a before b. */
  a: id,
  b: id,
  aToB: z.number(),
  bToA: z.number(),
  /** aToB − bToA. */
  difference: z.number(),
  flagged: z.boolean(),
  dimensions: z.array(z.object({ dimension, aToB: z.number().nullable(), bToA: z.number().nullable(), difference: z.number().nullable(), flagged: z.boolean() })),
});
export type AsymmetryView = z.infer<typeof asymmetryView>;

export const groupScoresView = z.object({
  groupId: id,
  respondents: z.number().int(),
  /** How the group rates the others / is rated by the others: the n-weighted mean of its shown between-group cells only. */
  asRater: z.number().nullable(),
  asRated: z.number().nullable(),
});

export const waveScores = z.object({
  groupIds: z.array(id),
  /** Between groups (rater ≠ rated), every ordered pair with at least one tie. */
  cells: z.array(cellView),
  /** Within a group (rater = rated), kept apart. */
  within: z.array(cellView),
  groups: z.array(groupScoresView),
  /** Flagged first, then by size of the difference; only pairs with both directions shown. */
  asymmetries: z.array(asymmetryView),
  /**
   * Cronbach's alpha of the seven items over the complete ties of SHOWN cells (between and
   * within), `ties` how many; alpha null with fewer such ties than the anonymity threshold or when
   * it cannot be computed. Ties of hidden cells never count: they would give a hidden n away.
   * For an own-group viewer: { alpha: null, ties: 0 } (see visibleResults).
   */
  reliability: z.object({ alpha: z.number().nullable(), ties: z.number().int() }),
  /** The process index: the n-weighted mean of every shown between-group cell. */
  index: z.number().nullable(),
  /** Ties with fewer answered items than the minimum: not counted. */
  excludedTies: z.number().int(),
  settings: coordinationSettings,
});
export type WaveScores = z.infer<typeof waveScores>;

export const waveResultsView = waveScores.extend({
  wave: waveView,
  instrument: z.object({ name: bilingual(120), wordingSource: z.enum(['sammen', 'licensed']), licence: z.string(), items: z.array(surveyItem) }),
  /** `ownGroup`: only cells, groups and asymmetries that involve the viewer's own group are here. */
  visibility: z.enum(['all', 'ownGroup']),
  ownGroupId: id.nullable(),
  /** The closed wave before it with the same instrument: its shown between-group scores, for change. */
  previous: z.object({ waveId: id, name: z.string(), index: z.number().nullable(), cells: z.array(z.object({ raterGroupId: id, ratedGroupId: id, score: z.number() })) }).nullable(),
});
export type WaveResultsView = z.infer<typeof waveResultsView>;

export const trendsQuery = z.strictObject({ instrumentId: id });
export const trendsView = z.object({
  instrumentId: id,
  waves: z.array(z.object({ waveId: id, name: z.string(), closedAt: z.string(), index: z.number().nullable(), groups: z.array(groupScoresView.extend({ name: z.string() })) })),
});
export type TrendsView = z.infer<typeof trendsView>;

// The coordination pulse around one citizen: three questions to the professionals in the
// citizen's network, one to the citizen. Sammen's own wording (web i18n `pulse.items.*`).
export const pulseItems = ['sharedPicture', 'timelyKnowledge', 'solveTogether'] as const;
export const pulseItem = z.enum(pulseItems);
export type PulseItem = z.infer<typeof pulseItem>;
const pulseScore = z.number().int().min(1, 'must be one of the options').max(5, 'must be one of the options');

export const startPulseInput = z.strictObject({});
export const answerPulseInput = z.strictObject({ answers: z.strictObject({ sharedPicture: pulseScore, timelyKnowledge: pulseScore, solveTogether: pulseScore }) });
export type AnswerPulseInput = z.infer<typeof answerPulseInput>;
export const answerOwnPulseInput = z.strictObject({ score: pulseScore });

export const pulseResults = z.object({
  /** Professionals who answered; below the threshold the means are withheld. */
  n: z.number().int(),
  suppressed: z.boolean(),
  means: z.record(pulseItem, z.number().nullable()),
  /** The citizen's own answer (1–5) — shown to the coordinator, as the citizen is told. */
  citizen: z.number().int().nullable(),
});
export type PulseResults = z.infer<typeof pulseResults>;

export const pulseView = z.object({
  id,
  citizenId: id,
  unit: z.object({ id, name: z.string() }),
  startedAt: z.string(),
  closesAt: z.string(),
  closedAt: z.string().nullable(),
  invited: z.number().int(),
  answered: z.number().int(),
  citizenAnswered: z.boolean(),
  /** The viewer was asked and has not answered (open pulses only). */
  mayAnswer: z.boolean(),
  /** The viewer coordinates the plan (or leads its coordinating unit): may close, sees results. */
  coordinates: z.boolean(),
  /** Closed, and the viewer coordinates: the results. Otherwise null. */
  results: pulseResults.nullable(),
});
export type PulseView = z.infer<typeof pulseView>;
export const citizenPulsesView = z.object({ pulses: z.array(pulseView), anonymityThreshold: z.number().int() });
export type CitizenPulsesView = z.infer<typeof citizenPulsesView>;

export const ownPulseView = z.object({
  /** The open pulse the citizen has not answered, if any. */
  open: z.object({ id, unitName: z.string(), closesAt: z.string() }).nullable(),
});

/**
 * One calendar quarter that has ended (Europe/Copenhagen), e.g. 2026-Q3; by default the last
 * one. Only whole quarters, never a free range: two overlapping ranges (Jan–Jun and Jan–May)
 * would give away, by subtraction, the pulses of the part they do not share — one pulse, one
 * citizen's answer — though each is hidden on its own (server pulse.aggregates.ts).
 */
export const pulseAggregatesQuery = z.strictObject({ quarter: plainText().regex(/^\d{4}-Q[1-4]$/, 'must be a quarter like 2026-Q3').optional() });
export const pulseAggregatesView = z.object({
  /** The quarter shown, e.g. 2026-Q3, and its first and last day. */
  quarter: z.string(),
  from: z.string(),
  to: z.string(),
  /** The ended quarters a leader may pick, newest first. */
  quarters: z.array(z.string()),
  anonymityThreshold: z.number().int(),
  /** Per coordinating unit, closed pulses in the period. */
  units: z.array(
    z.object({
      unitId: id,
      name: z.string(),
      pulses: z.number().int(),
      staff: z.object({ n: z.number().int(), suppressed: z.boolean(), means: z.record(pulseItem, z.number().nullable()) }),
      citizens: z.object({ n: z.number().int(), suppressed: z.boolean(), mean: z.number().nullable() }),
    }),
  ),
  /** Every unit together — made from the shown units only, so no hidden unit can be worked out. */
  total: z.object({ staff: z.object({ n: z.number().int(), means: z.record(pulseItem, z.number().nullable()) }), citizens: z.object({ n: z.number().int(), mean: z.number().nullable() }) }),
});
export type PulseAggregatesView = z.infer<typeof pulseAggregatesView>;


const opts = (pairs: [string, string][]) => pairs.map(([da, en], i) => ({ label: { da, en }, score: i + 1 }));
const often: [string, string][] = [['Aldrig', 'Never'], ['Sjældent', 'Rarely'], ['Af og til', 'Sometimes'], ['Ofte', 'Often'], ['Hele tiden', 'All the time']];
const reliably: [string, string][] = [['Aldrig', 'Never'], ['Sjældent', 'Rarely'], ['Af og til', 'Sometimes'], ['For det meste', 'Mostly'], ['Altid', 'Always']];

/**
 * Sammen's own survey wording, written for Sammen (not a translation or adaptation of the
 * licensed Relational Coordination Survey), free to use under CC BY 4.0. Results made with it are
 * never labelled or compared as the licensed instrument's.
 */
export const SAMMEN_SURVEY_INSTRUMENT: SurveyInstrumentDefinition = {
  name: { da: 'Sammens samarbejdsmåling', en: 'Sammen coordination survey' },
  intro: {
    da: 'Spørgsmålene handler om, hvordan I arbejder sammen om {focalWork}. Svar kun om de grupper, du arbejder med. Ingen kan se, hvad du har svaret: vi gemmer kun, hvilken gruppe du er i.',
    en: 'The questions are about how you work together on {focalWork}. Only answer about the groups you work with. Nobody can see what you answered: we only keep which group you are in.',
  },
  items: [
    { dimension: 'frequentCommunication', wording: { da: 'Hvor tit er du i kontakt med {group} om borgere, I begge arbejder med?', en: 'How often are you in touch with {group} about citizens you both work with?' }, options: opts(often) },
    { dimension: 'timelyCommunication', wording: { da: 'Når du har brug for noget fra {group}, får du det så i tide?', en: 'When you need something from {group}, do you get it in time?' }, options: opts(reliably) },
    { dimension: 'accurateCommunication', wording: { da: 'Kan du regne med, at det, {group} fortæller dig, er rigtigt?', en: 'Can you count on what {group} tells you being right?' }, options: opts(reliably) },
    {
      dimension: 'problemSolvingCommunication',
      wording: { da: 'Når noget går galt for en borger, hvad gør {group} så?', en: 'When something goes wrong for a citizen, what does {group} do?' },
      options: opts([['Giver andre skylden', 'Blames others'], ['Trækker sig', 'Steps back'], ['Venter på, at andre gør noget', 'Waits for others to act'], ['Hjælper, når vi spørger', 'Helps when we ask'], ['Løser det sammen med os', 'Solves it together with us']]),
    },
    { dimension: 'sharedGoals', wording: { da: 'Hvor meget vil {group} det samme som dig for borgerne?', en: 'How much does {group} want the same for citizens as you do?' }, options: opts([['Slet ikke', 'Not at all'], ['Lidt', 'A little'], ['Til dels', 'Partly'], ['Meget', 'Largely'], ['Helt', 'Completely']]) },
    { dimension: 'sharedKnowledge', wording: { da: 'Hvor godt kender {group} det arbejde, du gør?', en: 'How well does {group} know the work you do?' }, options: opts([['Slet ikke', 'Not at all'], ['Lidt', 'A little'], ['Nogenlunde', 'Fairly'], ['Godt', 'Well'], ['Meget godt', 'Very well']]) },
    { dimension: 'mutualRespect', wording: { da: 'Hvor meget respekterer {group} det, du bidrager med?', en: 'How much does {group} respect what you contribute?' }, options: opts([['Slet ikke', 'Not at all'], ['Lidt', 'A little'], ['Nogenlunde', 'Somewhat'], ['Meget', 'A lot'], ['Fuldt ud', 'Fully']]) },
  ],
  licence: 'Sammens egen formulering, skrevet til Sammen og frit licenseret (CC BY 4.0). Det er ikke Relational Coordination Survey, og resultaterne kan ikke sammenlignes med den.',
  wordingSource: 'sammen',
};
