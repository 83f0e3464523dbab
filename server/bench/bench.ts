import http from 'node:http';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { parseConfig } from '../src/platform/config.ts';
import { migrate, openPostgres, type Database } from '../src/platform/db.ts';
import { demoId, seedDemo } from '../src/db/seed.ts';
import { TestClient } from '../test/helpers.ts';
import { freePort, HttpClient, isRunning, startServer, type RunningServer } from '../test/processes.ts';

// npm run bench — prints figures, asserts nothing.
// Starts a real server process on a fresh database on the PostgreSQL server in DATABASE_URL,
// builds a plan of realistic size (8 goals, 12 efforts, 40+ history entries), and measures
// each scenario over HTTP at a fixed concurrency; then replays the exact SQL statements that
// the endpoint issued, through `pg` directly, at the same concurrency, and prints the ratio.
// Options: --json (only JSON lines), --concurrency N (default 16), --seconds N (default 8).

const args = process.argv.slice(2);
const jsonOnly = args.includes('--json');
const opt = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const CONCURRENCY = opt('concurrency', 16);
const SECONDS = opt('seconds', 8);
const say = (...s: unknown[]) => !jsonOnly && console.log(...s);

const baseUrl = process.env.DATABASE_URL;
if (!baseUrl) {
  console.error('npm run bench measures the server engine: set DATABASE_URL, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench');
  process.exit(2);
}

interface Scenario {
  name: string;
  method: 'GET' | 'PATCH';
  path: string;
  /** Who is asking: a demo persona. */
  as: ['staff' | 'citizen', string];
}

