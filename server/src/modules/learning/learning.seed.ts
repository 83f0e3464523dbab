import { addDays, fromWallClock, localDate, TIME_ZONE } from '@sammen/domain/calendar';
import { DEFAULT_COORDINATION_SETTINGS, dimensions, SAMMEN_SURVEY_INSTRUMENT, type CoordinationSettings } from '@sammen/domain/coordination';
import { pulseSummary, scoreWave } from '@sammen/domain/coordination-engine';
import type { Db } from '../../platform/db.ts';
import type { Demo, ModuleSeed } from '../../platform/seed.ts';
import { selectMemberships } from './coordination.repository.ts';
import {
  coordinationGroups,
  coordinationInvitations,
  coordinationPulseAnswers,
  coordinationPulseCitizenAnswers,
  coordinationPulseInvitations,
  coordinationPulses,
  coordinationResponses,
  coordinationWaveGroups,
  coordinationWaves,
} from './coordination.schema.ts';
import { ensureSurveyInstrument, invitationsOf } from './coordination.store.ts';
import { daysOf, lastEndedQuarter } from './pulse.aggregates.ts';
import { selectStaffInvolvedInPlan } from './pulse.repository.ts';

export const seed: ModuleSeed = { name: 'learning', after: ['identity', 'plans', 'network'], run: seedLearning };

// Scenario 7 (shared/SCENARIOS.md): who works well with whom. Eva Clausen, the analyst, has run
// Sammen's coordination survey twice among eight work groups (one per unit) about "borgere med
// komplekse forløb":
// - "Forår 2026": the authority departments (Jobcenter Fjordby, Familieafdelingen, Voksen- og
//   Handicapafdelingen) rate their ties to the frontline groups strong (about 4.2); the frontline
//   groups rate the authorities weak (about 2.8), lowest on timely communication and on how well
//   the authorities know their work — the asymmetry Danish studies keep finding, flagged.
// - "Efterår 2026": the frontline's ratings of the authorities have risen to about 3.4; the
//   asymmetry is smaller (still flagged at 0.5).
// The demo units have 2–4 staff, so the groups with two answering (Voksen, Bostøtten, the library,
// psychiatry) are hidden as raters at the threshold 3: the "small groups hidden" of the demo.
// Everyone answered but one or two a wave. Results are computed by the engine (scoreWave) with the
// default settings, frozen with the wave, as the close does; closed waves keep no invitations.
// - "Vinter 2026" is open: everyone in the groups is invited; some have answered — not Anne Kjær,
//   who answers in the guided demo (and makes the jobcenter's row big enough to show).
// Pulses: a closed one on Michael Sørensen (Anne coordinates; four professionals answered, and
// Michael), two older closed ones for the leaders' overview (Sara Nielsen's, shown; Mads Jensen's,
// with two answers: hidden), and an open one on Emil Rasmussen (Kasper started it three days ago;
// Thomas has answered, Anne and Birgitte not yet, nor Emil). The closed pulses lie in the last
// ended quarter — the one the leaders' overview shows by default; the rest counts back from today.

const FOCAL_WORK = 'borgere med komplekse forløb';

type Side = 'authority' | 'frontline';
/** The work groups, in the waves' order (rows and columns of the heat map). */
const groups: { key: string; name: string; side: Side }[] = [
  { key: 'jobcenter', name: 'Jobcenter Fjordby', side: 'authority' },
  { key: 'familie', name: 'Familieafdelingen', side: 'authority' },
  { key: 'voksen', name: 'Voksen- og Handicapafdelingen', side: 'authority' },
  { key: 'bostoette', name: 'Bostøtten', side: 'frontline' },
  { key: 'uu', name: 'Ungdommens Uddannelsesvejledning', side: 'frontline' },
  { key: 'hjemmepleje', name: 'Hjemmeplejen Syd', side: 'frontline' },
  { key: 'bibliotek', name: 'Fjordby Bibliotek', side: 'frontline' },
  { key: 'psykiatri', name: 'Regionspsykiatrien Fjordby', side: 'frontline' },
];
/** Pairs that do not work together on these citizens: no ties between them. */
const apart = new Set(['bibliotek:psykiatri', 'bibliotek:hjemmepleje', 'bibliotek:voksen'].flatMap((p) => [p, p.split(':').reverse().join(':')]));

