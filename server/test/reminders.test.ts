import { afterAll, describe, expect, test, vi } from 'vitest';

// Real server processes on a busy 2-core machine: give them time.
vi.setConfig({ testTimeout: 240_000 });
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate, openPglite, query, type Database } from '../src/platform/db.ts';
import { aCitizen, aMunicipality, aStaffMember, aUnit } from '../src/modules/identity/identity.factories.ts';
import { aComplaint, aDecisionType, aRequest } from '../src/modules/decisions/complaints.factories.ts';
import { inDays } from './dates.ts';
import { engine, testDatabase } from './helpers.ts';
import { freePort, HttpClient, isRunning, startServer, type RunningServer } from './processes.ts';

// The case reminders fire once, however many servers run the job, and survive restarts: the job
// is pg-boss's (its schedule and jobs are rows in the database) and a reminder is a row keyed by
// subject, kind and due date, inserted ON CONFLICT DO NOTHING. On PostgreSQL two server processes
// share the database and each asks for the job at start (JOBS_RUN_AT_START, so the test need not
// wait for the quarter of an hour); on the embedded engine one process, started twice.

const running: RunningServer[] = [];
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function start(env: Record<string, string>) {
  const s = await startServer({ ...env, JOBS_RUN_AT_START: 'true', PORT: String(await freePort()) });
  if (!isRunning(s)) throw new Error(s.output);
  running.push(s);
  return s;
}

/** A breached request and a complaint whose personal contact is overdue, straight into the tables. */
async function overdueCases(database: Database) {
  const m = (await aMunicipality(database)).id;
  const unit = await aUnit(database, m, 'adult_disability');
  const caseworker = await aStaffMember(database, m, [[unit.id, 'caseworker']]);
  const citizen = await aCitizen(database, m);
  const typeId = await aDecisionType(database.db, m, unit.id);
  const requestId = await aRequest(database.db, m, { citizenId: citizen.id, typeId, unitId: unit.id, receivedOn: inDays(-60) });
  const complaintId = await aComplaint(database.db, m, { citizenId: citizen.id, unitId: unit.id, receivedOn: inDays(-10) });
  return { m, caseworker, requestId, complaintId };
}

const rowsOf = (database: Database, m: string) =>
  query<{ subject_id: string; kind: string; n: number }>(
    database.db,
    sql`SELECT subject_id::text AS subject_id, kind, count(*)::int AS n FROM case_reminders WHERE municipality_id = ${m} GROUP BY subject_id, kind ORDER BY subject_id, kind`,
  );
const duplicates = (database: Database) =>
  query(database.db, sql`SELECT municipality_id, subject_type, subject_id, kind FROM case_reminders GROUP BY 1, 2, 3, 4 HAVING count(*) > 1`);

async function until(what: () => Promise<boolean>, ms = 120_000) {
  const end = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe.runIf(engine === 'postgres')('the reminders fire once across two server processes', () => {
  test('both servers ask for the job; each deadline has one reminder; the work list shows it', async () => {
    const database = await testDatabase();
    try {
      const c = await overdueCases(database);
      const a = await start({ DATABASE_URL: (database as { url?: string }).url! });
      const b = await start({ DATABASE_URL: (database as { url?: string }).url! });
      // Each asked once at start; wait until both asks and the per-municipality jobs they fanned out are done.
      const pending = async () =>
        (await query<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM pgboss.job WHERE name LIKE 'cases.reminders%' AND state IN ('created', 'retry', 'active')`))[0]!.n;
      const asked = async () => (await query<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'cases.reminders-now'`))[0]!.n;
      await until(async () => (await asked()) >= 2 && (await pending()) === 0 && (await rowsOf(database, c.m)).length >= 2);
      expect(await rowsOf(database, c.m)).toEqual(
        [
          { subject_id: c.requestId, kind: 'requestBreached', n: 1 },
          { subject_id: c.complaintId, kind: 'contactOverdue', n: 1 },
        ].sort((x, y) => x.subject_id.localeCompare(y.subject_id)),
      );
      expect(await duplicates(database)).toEqual([]);
      expect((await query<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM pgboss.job WHERE name LIKE 'cases.reminders%' AND state = 'failed'`))[0]!.n).toBe(0);

      // Asked again through the other server's restart: still one each.
      await b.stop();
      running.splice(running.indexOf(b), 1);
      await start({ DATABASE_URL: (database as { url?: string }).url! });
      await until(async () => (await asked()) >= 3 && (await pending()) === 0);
      expect((await rowsOf(database, c.m)).map((r) => r.n)).toEqual([1, 1]);

      const lars = new HttpClient(a.url);
      expect((await lars.fetch('/api/auth/demo/login', { method: 'POST', body: { kind: 'staff', id: c.caseworker.id } })).status).toBe(200);
      const items = (await (await lars.fetch('/api/case-work')).json()).items as { kind: string; remindedAt: string | null }[];
      expect(items.map((i) => i.kind).sort()).toEqual(['contactOverdue', 'requestBreached']);
      expect(items.every((i) => i.remindedAt !== null)).toBe(true);
    } finally {
      await Promise.all(running.splice(0).map((s) => s.stop()));
      await database.close();
    }
  });
});

describe.runIf(engine === 'pglite')('the reminders on the embedded engine (one server process), across a restart', () => {
  test('the job raises each reminder once; started again, it raises none twice', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sammen-reminders-'));
    dirs.push(dataDir);
    let database = await openPglite(dataDir);
    await migrate(database.db);
    const c = await overdueCases(database);
    await database.close();

    const remindedItems = async (url: string) => {
      const client = new HttpClient(url);
      expect((await client.fetch('/api/auth/demo/login', { method: 'POST', body: { kind: 'staff', id: c.caseworker.id } })).status).toBe(200);
      let items: { kind: string; remindedAt: string | null }[] = [];
      await until(async () => {
        items = (await (await client.fetch('/api/case-work')).json()).items;
        return items.length === 2 && items.every((i) => i.remindedAt !== null);
      });
      return items;
    };
    for (let round = 0; round < 2; round++) {
      const one = await start({ DATA_DIR: dataDir });
      expect((await remindedItems(one.url)).map((i) => i.kind).sort()).toEqual(['contactOverdue', 'requestBreached']);
      await one.stop();
      running.splice(running.indexOf(one), 1);
    }
    database = await openPglite(dataDir);
    try {
      expect((await rowsOf(database, c.m)).map((r) => `${r.kind} ${r.n}`).sort()).toEqual(['contactOverdue 1', 'requestBreached 1']);
      expect(await duplicates(database)).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