async function main() {
  const dbName = `sammen_bench_${Date.now()}`;
  const admin = await openPostgres(baseUrl!, { max: 1 });
  await admin.db.execute(sql.raw(`CREATE DATABASE ${dbName}`));
  await admin.close();
  const url = new URL(baseUrl!);
  url.pathname = `/${dbName}`;
  let server: RunningServer | undefined;
  try {
    const config = parseConfig({ DATABASE_URL: url.href, LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT_PER_MINUTE: '100000' });
    const captured: { text: string; params: unknown[] }[] = [];
    let capturing = false;
    const database = await openPostgres(url.href, { onQuery: (text, params) => capturing && captured.push({ text, params }) });
    await migrate(database.db);
    await seedDemo(database.db, config);
    const app = await buildApp({ config, database });
    await app.ready();
    const planId = await realisticPlan(app);
    say(`Database ${dbName}: demo municipality + a plan with 8 goals, 12 efforts and ${await historyCount(database, planId)} history entries.`);

    const scenarios: Scenario[] = [
      { name: 'staff plan page', method: 'GET', path: `/api/plans/${planId}`, as: ['staff', demoId('staff:mette')] },
      { name: 'citizen own plan page', method: 'GET', path: '/api/me/plan', as: ['citizen', demoId('citizen:sara')] },
      { name: 'caseworker work list', method: 'GET', path: '/api/worklist', as: ['staff', demoId('staff:mette')] },
    ];

    // The exact statements each endpoint issues, captured from one request through the app.
    const statements = new Map<string, { text: string; params: unknown[] }[]>();
    for (const s of scenarios) {
      const client = await new TestClient(app).loginAs(...s.as);
      captured.length = 0;
      capturing = true;
      const res = await client.get(s.path);
      capturing = false;
      if (res.statusCode !== 200) throw new Error(`${s.name}: ${res.statusCode} ${res.body}`);
      statements.set(s.name, [...captured]);
    }
    await app.close();
    await database.close();

    const port = await freePort();
    const started = await startServer({ DATABASE_URL: url.href, PORT: String(port), LOG_LEVEL: 'warn', LOGIN_RATE_LIMIT_PER_MINUTE: '100000' });
    if (!isRunning(started)) throw new Error(started.output);
    server = started;

    const rows: Record<string, unknown>[] = [];
    for (const s of scenarios) {
      const browser = new HttpClient(server.url);
      await browser.fetch('/api/auth/demo/login', { method: 'POST', body: { kind: s.as[0], id: s.as[1] } });
      const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      await loadHttp(server.url, s.path, cookie, 2); // warm-up
      const app = await loadHttp(server.url, s.path, cookie, SECONDS);
      const raw = await loadRaw(url.href, statements.get(s.name)!, SECONDS);
      const row = {
        scenario: s.name,
        engine: 'postgres',
        size: 'demo+1 realistic plan',
        concurrency: CONCURRENCY,
        rps: round(app.rps),
        p50_ms: round(app.p50),
        p95_ms: round(app.p95),
        p99_ms: round(app.p99),
        errors: app.errors,
        rss_mb: rssMb(server.proc.pid!),
        statements: statements.get(s.name)!.length,
        raw_rps: round(raw.rps),
        raw_p95_ms: round(raw.p95),
        ratio: round(app.rps / raw.rps, 2),
      };
      rows.push(row);
    }
    if (!jsonOnly) {
      console.log(`\n${'scenario'.padEnd(24)} ${'rps'.padStart(7)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)} ${'err'.padStart(4)} ${'rss MB'.padStart(7)} ${'stmts'.padStart(6)} ${'raw rps'.padStart(8)} ${'app/raw'.padStart(8)}`);
      for (const r of rows) {
        console.log(
          `${String(r.scenario).padEnd(24)} ${String(r.rps).padStart(7)} ${String(r.p50_ms).padStart(7)} ${String(r.p95_ms).padStart(7)} ${String(r.p99_ms).padStart(7)} ${String(r.errors).padStart(4)} ${String(r.rss_mb).padStart(7)} ${String(r.statements).padStart(6)} ${String(r.raw_rps).padStart(8)} ${String(r.ratio).padStart(8)}`,
        );
      }
      console.log(`\nconcurrency ${CONCURRENCY}, ${SECONDS} s per run, latencies in ms; one server process, load generated from this process.\n`);
    }
    for (const r of rows) console.log(JSON.stringify(r));
  } finally {
    await server?.stop();
    const cleanup = await openPostgres(baseUrl!, { max: 1 });
    await cleanup.db.execute(sql.raw(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
    await cleanup.close();
  }
}

/** A plan of realistic size, built through the API as a caseworker would. */
async function realisticPlan(app: FastifyInstance): Promise<string> {
  const mette = await new TestClient(app).loginAs('staff', demoId('staff:mette'));
  const citizenId = demoId('citizen:william');
  let p = (await mette.post(`/api/citizens/${citizenId}/plan`, { lifeStory: 'Jeg er 16 år og bor i plejefamilie.', wishes: 'Jeg vil hjem til min mor.' })).json();
  const units = [demoId('unit:familie'), demoId('unit:jobcenter'), demoId('unit:bostoette'), demoId('unit:uu'), demoId('unit:psykiatri'), demoId('unit:sundhedspleje')];
  for (let i = 0; i < 8; i++) {
    p = (await mette.post(`/api/plans/${p.id}/goals`, { baseVersion: p.version, wording: `Mål nummer ${i + 1} med egne ord`, professionalDescription: 'Faglig beskrivelse af målet.', dependsOn: i > 0 && i % 3 === 0 ? [p.goals[0].id] : [] })).json();
  }
  for (let i = 0; i < 12; i++) {
    p = (await mette.post(`/api/plans/${p.id}/efforts`, {
      baseVersion: p.version, unitId: units[i % units.length], title: `Indsats ${i + 1}`, startsOn: '2026-01-01', goalIds: [p.goals[i % 8].id, p.goals[(i + 3) % 8].id], supportLevel: 'Pakke 4',
    })).json();
  }
  for (let i = 0; i < 12; i++) {
    p = (await mette.request('PATCH', `/api/plans/${p.id}/goals/${p.goals[i % 8].id}`, { baseVersion: p.version, status: i % 2 ? 'in_progress' : 'reached' })).json();
  }
  for (let i = 0; i < 4; i++) p = (await mette.post(`/api/plans/${p.id}/agreements`, { baseVersion: p.version, responsibleUnitId: units[i], text: `Aftale ${i + 1}` })).json();
  for (let i = 0; i < 4; i++) p = (await mette.post(`/api/plans/${p.id}/comments`, { targetType: 'plan', text: `Kommentar ${i + 1}` })).json();
  return p.id;
}

async function historyCount(database: Database, planId: string) {
  const { rows } = (await database.db.execute(sql`SELECT count(*)::int AS n FROM plan_changes WHERE plan_id = ${planId}`)) as unknown as { rows: { n: number }[] };
  return rows[0]!.n;
}

interface Figures {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

function summarise(latencies: number[], errors: number, seconds: number): Figures {
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { rps: latencies.length / seconds, p50: at(0.5), p95: at(0.95), p99: at(0.99), errors };
}

async function loadHttp(base: string, path: string, cookie: string, seconds: number): Promise<Figures> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const target = new URL(path, base);
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const one = () =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = http.request(target, { agent, headers: { cookie } }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode === 200) latencies.push(performance.now() - t0);
          else errors += 1;
          resolve();
        });
      });
      req.on('error', () => {
        errors += 1;
        resolve();
      });
      req.end();
    });
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (performance.now() < end) await one();
  }));
  agent.destroy();
  return summarise(latencies, errors, seconds);
}

async function loadRaw(url: string, statements: { text: string; params: unknown[] }[], seconds: number): Promise<Figures> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      const client = await pool.connect();
      try {
        for (const [i, s] of statements.entries()) {
          // Raw is pg at its best: every statement but transaction control is prepared once per connection.
          const control = /^\s*(begin|commit|rollback)/i.test(s.text);
          await client.query(control ? s.text : { name: `raw_${i}_${s.text.length}`, text: s.text, values: s.params as unknown[] });
        }
        latencies.push(performance.now() - t0);
      } catch {
        errors += 1;
        await client.query('ROLLBACK').catch(() => {});
      } finally {
        client.release();
      }
    }
  }));
  await pool.end();
  return summarise(latencies, errors, seconds);
}

function rssMb(pid: number) {
  try {
    // The server runs under tsx: the Node process that serves is the child of the tsx launcher.
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    const target = children[0] ?? String(pid);
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${target}/status`, 'utf8'))?.[1]);
    return Math.round(kb / 1024);
  } catch {
    return null;
  }
}

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
