import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { migrate, openPglite, openPostgres, query, type Database } from '../../platform/db.ts';
import { repoRoot } from '../../platform/config.ts';
import { seedDemo } from '../../db/seed.ts';
import { engine, testConfig, testDatabase } from '../../../test/helpers.ts';
import { aMunicipality } from '../identity/identity.factories.ts';
import { sealMunicipality, verifyMunicipality } from './audit.service.ts';
import { insertAuditEvent } from './audit.repository.ts';

let database: Database & { url?: string };

beforeAll(async () => {
  database = await testDatabase();
});
afterAll(async () => {
  await database?.close();
});

/**
 * Seals until `expected` rows are sealed. Rows become final only when every older transaction
 * on the server has ended — on a shared test server another test file's transaction can hold
 * that back for a moment (docs/decisions/0002-audit-chain.md).
 */
async function sealUntil(municipalityId: string, expected: number, timeoutMs = 20_000) {
  let total = 0;
  const end = Date.now() + timeoutMs;
  for (;;) {
    total += await sealMunicipality(database.db, municipalityId);
    if (total >= expected || Date.now() > end) return total;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function someEvents(municipalityId: string, n: number) {
  for (let i = 0; i < n; i++) {
    await insertAuditEvent(database.db, { municipalityId, actorKind: 'system', kind: 'write', action: `test.${i}`, details: { i } });
  }
}

const eventIds = async (municipalityId: string) =>
  (await query<{ id: number }>(database.db, sql`SELECT id FROM audit_events WHERE municipality_id = ${municipalityId} ORDER BY id`)).map((r) => Number(r.id));

/** What an attacker with superuser rights can do: switch the guard triggers off for one change. */
async function asSuperuserBypassingTheGuard(statement: ReturnType<typeof sql>) {
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    await tx.execute(statement);
  });
}

describe('the audit log is append-only', () => {
  test('UPDATE, DELETE and TRUNCATE are refused by the database', async () => {
    const m = await aMunicipality(database);
    await someEvents(m.id, 1);
    await expect(database.db.execute(sql`UPDATE audit_events SET action = 'x' WHERE municipality_id = ${m.id}`)).rejects.toThrow();
    await expect(database.db.execute(sql`DELETE FROM audit_events WHERE municipality_id = ${m.id}`)).rejects.toThrow();
    await expect(database.db.execute(sql`TRUNCATE audit_events`)).rejects.toThrow();
    expect(await sealUntil(m.id, 1)).toBe(1);
    await expect(database.db.execute(sql`DELETE FROM audit_seals WHERE municipality_id = ${m.id}`)).rejects.toThrow();
    expect(await eventIds(m.id)).toHaveLength(1);
  });
});

