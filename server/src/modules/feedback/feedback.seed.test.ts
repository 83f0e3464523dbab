import { afterAll, beforeAll, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { AggregatesView, CitizenFeedbackView, FeedbackAlertsView, OwnFeedbackView } from '@sammen/domain/feedback';
import { query, type Database } from '../../platform/db.ts';
import { demoId, seedDemo } from '../../db/seed.ts';
import { as, testApp, testConfig, testDatabase } from '../../../test/helpers.ts';
import { inDays, today } from '../../../test/dates.ts';

// The demo plays scenario 5: Emil's five conversations with the jobcenter, rated at the start
// (rising) and at the end (one low rating that alerted Kasper and was seen; one declined), with
// an expected trajectory that rests on the jobcenter's other courses; one alert left unseen for
// Kasper's work list; a year of aggregates where Bostøtten is too small to show.

let database: Database;
let app: FastifyInstance;
beforeAll(async () => {
  database = await testDatabase();
  await seedDemo(database.db, testConfig());
  app = await testApp(database);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const DAY = 86_400_000;

test('scenario 5: Emil’s five conversations with Kasper, rising outcome, the low one alerted and was seen, the fourth declined', async () => {
  const kasper = await as(app, 'staff', demoId('staff:kasper'));
  const res = await kasper.get(`/api/citizens/${demoId('citizen:emil')}/feedback`);
  expect(res.statusCode, res.body).toBe(200);
  const page = res.json() as CitizenFeedbackView;
  expect(page.citizen.name).toBe('Emil Rasmussen');
  expect(page.complete).toBe(true);
  expect(page.meetings.map((m) => [m.conversation, m.unit.name, m.staff.name])).toEqual(
    [1, 2, 3, 4, 5].map((n) => [n, 'Jobcenter Fjordby', 'Kasper Lund']),
  );
  // About two weeks apart, the last a few days ago.
  const held = page.meetings.map((m) => Date.parse(m.heldAt));
  for (let i = 1; i < held.length; i++) expect((held[i]! - held[i - 1]!) / DAY).toBeGreaterThanOrEqual(10);
  expect((Date.now() - held.at(-1)!) / DAY).toBeLessThan(7);

  const [course] = page.courses;
  expect(page.courses).toHaveLength(1);
  expect(course!.outcomeTotals).toEqual([14, 17, 21, 24, 29]);
  expect(course!.meetingTotals).toEqual([35, 28, 36, null, 39]);
  expect(course!.change).toMatchObject({ classification: 'clinicallySignificantImprovement', first: 14, latest: 29, reliable: true });
  // Conversation 2: under the cutoff and 7 below the first — the alert Kasper has seen.
  expect(page.meetings[1]!.alerts.map((a) => a.kind).sort()).toEqual(['belowCutoff', 'drop']);
  // Conversation 4: Emil chose not to rate the meeting — never a score.
  expect(page.meetings[3]!.meeting).toMatchObject({ declined: true, total: null, answers: null });
  // The expected trajectory rests on at least ten other courses at every conversation Emil had, and he is ahead of it.
  expect(course!.trajectory!.matchedCourses).toBeGreaterThanOrEqual(12);
  expect(course!.trajectory!.points.slice(0, 5).every((p) => p.expected !== null && p.courses >= 10)).toBe(true);
  expect(course!.progress).toMatchObject({ status: 'asExpected', conversation: 5, latest: 29 });
  expect(page.lowUnits).toEqual([]);

  const [seen] = await query<{ seen_by: string | null }>(
    database.db,
    sql`SELECT r.alert_seen_by::text AS seen_by FROM feedback_ratings r WHERE r.meeting_id = ${demoId('feedback-meeting:emil:2')} AND r.kind = 'meeting'`,
  );
  expect(seen!.seen_by).toBe(demoId('staff:kasper'));

  // Emil sees the same on his own page.
  const emil = await as(app, 'citizen', demoId('citizen:emil'));
  const own = (await emil.get('/api/me/feedback')).json() as OwnFeedbackView;
  expect(own.courses[0]!.outcomeTotals).toEqual([14, 17, 21, 24, 29]);
});

test('one alert waits in the jobcenter’s work list: Lone’s latest conversation, rated low', async () => {
  const kasper = await as(app, 'staff', demoId('staff:kasper'));
  const res = await kasper.get('/api/feedback/alerts');
  expect(res.statusCode, res.body).toBe(200);
  const { alerts } = res.json() as FeedbackAlertsView;
  expect(alerts).toHaveLength(1);
  expect(alerts[0]).toMatchObject({ citizen: { name: 'Lone Hansen' }, staff: { name: 'Kasper Lund' }, kind: 'meeting' });
  expect(alerts[0]!.alerts).toEqual([
    { kind: 'belowCutoff', meeting: 4, total: 29, cutoff: { value: 34, comparator: 'lt' } },
    { kind: 'drop', meeting: 4, total: 29, previousMeeting: 3, previous: 35, fall: 6, threshold: 4 },
  ]);
  // Kasper coordinates Lone's plan: the alert leads to her page.
  expect((await kasper.get(`/api/citizens/${demoId('citizen:lone')}/feedback`)).statusCode).toBe(200);
  // Every other alert of the demo has been seen.
  const [open] = await query<{ n: number }>(
    database.db,
    sql`SELECT count(*)::int AS n FROM feedback_ratings WHERE municipality_id = ${demoId('municipality')} AND alerts <> '[]'::jsonb AND alert_seen_at IS NULL`,
  );
  expect(open!.n).toBe(1);
});

test('a year of aggregates: Bostøtten is hidden (three citizens), the others show, UU is rated lower on being listened to', async () => {
  const birgitte = await as(app, 'staff', demoId('staff:birgitte'));
  const res = await birgitte.get(`/api/feedback/aggregates?from=${inDays(-365)}&to=${today()}&by=quarter`);
  expect(res.statusCode, res.body).toBe(200);
  const view = res.json() as AggregatesView;
  const unitId = (name: string) => view.units.find((u) => u.name === name)!.id;
  const cellsOf = (name: string) => view.cells.filter((c) => c.unitId === unitId(name));
  expect(view.units.map((u) => u.name)).toEqual(['Bostøtten', 'Familieafdelingen', 'Jobcenter Fjordby', 'Ungdommens Uddannelsesvejledning']);

  expect(cellsOf('Bostøtten').length).toBeGreaterThanOrEqual(4);
  expect(cellsOf('Bostøtten').every((c) => !c.meetings.shown && !c.ratings.shown && !c.courses.shown)).toBe(true);
  // The demo's dates count back from today and the quarters do not: the first and last quarter of
  // the year are partial and may be hidden, the full ones between them show.
  for (const name of ['Familieafdelingen', 'Jobcenter Fjordby', 'Ungdommens Uddannelsesvejledning']) {
    expect(cellsOf(name).filter((c) => c.meetings.shown && c.ratings.shown).length, name).toBeGreaterThanOrEqual(2);
  }
  const listened = (name: string, period: string) => {
    const cell = cellsOf(name).find((c) => c.period === period);
    return cell?.ratings.shown ? cell.ratings.meanByItem.listened! : undefined;
  };
  for (const c of cellsOf('Ungdommens Uddannelsesvejledning').filter((x) => x.ratings.shown)) {
    const uu = listened('Ungdommens Uddannelsesvejledning', c.period)!;
    for (const other of ['Familieafdelingen', 'Jobcenter Fjordby']) {
      const x = listened(other, c.period);
      if (x !== undefined) expect(uu, `${c.period} ${other}`).toBeLessThan(x);
    }
  }
  // The jobcenter's courses are classified, and some improved reliably.
  expect(cellsOf('Jobcenter Fjordby').some((c) => c.courses.shown && c.courses.improved > 0)).toBe(true);
});
