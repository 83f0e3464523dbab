import { afterAll, beforeAll, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { CitizenPulsesView, invitationView, PulseAggregatesView, WaveResultsView, wavesView } from '@sammen/domain/coordination';
import { query, type Database } from '../../platform/db.ts';
import { demoId, seedDemo } from '../../db/seed.ts';
import { as, testApp, testConfig, testDatabase } from '../../../test/helpers.ts';

// The demo plays scenario 7: two closed waves of Sammen's coordination survey among eight work
// groups, where the authority departments rate the frontline strong and the frontline rates them
// weak (flagged), less so in the second wave; the small groups hidden as raters; an open third
// wave Anne Kjær has not answered yet; pulses around Michael (closed, with results) and Emil (open).

type WavesView = z.infer<typeof wavesView>;
type InvitationView = z.infer<typeof invitationView>;

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

const group = (key: string) => demoId(`coordination-group:${key}`);
const wave = (key: string) => demoId(`coordination-wave:${key}`);
const authority = ['jobcenter', 'familie'];
const frontline = ['uu', 'hjemmepleje'];
/** The groups with two or fewer answering in every wave: never shown as raters. */
const small = ['voksen', 'bostoette', 'bibliotek', 'psykiatri'];

async function resultsOf(key: string) {
  const eva = await as(app, 'staff', demoId('staff:eva'));
  const res = await eva.get(`/api/coordination/waves/${wave(key)}/results`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as WaveResultsView;
}
const pairOf = (r: WaveResultsView, a: string, b: string) => r.asymmetries.find((x) => x.a === group(a) && x.b === group(b));

test('the analyst sees three waves: the open winter wave first, then the two closed ones, everyone answered but one or two', async () => {
  const eva = await as(app, 'staff', demoId('staff:eva'));
  const res = await eva.get('/api/coordination/waves');
  expect(res.statusCode, res.body).toBe(200);
  const { waves } = res.json() as WavesView;
  expect(waves.map((w) => [w.name, w.status])).toEqual([['Vinter 2026', 'open'], ['Efterår 2026', 'closed'], ['Forår 2026', 'closed']]);
  for (const w of waves) {
    expect(w.groups.map((g) => g.name)).toEqual([
      'Jobcenter Fjordby', 'Familieafdelingen', 'Voksen- og Handicapafdelingen', 'Bostøtten', 'Ungdommens Uddannelsesvejledning', 'Hjemmeplejen Syd',
      'Fjordby Bibliotek', 'Regionspsykiatrien Fjordby',
    ]);
    expect(w.instrument.wordingSource).toBe('sammen');
    expect(w.invited).toBe(w.groups.reduce((s, g) => s + g.invited, 0));
  }
  // The demo staff of the eight units, each invited once: 4 + 4 + 2 + 2 + 3 + 3 + 2 + 2
  // (Lars is in Voksen and Bostøtten: invited in Voksen, the first of the two).
  expect(waves[2]!.groups.map((g) => g.invited)).toEqual([4, 4, 2, 2, 3, 3, 2, 2]);
  expect(waves[2]!.answered).toBe(20);
  expect(waves[1]!.answered).toBe(20);
  // Closed waves keep no invitations: nothing says who was asked, let alone who answered.
  const [left] = await query<{ closed: number; open: number }>(
    database.db,
    sql`SELECT count(*) FILTER (WHERE w.closed_at IS NOT NULL)::int AS closed, count(*) FILTER (WHERE w.closed_at IS NULL)::int AS open
        FROM coordination_invitations i JOIN coordination_waves w ON w.municipality_id = i.municipality_id AND w.id = i.wave_id`,
  );
  expect(left).toEqual({ closed: 0, open: 22 });
});

test('spring: the authorities rate the frontline strong, the frontline rates them weak — flagged; small groups hidden', async () => {
  const r = await resultsOf('spring');
  expect(r.visibility).toBe('all');
  expect(r.previous).toBeNull();
  for (const a of authority)
    for (const b of frontline) {
      const pair = pairOf(r, a, b)!;
      expect(pair, `${a} ↔ ${b}`).toBeDefined();
      expect(pair.flagged).toBe(true);
      expect(pair.aToB).toBeGreaterThan(4);
      expect(pair.bToA).toBeLessThan(3);
      // The frontline's rating is lowest on timely communication and shared knowledge.
      const low = pair.dimensions.filter((d) => d.difference! >= 1.5).map((d) => d.dimension);
      expect(low).toEqual(expect.arrayContaining(['timelyCommunication', 'sharedKnowledge']));
    }
  // The flagged pairs come first, and they are exactly the authority–frontline pairs shown both ways.
  const flagged = r.asymmetries.filter((a) => a.flagged);
  expect(flagged).toHaveLength(4);
  expect(r.asymmetries.slice(0, 4)).toEqual(flagged);
  // Two or fewer answered in the small groups: every cell they rate is hidden, with no numbers.
  for (const key of small) {
    const rows = r.cells.filter((c) => c.raterGroupId === group(key));
    expect(rows.length, key).toBeGreaterThan(0);
    expect(rows.every((c) => c.suppressed && c.n === null && c.score === null), key).toBe(true);
    expect(r.groups.find((g) => g.groupId === group(key))!.asRater, key).toBeNull();
  }
  // …while they are shown as rated groups by the big ones.
  expect(r.cells.find((c) => c.raterGroupId === group('jobcenter') && c.ratedGroupId === group('bostoette'))).toMatchObject({ suppressed: false, n: 3 });
  // Jens skipped one item about the library: that tie is not counted (complete cases).
  expect(r.excludedTies).toBe(1);
  expect(r.reliability.alpha).not.toBeNull();
  expect(r.settings.anonymityThreshold).toBe(3);
  expect(r.instrument.wordingSource).toBe('sammen');
});

test('autumn: the frontline rates the authorities higher, and every flagged gap is smaller', async () => {
  const spring = await resultsOf('spring');
  const autumn = await resultsOf('autumn');
  expect(autumn.previous).toMatchObject({ waveId: wave('spring'), name: 'Forår 2026' });
  for (const a of authority)
    for (const b of frontline) {
      const before = pairOf(spring, a, b)!;
      const after = pairOf(autumn, a, b)!;
      expect(after.bToA, `${b} → ${a}`).toBeGreaterThan(3.1);
      expect(after.bToA).toBeGreaterThan(before.bToA);
      expect(Math.abs(after.difference)).toBeLessThan(Math.abs(before.difference) - 0.3);
    }
  expect(autumn.index!).toBeGreaterThan(spring.index!);
});

test('winter is open: no results yet; Anne Kjær is invited and has not answered, Thomas Berg has', async () => {
  const eva = await as(app, 'staff', demoId('staff:eva'));
  const res = await eva.get(`/api/coordination/waves/${wave('winter')}/results`);
  expect(res.statusCode).toBe(409);
  expect(res.json()).toMatchObject({ error: { reason: 'waveOpen' } });

  const anne = await as(app, 'staff', demoId('staff:anne'));
  const invitations = (await anne.get('/api/coordination/invitations')).json() as { invitations: InvitationView[] };
  expect(invitations.invitations.map((i) => [i.name, i.group.name])).toEqual([['Vinter 2026', 'Jobcenter Fjordby']]);
  expect((await anne.get(`/api/coordination/waves/${wave('winter')}/form`)).statusCode).toBe(200);
  const thomas = await as(app, 'staff', demoId('staff:thomas'));
  expect(((await thomas.get('/api/coordination/invitations')).json() as { invitations: unknown[] }).invitations).toEqual([]);
  // With Anne's answer the jobcenter reaches three: its row will show when the wave closes.
  const winter = ((await eva.get(`/api/coordination/waves/${wave('winter')}`)).json() as WavesView['waves'][number]);
  expect(winter.groups.find((g) => g.name === 'Jobcenter Fjordby')).toMatchObject({ invited: 4, answered: 2 });
});

test('pulses: Michael’s closed pulse shows Anne its results; Emil’s is open, not answered by Emil, Anne or Birgitte', async () => {
  const anne = await as(app, 'staff', demoId('staff:anne'));
  const michael = (await anne.get(`/api/citizens/${demoId('citizen:michael')}/coordination-pulses`)).json() as CitizenPulsesView;
  expect(michael.pulses).toHaveLength(1);
  const [closed] = michael.pulses;
  expect(closed).toMatchObject({ coordinates: true, answered: 4, mayAnswer: false, citizenAnswered: true });
  expect(closed!.closedAt).not.toBeNull();
  expect(closed!.invited).toBeGreaterThanOrEqual(4);
  // (4+3+3+4)/4 = 3.5; (3+2+2+3)/4 = 2.5; (4+4+3+4)/4 = 3.75
  expect(closed!.results).toEqual({ n: 4, suppressed: false, means: { sharedPicture: 3.5, timelyKnowledge: 2.5, solveTogether: 3.75 }, citizen: 3 });

  const kasper = await as(app, 'staff', demoId('staff:kasper'));
  const emil = (await kasper.get(`/api/citizens/${demoId('citizen:emil')}/coordination-pulses`)).json() as CitizenPulsesView;
  expect(emil.pulses).toHaveLength(1);
  expect(emil.pulses[0]).toMatchObject({ closedAt: null, invited: 3, answered: 1, citizenAnswered: false, coordinates: true, results: null });
  const asAnne = (await anne.get(`/api/citizens/${demoId('citizen:emil')}/coordination-pulses`)).json() as CitizenPulsesView;
  expect(asAnne.pulses[0]).toMatchObject({ mayAnswer: true, coordinates: false });
  const own = await as(app, 'citizen', demoId('citizen:emil'));
  expect(((await own.get('/api/me/coordination-pulse')).json() as { open: unknown }).open).not.toBeNull();
});

test('leaders’ pulse overview: the jobcenter and the family department show, UU (two answers) is hidden', async () => {
  const eva = await as(app, 'staff', demoId('staff:eva'));
  const res = await eva.get('/api/coordination/pulse-aggregates');
  expect(res.statusCode, res.body).toBe(200);
  const view = res.json() as PulseAggregatesView;
  const unit = (name: string) => view.units.find((u) => u.name === name)!;
  expect(unit('Jobcenter Fjordby').staff).toMatchObject({ n: 4, suppressed: false });
  expect(unit('Familieafdelingen').staff).toMatchObject({ n: 3, suppressed: false });
  expect(unit('Ungdommens Uddannelsesvejledning').staff).toMatchObject({ suppressed: true, means: { sharedPicture: null, timelyKnowledge: null, solveTogether: null } });
  // One citizen answer per unit: never shown in the overview.
  expect(view.units.every((u) => u.citizens.suppressed && u.citizens.mean === null)).toBe(true);
  expect(view.total.staff.n).toBe(7);
});
