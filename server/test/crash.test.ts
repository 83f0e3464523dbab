import { afterAll, describe, expect, test, vi } from 'vitest';

// Server processes killed and started again: give them time on a busy 2-core machine.
vi.setConfig({ testTimeout: 120_000 });
import { engine, testConfig, testDatabase } from './helpers.ts';
import { freePort, HttpClient, isRunning, nodeCommand, signalAndWait, startServer, type RunningServer } from './processes.ts';
import { demoId, seedDemo } from '../src/db/seed.ts';
import { verifyAll } from '../src/modules/audit/audit.service.ts';

// SECURITY.md 32: killing the server (kill -9) during writes never loses an acknowledged write.
// On a PostgreSQL server, where a commit is durable when it is acknowledged (synchronous_commit
// on). Concurrent edits of one plan with the version check; on 409 the writer takes the current
// version and tries again. SIGKILL mid-way, start again on the same database, and every edit
// that was answered 200 is in the plan's history with the version it was given.

const running: RunningServer[] = [];
afterAll(async () => {
  await Promise.all(running.map((s) => s.stop()));
});

const WRITERS = 4;
const ROUNDS = 2;
const planId = demoId('plan:sara');
const planPath = `/api/plans/${planId}`;

async function start(url: string) {
  // One node process (no tsx parent), so that SIGKILL kills the server itself.
  const res = await startServer({ DATABASE_URL: url, PORT: String(await freePort()), LOGIN_RATE_LIMIT_PER_MINUTE: '1000' }, { command: nodeCommand() });
  if (!isRunning(res)) throw new Error(`the server did not start:\n${res.output}`);
  running.push(res);
  return res;
}

async function coordinator(base: string) {
  const mette = new HttpClient(base);
  const login = await mette.fetch('/api/auth/demo/login', { method: 'POST', body: { kind: 'staff', id: demoId('staff:mette') } });
  if (login.status !== 200) throw new Error(`login: ${login.status}`);
  return mette;
}

describe.runIf(engine === 'postgres')('kill -9 during writes', () => {
  test(`${ROUNDS} rounds of ${WRITERS} concurrent writers, SIGKILL mid-way: every acknowledged edit is in the history`, async () => {
    const database = await testDatabase();
    try {
      await seedDemo(database.db, testConfig());
      /** wishes text → the version the server answered with. */
      const acknowledged = new Map<string, number>();
      let conflicts = 0;
      let cutOff = 0;
      let server = await start(database.url!);

      for (let round = 1; round <= ROUNDS; round++) {
        const writers = await Promise.all(Array.from({ length: WRITERS }, () => coordinator(server.url)));
        let version = (await (await writers[0]!.fetch(planPath)).json()).version as number;
        let stop = false;
        const write = async (client: HttpClient, w: number) => {
          for (let n = 1; !stop; n++) {
            const wishes = `Runde ${round}, skriver ${w}, ændring ${n}`;
            let res: Response;
            try {
              res = await client.fetch(planPath, { method: 'PATCH', body: { baseVersion: version, wishes } });
            } catch {
              cutOff += 1; // the server died with this request in flight: not acknowledged
              return;
            }
            const body = await res.json().catch(() => undefined);
            if (res.status === 200) {
              acknowledged.set(wishes, body.version);
              version = Math.max(version, body.version);
            } else if (res.status === 409) {
              conflicts += 1;
              version = Math.max(version, body?.current?.version ?? version);
            } else {
              throw new Error(`unexpected ${res.status} ${JSON.stringify(body)}`);
            }
          }
        };
        const writing = Promise.all(writers.map((c, i) => write(c, i + 1)));
        // Kill once writes are under way: after some acknowledged edits, at a moment not tied to any request.
        const before = acknowledged.size;
        const deadline = Date.now() + 15_000;
        while (acknowledged.size < before + 10 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 150)));
        const killed = await signalAndWait(server.proc, 'SIGKILL');
        expect(killed.signal).toBe('SIGKILL');
        await writing.catch(() => {});
        stop = true;
        expect(acknowledged.size).toBeGreaterThan(before);
        server = await start(database.url!);
      }

      // Every acknowledged edit is in the history, with the version it was acknowledged with.
      const reader = await coordinator(server.url);
      const history = new Map<number, unknown>();
      let before: number | null | undefined;
      do {
        const page = await (await reader.fetch(`${planPath}/history?limit=200${before ? `&before=${before}` : ''}`)).json();
        for (const e of page.entries as { version: number; changeType: string; after: unknown }[]) if (e.changeType === 'wishes.changed') history.set(e.version, e.after);
        before = page.nextBefore;
      } while (before);
      const lost = [...acknowledged].filter(([wishes, v]) => history.get(v) !== wishes);
      expect(lost).toEqual([]);
      expect(acknowledged.size).toBeGreaterThanOrEqual(ROUNDS * 10);
      const plan = await (await reader.fetch(planPath)).json();
      expect(plan.version).toBeGreaterThanOrEqual(Math.max(...acknowledged.values()));
      expect((await verifyAll(database.db)).every((r) => r.ok)).toBe(true);
      console.log(`crash test: ${acknowledged.size} acknowledged edits, ${conflicts} conflicts (409), ${cutOff} cut off by SIGKILL, none lost`);
      await server.stop();
    } finally {
      await Promise.all(running.splice(0).map((s) => s.stop()));
      await database.close();
    }
  });
});
