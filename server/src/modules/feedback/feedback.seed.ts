import { sql } from 'drizzle-orm';
import { addDays, fromWallClock, localDate, TIME_ZONE } from '@sammen/domain/calendar';
import { sammenMeeting, sammenOutcome, type FeedbackKind } from '@sammen/domain/feedback';
import type { EffortArea } from '@sammen/domain/plans';
import { query, type Db } from '../../platform/db.ts';
import type { Demo, ModuleSeed } from '../../platform/seed.ts';
import { fillCourses } from './feedback.repository.ts';
import { feedbackMeetings } from './feedback.schema.ts';
import { ensureInstruments, storeRating } from './feedback.store.ts';

export const seed: ModuleSeed = { name: 'feedback', after: ['identity', 'plans'], run: seedFeedback };

// Scenario 5 (shared/SCENARIOS.md): Emil Rasmussen's five conversations with Jobcenter Fjordby,
// held by Kasper Lund about two weeks apart, the last a few days ago. At the start of each, Emil
// rates how life is going (14, 17, 21, 24, 29 on the 0–40 scale: a clinically significant
// improvement); at the end, the conversation. Conversation 2 he rated low (28, under the cutoff
// 34 and 7 below the first) — it alerted Kasper, who has seen it; conversation 4 he chose not to
// rate. Beside him: Lone Hansen (Kasper's plan), whose latest conversation was rated low and is
// the one alert nobody has seen yet (Kasper's work list); Jonas Pedersen with two conversations.
//
// Behind them, a year of meetings with the ordinary demo citizens (citizen-0…) in four units, so
// the expected trajectory and the leaders' aggregates have something to show: the jobcenter with
// 14 courses all starting within ±4 of Emil's first total (his trajectory rests on them), UU
// rated lower on "listened to", the family department high, and Bostøtten with only three
// citizens — fewer than five, so its cells are hidden. Deterministic: a small LCG, no
// Math.random; dates count back from today. Every rating is stored by `storeRating`, in the order
// the ratings were given, so its alerts are the ones a submitted rating would have set off; all of
// them have been seen (by the staff member who held the meeting, the next day) but Lone's.

/** The plan area a unit's meetings belong to (as plans.seed.ts areaOfUnit). */
const areaOf: Record<string, EffortArea> = { jobcenter: 'work', uu: 'education', familie: 'family', bostoette: 'housing' };

type Answers = Record<string, number>;
interface DemoRating {
  /** Answers (their sum is the total), or declined. */
  answers: Answers | 'declined';
  via?: 'tablet' | 'link';
}
interface DemoMeeting {
  key: string;
  citizen: string;
  unit: string;
  staff: string;
  heldAt: Date;
  outcome?: DemoRating;
  meeting?: DemoRating;
  /** Leave the meeting rating's alert unseen (the one for Kasper's work list). */
  unseen?: true;
}

const outcomeKeys = sammenOutcome.items.map((i) => i.key); // self, close, daily, overall
const meetingKeys = sammenMeeting.items.map((i) => i.key); // respect, listened, clarity, overall
const answers = (keys: string[], values: number[]): Answers => Object.fromEntries(keys.map((k, i) => [k, values[i]!]));
const outcome = (...values: number[]): DemoRating => ({ answers: answers(outcomeKeys, values) });
const meeting = (...values: number[]): DemoRating => ({ answers: answers(meetingKeys, values) });
const declined: DemoRating = { answers: 'declined' };

/** A small linear congruential generator (Numerical Recipes): the same numbers on every seed. */
function lcg(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)) };
}
type Lcg = ReturnType<typeof lcg>;

/** 10:00 (or `minutes` after midnight) Danish time, `daysAgo` days before today, moved back to a weekday. */
function heldAt(today: string, daysAgo: number, minutes = 600) {
  let day = addDays(today, -daysAgo);
  while ([0, 6].includes(new Date(`${day}T12:00:00Z`).getUTCDay())) day = addDays(day, -1);
  return new Date(fromWallClock(Date.parse(`${day}T00:00:00Z`) + minutes * 60_000, TIME_ZONE));
}

/** A total on the 0–40 scale split over four 0–10 items, a little unevenly. */
function split(total: number, r: Lcg): number[] {
  const base = Math.floor(total / 4);
  const parts = [0, 1, 2, 3].map((k) => base + (k < total - 4 * base ? 1 : 0));
  // Move a point from one item to another now and then, within the scale.
  const from = r.int(0, 3);
  const to = r.int(0, 3);
  if (r.next() < 0.5 && from !== to && parts[from]! > 0 && parts[to]! < 10) {
    parts[from] = parts[from]! - 1;
    parts[to] = parts[to]! + 1;
  }
  return parts;
}

// ---- The scenario -----------------------------------------------------------------------------

