import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { PlanView } from '@sammen/domain/plans';
import { query, type Database } from '../platform/db.ts';
import { as, testApp, testConfig, testDatabase } from '../../test/helpers.ts';
import type { ModuleSeed } from '../platform/seed.ts';
import { demoId, orderSeeds, seedDemo } from './seed.ts';
import { verifyMunicipality, sealMunicipality } from '../modules/audit/audit.service.ts';

// The demo municipality plays the scenarios of shared/SCENARIOS.md.

let database: Database;
let app: FastifyInstance;

beforeAll(async () => {
  database = await testDatabase();
  expect(await seedDemo(database.db, testConfig())).toBe(true);
  app = await testApp(database);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('the demo municipality', () => {
  test('seeding twice changes nothing', async () => {
    expect(await seedDemo(database.db, testConfig())).toBe(false);
  });

  test('scenario 3: Sara reads her own plan, the job goal depends on the home goal, the exemption is linked to it', async () => {
    const sara = await as(app, 'citizen', demoId('citizen:sara'));
    const res = await sara.get('/api/me/plan');
    expect(res.statusCode, res.body).toBe(200);
    const plan = res.json() as PlanView;
    const home = plan.goals.find((g) => g.wording.startsWith('Faste rutiner'))!;
    const job = plan.goals.find((g) => g.wording.startsWith('Komme i gang med jobtræning'))!;
    expect(job.dependsOn).toContain(home.id);
    expect(home.wordingAuthor.kind).toBe('citizen');
    const exemption = plan.efforts.find((e) => e.kind === 'exemption')!;
    expect(exemption).toMatchObject({ title: 'Fritaget for beskæftigelsespligt', goalIds: [home.id], endsOn: '2026-05-31' });
    const housing = plan.efforts.find((e) => e.title === 'Bostøtte')!;
    expect(housing.supportLevels.map((l) => l.level)).toEqual(['Pakke 2', 'Pakke 3', 'Pakke 5']);
    expect(new Set(plan.efforts.map((e) => e.unit.name)).size).toBeGreaterThanOrEqual(4);
  });

  test('scenario 1: Michael’s plan has efforts from five people in four units, coordinated by the jobcenter', async () => {
    const anne = await as(app, 'staff', demoId('staff:anne'));
    const res = await anne.get(`/api/citizens/${demoId('citizen:michael')}/plan`);
    expect(res.statusCode, res.body).toBe(200);
    const plan = res.json() as PlanView;
    expect(plan.coordinator.name).toBe('Anne Kjær');
    expect(new Set(plan.efforts.map((e) => e.responsible?.name)).size).toBe(5);
    expect(plan.goals.find((g) => g.wording.startsWith('Komme tilbage i arbejde'))!.waiting).toBe(true);
  });

  test('the coordinator’s work list has plans and a follow-up due', async () => {
    const mette = await as(app, 'staff', demoId('staff:mette'));
    const work = (await mette.get('/api/worklist')).json();
    expect(work.myPlans.map((p: { citizenName: string }) => p.citizenName)).toContain('Sara Nielsen');
    expect(work.followUpsDue.length).toBeGreaterThan(0);
  });

  test('a unit without involvement sees nothing of Sara’s plan', async () => {
    const librarian = await as(app, 'staff', demoId('staff:peter'));
    expect((await librarian.get(`/api/plans/${demoId('plan:sara')}`)).statusCode).toBe(404);
  });

  test('the seed’s audit chain seals and verifies: every event of the municipality, the seeding one included, once', async () => {
    const m = demoId('municipality');
    const [all] = await query<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM audit_events WHERE municipality_id = ${m}`);
    // An event is final only when every older transaction on the server has ended: on a shared
    // test server another test file can hold that back for a moment, so seal until all are in.
    let sealed = await sealMunicipality(database.db, m);
    for (const end = Date.now() + 20_000; sealed < all!.n && Date.now() < end; ) {
      await new Promise((r) => setTimeout(r, 50));
      sealed += await sealMunicipality(database.db, m);
    }
    expect(sealed).toBe(all!.n);
    expect(await verifyMunicipality(database.db, m)).toMatchObject({ ok: true, sealed: all!.n, unsealed: 0 });
    const seeding = await query(
      database.db,
      sql`SELECT s.seq FROM audit_seals s JOIN audit_events e ON e.municipality_id = s.municipality_id AND e.id = s.event_id
          WHERE s.municipality_id = ${m} AND e.action = 'municipality.seeded'`,
    );
    expect(seeding).toHaveLength(1);
    expect(await sealMunicipality(database.db, m)).toBe(0);
  });
});

describe('the demo consents (scenario 3)', () => {
  test('the jobcenter and psychiatry see what Sara’s consent names; housing support only its own effort', async () => {
    const plan = (client: Awaited<ReturnType<typeof as>>) => client.get(`/api/plans/${demoId('plan:sara')}`).then((r) => r.json() as PlanView);
    const job = await plan(await as(app, 'staff', demoId('staff:anne')));
    expect(job.goals.length).toBeGreaterThan(0);
    expect(job.lifeStory).toBeNull();
    const psych = await plan(await as(app, 'staff', demoId('staff:nadia')));
    expect(psych.lifeStory).not.toBeNull();
    const housing = await plan(await as(app, 'staff', demoId('staff:camilla')));
    expect(housing.goals).toEqual([]);
    expect(housing.efforts.map((e) => e.title)).toEqual(['Bostøtte']);
  });

  test('Sara sees her consents in every state and who looked', async () => {
    const sara = await as(app, 'citizen', demoId('citizen:sara'));
    const states = (await sara.get('/api/me/consents')).json().consents.map((c: { state: string }) => c.state).sort();
    expect(states).toEqual(['active', 'active', 'expired', 'revoked']);
    expect((await sara.get('/api/me/access-log')).json().entries.length).toBeGreaterThan(10);
  });
});

describe('the seed runner', () => {
  const seed = (name: string, ...after: string[]): ModuleSeed => ({ name, after, run: async () => {} });
  const names = (seeds: ModuleSeed[]) => seeds.map((s) => s.name);

  test('runs each seed after the ones it names, otherwise in the order given', () => {
    expect(names(orderSeeds([seed('consent', 'identity', 'plans'), seed('plans', 'identity'), seed('identity'), seed('audit')]))).toEqual([
      'identity',
      'plans',
      'consent',
      'audit',
    ]);
  });

  test('a seed that runs after a module without a seed is refused, by name', () => {
    expect(() => orderSeeds([seed('identity'), seed('plans', 'identity', 'decisions')])).toThrow(/'plans' runs after 'decisions'/);
  });

  test('seeds that wait for each other are refused, naming the circle', () => {
    expect(() => orderSeeds([seed('identity'), seed('plans', 'consent'), seed('consent', 'plans')])).toThrow(/plans → consent → plans/);
  });

  test('two seeds with one name are refused', () => {
    expect(() => orderSeeds([seed('identity'), seed('identity')])).toThrow(/'identity'/);
  });
});
