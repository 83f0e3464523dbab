import http from 'node:http';
import path from 'node:path';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { parseConfig, repoRoot, type Config } from '../src/platform/config.ts';
import { migrate, openPglite, openPostgres, query, type Database, type Db } from '../src/platform/db.ts';
import { loadSynthetic, syntheticSizes, SYNTHETIC_MUNICIPALITY_CODE, type SyntheticSize } from '../src/db/synthetic.ts';
import { sealMunicipality } from '../src/modules/audit/audit.service.ts';
import { rebuildStalePlanDocuments } from '../src/modules/plans/plan-document.ts';
import { sweepCollisions } from '../src/modules/calendar/calendar.sweep.ts';
import { periodStart } from '../src/modules/feedback/feedback.aggregates.ts';
import { addDays, localDate, mondayOf, startOfLocalDay, TIME_ZONE } from '@sammen/domain/calendar';
import { TestClient } from '../test/helpers.ts';
import { freePort, HttpClient, isRunning, startServer, type RunningServer } from '../test/processes.ts';

// npm run bench — prints figures, asserts nothing (STYLE.md §9).
//
// Measures the endpoints over HTTP against the synthetic municipality (npm run seed:synthetic),
// each request for a plan, citizen or staff member picked at random (seeded, so runs compare),
// then replays the exact SQL statements the endpoint issued, through the driver directly, at
// the same concurrency, with the same random picks, and prints the ratio. Each read scenario is
// also run against the floor (bench/floor.ts, docs/performance.md, "The floor"): a node:http server
// over the driver that answers each request with one SQL statement — the least work a correct
// implementation must do — with the same sessions, concurrency, seconds and random picks.
// Last, the collision sweep of the whole municipality (calendar.sweep.ts `sweepCollisions`) is
// timed in this process ('collision sweep': its own lines and JSON line; `--only` matches it).
//
//   DATABASE_URL=… npm run bench -- [--size small|medium|large] [--concurrency 32] [--seconds 8] [--json] [--only name,name] [--pool 10]
//     Uses the database in DATABASE_URL if Skovlund Kommune is loaded there; otherwise creates
//     a scratch database, loads --size (default small) into it and drops it afterwards.
//   npm run bench (no DATABASE_URL): the embedded engine (PGlite) in DATA_DIR (default
//     data/bench), loaded at --size small if empty. The raw run uses PGlite in this process.
//   BENCH_URL=http://127.0.0.1:3000 DATABASE_URL=… npm run bench: measures a server that is
//     already running on that database (it must run with LOGIN_RATE_LIMIT_PER_MINUTE high
//     enough for the bench's logins, and in demo mode: sessions come from the demo login).
//   --no-floor: skip the floor runs. --check-floor: no load; compares each floor endpoint's
//     answer (and, on PostgreSQL, the access-log rows it wrote) with the app's for the same
//     sessions, prints the differences and exits (1 when there are any).

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
const CHECK_FLOOR = args.includes('--check-floor');
const NO_FLOOR = args.includes('--no-floor');

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
  /** Plans whose citizen has the deep calendar (500 future appointments), with a coordinator working in the coordinating unit. */
  calendarDeep: PlanPick[];
  /** Staff of a unit that makes decisions (synthetic-cases.ts), working in that unit: the request list. */
  deciders: { staff: string; unit: string }[];
  /** Citizens with a request, a decision or a complaint: their decisions page. */
  caseCitizens: string[];
  /** Issue 15: citizens with feedback meetings, each with their plan's coordinator (who works in the coordinating unit). */
  feedbackPlans: PlanPick[];
  /** Leaders (the leader role in their one unit): the aggregates. */
  leaders: string[];
  /** Issue 16: the latest closed wave of the coordination survey (100 groups × 20 respondents, synthetic-coordination.ts), if loaded. */
  coordinationWave: string | null;
  /** Issue 16: citizens with coordination pulses, each with their plan's coordinator. */
  pulsePlans: PlanPick[];
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
  // The deep calendars (synthetic-calendar.ts) are the same first plans by id: those whose
  // citizen has at least 500 appointments, each coordinator once (their session is switched to
  // the coordinating unit, one unit per session).
  const calendarDeep: PlanPick[] = [];
  for (const p of plans.slice(0, deepPlans)) {
    const [row] = await query<{ n: number }>(db, sql`SELECT count(*) AS n FROM appointments WHERE municipality_id = ${m.id} AND citizen_id = ${p.citizen}`);
    if (Number(row?.n ?? 0) >= 500 && !calendarDeep.some((x) => x.staff === p.staff)) calendarDeep.push(p);
  }
  // Issue 14: the caseworkers of the deciding units (each in the unit whose requests they see),
  // and citizens with decision cases.
  const deciders = await query<{ staff: string; unit: string }>(
    db,
    sql`SELECT DISTINCT ON (r.staff_id) r.staff_id::text AS staff, r.unit_id::text AS unit FROM staff_roles r
        WHERE r.municipality_id = ${m.id} AND r.role IN ('caseworker', 'leader')
          AND r.unit_id IN (SELECT unit_id FROM decision_types WHERE municipality_id = ${m.id})
        ORDER BY r.staff_id, r.unit_id LIMIT 300`,
  );
  const caseCitizens = (
    await query<{ citizen: string }>(db, sql`SELECT DISTINCT citizen_id::text AS citizen FROM decision_requests WHERE municipality_id = ${m.id} ORDER BY 1 LIMIT 300`)
  ).map((x) => x.citizen);
  // Issue 15: citizens with feedback meetings (synthetic-feedback.ts: three in ten), their coordinators; leaders.
  const hasFeedback = Number((await query<{ n: number }>(db, sql`SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'feedback_meetings'`))[0]!.n) > 0;
  const feedbackPlans = hasFeedback
    ? await query<PlanPick & Record<string, unknown>>(
        db,
        sql`SELECT p.id::text AS plan, p.citizen_id::text AS citizen, p.coordinator_id::text AS staff, p.coordinator_unit_id::text AS unit
            FROM plans p WHERE p.municipality_id = ${m.id} AND p.status = 'active'
              AND EXISTS (SELECT 1 FROM feedback_meetings f WHERE f.municipality_id = p.municipality_id AND f.citizen_id = p.citizen_id)
            ORDER BY md5(p.citizen_id::text) LIMIT 300`,
      )
    : [];
  const leaders = (
    await query<{ staff: string }>(
      db,
      sql`SELECT r.staff_id::text AS staff FROM staff_roles r WHERE r.municipality_id = ${m.id} AND r.role = 'leader'
            AND (SELECT count(DISTINCT x.unit_id) FROM staff_roles x WHERE x.municipality_id = r.municipality_id AND x.staff_id = r.staff_id) = 1
          ORDER BY md5(r.staff_id::text) LIMIT 50`,
    )
  ).map((x) => x.staff);
  // Issue 16: the survey's latest closed wave and the citizens with pulses (synthetic-coordination.ts), when loaded.
  const hasCoordination = Number((await query<{ n: number }>(db, sql`SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'coordination_waves'`))[0]!.n) > 0;
  const [wave] = hasCoordination
    ? await query<{ id: string }>(db, sql`SELECT id::text AS id FROM coordination_waves WHERE municipality_id = ${m.id} AND closed_at IS NOT NULL ORDER BY closed_at DESC, id DESC LIMIT 1`)
    : [];
  const pulsePlans = hasCoordination
    ? await query<PlanPick & Record<string, unknown>>(
        db,
        sql`SELECT p.id::text AS plan, p.citizen_id::text AS citizen, p.coordinator_id::text AS staff, p.coordinator_unit_id::text AS unit
            FROM plans p WHERE p.municipality_id = ${m.id} AND p.status = 'active'
              AND EXISTS (SELECT 1 FROM coordination_pulses c WHERE c.municipality_id = p.municipality_id AND c.citizen_id = p.citizen_id)
            ORDER BY md5(p.citizen_id::text) LIMIT 300`,
      )
    : [];
  return { municipalityId: m.id, citizens: plans.length, staffPlans, citizenPlans, editPlans, consents, deep, calendarDeep, deciders, caseCitizens, feedbackPlans, leaders,
    coordinationWave: wave?.id ?? null, pulsePlans };
}