function scenarioMeetings(today: string): DemoMeeting[] {
  const emil = (n: number, daysAgo: number, o: DemoRating, m: DemoRating): DemoMeeting =>
    ({ key: `emil:${n}`, citizen: 'emil', unit: 'jobcenter', staff: 'kasper', heldAt: heldAt(today, daysAgo), outcome: o, meeting: m });
  return [
    // Outcome 14 → 17 → 21 → 24 → 29; meeting 35, 28 (alerted, seen), 36, declined, 39.
    emil(1, 59, outcome(3, 4, 4, 3), meeting(9, 9, 8, 9)),
    emil(2, 45, outcome(4, 5, 4, 4), meeting(7, 6, 8, 7)),
    emil(3, 31, outcome(5, 6, 5, 5), meeting(9, 9, 9, 9)),
    emil(4, 17, outcome(6, 6, 6, 6), declined),
    emil(5, 3, outcome(7, 8, 7, 7), meeting(10, 9, 10, 10)),
    // Lone: 36, 37, 35, then 29 — under the cutoff and 6 below the last: the unseen alert.
    { key: 'lone:1', citizen: 'lone', unit: 'jobcenter', staff: 'kasper', heldAt: heldAt(today, 47, 780), outcome: outcome(5, 6, 5, 5), meeting: meeting(9, 9, 9, 9) },
    { key: 'lone:2', citizen: 'lone', unit: 'jobcenter', staff: 'kasper', heldAt: heldAt(today, 33, 780), outcome: outcome(6, 6, 5, 5), meeting: meeting(10, 9, 9, 9) },
    { key: 'lone:3', citizen: 'lone', unit: 'jobcenter', staff: 'kasper', heldAt: heldAt(today, 19, 780), outcome: outcome(6, 6, 6, 5), meeting: { ...meeting(9, 9, 8, 9), via: 'link' } },
    { key: 'lone:4', citizen: 'lone', unit: 'jobcenter', staff: 'kasper', heldAt: heldAt(today, 5, 780), outcome: outcome(6, 5, 6, 5), meeting: meeting(8, 7, 7, 7), unseen: true },
    // Jonas: two conversations, both rated well.
    { key: 'jonas:1', citizen: 'jonas', unit: 'jobcenter', staff: 'kasper', heldAt: heldAt(today, 40, 660), outcome: outcome(4, 4, 4, 4), meeting: meeting(9, 9, 9, 9) },
    { key: 'jonas:2', citizen: 'jonas', unit: 'jobcenter', staff: 'kasper', heldAt: heldAt(today, 12, 660), outcome: outcome(5, 5, 5, 4), meeting: { ...meeting(10, 9, 9, 9), via: 'link' } },
  ];
}

// ---- A year of meetings behind them ---------------------------------------------------------

interface UnitPlan {
  unit: string;
  staff: string[];
  /** Indexes into identity.seed.ts's citizen-N list. */
  citizens: number[];
  /** The first outcome total of each course, from–to. */
  start: [number, number];
  /** The mean answer per meeting item (respect, listened, clarity, overall). */
  means: [number, number, number, number];
}

const unitPlans: UnitPlan[] = [
  // 14 courses, every first total within ±4 of Emil's 14: his expected trajectory rests on them.
  { unit: 'jobcenter', staff: ['anne', 'thomas', 'kasper'], citizens: [0, 2, 3, 5, 6, 10, 15, 16, 17, 19, 20, 23, 25, 27], start: [10, 18], means: [9.2, 9.0, 8.6, 9.0] },
  // Young people: UU is rated lower on being listened to.
  { unit: 'uu', staff: ['rasmus', 'ida'], citizens: [9, 11, 12, 14, 21, 22, 28], start: [12, 22], means: [8.6, 6.1, 8.0, 7.7] },
  { unit: 'familie', staff: ['sofie', 'louise'], citizens: [3, 5, 15, 16, 19, 22, 25], start: [14, 24], means: [9.4, 9.2, 8.8, 9.2] },
  // Three citizens: fewer than five, so the aggregates hide Bostøtten.
  { unit: 'bostoette', staff: ['camilla', 'ahmed'], citizens: [10, 23, 27], start: [16, 24], means: [9.0, 8.8, 8.4, 8.8] },
];

/** How much the outcome total moves per conversation, course by course (some stand still, one goes down). */
const gains = [2, 1.5, 2.5, 1, 0.5, 2, 3, 1.5, 0, 2, -0.5, 2.5, 1, 1.8];