/**
 * The mean answer per dimension (in `dimensions` order: frequent, timely, accurate, problem
 * solving, shared goals, shared knowledge, mutual respect) a group gives another. Scores are
 * 1–5; the answers of a cell's raters are spread so that their mean lands on these.
 */
type Targets = readonly [number, number, number, number, number, number, number];
const shift = (t: Targets, by: number) => t.map((x) => x + by) as unknown as Targets;
const withinGroup: Targets = [4.6, 4.4, 4.4, 4.2, 4.4, 4.4, 4.6];
const authorityToFrontline: Targets = [4.0, 4.2, 4.4, 4.0, 4.2, 4.2, 4.4]; // 29.4/7 = 4.2
const frontlineToAuthority: Targets = [3.2, 2.2, 3.2, 2.6, 3.0, 2.4, 3.0]; // 19.6/7 = 2.8: late, and not knowing our work
const authorityToAuthority: Targets = [4.0, 3.8, 4.0, 3.6, 3.8, 3.8, 4.2];
const frontlineToFrontline: Targets = [3.8, 3.6, 3.8, 3.6, 3.6, 3.4, 4.0];

interface DemoWave {
  key: string;
  name: string;
  /** Opened this many days ago (08:00); closesOn this many days after opening. */
  openedDaysAgo: number;
  days: number;
  closed: boolean;
  /** Whether a staff member (identity.seed.ts key) answered. */
  answered: (key: string) => boolean;
  /** How much the frontline's ratings of the authorities have risen since the first wave. */
  rise: number;
  /** [respondent, rated group, dimension] skipped (null): a tie with an item left out. */
  skipped?: [string, string, number];
}

const waves: DemoWave[] = [
  { key: 'spring', name: 'Forår 2026', openedDaysAgo: 250, days: 21, closed: true, answered: (k) => !['kasper', 'peter'].includes(k), rise: 0, skipped: ['jens', 'bibliotek', 5] },
  { key: 'autumn', name: 'Efterår 2026', openedDaysAgo: 80, days: 21, closed: true, answered: (k) => !['louise', 'ole'].includes(k), rise: 0.6 },
  {
    key: 'winter', name: 'Vinter 2026', openedDaysAgo: 4, days: 21, closed: false, rise: 0.7,
    answered: (k) => ['thomas', 'birgitte', 'mette', 'sofie', 'jens', 'camilla', 'rasmus', 'ida', 'henrik', 'hanne', 'maria', 'tina', 'lise', 'nadia'].includes(k),
  },
];

const staffKeys = ['anne', 'thomas', 'birgitte', 'kasper', 'mette', 'sofie', 'jens', 'louise', 'lars', 'pernille', 'camilla', 'ahmed', 'rasmus', 'ida', 'henrik',
  'hanne', 'maria', 'tina', 'karen', 'peter', 'lise', 'nadia', 'ole', 'susanne', 'morten', 'eva'];

/** A small linear congruential generator (as feedback.seed.ts): the same numbers on every seed. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function targetsOf(rater: { key: string; side: Side }, rated: { key: string; side: Side }, rise: number): Targets {
  if (rater.key === rated.key) return withinGroup;
  if (rater.side === 'authority') return rated.side === 'frontline' ? authorityToFrontline : authorityToAuthority;
  return rated.side === 'authority' ? shift(frontlineToAuthority, rise) : frontlineToFrontline;
}

/**
 * The seven answers of rater number `i` of `n` in a group about one rated group. Each item is the
 * target rounded down or up; which raters round up is spread evenly over the n (with an offset per
 * item, so it is not always the same people), so the cell's mean per item lands close to its target.
 */
function answersOf(targets: Targets, i: number, n: number, offsets: readonly number[]): number[] {
  return targets.map((t, d) => {
    const base = Math.floor(t);
    const u = ((i + 0.5) / n + offsets[d]!) % 1;
    return Math.max(1, Math.min(5, base + (u < t - base ? 1 : 0)));
  });
}

/** 08:00 (or `minutes` after midnight) Danish time on the day `daysFromToday` from today. */
const at = (today: string, daysFromToday: number, minutes = 480) =>
  new Date(fromWallClock(Date.parse(`${addDays(today, daysFromToday)}T00:00:00Z`) + minutes * 60_000, TIME_ZONE));

