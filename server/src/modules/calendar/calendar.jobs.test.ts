import { afterAll, beforeAll, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { query, type Database } from '../../platform/db.ts';
import { startJobs } from '../../platform/jobs.ts';
import { collisionSweep } from './calendar.sweep.ts';
import { engine, testConfig, testDatabase } from '../../../test/helpers.ts';
import { aCitizen, aMunicipality, aUnit } from '../identity/identity.factories.ts';

// The background job runs the sweep: a collision made outside the calendar module's writes (an
// import straight into the table) is found by the job — pg-boss, on either engine.

let database: Database & { url?: string };
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(async () => {
  await database?.close();
});

test(`the sweep job finds a collision made elsewhere (${engine})`, async () => {
  const m = await aMunicipality(database);
  const unit = await aUnit(database, m.id, 'jobcenter');
  const citizen = await aCitizen(database, m.id);
  await query(
    database.db,
    sql`INSERT INTO appointments (municipality_id, citizen_id, unit_id, title, starts_at, ends_at)
        SELECT ${m.id}, ${citizen.id}, ${unit.id}, 'Importeret', now() + interval '2 days', now() + interval '2 days 1 hour' FROM generate_series(1, 2) RETURNING id`,
  );
  const jobs = await startJobs(database, testConfig(database.url ? { DATABASE_URL: database.url } : {}), { error: () => {} }, [collisionSweep]);
  try {
    expect(jobs.engine).toBe(engine === 'postgres' ? 'pg-boss' : 'pg-boss (embedded)');
    await jobs.sweepCitizens(m.id, [citizen.id]);
    const found = async () => (await query<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM collisions WHERE citizen_id = ${citizen.id} AND status = 'open'`))[0]!.n;
    const until = Date.now() + 20_000;
    while ((await found()) === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    expect(await found()).toBe(1);
  } finally {
    await jobs.stop(2_000);
  }
}, 40_000);
