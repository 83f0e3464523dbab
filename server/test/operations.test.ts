import { afterAll, describe, expect, test, vi } from 'vitest';

// Server processes, CLIs and a restore: slow on a busy 2-core machine.
vi.setConfig({ testTimeout: 120_000 });
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { engine, as, testApp, testConfig, testDatabase } from './helpers.ts';
import { freePort, HttpClient, isRunning, nodeCommand, signalAndWait, startServer, type RunningServer } from './processes.ts';
import { repoRoot } from '../src/platform/config.ts';
import { openPglite, openPostgres, query, type Database } from '../src/platform/db.ts';
import { demoId, seedDemo } from '../src/db/seed.ts';
import { sealAll, verifyAll } from '../src/modules/audit/audit.service.ts';

// Running Sammen for real (README, "Running it for real"): stopping on a signal, the CLIs on a
// database that is not there, DATA_DIR relative to where npm runs, backup and restore.

const running: RunningServer[] = [];
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'sammen-ops-'));
  dirs.push(d);
  return d;
};
afterAll(async () => {
  await Promise.all(running.map((s) => s.stop()));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function started(env: Record<string, string>, options?: Parameters<typeof startServer>[1]) {
  const res = await startServer({ PORT: String(await freePort()), LOGIN_RATE_LIMIT_PER_MINUTE: '1000', ...env }, options);
  if (!isRunning(res)) throw new Error(`the server did not start:\n${res.output}`);
  running.push(res);
  return res;
}

const lockFile = (dataDir: string) => path.join(dataDir, 'sammen.lock');

/** Runs a command to its end: exit code, stdout and stderr. */
function run(command: string, args: string[], env: Record<string, string>, cwd = repoRoot) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(command, args, { cwd, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, timeout: 90_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? -1) : 0, stdout, stderr }),
    );
  });
}
const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');
const cli = (file: string, args: string[], env: Record<string, string>) => run(tsx, [path.join(repoRoot, 'server/src', file), ...args], env);

describe('stopping on SIGTERM', () => {
  test(`node --import tsx server/src/main.ts on ${engine}: a request in flight finishes, exit 0 within 10 s, the lock is released, and the next start works`, async () => {
    const dataDir = path.join(tempDir(), 'data');
    const database = engine === 'postgres' ? await testDatabase() : undefined;
    const env: Record<string, string> = database ? { DATABASE_URL: database.url! } : { DATA_DIR: dataDir };
    const embedded = !database;
    const server = await started(env, { command: nodeCommand() });
    if (embedded) expect(existsSync(lockFile(dataDir))).toBe(true);
    const anne = new HttpClient(server.url);
    expect((await anne.fetch('/api/auth/demo/login', { method: 'POST', body: { kind: 'staff', id: demoId('staff:anne') } })).status).toBe(200);
    const planPath = `/api/plans/${demoId('plan:michael')}`;
    const { version } = await (await anne.fetch(planPath)).json();

    // A write whose headers have reached the server but whose body has not: in flight when the signal comes.
    const body = JSON.stringify({ baseVersion: version, wishes: 'Skrevet mens serveren stoppede.' });
    const agent = new http.Agent({ keepAlive: true }); // as a browser: the connection stays open after the answer
    const inFlight = http.request(`${server.url}${planPath}`, {
      method: 'PATCH',
      agent,
      headers: {
        cookie: [...anne.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'x-csrf-token': anne.csrf!,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      },
    });
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      inFlight.on('response', (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      });
      inFlight.on('error', reject);
    });
    inFlight.flushHeaders();
    await new Promise((r) => setTimeout(r, 300));

    const exited = signalAndWait(server.proc, 'SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    // Stopping: no new connections are taken...
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
    // ...and the request in flight is answered.
    inFlight.end(body);
    const res = await answer;
    expect(res.status, res.body).toBe(200);
    const stop = await exited;
    agent.destroy();
    expect(stop, server.output()).toMatchObject({ code: 0, signal: null });
    expect(stop.ms).toBeLessThan(10_000);
    console.log(`SIGTERM with a request in flight: stopped in ${Math.round(stop.ms)} ms`);
    expect(server.output()).toMatch(/Sammen stopped/);
    expect(existsSync(lockFile(dataDir))).toBe(false);

    const again = await started(env, { command: nodeCommand() });
    const anneAgain = new HttpClient(again.url);
    await anneAgain.fetch('/api/auth/demo/login', { method: 'POST', body: { kind: 'staff', id: demoId('staff:anne') } });
    const plan = await (await anneAgain.fetch(planPath)).json();
    expect(plan).toMatchObject({ version: version + 1, wishes: { text: 'Skrevet mens serveren stoppede.' } });
    const quick = await signalAndWait(again.proc, 'SIGINT');
    expect(quick).toMatchObject({ code: 0, signal: null });
    expect(existsSync(lockFile(dataDir))).toBe(false);
    await database?.close();
  });

  test.runIf(engine === 'pglite')('npm run start -w server, run from another folder with a relative DATA_DIR: npm passes SIGTERM on, exit 0, the data folder is where npm ran', async () => {
    const where = tempDir();
    // --prefix: npm runs the repository's script from `where`, which npm passes on as INIT_CWD.
    const server = await started({ DATA_DIR: 'relative-data' }, { command: ['npm', '--prefix', repoRoot, 'run', 'start', '-w', 'server'], cwd: where });
    const dataDir = path.join(where, 'relative-data');
    expect(server.output()).toContain(`embedded database in ${dataDir}`);
    expect(existsSync(lockFile(dataDir))).toBe(true);
    expect((await fetch(`${server.url}/api/ready`)).status).toBe(200);
    const stop = await signalAndWait(server.proc, 'SIGTERM');
    expect(stop, server.output()).toMatchObject({ code: 0, signal: null });
    expect(stop.ms).toBeLessThan(10_000);
    expect(existsSync(lockFile(dataDir))).toBe(false);
    // Nothing is left behind listening.
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
  });
});