async function seedLearning(tx: Db, { municipalityId, demoId }: Demo) {
  const today = localDate(Date.now());
  const m = municipalityId;
  const instrumentId = await ensureSurveyInstrument(tx, m);
  const groupId = (key: string) => demoId(`coordination-group:${key}`);
  const keyOfStaff = new Map(staffKeys.map((k) => [demoId(`staff:${k}`), k]));

  await tx.insert(coordinationGroups).values(groups.map((g) => ({ municipalityId: m, id: groupId(g.key), name: g.name, unitIds: [demoId(`unit:${g.key}`)], roles: [], createdAt: at(today, -300) })));
  const groupIds = groups.map((g) => groupId(g.key));
  const groupOf = new Map(groups.map((g) => [groupId(g.key), g]));
  // Who each wave invites: every member once, in the first group (wave order) they belong to — as a wave opened now would.
  const invitations = invitationsOf(groupIds, await selectMemberships(tx, m, groupIds));

  const settings: CoordinationSettings = DEFAULT_COORDINATION_SETTINGS;
  let responses = 0;
  let flagged = 0;
  for (const [w, wave] of waves.entries()) {
    const waveId = demoId(`coordination-wave:${wave.key}`);
    const openedAt = at(today, -wave.openedDaysAgo);
    const closesOn = addDays(today, wave.days - wave.openedDaysAgo);
    // Closed waves were closed by the job in the night after their last day.
    const closedAt = wave.closed ? at(today, wave.days - wave.openedDaysAgo + 1, 135) : null;
    // The answers, group by group: rater number i of the group's n respondents.
    const answering = invitations.filter((inv) => wave.answered(keyOfStaff.get(inv.staffId) ?? ''));
    const waveResponses = groupIds.flatMap((raterId) => {
      const rater = groupOf.get(raterId)!;
      const raters = answering.filter((inv) => inv.groupId === raterId);
      return raters.map((inv, i) => ({
        groupId: raterId,
        ties: groups
          .filter((rated) => !apart.has(`${rater.key}:${rated.key}`))
          .map((rated) => {
            const r = lcg(1000 * (w + 1) + 31 * groups.indexOf(rated) + groups.indexOf(rater));
            const offsets = dimensions.map(() => r());
            const scores: (number | null)[] = answersOf(targetsOf(rater, rated, wave.rise), i, raters.length, offsets);
            const skip = wave.skipped;
            if (skip && keyOfStaff.get(inv.staffId) === skip[0] && rated.key === skip[1]) scores[skip[2]] = null;
            return { groupId: groupId(rated.key), scores };
          }),
      }));
    });
    // As the close does: the engine's results with the settings in force, frozen with the wave; a closed wave keeps no invitations.
    const results = wave.closed ? scoreWave({ groupIds, responses: waveResponses, settings }) : null;
    flagged += results?.asymmetries.filter((a) => a.flagged).length ?? 0;
    await tx.insert(coordinationWaves).values({
      municipalityId: m, id: waveId, name: wave.name, instrumentId, definition: SAMMEN_SURVEY_INSTRUMENT, focalWork: FOCAL_WORK,
      openedBy: demoId('staff:eva'), openedAt, closesOn, closedAt, remindedAt: wave.closed ? at(today, wave.days - wave.openedDaysAgo - 7, 540) : null,
      settings: wave.closed ? settings : null, results,
    });
    if (waveResponses.length) await tx.insert(coordinationResponses).values(waveResponses.map((r) => ({ municipalityId: m, waveId, groupId: r.groupId, ties: r.ties })));
    responses += waveResponses.length;

    await tx.insert(coordinationWaveGroups).values(
      groups.map((g, position) => ({
        municipalityId: m, waveId, groupId: groupId(g.key), position, name: g.name,
        invited: invitations.filter((inv) => inv.groupId === groupId(g.key)).length,
        answered: answering.filter((inv) => inv.groupId === groupId(g.key)).length,
      })),
    );
    if (!wave.closed) {
      await tx.insert(coordinationInvitations).values(invitations.map((inv) => ({ municipalityId: m, waveId, staffId: inv.staffId, groupId: inv.groupId, answered: wave.answered(keyOfStaff.get(inv.staffId) ?? '') })));
    }
  }

  const pulses = await seedPulses(tx, m, demoId, today, settings.anonymityThreshold);
  return { coordinationGroups: groups.length, coordinationWaves: waves.length, coordinationResponses: responses, coordinationAsymmetriesFlagged: flagged, coordinationPulses: pulses };
}

