import { afterAll, beforeAll, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { query, type Database } from '../../platform/db.ts';
import { seedDemo } from '../../db/seed.ts';
import { testConfig, testDatabase } from '../../../test/helpers.ts';

// Issue 11, point 8: the seeded history showed version 16 twice and versions out of date order.

let database: Database & { url?: string };

beforeAll(async () => {
  database = await testDatabase();
  await seedDemo(database.db, testConfig());
}, 120_000);
afterAll(async () => {
  await database?.close();
});

test('every seeded plan’s history has one version per change, increasing with time, up to the plan’s version', async () => {
  const rows = await query<{ plan_id: string; version: number; at: Date; plan_version: number }>(
    database.db,
    sql`SELECT ch.plan_id::text, ch.version, ch.at, p.version AS plan_version FROM plan_changes ch
        JOIN plans p ON p.municipality_id = ch.municipality_id AND p.id = ch.plan_id ORDER BY ch.plan_id, ch.at, ch.id`,
  );
  expect(rows.length).toBeGreaterThan(10);
  const byPlan = new Map<string, typeof rows>();
  for (const r of rows) byPlan.set(r.plan_id, [...(byPlan.get(r.plan_id) ?? []), r]);
  for (const history of byPlan.values()) {
    const versions = history.map((r) => Number(r.version));
    expect(versions).toEqual(versions.map((_, i) => i + 1));
    const times = history.map((r) => new Date(r.at).getTime());
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1]!);
    expect(Number(history[0]!.plan_version)).toBe(versions.at(-1));
  }
});
