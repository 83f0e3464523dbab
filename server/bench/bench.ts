import http from 'node:http';
import path from 'node:path';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { parseConfig, repoRoot, type Config } from '../src/platform/config.ts';
import { migrate, openPglite, openPostgres, query, type Database, type Db } from '../src/platform/db.ts';
import { loadSynthetic, syntheticSizes, SYNTHETIC_MUNICIPALITY_CODE, type SyntheticSize } from '../src/db/synthetic.ts';
import { sealMunicipality } from '../src/modules/audit/audit.service.ts';
import { TestClient } from '../test/helpers.ts';
import { freePort, HttpClient, isRunning, startServer, type RunningServer } from '../test/processes.ts';

// npm run bench — prints figures, asserts nothing (STYLE.md §9).
//
// Measures the endpoints over HTTP against the synthetic municipality (npm run seed:synthetic),
// each request for a plan, citizen or staff member picked at random (seeded, so runs compare),
// then replays the exact SQL statements the endpoint issued, through the driver directly, at
// the same concurrency, with the same random picks, and prints the ratio.
//
//   DATABASE_URL=… npm run bench -- [--size small|medium|large] [--concurrency 32] [--seconds 8] [--json] [--only name,name] [--pool 10]
//     Uses the database in DATABASE_URL if Skovlund Kommune is loaded there; otherwise creates
//     a scratch database, loads --size (default small) into it and drops it afterwards.
//   npm run bench (no DATABASE_URL): the embedded engine (PGlite) in DATA_DIR (default
//     data/bench), loaded at --size small if empty. The raw run uses PGlite in this process.
//   BENCH_URL=http://127.0.0.1:3000 DATABASE_URL=… npm run bench: measures a server that is
//     already running on that database (it must run with LOGIN_RATE_LIMIT_PER_MINUTE high
//     enough for the bench's logins, and in demo mode: sessions come from the demo login).

const args = process.argv.slice(2);
const jsonOnly = args.includes('--json');
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const CONCURRENCY = Number(opt('concurrency') ?? 32);
const SECONDS = Number(opt('seconds') ?? 8);
const SIZE = (opt('size') ?? 'small') as SyntheticSize;
const ONLY = opt('only')?.split(',');
// Connections from the server (DATABASE_POOL_SIZE) and from the raw replay: the same number.
const POOL = Number(opt('pool') ?? process.env.DATABASE_POOL_SIZE ?? 10);
if (!(SIZE in syntheticSizes)) throw new Error('--size must be small, medium or large');
const say = (...s: unknown[]) => !jsonOnly && console.log(...s);

// The embedded bench database lives beside the demo's, never in it.
const env = parseConfig({ ...process.env, DATA_DIR: process.env.DATA_DIR || path.join(repoRoot, 'data', 'bench') });
const benchUrl = process.env.BENCH_URL;
const engine = env.databaseUrl ? 'postgres' : 'pglite';
if (benchUrl && !env.databaseUrl) {
  console.error('BENCH_URL needs DATABASE_URL too: the bench reads its random picks from that database (an embedded one is locked by the server).');
  process.exit(2);
}

// ---- Deterministic randomness --------------------------------------------------------------

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pickFrom = <T>(r: () => number, xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;

// ---- Engines: one way to run SQL in this process, for the picks and the raw replay --------

interface Statement {
  text: string;
  params: unknown[];
}
interface RawConn {
  run(s: Statement, name: string): Promise<{ rows: Record<string, unknown>[]; rowCount: number }>;
  release(): void;
}
interface RawEngine {
  connect(): Promise<RawConn>;
  close(): Promise<void>;
}

function pgRaw(url: string): RawEngine {
  const pool = new pg.Pool({ connectionString: url, max: POOL });
  return {
    async connect() {
      const client = await pool.connect();
      return {
        async run(s, name) {
          // Raw is pg at its best: every statement but transaction control is prepared once per connection.
          const control = /^\s*(begin|commit|rollback)/i.test(s.text);
          const res = await client.query(control ? s.text : { name, text: s.text, values: s.params });
          return { rows: res.rows, rowCount: res.rowCount ?? 0 };
        },
        release: () => client.release(),
      };
    },
    close: () => pool.end(),
  };
}

async function pgliteRaw(dataDir: string): Promise<RawEngine & { client: import('@electric-sql/pglite').PGlite }> {
  const { PGlite } = await import('@electric-sql/pglite');
  const client = await PGlite.create(path.join(dataDir, 'pglite'), { parsers: { 20: (v: string) => Number(v) } });
  // One connection: a whole request's statements run before the next request's, as in the server.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    client,
    async connect() {
      let release!: () => void;
      const mine = new Promise<void>((r) => (release = r));
      const before = queue;
      queue = before.then(() => mine);
      await before;
      return {
        async run(s) {
          const res = await client.query<Record<string, unknown>>(s.text, s.params);
          return { rows: res.rows, rowCount: res.affectedRows ?? res.rows.length };
        },
        release,
      };
    },
    close: () => client.close(),
  };
}

