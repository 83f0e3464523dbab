import { afterAll, describe, expect, test, vi } from 'vitest';

// Each test starts real server processes: give them time on a busy 2-core machine.
vi.setConfig({ testTimeout: 120_000 });
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { engine, testDatabase } from './helpers.ts';
import { freePort, HttpClient, isRunning, startServer, type RunningServer } from './processes.ts';
import { demoId } from '../src/db/seed.ts';

// What a newcomer meets at `npm start`, and what an operator meets when something is wrong.

const running: RunningServer[] = [];
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'sammen-start-'));
  dirs.push(d);
  return d;
};
afterAll(async () => {
  await Promise.all(running.map((s) => s.stop()));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A start that must fail: resolves with its exit code and output. A server that starts fails the test (and is stopped). */
async function failedStart(env: Record<string, string>) {
  const res = await startServer(env);
  if (isRunning(res)) {
    running.push(res);
    throw new Error(`The server started at ${res.url}, but it should have refused to:\n${res.output()}`);
  }
  return res;
}

describe('the embedded start', () => {
  test('creates, migrates and seeds the data folder, serves, and refuses a second process on the same folder', async () => {
    const dataDir = tempDir();
    const first = await startServer({ DATA_DIR: dataDir, PORT: String(await freePort()) });
    if (!isRunning(first)) throw new Error(first.output);
    running.push(first);
    expect(first.output()).toMatch(/embedded database in/);
    expect(first.output()).toMatch(/Demo mode: open the address and choose a person/);
    expect(await (await fetch(`${first.url}/api/ready`)).json()).toEqual({ status: 'ready', engine: 'pglite' });
    const personas = await (await fetch(`${first.url}/api/auth/demo/personas`)).json();
    expect(personas.filter((p: { kind: string }) => p.kind === 'staff').length).toBeGreaterThanOrEqual(25);
    expect(personas.filter((p: { kind: string }) => p.kind === 'citizen').length).toBeGreaterThanOrEqual(40);

    const second = await failedStart({ DATA_DIR: dataDir, PORT: String(await freePort()) });
    expect(second).toMatchObject({ exitCode: 1, output: expect.stringMatching(/already in use by another Sammen process/) });
  });
});

describe('start-up problems name themselves', () => {
  test('a taken port', async () => {
    const blocker = createServer();
    const port = await new Promise<number>((r) => blocker.listen(0, '127.0.0.1', () => r((blocker.address() as { port: number }).port)));
    try {
      const res = await failedStart({ DATA_DIR: tempDir(), PORT: String(port) });
      expect(res).toMatchObject({ exitCode: 1, output: expect.stringMatching(new RegExp(`Port ${port} is already in use`)) });
    } finally {
      blocker.close();
    }
  });

  test('a data folder that cannot be written', async () => {
    const res = await failedStart({ DATA_DIR: '/etc/hostname/sammen', PORT: String(await freePort()) });
    expect(res).toMatchObject({ exitCode: 1, output: expect.stringMatching(/data folder \/etc\/hostname\/sammen cannot be written/) });
  });

  test('a DATABASE_URL that is not a PostgreSQL URL, and one nobody answers', async () => {
    const bad = await failedStart({ DATABASE_URL: 'mysql://localhost/x', PORT: String(await freePort()) });
    expect(bad).toMatchObject({ exitCode: 1, output: expect.stringMatching(/DATABASE_URL: must be a postgres:\/\//) });
    const unreachable = await failedStart({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/sammen', PORT: String(await freePort()) });
    expect(unreachable).toMatchObject({ exitCode: 1, output: expect.stringMatching(/Cannot connect to the PostgreSQL server in DATABASE_URL/) });
  });

  test('production configuration without keys', async () => {
    const res = await failedStart({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x@127.0.0.1:1/y', PORT: String(await freePort()) });
    expect(res.exitCode).toBe(1);
    expect(res.output).toMatch(/CPR_ENCRYPTION_KEY: required/);
    expect(res.output).toMatch(/OIDC_ISSUER/);
  });
});

describe.runIf(engine === 'postgres')('several servers on one PostgreSQL database', () => {
  test('share sessions: log in through one, use and end it through the other', async () => {
    const database = await testDatabase();
    try {
      const [a, b] = await Promise.all([
        startServer({ DATABASE_URL: database.url!, PORT: String(await freePort()) }),
        startServer({ DATABASE_URL: database.url!, PORT: String(await freePort()) }),
      ]);
      if (!isRunning(a) || !isRunning(b)) throw new Error(`${JSON.stringify(a)} ${JSON.stringify(b)}`);
      running.push(a, b);
      const browser = new HttpClient(a.url);
      const login = await browser.fetch('/api/auth/demo/login', { method: 'POST', body: { kind: 'staff', id: demoId('staff:anne') } });
      expect(login.status).toBe(200);
      const token = browser.cookies.get('sammen_session')!;
      browser.base = b.url;
      const session = await browser.fetch('/api/auth/session');
      expect(session.status).toBe(200);
      expect((await session.json()).name).toBe('Anne Kjær');
      expect((await browser.fetch('/api/auth/logout', { method: 'POST' })).status).toBe(200);
      const onA = await fetch(`${a.url}/api/auth/session`, { headers: { cookie: `sammen_session=${token}` } });
      expect(onA.status).toBe(401);
    } finally {
      await Promise.all(running.splice(0).map((s) => s.stop()));
      await database.close();
    }
  });
});

describe.runIf(engine === 'postgres')('revocation across servers', () => {
  test('a consent revoked through one server blocks the very next request through another', async () => {
    const database = await testDatabase();
    try {
      const [a, b] = await Promise.all([
        startServer({ DATABASE_URL: database.url!, PORT: String(await freePort()) }),
        startServer({ DATABASE_URL: database.url!, PORT: String(await freePort()) }),
      ]);
      if (!isRunning(a) || !isRunning(b)) throw new Error(`${JSON.stringify(a)} ${JSON.stringify(b)}`);
      running.push(a, b);
      const anne = new HttpClient(a.url);
      await anne.fetch('/api/auth/demo/login', { method: 'POST', body: { kind: 'staff', id: demoId('staff:anne') } });
      const sara = new HttpClient(b.url);
      await sara.fetch('/api/auth/demo/login', { method: 'POST', body: { kind: 'citizen', id: demoId('citizen:sara') } });
      const planPath = `/api/plans/${demoId('plan:sara')}`;
      expect((await (await anne.fetch(planPath)).json()).goals.length).toBeGreaterThan(0);
      const revoked = await sara.fetch(`/api/me/consents/${demoId('consent:sara-job')}/revoke`, { method: 'POST' });
      expect(revoked.status).toBe(200);
      const next = await (await anne.fetch(planPath)).json();
      expect(next.goals).toEqual([]);
      expect(next.access.sections).not.toContain('goals');
    } finally {
      await Promise.all(running.splice(0).map((s) => s.stop()));
      await database.close();
    }
  });
});