describe('the CLIs on a database that is not there', () => {
  const clis: [string, string, string[]][] = [
    ['npm run audit:verify', 'modules/audit/verify-cli.ts', []],
    ['npm run seed', 'db/seed-cli.ts', []],
    ['npm run seed:synthetic', 'db/synthetic-cli.ts', ['--citizens', '5']],
    ['npm run backup', 'db/backup-cli.ts', ['backup.tar.gz']],
  ];

  test.runIf(engine === 'pglite').each(clis)('%s on a DATA_DIR that does not exist: one line, exit code 2, nothing created', async (_, file, args) => {
    const dataDir = path.join(tempDir(), 'missing');
    const res = await cli(file, args, { DATA_DIR: dataDir });
    expect(res.code).toBe(2);
    expect(res.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^No Sammen database in ${dataDir} \\(the folder does not exist\\)`))]);
    expect(existsSync(dataDir)).toBe(false);
  });

  test.runIf(engine === 'pglite')('npm run audit:verify on an empty folder: one line, exit 2, the folder stays empty', async () => {
    const dataDir = tempDir();
    const res = await cli('modules/audit/verify-cli.ts', [], { DATA_DIR: dataDir });
    expect(res.code).toBe(2);
    expect(res.stderr.trim()).toMatch(/^No Sammen database in .* \(the folder has no database in it\)\. Check DATA_DIR; start the server once/);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  test.runIf(engine === 'pglite')('through npm from another folder: a relative DATA_DIR is resolved from there, our line is in the output', async () => {
    const where = tempDir();
    const res = await run('npm', ['--prefix', repoRoot, 'run', 'audit:verify'], { DATA_DIR: 'nothing-here' }, where);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain(`No Sammen database in ${path.join(where, 'nothing-here')} (the folder does not exist)`);
    expect(readdirSync(where)).toEqual([]);
  });

  test.runIf(engine === 'postgres')('on a PostgreSQL database that does not exist, or is not migrated: one line, exit 2, no tables created', async () => {
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/sammen_ops_missing_${process.pid}`;
    const missing = await cli('modules/audit/verify-cli.ts', [], { DATABASE_URL: url.href });
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toEqual([expect.stringMatching(/Cannot connect to the PostgreSQL server in DATABASE_URL: database ".*" does not exist/)]);

    const name = `sammen_ops_empty_${process.pid}`;
    const admin = await openPostgres(process.env.DATABASE_URL!, { max: 1 });
    await admin.db.execute(sql.raw(`CREATE DATABASE ${name}`));
    url.pathname = `/${name}`;
    try {
      for (const [file, args] of [['modules/audit/verify-cli.ts', []], ['db/seed-cli.ts', []], ['db/synthetic-cli.ts', ['--citizens', '5']]] as const) {
        const res = await cli(file, [...args], { DATABASE_URL: url.href });
        expect(res.code, file).toBe(2);
        expect(res.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^The PostgreSQL database in DATABASE_URL has no Sammen tables \(not migrated\)\. Start the server once \(npm start\) to migrate it/)]);
      }
      const empty = await openPostgres(url.href, { max: 1 });
      const tables = await query<{ n: number }>(empty.db, sql`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`);
      await empty.close();
      expect(tables[0]!.n).toBe(0);
    } finally {
      await admin.db.execute(sql.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      await admin.close();
    }
  });
});

/** Rows and an md5 over every row's text, per table: what must survive a backup and restore unchanged. */
async function fingerprint(database: Database) {
  const tables = await query<{ name: string }>(database.db, sql`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
  const result: Record<string, { rows: number; md5: string | null }> = {};
  for (const { name } of tables) {
    const t = sql.identifier(name);
    const [row] = await query<{ rows: number; md5: string | null }>(
      database.db,
      sql`SELECT count(*)::int AS rows, md5(string_agg(x::text, E'\n' ORDER BY x::text)) AS md5 FROM ${t} x`,
    );
    result[name] = row!;
  }
  return result;
}

/** The restored database serves the demo plans: the coordinator reads Michael's plan through the app. */
async function servesThePlans(database: Database) {
  const app = await testApp(database);
  try {
    const anne = await as(app, 'staff', demoId('staff:anne'));
    const res = await anne.get(`/api/plans/${demoId('plan:michael')}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ citizen: { name: expect.any(String) }, goals: expect.arrayContaining([expect.anything()]) });
  } finally {
    await app.close();
  }
}