/**
 * The leaders' aggregates over the four quarters that have ended, by quarter: the same request for
 * every leader. Asked in whole periods, as the app answers (feedback.aggregates.ts `rangeOf`), so
 * the floor, which takes the days as they are, gives the same answer.
 */
const aggregatesPath = (by: 'quarter' | 'month' = 'quarter') => {
  const lastEnded = addDays(periodStart(localDate(Date.now()), by), -1);
  return `/api/feedback/aggregates?from=${periodStart(addDays(lastEnded, -364), by)}&to=${lastEnded}&by=${by}`;
};

// ---- Scenarios ----------------------------------------------------------------------------

type Who = ['staff' | 'citizen' | 'proxy', string];
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
  /** No floor for this scenario (a POST that is not a write: the booking check). */
  noFloor?: true;
  /** Staff sessions that must work in a given unit (staff id → unit id): switched after the login. */
  units?(p: Picks): Map<string, string>;
}

const planSubst = (t: PlanPick, x: PlanPick) => new Map<unknown, unknown>([[t.plan, x.plan], [t.citizen, x.citizen], [t.staff, x.staff], [t.unit, x.unit]]);

/**
 * A one-hour mandatory appointment of the coordinating unit next week (Danish time), on a
 * weekday and hour picked at random: the booking form's check (calendar.booking.ts).
 */