/** Opens the app's database in this process with a statement logger (for the capture). */
async function openLogged(onQuery: (text: string, params: unknown[]) => void): Promise<Database> {
  if (env.databaseUrl) return openPostgres(dbUrl!, { onQuery });
  mkdirSync(env.dataDir, { recursive: true });
  return openPglite(env.dataDir, { onQuery });
}

let dbUrl: string | undefined = env.databaseUrl;

// ---- The data the requests pick from ------------------------------------------------------

interface PlanPick {
  plan: string;
  citizen: string;
  staff: string;
  unit: string;
}
interface Picks {
  municipalityId: string;
  citizens: number;
  staffPlans: PlanPick[];
  citizenPlans: PlanPick[];
  editPlans: (PlanPick & { version: number })[];
  consents: { consent: string; citizen: string }[];
  deep: { citizen: string; before: number }[];
}

async function readPicks(db: Db): Promise<Picks> {
  const [m] = await query<{ id: string }>(db, sql`SELECT id::text AS id FROM municipalities WHERE code = ${SYNTHETIC_MUNICIPALITY_CODE}`);
  if (!m) throw new Error('Skovlund Kommune is not loaded');
  const plans = await query<{ plan: string; citizen: string; staff: string; unit: string; version: number }>(
    db,
    sql`SELECT id::text AS plan, citizen_id::text AS citizen, coordinator_id::text AS staff, coordinator_unit_id::text AS unit, version
        FROM plans WHERE municipality_id = ${m.id} AND status = 'active' ORDER BY id`,
  );
  const r = rng(42);
  // 300 caseworkers with their plans: enough sessions that no cache sees the same pair twice in a row.
  const coordinators = [...new Set(plans.map((p) => p.staff))].sort();
  const chosen = new Set(Array.from({ length: 300 }, () => pickFrom(r, coordinators)));
  const staffPlans = plans.filter((p) => chosen.has(p.staff));
  const citizenPlans = Array.from({ length: 300 }, () => pickFrom(r, plans));
  const editPlans = Array.from({ length: 16 }, () => pickFrom(r, plans));
  const consents = await query<{ consent: string; citizen: string }>(
    db,
    sql`SELECT c.id::text AS consent, c.citizen_id::text AS citizen FROM consents c
        WHERE c.municipality_id = ${m.id} AND c.given_at IS NOT NULL AND c.revoked_at IS NULL AND c.given_by_kind = 'citizen'
        ORDER BY md5(c.id::text) LIMIT 1500`,
  );
  // The deep histories belong to the first plans by id (see loadAccessLog); a page 9,000 rows
  // down (or 4,000 when a load was cut short and the histories are shorter).
  const deepPlans = Math.max(1, Math.round(plans.length / 10_000));
  const deep: Picks['deep'] = [];
  for (const p of plans.slice(0, deepPlans)) {
    for (const offset of [9000, 4000]) {
      const [row] = await query<{ id: number }>(
        db,
        sql`SELECT id FROM audit_events WHERE municipality_id = ${m.id} AND citizen_id = ${p.citizen} AND kind = 'read' ORDER BY id DESC OFFSET ${offset} LIMIT 1`,
      );
      if (row) {
        deep.push({ citizen: p.citizen, before: Number(row.id) });
        break;
      }
    }
  }
  return { municipalityId: m.id, citizens: plans.length, staffPlans, citizenPlans, editPlans, consents, deep };
}

// ---- Scenarios ----------------------------------------------------------------------------