describe('backup and restore', () => {
  test.runIf(engine === 'pglite')('embedded: npm run backup with the server stopped, npm run restore into a new DATA_DIR: same rows and checksums, the chain verifies, the plans are served', async () => {
    const root = tempDir();
    const dataDir = path.join(root, 'data');
    // npm run seed -- --migrate creates and seeds a new embedded database on purpose.
    const seeded = await cli('db/seed-cli.ts', ['--migrate'], { DATA_DIR: dataDir });
    expect(seeded, seeded.stderr).toMatchObject({ code: 0, stdout: expect.stringMatching(/Seeded the demo municipality/) });
    expect(existsSync(lockFile(dataDir))).toBe(false);
    const original = await openPglite(dataDir);
    await sealAll(original.db);
    const before = await fingerprint(original);
    await original.close();
    expect(before.plans!.rows).toBeGreaterThan(0);
    expect(before.audit_seals!.rows).toBeGreaterThan(0);

    // Refused while a server holds the folder (a lock file with a live pid: this test process).
    writeFileSync(lockFile(dataDir), String(process.pid));
    const refused = await cli('db/backup-cli.ts', ['backup.tar.gz'], { DATA_DIR: dataDir, INIT_CWD: root });
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toEqual([expect.stringMatching(/is in use by a running Sammen server \(pid \d+\)\. Stop it first/)]);
    expect(existsSync(path.join(root, 'backup.tar.gz'))).toBe(false);
    rmSync(lockFile(dataDir));

    const backup = await cli('db/backup-cli.ts', ['backup.tar.gz'], { DATA_DIR: dataDir, INIT_CWD: root });
    expect(backup, backup.stderr).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Backed up .* to .*backup\.tar\.gz/) });
    expect(existsSync(path.join(root, 'backup.tar.gz'))).toBe(true);
    expect(existsSync(lockFile(dataDir))).toBe(false);

    const restoredDir = path.join(root, 'restored');
    const restore = await cli('db/restore-cli.ts', ['backup.tar.gz'], { DATA_DIR: restoredDir, INIT_CWD: root });
    expect(restore, restore.stderr).toMatchObject({ code: 0, stdout: expect.stringMatching(/ok\s+Fjordby Kommune: audit chain of \d+ sealed rows intact/) });
    const overwrite = await cli('db/restore-cli.ts', ['backup.tar.gz'], { DATA_DIR: restoredDir, INIT_CWD: root });
    expect(overwrite.code).toBe(2);
    expect(overwrite.stderr.trim()).toMatch(/already holds a database; nothing was changed/);
    const elsewhere = path.join(root, 'not-a-backup');
    mkdirSync(elsewhere);
    writeFileSync(path.join(root, 'junk.tar.gz'), 'not a tarball');
    const junk = await cli('db/restore-cli.ts', ['junk.tar.gz'], { DATA_DIR: path.join(elsewhere, 'data'), INIT_CWD: root });
    expect(junk.code).toBe(2);
    expect(junk.stderr.trim().split('\n')).toHaveLength(1);
    expect(readdirSync(elsewhere)).toEqual([]);

    const restored = await openPglite(restoredDir);
    try {
      expect(await fingerprint(restored)).toEqual(before);
      expect((await verifyAll(restored.db)).every((r) => r.ok && r.unsealed === 0)).toBe(true);
      await servesThePlans(restored);
    } finally {
      await restored.close();
    }
  });

  const pgDump = spawnSync('pg_dump', ['--version']).status === 0;
  test.runIf(engine === 'postgres' && pgDump)('PostgreSQL server: pg_dump -Fc and pg_restore into a new database, as README says: same rows and checksums, the chain verifies, the plans are served', async () => {
    const source = await testDatabase();
    const name = `sammen_ops_restored_${process.pid}`;
    const admin = await openPostgres(process.env.DATABASE_URL!, { max: 1 });
    const target = new URL(process.env.DATABASE_URL!);
    target.pathname = `/${name}`;
    try {
      await seedDemo(source.db, testConfig());
      await sealAll(source.db);
      const before = await fingerprint(source);
      const file = path.join(tempDir(), 'sammen.dump');
      const dump = await run('pg_dump', ['-Fc', '-f', file, source.url!], {});
      expect(dump, dump.stderr).toMatchObject({ code: 0 });
      await admin.db.execute(sql.raw(`CREATE DATABASE ${name}`));
      const restore = await run('pg_restore', ['--no-owner', '--exit-on-error', '-d', target.href, file], {});
      expect(restore, restore.stderr).toMatchObject({ code: 0 });
      const restored = await openPostgres(target.href, { max: 2 });
      try {
        expect(await fingerprint(restored)).toEqual(before);
        expect((await verifyAll(restored.db)).every((r) => r.ok && r.unsealed === 0)).toBe(true);
        await servesThePlans(restored);
      } finally {
        await restored.close();
      }
    } finally {
      await admin.db.execute(sql.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      await admin.close();
      await source.close();
    }
  });
});

