import { afterAll, describe, expect, test, vi } from 'vitest';

// Real server processes on a busy 2-core machine: give them time.
vi.setConfig({ testTimeout: 180_000 });
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { demoId } from '../src/db/seed.ts';
import { engine, testDatabase } from './helpers.ts';
import { freePort, HttpClient, isRunning, startServer, type RunningServer } from './processes.ts';

// Ending a relative's access works on their very next request, whichever server it reaches:
// every request resolves the proxy's validity and scopes live (selectLiveSession), nothing is
// held in a server's memory or the session row. On PostgreSQL two server processes share the
// database: the relative is on B, the citizen ends the access through A. The embedded engine is
// one process on one data folder (a second is refused), so there the same journey runs against
// one server process.

const running: RunningServer[] = [];
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function start(env: Record<string, string>) {
  const s = await startServer({ ...env, PORT: String(await freePort()) });
  if (!isRunning(s)) throw new Error(s.output);
  running.push(s);
  return s;
}

/** Michael (scenario 1) invites his sister through `a`; she logs in through `b`; he changes and ends her access through `a`. */
async function journey(a: string, b: string) {
  const michael = new HttpClient(a);
  expect((await michael.fetch('/api/auth/demo/login', { method: 'POST', body: { kind: 'citizen', id: demoId('citizen:michael') } })).status).toBe(200);
  const invited = await michael.fetch('/api/me/relatives', { method: 'POST', body: { name: 'Lise Sørensen', relation: 'søster', scopes: ['plan.read'] } });
  expect(invited.status).toBe(201);
  const sisterId = ((await invited.json()).relatives as { id: string; name: string }[]).find((r) => r.name === 'Lise Sørensen')!.id;

  // The new relative is in the demo persona picker, and can log in.
  const personas = (await (await fetch(`${b}/api/auth/demo/personas`)).json()) as { kind: string; id: string }[];
  expect(personas.some((p) => p.kind === 'proxy' && p.id === sisterId)).toBe(true);
  const sister = new HttpClient(b);
  expect((await sister.fetch('/api/auth/demo/login', { method: 'POST', body: { kind: 'proxy', id: sisterId } })).status).toBe(200);
  expect((await sister.fetch('/api/me/plan')).status).toBe(200);
  expect((await sister.fetch('/api/me/network')).status).toBe(200);

  // A narrower scope: refused on her next request.
  expect((await michael.fetch(`/api/me/relatives/${sisterId}/scopes`, { method: 'PUT', body: { scopes: ['plan.comment'] } })).status).toBe(200);
  expect((await sister.fetch('/api/me/plan')).status).toBe(403);

  // Ended: her session no longer resolves on her next request, and she cannot log in again.
  expect((await michael.fetch(`/api/me/relatives/${sisterId}/end`, { method: 'POST', body: {} })).status).toBe(200);
  expect((await sister.fetch('/api/me/network')).status).toBe(401);
  expect((await new HttpClient(b).fetch('/api/auth/demo/login', { method: 'POST', body: { kind: 'proxy', id: sisterId } })).status).toBe(401);
  const after = (await (await fetch(`${b}/api/auth/demo/personas`)).json()) as { id: string }[];
  expect(after.some((p) => p.id === sisterId)).toBe(false);
}

describe.runIf(engine === 'postgres')('ending a relative’s access across servers', () => {
  test('the citizen ends it through server A; the relative’s very next request through server B is refused', async () => {
    const database = await testDatabase();
    try {
      // One after the other: this test is about the relative's access, not about servers starting at once.
      const a = await start({ DATABASE_URL: database.url! });
      const b = await start({ DATABASE_URL: database.url! });
      await journey(a.url, b.url);
    } finally {
      await Promise.all(running.splice(0).map((s) => s.stop()));
      await database.close();
    }
  });
});

describe.runIf(engine === 'pglite')('ending a relative’s access on the embedded engine (one server process: PGlite is one process on one data folder)', () => {
  test('the citizen ends it; the relative’s very next request to the same server process is refused', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sammen-relatives-'));
    dirs.push(dataDir);
    const one = await start({ DATA_DIR: dataDir });
    await journey(one.url, one.url);
  });
});