function checkBody(unitId: string, r?: () => number) {
  const day = r ? Math.floor(r() * 5) : 0;
  const hour = r ? 8 + Math.floor(r() * 7) : 10;
  const monday = addDays(mondayOf(localDate(Date.now())), 7);
  const start = startOfLocalDay(addDays(monday, day), TIME_ZONE) + hour * 3_600_000;
  return { unitId, title: 'Samtale', start: new Date(start).toISOString(), end: new Date(start + 3_600_000).toISOString(), mandatory: true };
}
/** The booking check's statements name the citizen and unit also as one-element arrays (`{id}`). */
const checkSubst = (t: PlanPick, x: PlanPick) => {
  const m = planSubst(t, x);
  m.set(`{${t.citizen}}`, `{${x.citizen}}`);
  m.set(`{${t.unit}}`, `{${x.unit}}`);
  return m;
};

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
    name: 'citizen calendar page',
    actors: (p) => p.citizenPlans.map((x) => ['citizen', x.citizen]),
    template: (p) => ({ who: ['citizen', p.citizenPlans[0]!.citizen], method: 'GET', path: '/api/me/calendar', subst: new Map() }),
    next: (p, r) => {
      const x = pickFrom(r, p.citizenPlans);
      return { who: ['citizen', x.citizen], method: 'GET', path: '/api/me/calendar', subst: planSubst(p.citizenPlans[0]!, x) };
    },
  },
  {
    // The coordinator checks a new appointment against a 500-appointment calendar; writes only the access-log row.
    name: 'collision check at booking',
    noFloor: true,
    actors: (p) => p.calendarDeep.map((x) => ['staff', x.staff]),
    units: (p) => new Map(p.calendarDeep.map((x) => [x.staff, x.unit])),
    template: (p) => {
      const t = p.calendarDeep[0]!;
      return { who: ['staff', t.staff], method: 'POST', path: `/api/citizens/${t.citizen}/appointments/check`, body: checkBody(t.unit), subst: new Map() };
    },
    next: (p, r) => {
      const x = pickFrom(r, p.calendarDeep);
      return { who: ['staff', x.staff], method: 'POST', path: `/api/citizens/${x.citizen}/appointments/check`, body: checkBody(x.unit, r), subst: checkSubst(p.calendarDeep[0]!, x) };
    },
  },
  {
    // The authority caseworker's open requests with their deadlines (issue 14).
    name: 'caseworker request list',
    actors: (p) => p.deciders.map((x) => ['staff', x.staff]),
    units: (p) => new Map(p.deciders.map((x) => [x.staff, x.unit])),
    template: (p) => ({ who: ['staff', p.deciders[0]!.staff], method: 'GET', path: '/api/requests', subst: new Map() }),
    next: (p, r) => {
      const x = pickFrom(r, p.deciders);
      const t = p.deciders[0]!;
      return { who: ['staff', x.staff], method: 'GET', path: '/api/requests', subst: new Map<unknown, unknown>([[t.staff, x.staff], [t.unit, x.unit]]) };
    },
  },
  {
    name: 'citizen decisions page',
    actors: (p) => p.caseCitizens.map((c) => ['citizen', c]),
    template: (p) => ({ who: ['citizen', p.caseCitizens[0]!], method: 'GET', path: '/api/me/decisions', subst: new Map() }),
    next: (p, r) => {
      const c = pickFrom(r, p.caseCitizens);
      return { who: ['citizen', c], method: 'GET', path: '/api/me/decisions', subst: new Map<unknown, unknown>([[p.caseCitizens[0]!, c]]) };
    },
  },
  {
    // Issue 15: the coordinator's page of a citizen's feedback: timeline, courses, change, trajectory.
    name: 'staff feedback page',
    actors: (p) => [...new Set(p.feedbackPlans.map((x) => x.staff))].map((s) => ['staff', s]),
    template: (p) => ({ who: ['staff', p.feedbackPlans[0]!.staff], method: 'GET', path: `/api/citizens/${p.feedbackPlans[0]!.citizen}/feedback`, subst: new Map() }),
    next: (p, r) => {
      const x = pickFrom(r, p.feedbackPlans);
      return { who: ['staff', x.staff], method: 'GET', path: `/api/citizens/${x.citizen}/feedback`, subst: planSubst(p.feedbackPlans[0]!, x) };
    },
  },
  {
    name: 'citizen feedback page',
    actors: (p) => p.feedbackPlans.map((x) => ['citizen', x.citizen]),
    template: (p) => ({ who: ['citizen', p.feedbackPlans[0]!.citizen], method: 'GET', path: '/api/me/feedback', subst: new Map() }),
    next: (p, r) => {
      const x = pickFrom(r, p.feedbackPlans);
      return { who: ['citizen', x.citizen], method: 'GET', path: '/api/me/feedback', subst: planSubst(p.feedbackPlans[0]!, x) };
    },
  },
  {
    // The municipality's meetings of the last year by unit and quarter; the same answer for every leader.
    name: 'leader unit aggregates',
    actors: (p) => p.leaders.map((s) => ['staff', s]),
    template: (p) => ({ who: ['staff', p.leaders[0]!], method: 'GET', path: aggregatesPath(), subst: new Map() }),
    next: (p, r) => {
      const x = pickFrom(r, p.leaders);
      return { who: ['staff', x], method: 'GET', path: aggregatesPath(), subst: new Map<unknown, unknown>([[p.leaders[0]!, x]]) };
    },
  },
  {
    // Issue 16: a closed wave's heat map at 100 groups × 20 respondents (its stored results, about 1,300 cells), as a leader: sees all.
    name: 'coordination heat map',
    actors: (p) => p.leaders.map((s) => ['staff', s]),
    template: (p) => ({ who: ['staff', p.leaders[0]!], method: 'GET', path: `/api/coordination/waves/${p.coordinationWave}/results`, subst: new Map() }),
    next: (p, r) => {
      const x = pickFrom(r, p.leaders);
      return { who: ['staff', x], method: 'GET', path: `/api/coordination/waves/${p.coordinationWave}/results`, subst: new Map<unknown, unknown>([[p.leaders[0]!, x]]) };
    },
  },
  {
    // Issue 16: the coordinator's page of a citizen's coordination pulses (closed ones with results, an open one).
    name: 'coordination pulse page',
    actors: (p) => [...new Set(p.pulsePlans.map((x) => x.staff))].map((s) => ['staff', s]),
    template: (p) => ({ who: ['staff', p.pulsePlans[0]!.staff], method: 'GET', path: `/api/citizens/${p.pulsePlans[0]!.citizen}/coordination-pulses`, subst: new Map() }),
    next: (p, r) => {
      const x = pickFrom(r, p.pulsePlans);
      return { who: ['staff', x.staff], method: 'GET', path: `/api/citizens/${x.citizen}/coordination-pulses`, subst: planSubst(p.pulsePlans[0]!, x) };
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
  let sizeLabel: string = SIZE;
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
    // As the server does at start: a database loaded before the plan read model gets it now.
    const rebuilt = await rebuildStalePlanDocuments(setup.db, 1_000);
    if (rebuilt) say(`Built the read model of ${rebuilt} plans.`);
    const loaded = await query<{ n: number }>(setup.db, sql`SELECT count(*) AS n FROM municipalities WHERE code = ${SYNTHETIC_MUNICIPALITY_CODE}`);
    if (!Number(loaded[0]!.n)) {
      say(`Loading the synthetic municipality (${SIZE}) into ${scratch ?? env.dataDir} …`);
      const report = await loadSynthetic(setup.db, env, { citizens: syntheticSizes[SIZE], seal: (m) => sealMunicipality(setup.db, m) });
      say(`  loaded in ${report.totalSeconds.toFixed(0)} s`);
    }
    const picks = await readPicks(setup.db);
    // The size loaded, not the --size asked for (which only matters when the bench loads one).
    sizeLabel = Object.entries(syntheticSizes).find(([, n]) => n === picks.citizens)?.[0] ?? `${picks.citizens} plans`;
    const checkPicks = CHECK_FLOOR ? await readCheckPicks(setup.db, picks) : undefined;
    if (checkPicks) {
      // The calendars checked get their collisions first (the synthetic load stores none; the
      // sweep does), so collision ids and records are compared too.
      const calendarCitizens = await calendarCitizensOf(setup.db, picks.municipalityId, checkPicks);
      if (calendarCitizens.length) await sweepCollisions(setup.db, picks.municipalityId, { citizenIds: calendarCitizens });
    }
    await setup.close();
    say(`Skovlund Kommune: ${picks.citizens} plans; ${picks.staffPlans.length} plans of 300 caseworkers, 300 citizens, ${picks.consents.length} consents to revoke, ${picks.deep.length} deep histories, ${picks.calendarDeep.length} deep calendars, ${picks.feedbackPlans.length} citizens with feedback, ${picks.leaders.length} leaders, ${picks.coordinationWave ? 'a closed coordination wave' : 'no coordination wave'}, ${picks.pulsePlans.length} citizens with pulses.`);

    const active = scenarios.filter((s) => !ONLY || ONLY.some((o) => s.name.includes(o)));
    const usable = active.filter((s) => (s.write !== 'revoke' || picks.consents.length > 1) && (!s.name.includes('deep') || picks.deep.length) && (!s.units || picks.calendarDeep.length)
      && (!s.name.includes('feedback page') || picks.feedbackPlans.length) && (!s.name.includes('aggregates') || picks.leaders.length)
      && (!s.name.includes('heat map') || (picks.coordinationWave && picks.leaders.length)) && (!s.name.includes('pulse page') || picks.pulsePlans.length));
    const sweep = !ONLY || ONLY.some((o) => 'collision sweep'.includes(o));

    // 2. The exact statements each endpoint issues, captured from one request through the app.
    const statements = new Map<string, Statement[]>();
    const templates = new Map<string, Request>();
    if (!benchUrl && !CHECK_FLOOR) {
      const captured: Statement[] = [];
      let capturing = false;
      const database = await openLogged((text, params) => capturing && captured.push({ text, params }));
      const app = await buildApp({ config: benchConfig(), database });
      await app.ready();
      for (const s of usable) {
        const t = s.template(picks);
        const client = await new TestClient(app).loginAs(...t.who);
        const unit = s.units?.(picks).get(t.who[1]);
        if (unit) {
          const switched = await client.put('/api/auth/unit', { unitId: unit });
          if (switched.statusCode !== 200) throw new Error(`${s.name}: switching to unit ${unit}: ${switched.statusCode} ${switched.body}`);
        }
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

    if (checkPicks) {
      const differences = await checkFloor(base, server, checkPicks);
      server = undefined;
      process.exitCode = differences ? 1 : 0;
      return;
    }

    // 4. Every scenario over HTTP, then (with the server stopped: an embedded database has one
    //    owner) the read scenarios against the floor, then the same statements raw.
    const rows: Record<string, unknown>[] = [];
    const sessionsOf = new Map<string, Map<string, Session>>();
    const sealPool = dbUrl ? new pg.Pool({ connectionString: dbUrl, max: 1 }) : undefined;
    for (const s of usable) {
      const sessions = await login(base, s.actors(picks), !!s.write || s.template(picks).method !== 'GET', s.units?.(picks));
      sessionsOf.set(s.name, sessions);
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
    // The floor: the read scenarios again, same sessions, picks, concurrency and seconds.
    const reads = usable.filter((s) => !s.write && !s.noFloor);
    if (!NO_FLOOR && reads.length) {
      const floor = await startFloor();
      try {
        const floorPid = floor.proc.pid!;
        for (const s of reads) {
          const runPicks = { ...picks, consents: [], editPlans: picks.editPlans.map((x) => ({ ...x })) };
          const r = rng(7);
          await loadHttp(floor.url, s, runPicks, sessionsOf.get(s.name)!, r, 2); // warm-up, as for the app
          const cpuBefore = cpuMark(floorPid);
          const figures = await loadHttp(floor.url, s, runPicks, sessionsOf.get(s.name)!, r, SECONDS);
          const cpu = cpuPerRequest(cpuBefore, cpuMark(floorPid), figures.ok + figures.errors);
          const row = rows[usable.indexOf(s)]!;
          Object.assign(row, {
            floor_rps: round(figures.rps),
            floor_p95_ms: round(figures.p95),
            floor_ratio: figures.rps ? round(Number(row.rps) / figures.rps, 2) : null,
            floor_errors: figures.errors,
            floor_cpu_ms: cpu.server_cpu_ms ?? null,
            floor_db_cpu_ms: cpu.db_cpu_ms,
          });
        }
      } finally {
        await floor.stop();
      }
    }
    for (const row of rows) for (const k of ['floor_rps', 'floor_p95_ms', 'floor_ratio', 'floor_errors', 'floor_cpu_ms', 'floor_db_cpu_ms']) row[k] ??= null;
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
    // The collision sweep of the whole municipality, in this process, on the bench's database.
    let sweepRow: Record<string, unknown> | undefined;
    if (sweep && !benchUrl) {
      const database = await openLogged(() => {});
      try {
        const cpuBefore = cpuMark(undefined);
        const t0 = performance.now();
        const report = await sweepCollisions(database.db, picks.municipalityId);
        const seconds = (performance.now() - t0) / 1000;
        const cpuAfter = cpuMark(undefined);
        sweepRow = {
          scenario: 'collision sweep', engine, size: sizeLabel, sweep_seconds: round(seconds, 2), citizens_swept: report.citizens, appointments_swept: report.appointments,
          collisions_found: report.collisions, collisions_resolved: report.resolved, batches: report.batches,
          appointments_per_s: Math.round(report.appointments / seconds),
          bench_cpu_s: round((cpuAfter.bench - cpuBefore.bench) / 1000, 1),
          db_cpu_s: engine === 'postgres' ? round(postgresCpuBetween(cpuBefore.db, cpuAfter.db) / 1000, 1) : null,
        };
        if (!jsonOnly) {
          console.log(`\ncollision sweep (sweepCollisions, whole municipality, in this process): ${sweepRow.sweep_seconds} s; ${report.appointments} appointments of ${report.citizens} citizens swept`
            + ` (${sweepRow.appointments_per_s}/s), ${report.collisions} collisions found (upserted), ${report.resolved} resolved, ${report.batches} batches;`
            + ` CPU ${sweepRow.bench_cpu_s} s in this process${engine === 'postgres' ? `, ${sweepRow.db_cpu_s} s in PostgreSQL` : ''}.`);
        }
      } finally {
        await database.close();
      }
    }
    if (!jsonOnly) {
      console.log(`\nconcurrency ${CONCURRENCY}, ${SECONDS} s per run, latencies in ms; one server process, load generated from this process.`);
      console.log("cpu columns: CPU ms per request of the server process, of all PostgreSQL processes (cluster-wide), of this load generator; raw db: PostgreSQL CPU per raw replay.");
      console.log('floor: bench/floor.ts, one SQL statement per request (docs/performance.md, "The floor"); app/floor = rps ratio; flr cpu / flr db: CPU ms per request of the floor process / of PostgreSQL during the floor run.');
    }
    const calibration = await calibrate();
    if (!jsonOnly) {
      console.log(`machine: ${calibration.rps} SELECT 1 round trips/s at concurrency ${CONCURRENCY} through the driver; this host's speed drifts by tens of per cent over a day, so compare runs by this figure too.`);
    }
    for (const r of rows) console.log(JSON.stringify({ ...r, machine_select1_rps: calibration.rps }));
    if (sweepRow) console.log(JSON.stringify({ ...sweepRow, machine_select1_rps: calibration.rps }));
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
    ['server_cpu_ms', 'srv cpu', 8], ['db_cpu_ms', 'db cpu', 7], ['loadgen_cpu_ms', 'gen cpu', 8], ['raw_db_cpu_ms', 'raw db', 7],
    ['floor_rps', 'floor rps', 10], ['floor_p95_ms', 'floor p95', 10], ['floor_ratio', 'app/floor', 10], ['floor_cpu_ms', 'flr cpu', 8], ['floor_db_cpu_ms', 'flr db', 7]];
  if (!headerPrinted) {
    console.log(`\n${cols.map(([, h, w], i) => (i ? h.padStart(w) : h.padEnd(w))).join(' ')}`);
    headerPrinted = true;
  }
  const extra = ['conflicts_409', 'successful_edits', 'wishes_changed_rows', 'lost_updates'].filter((k) => k in r)
    .concat(r.floor_errors ? ['floor_errors'] : []).map((k) => `${k}=${r[k]}`).join(' ');
  console.log(`${cols.map(([k, , w], i) => (i ? String(r[k] ?? '-').padStart(w) : String(r[k]).padEnd(w))).join(' ')}${extra ? `  ${extra}` : ''}`);
}

// ---- The floor server ---------------------------------------------------------------------

/** bench/floor.ts as one node process (its pid is the serving process), on the bench's database. */
async function startFloor(): Promise<RunningServer> {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const floorEnv: Record<string, string> = { PORT: String(await freePort()), POOL: String(POOL), SESSION_IDLE_MINUTES: '600' };
  if (dbUrl) floorEnv.DATABASE_URL = dbUrl;
  else floorEnv.DATA_DIR = env.dataDir;
  const started = await startServer(floorEnv, { command: [process.execPath, '--import', tsx, path.join(repoRoot, 'server/bench/floor.ts')], ready: /Floor is running: (\S+)/ });
  if (!isRunning(started)) throw new Error(`bench/floor.ts did not start:\n${started.output}`);
  return started;
}

// ---- --check-floor: the floor's answers against the app's --------------------------------

interface FloorCheck {
  label: string;
  who?: Who;
  path: string;
  /** The order of the two passes (see checkFloor). */
  group: 1 | 2 | 3;
  kind: 'plan' | 'worklist' | 'log' | 'proxyLog' | 'status' | 'calendar' | 'cases' | 'feedback' | 'aggregates' | 'heatMap' | 'pulses';
}

/** What the check asks besides the scenarios' own picks: other units' staff, proxies, refusals. */
async function readCheckPicks(db: Db, picks: Picks): Promise<FloorCheck[]> {
  const m = picks.municipalityId;
  const checks: FloorCheck[] = [];
  for (const s of scenarios.filter((x) => !x.write && !x.noFloor && (!ONLY || ONLY.some((o) => x.name.includes(o))))) {
    if (s.name.includes('deep') && !picks.deep.length) continue;
    if ((s.name.includes('heat map') && !picks.coordinationWave) || (s.name.includes('pulse page') && !picks.pulsePlans.length)) continue;
    const r = rng(99);
    for (let i = 0; i < 4; i++) {
      const req = s.next(picks, r)!;
      const kind = s.name.includes('plan page') ? 'plan' : s.name.includes('work list') ? 'worklist' : s.name.includes('calendar') ? 'calendar'
        : s.name.includes('request list') || s.name.includes('decisions page') ? 'cases' : s.name.includes('feedback page') ? 'feedback'
        : s.name.includes('aggregates') ? 'aggregates' : s.name.includes('heat map') ? 'heatMap' : s.name.includes('pulse page') ? 'pulses' : 'log';
      checks.push({ label: `${s.name} #${i + 1}`, who: req.who, path: req.path, group: kind === 'log' ? 3 : 1, kind });
    }
  }
  // Staff of another unit than the coordinating one, working in a unit that delivers an effort
  // on the plan (the unit the demo login picks: the first by unit name and role), with and
  // without a consent in force for that unit: the only readers whose view is filtered.
  const involved = await query<{ staff: string; plan: string; consented: boolean; unit: string }>(
    db,
    sql`WITH lu AS (
          SELECT DISTINCT ON (r.staff_id) r.staff_id, r.unit_id FROM staff_roles r
          JOIN units u ON u.municipality_id = r.municipality_id AND u.id = r.unit_id
          JOIN staff st ON st.municipality_id = r.municipality_id AND st.id = r.staff_id AND st.disabled_at IS NULL
          WHERE r.municipality_id = ${m} ORDER BY r.staff_id, u.name, r.role)
        SELECT DISTINCT ON (p.id) lu.staff_id::text AS staff, p.id::text AS plan, lu.unit_id::text AS unit,
          EXISTS (SELECT 1 FROM consents c WHERE c.municipality_id = p.municipality_id AND c.citizen_id = p.citizen_id AND c.recipient_unit_id = lu.unit_id
                  AND c.given_at IS NOT NULL AND c.revoked_at IS NULL AND c.starts_on < current_date AND (c.ends_on IS NULL OR c.ends_on > current_date + 1)) AS consented
        FROM lu JOIN efforts e ON e.municipality_id = ${m} AND e.unit_id = lu.unit_id
        JOIN plans p ON p.municipality_id = e.municipality_id AND p.id = e.plan_id AND p.status = 'active'
        WHERE p.coordinator_unit_id <> lu.unit_id AND p.coordinator_id <> lu.staff_id
        ORDER BY p.id, md5(lu.staff_id::text)`,
  );
  const consented = involved.filter((x) => x.consented).slice(0, 5);
  const plain = involved.filter((x) => !x.consented).slice(0, 3);
  for (const x of [...consented, ...plain]) {
    checks.push({ label: `other unit's staff, ${x.consented ? 'with consent' : 'no consent'} ${x.plan.slice(0, 8)}`, who: ['staff', x.staff], path: `/api/plans/${x.plan}`, group: 1, kind: 'plan' });
  }
  // A plan that staff member's unit has nothing to do with: 404.
  const x = involved[0];
  if (x) {
    const [unseen] = await query<{ id: string }>(
      db,
      sql`SELECT p.id::text AS id FROM plans p WHERE p.municipality_id = ${m} AND p.coordinator_unit_id <> ${x.unit} AND p.coordinator_id <> ${x.staff}
            AND NOT EXISTS (SELECT 1 FROM efforts e WHERE e.municipality_id = p.municipality_id AND e.plan_id = p.id AND e.unit_id = ${x.unit})
            AND NOT EXISTS (SELECT 1 FROM involvement_requests ir WHERE ir.municipality_id = p.municipality_id AND ir.plan_id = p.id AND ir.unit_id = ${x.unit})
            AND NOT EXISTS (SELECT 1 FROM break_glass b WHERE b.municipality_id = p.municipality_id AND b.plan_id = p.id AND b.staff_id = ${x.staff})
          ORDER BY p.id LIMIT 1`,
    );
    if (unseen) checks.push({ label: 'staff, plan not theirs (404)', who: ['staff', x.staff], path: `/api/plans/${unseen.id}`, group: 1, kind: 'status' });
  }
  // Proxies: with 'plan.read' (own plan), without it (403), with 'consent.manage' (access log, logged).
  const proxies = await query<{ proxy: string; citizen: string; scopes: string }>(
    db,
    sql`SELECT x.id::text AS proxy, x.citizen_id::text AS citizen, array_to_string(x.scopes::text[], ',') AS scopes FROM proxies x
        WHERE x.municipality_id = ${m} AND x.valid_from <= now() AND (x.valid_to IS NULL OR x.valid_to > now()) ORDER BY md5(x.id::text)`,
  );
  const logCitizens = new Set(checks.filter((c) => c.kind === 'log').map((c) => c.who![1]));
  const withPlan = await query<{ citizen: string }>(db, sql`SELECT citizen_id::text AS citizen FROM plans WHERE municipality_id = ${m} AND status = 'active'`);
  const planned = new Set(withPlan.map((r) => r.citizen));
  for (const p of proxies.filter((p) => p.scopes.includes('plan.read') && planned.has(p.citizen)).slice(0, 2)) {
    checks.push({ label: 'proxy with plan.read, own plan', who: ['proxy', p.proxy], path: '/api/me/plan', group: 1, kind: 'plan' });
  }
  const noRead = proxies.find((p) => !p.scopes.includes('plan.read'));
  if (noRead) checks.push({ label: 'proxy without plan.read (403)', who: ['proxy', noRead.proxy], path: '/api/me/plan', group: 1, kind: 'status' });
  const calendarChecks = !ONLY || ONLY.some((o) => 'citizen calendar page'.includes(o));
  if (calendarChecks) {
    // The calendar: a deep one (500 appointments), a proxy's read (logged), refusals.
    const d = picks.calendarDeep[0];
    if (d) checks.push({ label: 'citizen calendar, deep calendar', who: ['citizen', d.citizen], path: '/api/me/calendar', group: 1, kind: 'calendar' });
    for (const p of proxies.filter((p) => p.scopes.includes('plan.read')).slice(0, 2)) {
      checks.push({ label: 'proxy with plan.read, calendar (logged)', who: ['proxy', p.proxy], path: '/api/me/calendar', group: 1, kind: 'calendar' });
    }
    if (noRead) checks.push({ label: 'proxy without plan.read, calendar (403)', who: ['proxy', noRead.proxy], path: '/api/me/calendar', group: 1, kind: 'status' });
    checks.push({ label: 'staff on /api/me/calendar (403)', who: ['staff', picks.staffPlans[0]!.staff], path: '/api/me/calendar', group: 1, kind: 'status' });
    checks.push({ label: 'no session, calendar (401)', path: '/api/me/calendar', group: 1, kind: 'status' });
  }
  const feedbackChecks = !ONLY || ONLY.some((o) => 'staff feedback page,citizen feedback page,leader unit aggregates'.includes(o));
  if (feedbackChecks && picks.feedbackPlans.length) {
    // Issue 15: staff of another unit working with the citizen (the readers who see only some
    // meetings: their unit's and the areas consents name), with and without a consent for their
    // unit; a proxy's own page (logged); refusals; the aggregates by month and a range refused.
    const others = await query<{ staff: string; citizen: string; consented: boolean }>(
      db,
      sql`WITH lu AS (
            SELECT DISTINCT ON (r.staff_id) r.staff_id, r.unit_id FROM staff_roles r
            JOIN units u ON u.municipality_id = r.municipality_id AND u.id = r.unit_id
            JOIN staff st ON st.municipality_id = r.municipality_id AND st.id = r.staff_id AND st.disabled_at IS NULL
            WHERE r.municipality_id = ${m} ORDER BY r.staff_id, u.name, r.role)
          SELECT DISTINCT ON (p.id) lu.staff_id::text AS staff, p.citizen_id::text AS citizen,
            EXISTS (SELECT 1 FROM consents c WHERE c.municipality_id = p.municipality_id AND c.citizen_id = p.citizen_id AND c.recipient_unit_id = lu.unit_id
                    AND c.given_at IS NOT NULL AND c.revoked_at IS NULL AND c.starts_on < current_date AND (c.ends_on IS NULL OR c.ends_on > current_date + 1)) AS consented
          FROM lu JOIN efforts e ON e.municipality_id = ${m} AND e.unit_id = lu.unit_id
          JOIN plans p ON p.municipality_id = e.municipality_id AND p.id = e.plan_id AND p.status = 'active'
          WHERE p.coordinator_unit_id <> lu.unit_id AND p.coordinator_id <> lu.staff_id
            AND EXISTS (SELECT 1 FROM feedback_meetings f WHERE f.municipality_id = p.municipality_id AND f.citizen_id = p.citizen_id AND f.unit_id = lu.unit_id)
            AND EXISTS (SELECT 1 FROM feedback_meetings f WHERE f.municipality_id = p.municipality_id AND f.citizen_id = p.citizen_id AND f.unit_id <> lu.unit_id)
          ORDER BY p.id, md5(lu.staff_id::text)`,
    );
    for (const x of [...others.filter((o) => o.consented).slice(0, 3), ...others.filter((o) => !o.consented).slice(0, 2)]) {
      checks.push({ label: `feedback page, other unit's staff, ${x.consented ? 'with consent' : 'no consent'}`, who: ['staff', x.staff], path: `/api/citizens/${x.citizen}/feedback`, group: 1, kind: 'feedback' });
    }
    const withMeetings = new Set(picks.feedbackPlans.map((x) => x.citizen));
    const feedbackProxy = proxies.find((p) => p.scopes.includes('plan.read') && withMeetings.has(p.citizen)) ?? proxies.find((p) => p.scopes.includes('plan.read'));
    if (feedbackProxy) checks.push({ label: 'proxy with plan.read, own feedback (logged)', who: ['proxy', feedbackProxy.proxy], path: '/api/me/feedback', group: 1, kind: 'feedback' });
    if (noRead) checks.push({ label: 'proxy without plan.read, own feedback (403)', who: ['proxy', noRead.proxy], path: '/api/me/feedback', group: 1, kind: 'status' });
    const f = picks.feedbackPlans[0]!;
    const stranger = picks.staffPlans.find((x) => x.unit !== f.unit && x.staff !== f.staff);
    checks.push(
      { label: 'citizen on the staff feedback page (403)', who: ['citizen', f.citizen], path: `/api/citizens/${f.citizen}/feedback`, group: 1, kind: 'status' },
      { label: 'staff on /api/me/feedback (403)', who: ['staff', f.staff], path: '/api/me/feedback', group: 1, kind: 'status' },
      { label: 'no session, feedback page (401)', path: `/api/citizens/${f.citizen}/feedback`, group: 1, kind: 'status' },
    );
    if (stranger) checks.push({ label: "staff, a citizen not theirs, feedback (404 unless involved)", who: ['staff', stranger.staff], path: `/api/citizens/${f.citizen}/feedback`, group: 1, kind: 'feedback' });
    if (picks.leaders.length) {
      const leader = picks.leaders[0]!;
      const today = localDate(Date.now());
      // Not by month: the app hides a month as a part of its quarter (so it cannot be worked out
      // from the quarter), which the floor's one statement does not do.
      checks.push(
        { label: 'aggregates, to before from (400)', who: ['staff', leader], path: `/api/feedback/aggregates?from=${today}&to=${addDays(today, -1)}`, group: 1, kind: 'status' },
        { label: 'aggregates, three years (400)', who: ['staff', leader], path: `/api/feedback/aggregates?from=${addDays(today, -1100)}&to=${today}`, group: 1, kind: 'status' },
        { label: 'aggregates, caseworker (403)', who: ['staff', f.staff], path: aggregatesPath(), group: 1, kind: 'status' },
      );
    }
  }
  const coordinationChecks = !ONLY || ONLY.some((o) => 'coordination heat map,coordination pulse page'.includes(o));
  if (coordinationChecks && picks.coordinationWave) {
    // Issue 16: the heat map as staff without a leader's role (the default settings show them their
    // own group's row and column, by membership now), the earlier wave (no previous), refusals.
    const w = picks.coordinationWave;
    const [first] = await query<{ id: string }>(db, sql`SELECT id::text AS id FROM coordination_waves WHERE municipality_id = ${m} AND closed_at IS NOT NULL ORDER BY closed_at, id LIMIT 1`);
    const staffer = picks.staffPlans[0]!;
    checks.push(
      { label: 'heat map, a caseworker (own group only)', who: ['staff', staffer.staff], path: `/api/coordination/waves/${w}/results`, group: 1, kind: 'heatMap' },
      { label: 'heat map, the first wave (no previous)', who: ['staff', picks.leaders[0]!], path: `/api/coordination/waves/${first!.id}/results`, group: 1, kind: 'heatMap' },
      { label: 'heat map, no such wave (404)', who: ['staff', picks.leaders[0]!], path: '/api/coordination/waves/00000000-0000-4000-8000-000000000000/results', group: 1, kind: 'status' },
      { label: 'heat map, a citizen (403)', who: ['citizen', picks.citizenPlans[0]!.citizen], path: `/api/coordination/waves/${w}/results`, group: 1, kind: 'status' },
      { label: 'heat map, no session (401)', path: `/api/coordination/waves/${w}/results`, group: 1, kind: 'status' },
    );
  }
  if (coordinationChecks && picks.pulsePlans.length) {
    // Issue 16: the pulses as staff asked in an open pulse (may answer; no results), as a stranger, refusals.
    const asked = await query<{ staff: string; citizen: string }>(
      db,
      sql`SELECT DISTINCT ON (c.citizen_id) i.staff_id::text AS staff, c.citizen_id::text AS citizen FROM coordination_pulse_invitations i
          JOIN coordination_pulses c ON c.municipality_id = i.municipality_id AND c.id = i.pulse_id
          JOIN staff_roles r ON r.municipality_id = i.municipality_id AND r.staff_id = i.staff_id
          WHERE i.municipality_id = ${m} AND NOT i.answered
            AND (SELECT count(DISTINCT x.unit_id) FROM staff_roles x WHERE x.municipality_id = i.municipality_id AND x.staff_id = i.staff_id) = 1
          ORDER BY c.citizen_id, i.staff_id LIMIT 3`,
    );
    for (const x of asked) checks.push({ label: 'pulse page, asked in an open pulse', who: ['staff', x.staff], path: `/api/citizens/${x.citizen}/coordination-pulses`, group: 1, kind: 'pulses' });
    const t = picks.pulsePlans[0]!;
    const stranger = picks.staffPlans.find((x) => x.unit !== t.unit && x.staff !== t.staff);
    if (stranger) checks.push({ label: 'pulse page, staff of another unit (404 unless involved)', who: ['staff', stranger.staff], path: `/api/citizens/${t.citizen}/coordination-pulses`, group: 1, kind: 'pulses' });
    checks.push(
      { label: 'pulse page, the citizen (403)', who: ['citizen', t.citizen], path: `/api/citizens/${t.citizen}/coordination-pulses`, group: 1, kind: 'status' },
      { label: 'pulse page, no session (401)', path: `/api/citizens/${t.citizen}/coordination-pulses`, group: 1, kind: 'status' },
    );
  }
  const logProxy = proxies.find((p) => p.scopes.includes('consent.manage') && !logCitizens.has(p.citizen));
  if (logProxy) checks.push({ label: 'proxy with consent.manage, access log (logged)', who: ['proxy', logProxy.proxy], path: '/api/me/access-log?limit=50', group: 2, kind: 'proxyLog' });
  // Refusals and a citizen's own plan by id.
  const staff = picks.staffPlans[0]!;
  const citizen = picks.citizenPlans[0]!;
  const other = picks.citizenPlans.find((c) => c.citizen !== citizen.citizen)!;
  checks.push(
    { label: 'no session (401)', path: '/api/me/plan', group: 1, kind: 'status' },
    { label: 'staff on /api/me/plan (403)', who: ['staff', staff.staff], path: '/api/me/plan', group: 1, kind: 'status' },
    { label: 'staff on the access log (403)', who: ['staff', staff.staff], path: '/api/me/access-log?limit=50', group: 1, kind: 'status' },
    { label: 'citizen on the work list (403)', who: ['citizen', citizen.citizen], path: '/api/worklist', group: 1, kind: 'status' },
    { label: "citizen, another's plan (404)", who: ['citizen', citizen.citizen], path: `/api/plans/${other.plan}`, group: 1, kind: 'status' },
    { label: 'citizen, own plan by id', who: ['citizen', citizen.citizen], path: `/api/plans/${citizen.plan}`, group: 1, kind: 'plan' },
    { label: 'access log, limit 0 (400)', who: ['citizen', citizen.citizen], path: '/api/me/access-log?limit=0', group: 1, kind: 'status' },
    { label: 'access log, basis filter', who: ['citizen', citizen.citizen], path: '/api/me/access-log?limit=20&basis=coordination', group: 3, kind: 'log' },
    { label: 'access log, unit filter', who: ['citizen', citizen.citizen], path: `/api/me/access-log?limit=20&unitId=${citizen.unit}`, group: 3, kind: 'log' },
  );
  // Plan pages before the work list: the app's reads move "last seen" marks the work list counts from.
  return checks.sort((a, b) => a.group - b.group || Number(a.kind === 'worklist') - Number(b.kind === 'worklist'));
}

/** The citizens whose calendars the check reads (for a proxy, the citizen they act for). */
async function calendarCitizensOf(db: Db, municipalityId: string, checks: FloorCheck[]) {
  const ids = new Set<string>();
  for (const c of checks.filter((x) => x.kind === 'calendar' && x.who)) {
    if (c.who![0] === 'citizen') ids.add(c.who![1]);
    else {
      const [row] = await query<{ citizen: string }>(db, sql`SELECT citizen_id::text AS citizen FROM proxies WHERE municipality_id = ${municipalityId} AND id = ${c.who![1]}`);
      if (row) ids.add(row.citizen);
    }
  }
  return [...ids];
}

/** Differences between two JSON values, ignoring the order of object keys; at most `max`. */
function jsonDiff(a: unknown, b: unknown, at = '', out: string[] = [], max = 8): string[] {
  if (out.length >= max) return out;
  const show = (v: unknown) => (JSON.stringify(v) ?? 'undefined').slice(0, 120);
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${at || '.'}: app has ${a.length} elements, floor ${b.length}`);
    for (let i = 0; i < Math.min(a.length, b.length); i++) jsonDiff(a[i], b[i], `${at}[${i}]`, out, max);
  } else if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = a as Record<string, unknown>;
    const kb = b as Record<string, unknown>;
    for (const k of new Set([...Object.keys(ka), ...Object.keys(kb)])) {
      if (!(k in kb)) out.push(`${at}.${k}: only in the app's answer`);
      else if (!(k in ka)) out.push(`${at}.${k}: only in the floor's answer`);
      else jsonDiff(ka[k], kb[k], `${at}.${k}`, out, max);
    }
  } else if (a !== b) out.push(`${at || '.'}: app ${show(a)}, floor ${show(b)}`);
  return out;
}

interface Answer {
  status: number;
  body: string;
  /** The access-log rows the request wrote (PostgreSQL only), without ids, times and request ids. */
  audit?: string[];
}

/**
 * Asks the app, then the floor, the same things with the same sessions, and compares: the
 * status; the body as JSON modulo key order (the plan page's changesSinceLastSeen left out: the
 * app's read moved the reader's mark, so the floor's read after it sees less); on PostgreSQL the access-log rows each request wrote. The app pass
 * goes group 1 (pages, work list), 2 (a proxy's access log), 3 (citizens' access logs); the floor
 * pass the other way round, so every answer is computed over the same rows in both passes (the
 * app's reads add access-log rows and move "last seen" marks; the floor's find them moved).
 */
async function checkFloor(base: string, ours: RunningServer | undefined, checks: FloorCheck[]): Promise<number> {
  const auditPool = dbUrl ? new pg.Pool({ connectionString: dbUrl, max: 1 }) : undefined;
  const [{ id: municipalityId }] = auditPool ? (await auditPool.query("SELECT id::text AS id FROM municipalities WHERE code = $1", [SYNTHETIC_MUNICIPALITY_CODE])).rows : [{ id: '' }];
  const sessions = await login(base, checks.flatMap((c) => (c.who ? [c.who] : [])), false);
  const ask = async (url: string, c: FloorCheck): Promise<Answer> => {
    const last = auditPool ? Number((await auditPool.query('SELECT coalesce(max(id), 0) AS id FROM audit_events WHERE municipality_id = $1', [municipalityId])).rows[0].id) : 0;
    const res = await fetch(url + c.path, { headers: c.who ? { cookie: sessions.get(c.who[1])!.cookie } : {} });
    const body = await res.text();
    let audit: string[] | undefined;
    if (auditPool) {
      const { rows } = await auditPool.query(
        `SELECT actor_kind::text AS actor_kind, actor_id::text AS actor_id, actor_role, actor_unit_id::text AS actor_unit_id, kind, action, citizen_id::text AS citizen_id,
           subject_type, subject_id, purpose, outcome, details FROM audit_events WHERE municipality_id = $1 AND id > $2 AND kind = 'read' ORDER BY id`,
        [municipalityId, last],
      );
      audit = rows.map((r) => JSON.stringify({ ...r, details: Object.fromEntries(Object.entries(r.details as object).sort()) })).sort();
    }
    return { status: res.status, body, audit };
  };
  const app = new Map<FloorCheck, Answer>();
  for (const c of checks) app.set(c, await ask(base, c));
  await ours?.stop();
  const floor = await startFloor();
  const got = new Map<FloorCheck, Answer>();
  try {
    for (const c of [...checks].reverse()) got.set(c, await ask(floor.url, c));
  } finally {
    await floor.stop();
    await auditPool?.end();
  }
  let differing = 0;
  for (const c of checks) {
    const a = app.get(c)!;
    const f = got.get(c)!;
    const problems: string[] = [];
    const notes: string[] = [];
    if (a.status !== f.status) problems.push(`status: app ${a.status}, floor ${f.status}${f.status >= 400 ? ` ${f.body.slice(0, 120)}` : ''}`);
    else if (a.status === 200) {
      let ja: Record<string, unknown>;
      let jf: Record<string, unknown>;
      try {
        ja = JSON.parse(a.body);
        jf = JSON.parse(f.body);
      } catch (err) {
        problems.push(`not JSON: ${(err as Error).message}`);
        ja = jf = {};
      }
      if (c.kind === 'plan') {
        const acc = jf.access as { basis?: string; sections?: string[] } | undefined;
        notes.push(`${acc?.basis}: ${acc?.sections?.length} sections, ${(jf.efforts as unknown[] | undefined)?.length} efforts, ${(jf.comments as unknown[] | undefined)?.length} comments`);
        const changes = (ja.changesSinceLastSeen as unknown[] | undefined)?.length ?? 0;
        const floorChanges = (jf.changesSinceLastSeen as unknown[] | undefined)?.length ?? 0;
        if (changes || floorChanges) notes.push(`changesSinceLastSeen: app ${changes}, floor ${floorChanges} (after the app's read moved the mark)`);
        delete ja.changesSinceLastSeen;
        delete jf.changesSinceLastSeen;
      }
      if (c.kind === 'worklist') {
        // The lists' orders have ties (several plans changed at the same time, same names): both
        // the app and the floor may order tied rows either way, so compare with ties broken by id.
        const keys: Record<string, [string, string, 1 | -1]> = {
          myPlans: ['citizenName', 'planId', 1], followUpsDue: ['dueOn', 'followUpId', 1],
          changedByCitizen: ['changedAt', 'planId', -1], involvementRequests: ['createdAt', 'id', 1],
        };
        for (const [list, [first, tie, dir]] of Object.entries(keys)) {
          const cmp = (x: Record<string, string>, y: Record<string, string>) =>
            (x[first]! < y[first]! ? -dir : x[first]! > y[first]! ? dir : 0) || (x[tie]! < y[tie]! ? -1 : x[tie]! > y[tie]! ? 1 : 0);
          for (const j of [ja, jf]) if (Array.isArray(j[list])) j[list] = [...(j[list] as Record<string, string>[])].sort(cmp);
        }
      }
      if (c.kind === 'calendar') {
        // An appointment's open collisions are ordered by their first start, which several of them
        // share (a time and a load collision from the same appointment): compare with ties broken by id.
        const starts = new Map(((ja.collisions ?? []) as { id: string; collision: { appointments: { start: string }[] } }[])
          .map((x) => [x.id, x.collision.appointments.reduce((m, a) => (a.start < m ? a.start : m), '9')]));
        const tie = (ids: string[]) => [...ids].sort((x, y) => (starts.get(x) ?? '').localeCompare(starts.get(y) ?? '') || x.localeCompare(y));
        for (const j of [ja, jf]) for (const ap of (j.appointments ?? []) as { collisionIds: string[] }[]) ap.collisionIds = tie(ap.collisionIds);
        notes.push(`${(jf.appointments as unknown[] | undefined)?.length} appointments, ${(jf.collisions as unknown[] | undefined)?.length} collisions`);
      }
      if (c.kind === 'feedback') {
        type Course = { change: unknown; trajectory: { points: { expected: number | null }[] } | null };
        const courses = (jf.courses ?? []) as Course[];
        notes.push(`${(jf.meetings as unknown[] | undefined)?.length} meetings, ${courses.length} courses, ${courses.filter((x) => x.change).length} with a change,`
          + ` ${courses.filter((x) => x.trajectory?.points.some((pt) => pt.expected !== null)).length} with an expected trajectory; complete ${jf.complete}`);
      }
      if (c.kind === 'aggregates') {
        const cells = (jf.cells ?? []) as { ratings: { shown: boolean }; courses: { shown: boolean } }[];
        notes.push(`${cells.length} cells, ratings shown in ${cells.filter((x) => x.ratings.shown).length}, courses in ${cells.filter((x) => x.courses.shown).length}`);
      }
      if (c.kind === 'heatMap') {
        const cells = (jf.cells ?? []) as { suppressed: boolean }[];
        notes.push(`${jf.visibility}: ${cells.length} cells (${cells.filter((x) => x.suppressed).length} hidden), ${(jf.asymmetries as unknown[] | undefined)?.length} pairs, previous ${jf.previous ? 'yes' : 'none'}`);
      }
      if (c.kind === 'pulses') {
        const pulses = (jf.pulses ?? []) as { results: unknown; mayAnswer: boolean }[];
        notes.push(`${pulses.length} pulses, ${pulses.filter((x) => x.results).length} with results, ${pulses.filter((x) => x.mayAnswer).length} to answer`);
      }
      if (c.kind === 'proxyLog') {
        // The proxy's own read of the log is logged before the page is read: the first entry of
        // each answer is that pass's own read; drop those reads and compare what both hold.
        type Entry = { action: string; readerKind: string };
        const own = (e: Entry) => e.action === 'accessLog.readOwn' && e.readerKind === 'proxy';
        const ea = (ja.entries as Entry[]).filter((e) => !own(e));
        const ef = (jf.entries as Entry[]).filter((e) => !own(e));
        if (!own((jf.entries as Entry[])[0]!)) problems.push("the floor's first entry is not the proxy's own read");
        const n = Math.min(ea.length, ef.length);
        ja = { entries: ea.slice(0, n) };
        jf = { entries: ef.slice(0, n) };
      }
      problems.push(...jsonDiff(ja, jf));
    }
    if (a.audit && f.audit && JSON.stringify(a.audit) !== JSON.stringify(f.audit)) {
      problems.push(`access-log rows: app wrote ${a.audit.length}, floor ${f.audit.length}`);
      const onlyApp = a.audit.filter((x) => !f.audit!.includes(x));
      const onlyFloor = f.audit.filter((x) => !a.audit!.includes(x));
      for (const x of onlyApp.slice(0, 2)) problems.push(`  app row:   ${x.slice(0, 400)}`);
      for (const x of onlyFloor.slice(0, 2)) problems.push(`  floor row: ${x.slice(0, 400)}`);
    }
    const rowsNote = a.audit ? `, ${a.audit.length} log row${a.audit.length === 1 ? '' : 's'}` : '';
    console.log(`${problems.length ? 'DIFFERS' : 'same   '} ${c.label} — ${c.path.replace(/[0-9a-f-]{36}/g, (u) => u.slice(0, 8))} → ${a.status}${rowsNote}${notes.length ? ` (${notes.join('; ')})` : ''}`);
    for (const p of problems) console.log(`    ${p}`);
    if (problems.length) differing += 1;
  }
  console.log(`\n${checks.length} requests compared, ${differing} differ${dbUrl ? '' : ' (access-log rows are compared on PostgreSQL only)'}.`);
  return differing;
}

// ---- HTTP load ----------------------------------------------------------------------------

interface Session {
  cookie: string;
  csrf?: string;
}

async function login(base: string, actors: Who[], writes: boolean, units?: Map<string, string>): Promise<Map<string, Session>> {
  const sessions = new Map<string, Session>();
  const unique = [...new Map(actors.map((a) => [a[1], a])).values()];
  for (let i = 0; i < unique.length; i += 16) {
    await Promise.all(unique.slice(i, i + 16).map(async ([kind, id]) => {
      const browser = new HttpClient(base);
      const res = await browser.fetch('/api/auth/demo/login', { method: 'POST', body: { kind, id } });
      if (res.status !== 200) throw new Error(`demo login ${kind} ${id}: ${res.status} ${await res.text()}`);
      if (writes && !browser.csrf) browser.csrf = (await (await browser.fetch('/api/auth/csrf')).json()).token;
      const unit = units?.get(id);
      if (unit) {
        const switched = await browser.fetch('/api/auth/unit', { method: 'PUT', body: { unitId: unit } });
        if (switched.status !== 200) throw new Error(`switching ${id} to unit ${unit}: ${switched.status} ${await switched.text()}`);
      }
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