describe('the hash chain', () => {
  test('sealing covers every final row once; an untouched chain verifies', async () => {
    const m = await aMunicipality(database);
    await someEvents(m.id, 5);
    expect((await verifyMunicipality(database.db, m.id)).unsealed).toBe(5);
    expect(await sealUntil(m.id, 5)).toBe(5);
    await someEvents(m.id, 2);
    expect(await sealUntil(m.id, 2)).toBe(2);
    expect(await sealMunicipality(database.db, m.id)).toBe(0);
    expect(await verifyMunicipality(database.db, m.id)).toMatchObject({ ok: true, sealed: 7, unsealed: 0 });
  });

  test('chains are per municipality', async () => {
    const a = await aMunicipality(database);
    const b = await aMunicipality(database);
    await someEvents(a.id, 3);
    await someEvents(b.id, 2);
    await sealUntil(a.id, 3);
    expect(await verifyMunicipality(database.db, a.id)).toMatchObject({ ok: true, sealed: 3 });
    expect(await verifyMunicipality(database.db, b.id)).toMatchObject({ ok: true, sealed: 0, unsealed: 2 });
  });

  test('a changed row is named', async () => {
    const m = await aMunicipality(database);
    await someEvents(m.id, 4);
    await sealUntil(m.id, 4);
    const third = (await eventIds(m.id))[2]!;
    await asSuperuserBypassingTheGuard(sql`UPDATE audit_events SET purpose = 'skjult' WHERE municipality_id = ${m.id} AND id = ${third}`);
    const report = await verifyMunicipality(database.db, m.id);
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({ seq: 3, eventId: String(third), reason: expect.stringMatching(/changed/) });
    expect(report.sealed).toBe(2);
  });

  test('a deleted row is named', async () => {
    const m = await aMunicipality(database);
    await someEvents(m.id, 3);
    await sealUntil(m.id, 3);
    const second = (await eventIds(m.id))[1]!;
    await asSuperuserBypassingTheGuard(sql`DELETE FROM audit_events WHERE municipality_id = ${m.id} AND id = ${second}`);
    expect((await verifyMunicipality(database.db, m.id)).firstBroken).toMatchObject({ eventId: String(second), reason: expect.stringMatching(/deleted/) });
  });

  test('a removed seal and a reordering are detected', async () => {
    const m = await aMunicipality(database);
    await someEvents(m.id, 4);
    await sealUntil(m.id, 4);
    await asSuperuserBypassingTheGuard(sql`DELETE FROM audit_seals WHERE municipality_id = ${m.id} AND seq = 2`);
    expect((await verifyMunicipality(database.db, m.id)).firstBroken?.reason).toMatch(/missing/);

    const n = await aMunicipality(database);
    await someEvents(n.id, 3);
    await sealUntil(n.id, 3);
    // Swap seals 1 and 2: the order of history is rewritten.
    await asSuperuserBypassingTheGuard(sql`UPDATE audit_seals SET seq = -1 WHERE municipality_id = ${n.id} AND seq = 1`);
    await asSuperuserBypassingTheGuard(sql`UPDATE audit_seals SET seq = 1 WHERE municipality_id = ${n.id} AND seq = 2`);
    await asSuperuserBypassingTheGuard(sql`UPDATE audit_seals SET seq = 2 WHERE municipality_id = ${n.id} AND seq = -1`);
    expect((await verifyMunicipality(database.db, n.id)).ok).toBe(false);
  });

  test.runIf(engine === 'postgres')('a transaction that commits late cannot slip behind the sealed chain', async () => {
    const m = await aMunicipality(database);
    const second = await openPostgres(database.url!, { max: 1 });
    let releaseSlow!: () => void;
    const slowMayCommit = new Promise<void>((r) => (releaseSlow = r));
    let slowInserted!: () => void;
    const slowHasInserted = new Promise<void>((r) => (slowInserted = r));
    const slow = second.db.transaction(async (tx) => {
      await insertAuditEvent(tx, { municipalityId: m.id, actorKind: 'system', kind: 'write', action: 'slow' });
      slowInserted();
      await slowMayCommit;
    });
    await slowHasInserted;
    await someEvents(m.id, 2); // committed while the slow transaction is still open
    expect(await sealMunicipality(database.db, m.id)).toBe(0); // nothing is final yet: the slow one may still land before them
    releaseSlow();
    await slow;
    expect(await sealUntil(m.id, 3)).toBe(3);
    const order = await query<{ action: string }>(
      database.db,
      sql`SELECT e.action FROM audit_seals s JOIN audit_events e ON e.municipality_id = s.municipality_id AND e.id = s.event_id WHERE s.municipality_id = ${m.id} ORDER BY s.seq`,
    );
    expect(order.map((r) => r.action)).toEqual(['slow', 'test.0', 'test.1']);
    expect((await verifyMunicipality(database.db, m.id)).ok).toBe(true);
    await second.close();
  });
});

describe('npm run audit:verify', () => {
  const run = promisify(execFile);
  const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');
  const cli = path.join(repoRoot, 'server/src/modules/audit/verify-cli.ts');

  test('reports ok on the untouched seed, and names the row after a manual UPDATE', async () => {
    let env: Record<string, string>;
    let dir: string | undefined;
    let db: Database & { url?: string };
    if (engine === 'postgres') {
      db = await testDatabase(); // its own: the CLI checks every municipality in the database
      env = { DATABASE_URL: db.url! };
    } else {
      dir = mkdtempSync(path.join(tmpdir(), 'sammen-verify-'));
      db = await openPglite(dir);
      await migrate(db.db);
      env = { DATA_DIR: dir };
    }
    await seedDemo(db.db, testConfig());
    if (engine === 'pglite') await db.close();
    const verify = () => run(tsx, [cli, '--seal'], { cwd: repoRoot, env: { ...process.env, ...env, DATABASE_URL: env.DATABASE_URL ?? '' } }).then(
      (r) => ({ code: 0, out: r.stdout }),
      (e) => ({ code: e.code as number, out: `${e.stdout}${e.stderr}` }),
    );
    const good = await verify();
    expect(good.out).toMatch(/ok\s+Fjordby Kommune: \d+ rows sealed and intact/);
    expect(good.code).toBe(0);

    if (engine === 'pglite') db = await openPglite(dir);
    const [row] = await query<{ id: number }>(db.db, sql`SELECT e.id FROM audit_events e JOIN municipalities m ON m.id = e.municipality_id WHERE m.code = '998' ORDER BY e.id LIMIT 1`);
    await db.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL session_replication_role = replica`);
      await tx.execute(sql`UPDATE audit_events SET action = 'nothing.happened' WHERE id = ${row!.id}`);
    });
    if (engine === 'pglite') await db.close();
    const bad = await verify();
    expect(bad.code).toBe(1);
    expect(bad.out).toContain(`first broken row is audit event ${row!.id}`);
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (engine === 'postgres') await db.close();
  }, 120_000); // two CLI processes and a seed: slow on a busy 2-core machine
});
