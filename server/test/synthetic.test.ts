import { afterAll, beforeAll, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { query } from '../src/platform/db.ts';
import { loadSynthetic, SYNTHETIC_MUNICIPALITY_CODE } from '../src/db/synthetic.ts';
import { sealMunicipality, verifyMunicipality } from '../src/modules/audit/audit.service.ts';
import { as, testApp, testConfig, testDatabase } from './helpers.ts';

// The synthetic municipality of the load tests (npm run seed:synthetic), at a tiny size:
// it loads, the API reads its plans, and its access log is sealed into an intact chain.

let database: Awaited<ReturnType<typeof testDatabase>>;
let app: Awaited<ReturnType<typeof testApp>>;
let report: Awaited<ReturnType<typeof loadSynthetic>>;

beforeAll(async () => {
  database = await testDatabase();
  report = await loadSynthetic(database.db, testConfig(), { citizens: 50, auditPerCitizen: 20, deepRows: 200, seal: (m) => sealMunicipality(database.db, m) });
  app = await testApp(database);
}, 120_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

test('loads 50 citizens with plans, their history and a sealed access log', async () => {
  expect(report.counts).toMatchObject({ citizens: 50, plans: 50, audit_events: 1000, audit_seals: 1000 });
  expect(report.counts.goals).toBeGreaterThan(50);
  // Twenty future appointments per plan, and one deep calendar of 500 (synthetic-calendar.ts).
  expect(report.counts.appointments).toBe(49 * 20 + 500);
  expect(report.counts.plan_changes).toBeGreaterThan(report.counts.goals!);
  const chain = await verifyMunicipality(database.db, report.municipalityId);
  expect(chain).toMatchObject({ ok: true, sealed: 1000, unsealed: 0 });
  await expect(loadSynthetic(database.db, testConfig(), { citizens: 1 })).rejects.toThrow(/already loaded/);
});

test('the API reads a generated plan for its coordinator and for its citizen', async () => {
  const [plan] = await query<{ id: string; citizen_id: string; coordinator_id: string; version: number; goals: number }>(
    database.db,
    sql`SELECT p.id::text AS id, p.citizen_id::text AS citizen_id, p.coordinator_id::text AS coordinator_id, p.version,
          (SELECT count(*) FROM goals g WHERE g.plan_id = p.id) AS goals
        FROM plans p JOIN municipalities m ON m.id = p.municipality_id WHERE m.code = ${SYNTHETIC_MUNICIPALITY_CODE} ORDER BY p.id LIMIT 1`,
  );
  const staff = await as(app, 'staff', plan!.coordinator_id);
  const res = await staff.get(`/api/plans/${plan!.id}`);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json()).toMatchObject({ id: plan!.id, version: plan!.version });
  expect(res.json().goals).toHaveLength(Number(plan!.goals));

  const citizen = await as(app, 'citizen', plan!.citizen_id);
  const own = await citizen.get('/api/me/plan');
  expect(own.statusCode, own.body).toBe(200);
  expect(own.json().id).toBe(plan!.id);
  const log = await citizen.get('/api/me/access-log?limit=5');
  expect(log.statusCode, log.body).toBe(200);
});