function backgroundMeetings(today: string): DemoMeeting[] {
  const out: DemoMeeting[] = [];
  for (const [u, plan] of unitPlans.entries()) {
    const n = plan.citizens.length;
    plan.citizens.forEach((c, j) => {
      const r = lcg(1000 * (u + 1) + c);
      // Courses start 355–255 days ago, one after the other, and run to the last few weeks:
      // 5–8 conversations, so every quarter of the year has each unit's citizens in it.
      const first = 355 - Math.round((j * 100) / n);
      const count = 5 + ((j + u) % 4);
      const last = r.int(2, 30);
      const gap = (first - last) / (count - 1);
      const start = plan.start[0] + Math.round(((plan.start[1] - plan.start[0]) * ((j * 7 + u * 3) % n)) / Math.max(1, n - 1));
      const gain = gains[(j + u * 5) % gains.length]!;
      const staff = plan.staff[j % plan.staff.length]!;
      for (let k = 0; k < count; k++) {
        const at = heldAt(today, Math.round(first - k * gap), r.int(16, 29) * 30);
        // The first outcome always rated (a course is compared by its start); after that 85 %
        // rated, 7 % declined, the rest not asked. The meeting rating likewise from the start.
        const o = r.next();
        const total = Math.max(0, Math.min(40, Math.round(start + gain * k + r.int(-2, 2))));
        const outcomeRating: DemoRating | undefined = k === 0 || o < 0.85 ? { answers: answers(outcomeKeys, k === 0 ? split(start, r) : split(total, r)) } : o < 0.92 ? declined : undefined;
        const m = r.next();
        const items = plan.means.map((mean) => Math.max(0, Math.min(10, Math.round(mean + (r.next() - 0.5) * 2.4))));
        const meetingRating: DemoRating | undefined = m < 0.85 ? { answers: answers(meetingKeys, items), via: r.next() < 0.25 ? 'link' : 'tablet' } : m < 0.92 ? declined : undefined;
        out.push({ key: `${plan.unit}:citizen-${c}:${k + 1}`, citizen: `citizen-${c}`, unit: plan.unit, staff, heldAt: at, outcome: outcomeRating, meeting: meetingRating });
      }
    });
  }
  return out;
}

/** The demo's meetings as of `today`: the year behind the scenario, then the scenario's (exported to check how they fall on other days). */
export function demoFeedbackMeetings(today: string): DemoMeeting[] {
  return [...backgroundMeetings(today), ...scenarioMeetings(today)];
}

async function seedFeedback(tx: Db, { municipalityId, demoId }: Demo) {
  const today = localDate(Date.now());
  await ensureInstruments(tx, municipalityId);
  const instruments = await query<{ id: string; kind: FeedbackKind; name: string }>(
    tx,
    sql`SELECT id::text AS id, kind::text AS kind, definition -> 'name' ->> 'en' AS name FROM feedback_instruments
        WHERE municipality_id = ${municipalityId} AND origin = 'sammen'`,
  );
  const instrumentOf: Record<FeedbackKind, string> = {
    outcome: instruments.find((i) => i.name === sammenOutcome.name.en)!.id,
    meeting: instruments.find((i) => i.name === sammenMeeting.name.en)!.id,
  };
  const meetings = demoFeedbackMeetings(today);
  await tx.insert(feedbackMeetings).values(
    meetings.map((m) => ({
      municipalityId, id: demoId(`feedback-meeting:${m.key}`), citizenId: demoId(`citizen:${m.citizen}`), unitId: demoId(`unit:${m.unit}`),
      staffId: demoId(`staff:${m.staff}`), area: areaOf[m.unit]!, heldAt: m.heldAt, createdAt: m.heldAt,
    })),
  );
  // Inserted in bulk, not by storeMeeting: their courses (feedback_courses) at once; storeRating keeps the first outcomes.
  await fillCourses(tx, municipalityId);

  // Every rating in the order it was given: the outcome at the start of the meeting, the meeting
  // rating at its end (on the tablet) or that evening (by the link).
  const ratings = meetings.flatMap((m) =>
    (['outcome', 'meeting'] as const).flatMap((kind) => {
      const r = m[kind];
      if (!r) return [];
      const minutes = kind === 'outcome' ? 2 : r.via === 'link' ? 9 * 60 : 55;
      return [{ m, kind, r, givenAt: new Date(m.heldAt.getTime() + minutes * 60_000) }];
    }),
  ).sort((a, b) => a.givenAt.getTime() - b.givenAt.getTime() || a.m.key.localeCompare(b.m.key));
  let alerted = 0;
  let declinedCount = 0;
  for (const { m, kind, r, givenAt } of ratings) {
    const common = { municipalityId, meetingId: demoId(`feedback-meeting:${m.key}`), kind, instrumentId: instrumentOf[kind], givenVia: r.via ?? 'tablet', givenAt } as const;
    const stored = await storeRating(tx, r.answers === 'declined' ? { ...common, declined: true } : { ...common, answers: r.answers });
    if (r.answers === 'declined') declinedCount += 1;
    if (!stored.alerts.length) continue;
    alerted += 1;
    if (m.unseen && kind === 'meeting') continue;
    // Seen by the staff member who held the meeting, the next working morning or so.
    await tx.execute(sql`UPDATE feedback_ratings SET alert_seen_at = ${new Date(givenAt.getTime() + 20 * 3_600_000).toISOString()}::timestamptz,
        alert_seen_by = ${demoId(`staff:${m.staff}`)} WHERE municipality_id = ${municipalityId} AND id = ${stored.id}`);
  }
  return { feedbackMeetings: meetings.length, feedbackRatings: ratings.length, feedbackDeclined: declinedCount, feedbackAlerts: alerted };
}
