import PgBoss from 'pg-boss';
import { sql } from 'drizzle-orm';
import type { Config } from './config.ts';
import type { Database, Db } from './db.ts';

// Background jobs with pg-boss (decisions/0009): each scheduled sweep runs once however many
// servers share the database, a job survives a restart, a failed one is retried. On a PostgreSQL
// server pg-boss has its own small pool; on the embedded engine it speaks to the same PGlite
// instance through pg-boss's `db` adapter (PGlite runs each query after any open transaction), and
// polls less often, as the one process shares its one connection with the requests.

export const QUEUES = {
  /** Every 15 minutes: fans out to one job per municipality, which sweeps it. */
  sweep: 'collisions.sweep',
  /** A few citizens whose calendars changed outside the calendar module's own writes. */
  sweepCitizens: 'collisions.sweep-citizen',
} as const;

const SCHEDULE = '*/15 * * * *';

export interface Jobs {
  engine: 'pg-boss' | 'pg-boss (embedded)';
  /** Asks for these citizens' collisions to be checked again soon. */
  sweepCitizens(municipalityId: string, citizenIds: string[]): Promise<void>;
  /** Stops taking jobs and waits for the one running (bounded by `timeoutMs`). */
  stop(timeoutMs?: number): Promise<void>;
}

type Log = { error: (o: object) => void; info?: (o: object) => void };
type SweepJob = { municipalityId?: string; citizenIds?: string[] };

/**
 * What the sweep jobs run, handed in by the module that owns it (modules/calendar, `collisionSweep`):
 * the platform runs jobs, it knows no module's rules.
 */
export interface SweepWork {
  municipalityIds(db: Db): Promise<string[]>;
  sweep(db: Db, municipalityId: string, options: { citizenIds?: string[] }): Promise<unknown>;
}

/** Runs the sweep for one job's data: a municipality, some citizens of it, or (no data) every municipality. */
export async function runSweepJob(db: Db, work: SweepWork, data: SweepJob, fanOut: (municipalityId: string) => Promise<unknown>) {
  if (!data.municipalityId) {
    for (const id of await work.municipalityIds(db)) await fanOut(id);
    return;
  }
  await work.sweep(db, data.municipalityId, data.citizenIds ? { citizenIds: data.citizenIds } : {});
}

/** pg-boss's adapter for the embedded engine: one statement with parameters, or a script without. */
function pgliteAdapter(database: Database): PgBoss.Db {
  const pglite = (database.db as unknown as { $client: import('@electric-sql/pglite').PGlite }).$client;
  return {
    executeSql: async (text, values) => (values?.length ? pglite.query(text, values) : { rows: (await pglite.exec(text)).at(-1)?.rows ?? [] }),
  };
}

export async function startJobs(database: Database, config: Config, log: Log, sweepWork: SweepWork): Promise<Jobs> {
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
    for (const name of Object.values(QUEUES)) {
      if (!(await boss.getQueue(name))) await boss.createQueue(name).catch(async (err) => { if (!(await boss.getQueue(name))) throw err; });
    }
    await boss.schedule(QUEUES.sweep, SCHEDULE, {}, { tz: 'Europe/Copenhagen' });
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
  const fanOut = (municipalityId: string) => boss.send(QUEUES.sweep, { municipalityId }, { singletonKey: municipalityId, expireInMinutes: 30 });
  const work = async (jobs: PgBoss.Job<SweepJob>[]) => {
    for (const job of jobs) await runSweepJob(db, sweepWork, job.data ?? {}, fanOut);
  };
  await boss.work<SweepJob>(QUEUES.sweep, { pollingIntervalSeconds }, work);
  await boss.work<SweepJob>(QUEUES.sweepCitizens, { pollingIntervalSeconds }, work);
  return {
    engine: embedded ? 'pg-boss (embedded)' : 'pg-boss',
    sweepCitizens: async (municipalityId, citizenIds) => {
      await boss.send(QUEUES.sweepCitizens, { municipalityId, citizenIds });
    },
    // Workers stop taking jobs; the one running gets `timeoutMs` to finish (it is one batch
    // transaction at a time, and a sweep cut short is done again in 15 minutes).
    stop: (timeoutMs = 5_000) => boss.stop({ graceful: true, timeout: timeoutMs, close: !embedded, wait: true }),
  };
}