type Who = ['staff' | 'citizen', string];
interface Request {
  who: Who;
  method: 'GET' | 'PATCH' | 'POST';
  path: string;
  body?: unknown;
  /** Template values in the captured statements → this request's values, for the raw replay. */
  subst: Map<unknown, unknown>;
  plan?: string;
}
interface Scenario {
  name: string;
  /** Every actor a request may act as: logged in before the run. */
  actors(p: Picks): Who[];
  /** The request for the statement capture; its values are the template. */
  template(p: Picks): Request;
  next(p: Picks, r: () => number): Request | undefined;
  write?: 'edit' | 'revoke';
}

const planSubst = (t: PlanPick, x: PlanPick) => new Map<unknown, unknown>([[t.plan, x.plan], [t.citizen, x.citizen], [t.staff, x.staff], [t.unit, x.unit]]);

const scenarios: Scenario[] = [
  {
    name: 'staff plan page',
    actors: (p) => [...new Set(p.staffPlans.map((x) => x.staff))].map((s) => ['staff', s]),
    template: (p) => ({ who: ['staff', p.staffPlans[0]!.staff], method: 'GET', path: `/api/plans/${p.staffPlans[0]!.plan}`, subst: new Map() }),
    next: (p, r) => {
      const x = pickFrom(r, p.staffPlans);
      return { who: ['staff', x.staff], method: 'GET', path: `/api/plans/${x.plan}`, subst: planSubst(p.staffPlans[0]!, x) };
    },
  },
  {
    name: 'citizen own plan page',
    actors: (p) => p.citizenPlans.map((x) => ['citizen', x.citizen]),
    template: (p) => ({ who: ['citizen', p.citizenPlans[0]!.citizen], method: 'GET', path: '/api/me/plan', subst: new Map() }),
    next: (p, r) => {
      const x = pickFrom(r, p.citizenPlans);
      return { who: ['citizen', x.citizen], method: 'GET', path: '/api/me/plan', subst: planSubst(p.citizenPlans[0]!, x) };
    },
  },
  {
    name: 'caseworker work list',
    actors: (p) => [...new Set(p.staffPlans.map((x) => x.staff))].map((s) => ['staff', s]),
    template: (p) => ({ who: ['staff', p.staffPlans[0]!.staff], method: 'GET', path: '/api/worklist', subst: new Map() }),
    next: (p, r) => {
      const x = pickFrom(r, p.staffPlans);
      return { who: ['staff', x.staff], method: 'GET', path: '/api/worklist', subst: planSubst(p.staffPlans[0]!, x) };
    },
  },
  {
    // 32 writers on 16 plans: most requests race another writer on the same plan.
    name: 'plan edit (version check)',
    write: 'edit',
    actors: (p) => p.editPlans.map((x) => ['staff', x.staff]),
    template: (p) => ({ who: ['staff', p.editPlans[0]!.staff], method: 'PATCH', path: `/api/plans/${p.editPlans[0]!.plan}`, body: { baseVersion: p.editPlans[0]!.version, wishes: 'bench template' }, subst: new Map(), plan: p.editPlans[0]!.plan }),
    next: (p, r) => {
      const x = pickFrom(r, p.editPlans);
      return { who: ['staff', x.staff], method: 'PATCH', path: `/api/plans/${x.plan}`, subst: planSubst(p.editPlans[0]!, x), plan: x.plan };
    },
  },
  {
    name: 'revoke a consent',
    write: 'revoke',
    actors: (p) => [...new Set(p.consents.map((c) => c.citizen))].map((c) => ['citizen', c]),
    // The template revokes the last consent of the list; the run takes them from the front, each once.
    template: (p) => {
      const c = p.consents.at(-1)!;
      return { who: ['citizen', c.citizen], method: 'POST', path: `/api/me/consents/${c.consent}/revoke`, body: {}, subst: new Map() };
    },
    next: (p) => {
      const c = p.consents.shift();
      if (!c || p.consents.length === 0) return undefined;
      const t = p.consents.at(-1)!;
      return { who: ['citizen', c.citizen], method: 'POST', path: `/api/me/consents/${c.consent}/revoke`, body: {}, subst: new Map<unknown, unknown>([[t.consent, c.consent], [t.citizen, c.citizen]]) };
    },
  },
  {
    name: 'access log first page',
    actors: (p) => p.citizenPlans.map((x) => ['citizen', x.citizen]),
    template: (p) => ({ who: ['citizen', p.citizenPlans[0]!.citizen], method: 'GET', path: '/api/me/access-log?limit=50', subst: new Map() }),
    next: (p, r) => {
      const x = pickFrom(r, p.citizenPlans);
      return { who: ['citizen', x.citizen], method: 'GET', path: '/api/me/access-log?limit=50', subst: planSubst(p.citizenPlans[0]!, x) };
    },
  },
  {
    // A page 9,000 entries down a 10,000-entry history, by keyset (before=id).
    name: 'access log deep page',
    actors: (p) => p.deep.map((d) => ['citizen', d.citizen]),
    template: (p) => ({ who: ['citizen', p.deep[0]!.citizen], method: 'GET', path: `/api/me/access-log?limit=50&before=${p.deep[0]!.before}`, subst: new Map() }),
    next: (p, r) => {
      const d = pickFrom(r, p.deep);
      const t = p.deep[0]!;
      return { who: ['citizen', d.citizen], method: 'GET', path: `/api/me/access-log?limit=50&before=${d.before}`, subst: new Map<unknown, unknown>([[t.citizen, d.citizen], [t.before, d.before]]) };
    },
  },
];

