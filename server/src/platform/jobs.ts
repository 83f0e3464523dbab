import PgBoss from 'pg-boss';
import { sql } from 'drizzle-orm';
import type { Config } from './config.ts';
import type { Database, Db } from './db.ts';

// Background jobs with pg-boss (decisions/0009): each scheduled work runs once however many
// servers share the database, a job survives a restart, a failed one is retried. On a PostgreSQL
// server pg-boss has its own small pool; on the embedded engine it speaks to the same PGlite
// instance through pg-boss's `db` adapter (PGlite runs each query after any open transaction), and
// polls less often, as the one process shares its one connection with the requests.
//
// The platform runs works, it knows no module's rules: main.ts hands in the scheduled works of
// the modules (the calendar's collision sweep, the case reminders of decisions and complaints, the
// close of coordination waves and pulses).
// Each work has two queues: the scheduled one (its cron job fans out to one job per
// municipality, one at a time per municipality) and one for work asked for now (`runNow`).

/**
 * A module's scheduled work, run per municipality. What it does must be safe to run twice at
 * once (two servers, a retry): its writes are idempotent.
 */
export interface ScheduledWork {
  /** The pg-boss queue of the schedule and its per-municipality jobs, e.g. 'collisions.sweep'. */
  queue: string;
  /** The queue of work asked for now (a few citizens, a municipality after an import, a test). */
  nowQueue: string;
  /** When, as cron in Danish time, e.g. every 15 minutes: '*\/15 * * * *'. */
  cron: string;
  municipalityIds(db: Db): Promise<string[]>;
  run(db: Db, municipalityId: string, options: { citizenIds?: string[] }): Promise<unknown>;
}

export interface Jobs {
  engine: 'pg-boss' | 'pg-boss (embedded)';
  /** Asks for a work to run soon for a municipality (or some of its citizens), besides its schedule. */
  runNow(queue: string, municipalityId: string, options?: { citizenIds?: string[] }): Promise<void>;
  /** Asks for these citizens' collisions to be checked again soon. */
  sweepCitizens(municipalityId: string, citizenIds: string[]): Promise<void>;
  /** Asks for a municipality's case reminders to be raised soon. */
  remindNow(municipalityId: string): Promise<void>;
  /** Stops taking jobs and waits for the one running (bounded by `timeoutMs`). */
  stop(timeoutMs?: number): Promise<void>;
}

/** The queues of the works main.ts hands in today (names only: the platform imports no module). */
export const QUEUES = {
  /** Every 15 minutes: fans out to one job per municipality, which sweeps it. */
  sweep: 'collisions.sweep',
  /** A few citizens whose calendars changed outside the calendar module's own writes. */
  sweepCitizens: 'collisions.sweep-citizen',
  /** Every 15 minutes: the due and overdue deadlines of requests and complaints, per municipality. */
  reminders: 'cases.reminders',
  remindersNow: 'cases.reminders-now',
  /** Every 15 minutes: closes the coordination survey's waves past their last day, and the pulses whose time ran out. */
  coordinationClose: 'coordination.close',
  coordinationCloseNow: 'coordination.close-now',
} as const;

type Log = { error: (o: object) => void; info?: (o: object) => void };
type WorkJob = { municipalityId?: string; citizenIds?: string[] };

/** Runs a work for one job's data: a municipality, some citizens of it, or (no data) every municipality. */
export async function runWorkJob(db: Db, work: Pick<ScheduledWork, 'municipalityIds' | 'run'>, data: WorkJob, fanOut: (municipalityId: string) => Promise<unknown>) {
  if (!data.municipalityId) {
    for (const id of await work.municipalityIds(db)) await fanOut(id);
    return;
  }
  await work.run(db, data.municipalityId, data.citizenIds ? { citizenIds: data.citizenIds } : {});
}

/** pg-boss's adapter for the embedded engine: one statement with parameters, or a script without. */
function pgliteAdapter(database: Database): PgBoss.Db {
  const pglite = (database.db as unknown as { $client: import('@electric-sql/pglite').PGlite }).$client;
  return {
    executeSql: async (text, values) => (values?.length ? pglite.query(text, values) : { rows: (await pglite.exec(text)).at(-1)?.rows ?? [] }),
  };
}

/**
 * Starts pg-boss with the works' schedules and workers. With `config.jobsRunAtStart` every work
 * is also asked for once now (every municipality), e.g. right after a deploy, or in a test that
 * cannot wait 15 minutes.
 */
export async function startJobs(database: Database, config: Config, log: Log, works: readonly ScheduledWork[]): Promise<Jobs> {
  const embedded = database.engine === 'pglite';
  const boss = new PgBoss({
    ...(embedded ? { db: pgliteAdapter(database) } : { connectionString: config.databaseUrl, max: 2, application_name: 'sammen-jobs' }),
    schema: 'pgboss',
  });
  const db = database.db;
  const pollingIntervalSeconds = embedded ? 10 : 2;
  boss.on('error', (err) => log.error({ event: 'jobs.error', type: (err as Error)?.name }));
  const setUp = async () => {
    await boss.start();
    for (const name of works.flatMap((w) => [w.queue, w.nowQueue])) {
      if (!(await boss.getQueue(name))) await boss.createQueue(name).catch(async (err) => { if (!(await boss.getQueue(name))) throw err; });
    }
    for (const w of works) await boss.schedule(w.queue, w.cron, {}, { tz: 'Europe/Copenhagen' });
  };
  if (embedded) await setUp();
  else {
    // Servers that start at once on a fresh database deadlocked in pg-boss's createQueue (its
    // queue and partition DDL from two sessions). A transaction-level advisory lock, held by an
    // otherwise idle transaction of our own pool while pg-boss works on its own connections,
    // lets one server set up at a time. (Not on PGlite: one process, and an open transaction
    // there would hold back pg-boss's own statements.)
    await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('sammen.jobs.setup'))`);
      await setUp();
    });
  }
  for (const w of works) {
    const fanOut = (municipalityId: string) => boss.send(w.queue, { municipalityId }, { singletonKey: municipalityId, expireInMinutes: 30 });
    const handle = async (jobs: PgBoss.Job<WorkJob>[]) => {
      for (const job of jobs) await runWorkJob(db, w, job.data ?? {}, fanOut);
    };
    await boss.work<WorkJob>(w.queue, { pollingIntervalSeconds }, handle);
    await boss.work<WorkJob>(w.nowQueue, { pollingIntervalSeconds }, handle);
  }
  const nowQueueOf = (queue: string) => {
    const w = works.find((x) => x.queue === queue || x.nowQueue === queue);
    if (!w) throw new Error(`No scheduled work has the queue '${queue}'`);
    return w.nowQueue;
  };
  const runNow: Jobs['runNow'] = async (queue, municipalityId, options = {}) => {
    await boss.send(nowQueueOf(queue), { municipalityId, ...options });
  };
  if (config.jobsRunAtStart) for (const w of works) await boss.send(w.nowQueue, {});
  return {
    engine: embedded ? 'pg-boss (embedded)' : 'pg-boss',
    runNow,
    sweepCitizens: (municipalityId, citizenIds) => runNow(QUEUES.sweep, municipalityId, { citizenIds }),
    remindNow: (municipalityId) => runNow(QUEUES.reminders, municipalityId),
    // Workers stop taking jobs; the one running gets `timeoutMs` to finish (it is one batch
    // transaction at a time, and a sweep cut short is done again in 15 minutes).
    stop: (timeoutMs = 5_000) => boss.stop({ graceful: true, timeout: timeoutMs, close: !embedded, wait: true }),
  };
}