interface DemoPulse {
  key: string;
  citizen: string;
  /** Who started it: the plan's coordinator (identity.seed.ts key). */
  by: string;
  /** The plan's coordinating unit. */
  unit: string;
  /** Closed pulses start this many days into the last ended quarter, so the leaders' overview (one ended quarter, pulse.aggregates.ts) shows them; the open one this many days ago. */
  startedDay: number;
  /** Professionals who answered, by key, with their three scores (sharedPicture, timelyKnowledge, solveTogether). */
  answers: [string, [number, number, number]][];
  citizenScore: number | null;
  closed: boolean;
}

const demoPulses: DemoPulse[] = [
  // Mads: UU's two other staff asked, both answered — fewer than three, so the means are hidden.
  { key: 'mads', citizen: 'mads', by: 'rasmus', unit: 'uu', startedDay: 10, answers: [['ida', [3, 2, 3]], ['henrik', [4, 3, 3]]], citizenScore: 2, closed: true },
  { key: 'sara', citizen: 'sara', by: 'mette', unit: 'familie', startedDay: 30, answers: [['louise', [3, 3, 4]], ['anne', [2, 2, 3]], ['camilla', [3, 2, 3]]], citizenScore: 3, closed: true },
  // Michael: the pulse Anne closed; the home nurse and the mentor see the family differently from the family department.
  {
    key: 'michael', citizen: 'michael', by: 'anne', unit: 'jobcenter', startedDay: 60,
    answers: [['thomas', [4, 3, 4]], ['mette', [3, 2, 4]], ['hanne', [3, 2, 3]], ['lars', [4, 3, 4]]], citizenScore: 3, closed: true,
  },
  // Emil: open; Thomas has answered, Anne and Birgitte have not, nor Emil.
  { key: 'emil', citizen: 'emil', by: 'kasper', unit: 'jobcenter', startedDay: 3, answers: [['thomas', [4, 4, 4]]], citizenScore: null, closed: false },
];

async function seedPulses(tx: Db, m: string, demoId: Demo['demoId'], today: string, threshold: number) {
  for (const p of demoPulses) {
    const id = demoId(`coordination-pulse:${p.key}`);
    const startedBy = demoId(`staff:${p.by}`);
    // Who a pulse started now would ask: the professionals of the units involved in the plan (pulse.repository.ts).
    const invited = (await selectStaffInvolvedInPlan(tx, m, demoId(`plan:${p.citizen}`), startedBy)).map((r) => r.staff_id);
    const answeredBy = new Set(p.answers.map(([k]) => demoId(`staff:${k}`)));
    const strangers = [...answeredBy].filter((s) => !invited.includes(s));
    if (strangers.length) throw new Error(`learning.seed.ts: ${p.key}'s pulse has answers from staff who would not be asked`);
    const startedAt = p.closed ? at(daysOf(lastEndedQuarter()).first, p.startedDay, 600) : at(today, -p.startedDay, 600);
    const closesAt = new Date(startedAt.getTime() + DEFAULT_COORDINATION_SETTINGS.pulseDays * 86_400_000);
    const results = p.closed ? pulseSummary(p.answers.map(([, s]) => s), p.citizenScore, threshold) : null;
    await tx.insert(coordinationPulses).values({
      municipalityId: m, id, citizenId: demoId(`citizen:${p.citizen}`), unitId: demoId(`unit:${p.unit}`), startedBy, startedAt, closesAt,
      // Closed by the job when its days ran out.
      closedAt: p.closed ? new Date(closesAt.getTime() + 20 * 60_000) : null,
      invited: invited.length, answered: p.answers.length, threshold: p.closed ? threshold : null, results,
    });
    await tx.insert(coordinationPulseAnswers).values(p.answers.map(([, scores]) => ({ municipalityId: m, pulseId: id, scores })));
    if (p.citizenScore !== null) {
      await tx.insert(coordinationPulseCitizenAnswers).values({ municipalityId: m, pulseId: id, score: p.citizenScore, answeredBy: 'citizen', answeredAt: new Date(startedAt.getTime() + 2 * 86_400_000) });
    }
    if (!p.closed) await tx.insert(coordinationPulseInvitations).values(invited.map((staffId) => ({ municipalityId: m, pulseId: id, staffId, answered: answeredBy.has(staffId) })));
  }
  return demoPulses.length;
}