// ---- Main ---------------------------------------------------------------------------------

async function main() {
  let scratch: string | undefined;
  let server: RunningServer | undefined;
  const sizeLabel = SIZE;
  try {
    // 1. A database with Skovlund Kommune in it.
    if (env.databaseUrl) {
      const admin = await openPostgres(env.databaseUrl, { max: 1 });
      const has = await query<{ n: number }>(admin.db, sql`SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'municipalities'`).then(async (r) =>
        Number(r[0]!.n) ? (await query<{ n: number }>(admin.db, sql`SELECT count(*) AS n FROM municipalities WHERE code = ${SYNTHETIC_MUNICIPALITY_CODE}`))[0]!.n : 0,
      );
      if (!Number(has)) {
        if (benchUrl) throw new Error('BENCH_URL: load the synthetic municipality into DATABASE_URL first (npm run seed:synthetic)');
        scratch = `sammen_bench_${Date.now()}`;
        await admin.db.execute(sql.raw(`CREATE DATABASE ${scratch}`));
        const u = new URL(env.databaseUrl);
        u.pathname = `/${scratch}`;
        dbUrl = u.href;
      }
      await admin.close();
    }
    const setup = await openLogged(() => {});
    await migrate(setup.db);
    const loaded = await query<{ n: number }>(setup.db, sql`SELECT count(*) AS n FROM municipalities WHERE code = ${SYNTHETIC_MUNICIPALITY_CODE}`);
    if (!Number(loaded[0]!.n)) {
      say(`Loading the synthetic municipality (${SIZE}) into ${scratch ?? env.dataDir} …`);
      const report = await loadSynthetic(setup.db, env, { citizens: syntheticSizes[SIZE], seal: (m) => sealMunicipality(setup.db, m) });
      say(`  loaded in ${report.totalSeconds.toFixed(0)} s`);
    }
    const picks = await readPicks(setup.db);
    await setup.close();
    say(`Skovlund Kommune: ${picks.citizens} plans; ${picks.staffPlans.length} plans of 300 caseworkers, 300 citizens, ${picks.consents.length} consents to revoke, ${picks.deep.length} deep histories.`);

    const active = scenarios.filter((s) => !ONLY || ONLY.some((o) => s.name.includes(o)));
    const usable = active.filter((s) => (s.write !== 'revoke' || picks.consents.length > 1) && (!s.name.includes('deep') || picks.deep.length));

    // 2. The exact statements each endpoint issues, captured from one request through the app.
    const statements = new Map<string, Statement[]>();
    const templates = new Map<string, Request>();
    if (!benchUrl) {
      const captured: Statement[] = [];
      let capturing = false;
      const database = await openLogged((text, params) => capturing && captured.push({ text, params }));
      const app = await buildApp({ config: benchConfig(), database });
      await app.ready();
      for (const s of usable) {
        const t = s.template(picks);
        const client = await new TestClient(app).loginAs(...t.who);
        captured.length = 0;
        capturing = true;
        const res = await client.request(t.method, t.path, t.body as Record<string, unknown> | undefined);
        capturing = false;
        if (res.statusCode !== 200) throw new Error(`${s.name}: ${res.statusCode} ${res.body}`);
        statements.set(s.name, [...captured]);
        templates.set(s.name, t);
        if (s.write === 'edit') picks.editPlans.find((x) => x.plan === t.plan)!.version += 1;
      }
      await app.close();
      await database.close();
    }

    // 3. The server: ours, or the one at BENCH_URL.
    let base = benchUrl;
    if (!base) {
      const port = await freePort();
      const serverEnv: Record<string, string> = { PORT: String(port), LOG_LEVEL: 'warn', LOGIN_RATE_LIMIT_PER_MINUTE: '1000000', SESSION_IDLE_MINUTES: '600', DATABASE_POOL_SIZE: String(POOL) };
      if (dbUrl) serverEnv.DATABASE_URL = dbUrl;
      else serverEnv.DATA_DIR = env.dataDir;
      const started = await startServer(serverEnv);
      if (!isRunning(started)) throw new Error(started.output);
      server = started;
      base = server.url;
    }

    // 4. Every scenario over HTTP, then (with the server stopped: an embedded database has one
    //    owner) the same statements raw.
    const rows: Record<string, unknown>[] = [];
    const sealPool = dbUrl ? new pg.Pool({ connectionString: dbUrl, max: 1 }) : undefined;
    for (const s of usable) {
      const sessions = await login(base, s.actors(picks), !!s.write);
      const r = rng(7);
      // Consents are revoked once each: the HTTP run takes the first half, the raw run the second.
      const runPicks = { ...picks, consents: picks.consents.slice(0, Math.floor(picks.consents.length / 2)), editPlans: picks.editPlans.map((x) => ({ ...x })) };
      if (!s.write) await loadHttp(base, s, runPicks, sessions, r, 2); // warm-up
      const before = s.write === 'edit' && sealPool ? await editMarks(sealPool, picks) : undefined;
      const servingProcess = server ? servingPid(server.proc.pid!) : undefined;
      const cpuBefore = cpuMark(servingProcess);
      const figures = await loadHttp(base, s, runPicks, sessions, r, SECONDS);
      const stopped = performance.now();
      const cpu = cpuPerRequest(cpuBefore, cpuMark(servingProcess), figures.ok + figures.conflicts + figures.errors);
      const extra: Record<string, unknown> = {};
      if (s.write === 'edit') {
        extra.conflicts_409 = figures.conflicts;
        extra.successful_edits = figures.ok;
        if (before && sealPool) {
          const after = await editMarks(sealPool, picks);
          extra.wishes_changed_rows = after.changes - before.changes;
          extra.version_increase = after.versions - before.versions;
          extra.lost_updates = figures.ok - (after.changes - before.changes);
        }
      }
      extra.sealed_within_s = sealPool ? await sealLag(sealPool, stopped) : null;
      rows.push({
        scenario: s.name,
        engine,
        size: sizeLabel,
        concurrency: CONCURRENCY,
        pool: engine === 'postgres' ? POOL : 1,
        rps: round(figures.rps),
        p50_ms: round(figures.p50),
        p95_ms: round(figures.p95),
        p99_ms: round(figures.p99),
        errors: figures.errors,
        rss_mb: server ? rssMb(server.proc.pid!) : null,
        statements: statements.get(s.name)?.length ?? null,
        ...cpu,
        ...extra,
      });
    }
    await server?.stop();
    server = undefined;
    for (const [i, s] of usable.entries()) {
      const raw = statements.has(s.name) ? await runRaw(s, statements.get(s.name)!, templates.get(s.name)!, picks) : undefined;
      Object.assign(rows[i]!, {
        raw_rps: raw ? round(raw.rps) : null,
        raw_p95_ms: raw ? round(raw.p95) : null,
        ratio: raw ? round(Number(rows[i]!.rps) / raw.rps, 2) : null,
        raw_db_cpu_ms: raw?.dbCpuMs ?? null,
      });
      if (!jsonOnly) printRow(rows[i]!);
    }
    await sealPool?.end();
    if (!jsonOnly) {
      console.log(`\nconcurrency ${CONCURRENCY}, ${SECONDS} s per run, latencies in ms; one server process, load generated from this process.`);
      console.log("cpu columns: CPU ms per request of the server process, of all PostgreSQL processes (cluster-wide), of this load generator; raw db: PostgreSQL CPU per raw replay.");
    }
    const calibration = await calibrate();
    if (!jsonOnly) {
      console.log(`machine: ${calibration.rps} SELECT 1 round trips/s at concurrency ${CONCURRENCY} through the driver; this host's speed drifts by tens of per cent over a day, so compare runs by this figure too.`);
    }
    for (const r of rows) console.log(JSON.stringify({ ...r, machine_select1_rps: calibration.rps }));
  } finally {
    await server?.stop();
    if (scratch) {
      const cleanup = await openPostgres(env.databaseUrl!, { max: 1 });
      await cleanup.db.execute(sql.raw(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`));
      await cleanup.close();
    }
  }
}

function benchConfig(): Config {
  return parseConfig({ DATABASE_URL: dbUrl, DATA_DIR: env.dataDir, LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT_PER_MINUTE: '1000000' });
}

let headerPrinted = false;
function printRow(r: Record<string, unknown>) {
  const cols: [string, string, number][] = [['scenario', 'scenario', 28], ['rps', 'rps', 7], ['p50_ms', 'p50', 7], ['p95_ms', 'p95', 7], ['p99_ms', 'p99', 7], ['errors', 'err', 4],
    ['rss_mb', 'rss MB', 7], ['statements', 'stmts', 6], ['raw_rps', 'raw rps', 8], ['ratio', 'app/raw', 8], ['sealed_within_s', 'sealed s', 9],
    ['server_cpu_ms', 'srv cpu', 8], ['db_cpu_ms', 'db cpu', 7], ['loadgen_cpu_ms', 'gen cpu', 8], ['raw_db_cpu_ms', 'raw db', 7]];
  if (!headerPrinted) {
    console.log(`\n${cols.map(([, h, w], i) => (i ? h.padStart(w) : h.padEnd(w))).join(' ')}`);
    headerPrinted = true;
  }
  const extra = ['conflicts_409', 'successful_edits', 'wishes_changed_rows', 'lost_updates'].filter((k) => k in r).map((k) => `${k}=${r[k]}`).join(' ');
  console.log(`${cols.map(([k, , w], i) => (i ? String(r[k] ?? '-').padStart(w) : String(r[k]).padEnd(w))).join(' ')}${extra ? `  ${extra}` : ''}`);
}

// ---- HTTP load ----------------------------------------------------------------------------

interface Session {
  cookie: string;
  csrf?: string;
}

async function login(base: string, actors: Who[], writes: boolean): Promise<Map<string, Session>> {
  const sessions = new Map<string, Session>();
  const unique = [...new Map(actors.map((a) => [a[1], a])).values()];
  for (let i = 0; i < unique.length; i += 16) {
    await Promise.all(unique.slice(i, i + 16).map(async ([kind, id]) => {
      const browser = new HttpClient(base);
      const res = await browser.fetch('/api/auth/demo/login', { method: 'POST', body: { kind, id } });
      if (res.status !== 200) throw new Error(`demo login ${kind} ${id}: ${res.status} ${await res.text()}`);
      if (writes && !browser.csrf) browser.csrf = (await (await browser.fetch('/api/auth/csrf')).json()).token;
      sessions.set(id, { cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; '), csrf: browser.csrf });
    }));
  }
  return sessions;
}

interface Figures {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  ok: number;
  conflicts: number;
}

function summarise(latencies: number[], errors: number, seconds: number, ok = latencies.length, conflicts = 0): Figures {
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { rps: latencies.length / seconds, p50: at(0.5), p95: at(0.95), p99: at(0.99), errors, ok, conflicts };
}

let editCounter = 0;

async function loadHttp(base: string, s: Scenario, picks: Picks, sessions: Map<string, Session>, r: () => number, seconds: number): Promise<Figures> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  let errors = 0;
  let ok = 0;
  let conflicts = 0;
  // What each writer believes the plan's version is; a 409 brings the current one.
  const known = new Map(picks.editPlans.map((p) => [p.plan, p.version]));
  const started = performance.now();
  const end = started + seconds * 1000;
  let exhausted = false;
  const one = (req: Request) =>
    new Promise<void>((resolve) => {
      const session = sessions.get(req.who[1])!;
      let body: string | undefined;
      if (s.write === 'edit') body = JSON.stringify({ baseVersion: known.get(req.plan!), wishes: `Jeg vil gerne have ro på hverdagen (bench ${++editCounter}).` });
      else if (req.body !== undefined) body = JSON.stringify(req.body);
      const t0 = performance.now();
      const h = http.request(new URL(req.path, base), {
        agent,
        method: req.method,
        headers: { cookie: session.cookie, ...(body !== undefined ? { 'content-type': 'application/json', 'x-csrf-token': session.csrf ?? '' } : {}) },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => s.write === 'edit' && chunks.push(c));
        res.on('end', () => {
          const ms = performance.now() - t0;
          if (res.statusCode === 200) {
            latencies.push(ms);
            ok += 1;
            if (s.write === 'edit') known.set(req.plan!, JSON.parse(Buffer.concat(chunks).toString()).version);
          } else if (res.statusCode === 409 && s.write === 'edit') {
            // A refused stale write is the version check working, not an error; it still took time.
            latencies.push(ms);
            conflicts += 1;
            const current = JSON.parse(Buffer.concat(chunks).toString()).current;
            if (current?.version) known.set(req.plan!, Math.max(known.get(req.plan!) ?? 0, current.version));
          } else errors += 1;
          resolve();
        });
      });
      h.on('error', () => {
        errors += 1;
        resolve();
      });
      h.end(body);
    });
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (performance.now() < end && !exhausted) {
      const req = s.next(picks, r);
      if (!req) {
        exhausted = true;
        break;
      }
      await one(req);
    }
  }));
  agent.destroy();
  const elapsed = Math.min(seconds, (performance.now() - started) / 1000);
  return summarise(latencies, errors, elapsed, ok, conflicts);
}

// ---- Raw replay ---------------------------------------------------------------------------

/** How fast this machine is right now: the cheapest round trip through the driver, at the bench's concurrency. */
async function calibrate() {
  const raw = engine === 'postgres' ? pgRaw(dbUrl!) : await pgliteRaw(env.dataDir);
  let done = 0;
  const end = performance.now() + 3000;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (performance.now() < end) {
      const conn = await raw.connect();
      try {
        await conn.run({ text: 'SELECT 1', params: [] }, 'calibrate');
        done += 1;
      } finally {
        conn.release();
      }
    }
  }));
  await raw.close();
  return { rps: Math.round(done / 3) };
}

/** The same statements through the driver, with this request's picks substituted into the parameters. */
async function runRaw(s: Scenario, template: Statement[], templateRequest: Request, picks: Picks): Promise<Figures & { dbCpuMs: number | null }> {
  const raw = engine === 'postgres' ? pgRaw(dbUrl!) : await pgliteRaw(env.dataDir);
  const rawPicks = { ...picks, consents: [...picks.consents.slice(Math.floor(picks.consents.length / 2))], editPlans: picks.editPlans.map((x) => ({ ...x })) };
  if (s.write === 'edit') {
    const c = await raw.connect();
    for (const p of rawPicks.editPlans) p.version = Number((await c.run({ text: 'SELECT version FROM plans WHERE id = $1', params: [p.plan] }, 'raw_version')).rows[0]!.version);
    c.release();
  }
  const versions = new Map(rawPicks.editPlans.map((p) => [p.plan, p.version]));
  const templateVersion = (templateRequest.body as { baseVersion?: number } | undefined)?.baseVersion;
  const r = rng(7);
  const latencies: number[] = [];
  let errors = 0;
  let conflicts = 0;
  let exhausted = false;
  const cpuBefore = cpuMark(undefined);
  const started = performance.now();
  const end = started + SECONDS * 1000;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (performance.now() < end && !exhausted) {
      const req = s.next(rawPicks, r);
      if (!req) {
        exhausted = true;
        break;
      }
      if (s.write === 'edit' && templateVersion !== undefined) req.subst.set(templateVersion, versions.get(req.plan!));
      const t0 = performance.now();
      const conn = await raw.connect();
      try {
        for (const [i, st] of template.entries()) {
          const params = st.params.map((v) => (req.subst.has(v) ? req.subst.get(v) : v));
          const res = await conn.run({ text: st.text, params }, `raw_${i}_${st.text.length}`);
          if (s.write === 'edit' && /^\s*update plans set version = version \+ 1/i.test(st.text)) {
            if (res.rowCount === 0) {
              // Someone got there first: stop like the app does, and learn the version.
              await conn.run({ text: 'ROLLBACK', params: [] }, 'rollback');
              const v = await conn.run({ text: 'SELECT version FROM plans WHERE id = $1', params: [req.plan] }, 'raw_version');
              versions.set(req.plan!, Number(v.rows[0]!.version));
              conflicts += 1;
              break;
            }
            versions.set(req.plan!, Number(res.rows[0]!.version));
          }
        }
        latencies.push(performance.now() - t0);
      } catch {
        errors += 1;
        await conn.run({ text: 'ROLLBACK', params: [] }, 'rollback').catch(() => {});
      } finally {
        conn.release();
      }
    }
  }));
  const elapsed = Math.min(SECONDS, (performance.now() - started) / 1000);
  // Before the pool closes: the backends' CPU leaves /proc with them.
  const cpu = cpuPerRequest(cpuBefore, cpuMark(undefined), latencies.length + errors);
  await raw.close();
  return { ...summarise(latencies, errors, elapsed, latencies.length, conflicts), dbCpuMs: cpu.db_cpu_ms };
}

// ---- Checks after a run -------------------------------------------------------------------

/** wishes.changed rows and the sum of versions of the contended plans. */
async function editMarks(pool: pg.Pool, picks: Picks) {
  const ids = [...new Set(picks.editPlans.map((p) => p.plan))];
  const { rows } = await pool.query(
    `SELECT (SELECT count(*) FROM plan_changes WHERE plan_id = ANY($1::uuid[]) AND change_type = 'wishes.changed')::int AS changes,
            (SELECT sum(version) FROM plans WHERE id = ANY($1::uuid[]))::int AS versions`,
    [ids],
  );
  return { changes: Number(rows[0].changes), versions: Number(rows[0].versions) };
}

/** Seconds from the end of the load until no audit row is left unsealed (keyset from the last seal). */
async function sealLag(pool: pg.Pool, stoppedAt: number): Promise<number | null> {
  // Per municipality: the last seal, then the rows after it by keyset (a row comparison
  // against a subquery is not indexable: that version scanned 9M rows per poll).
  const unsealed = async () => {
    let n = 0;
    const { rows: ms } = await pool.query('SELECT id FROM municipalities');
    for (const m of ms) {
      const { rows: last } = await pool.query('SELECT tx_id::text AS tx, event_id FROM audit_seals WHERE municipality_id = $1 ORDER BY seq DESC LIMIT 1', [m.id]);
      const { rows } = await pool.query('SELECT count(*)::int AS n FROM audit_events WHERE municipality_id = $1 AND (tx_id, id) > ($2::xid8, $3::bigint)', [m.id, last[0]?.tx ?? '0', last[0]?.event_id ?? 0]);
      n += Number(rows[0].n);
    }
    return n;
  };
  while (performance.now() - stoppedAt < 60_000) {
    if ((await unsealed()) === 0) return round((performance.now() - stoppedAt) / 1000, 2);
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}

/** The Node process that serves: under tsx it is the child of the launcher. */
function servingPid(pid: number) {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    return Number(children[0] ?? pid);
  } catch {
    return pid;
  }
}

function rssMb(pid: number) {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${servingPid(pid)}/status`, 'utf8'))?.[1]);
    return Math.round(kb / 1024);
  } catch {
    return null;
  }
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** user + system CPU of a process, in ms. */
function cpuOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** CPU of every PostgreSQL process on this machine (the server is on loopback), in ms, by pid. */
function postgresCpu(): Map<number, number> {
  const byPid = new Map<number, number>();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') byPid.set(Number(pid), cpuOf(Number(pid)));
    } catch {
      /* gone */
    }
  }
  return byPid;
}

/** PostgreSQL CPU between two marks: processes that exited in between (an autovacuum worker) are left out. */
function postgresCpuBetween(a: Map<number, number>, b: Map<number, number>) {
  let total = 0;
  for (const [pid, ms] of b) total += ms - (a.get(pid) ?? 0);
  return total;
}

interface CpuMark {
  /** Undefined when the bench does not run the server itself (BENCH_URL) or while it is stopped (raw). */
  server?: number;
  db: Map<number, number>;
  bench: number;
}
/** Where the CPU goes: the server process, PostgreSQL and this load generator. */
function cpuMark(serverPid: number | undefined): CpuMark {
  const own = process.cpuUsage();
  return { server: serverPid ? cpuOf(serverPid) : undefined, db: engine === 'postgres' ? postgresCpu() : new Map(), bench: (own.user + own.system) / 1000 };
}
/** CPU ms per request between two marks. */
function cpuPerRequest(a: CpuMark, b: CpuMark, requests: number) {
  const per = (x: number) => (requests ? round(x / requests, 3) : null);
  return {
    ...(a.server !== undefined && b.server !== undefined ? { server_cpu_ms: per(b.server - a.server) } : {}),
    db_cpu_ms: engine === 'postgres' ? per(postgresCpuBetween(a.db, b.db)) : null,
    loadgen_cpu_ms: per(b.bench - a.bench),
  };
}

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
