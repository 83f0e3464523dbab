import { createHash } from 'node:crypto';
import { readFileSync, mkdirSync, openSync, writeFileSync, closeSync, readFileSync as read, unlinkSync, accessSync, constants } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fillPlaceholders, sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';

// One SQL dialect, two engines: embedded PGlite in a folder (default) or a PostgreSQL server
// (DATABASE_URL). Everything above this file sees one Drizzle database and one `query` helper
// whose results look the same on both: int8 as number, timestamps as Date.

/**
 * A database or an open transaction; repositories take either. Without Drizzle's relational
 * query API (`db.query.*`, unused here): with a schema, every transaction builds a query
 * builder per table, which was a measurable part of each request.
 */
export type Db = PgDatabase<PgQueryResultHKT>;
export type Engine = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  engine: Engine;
  close(): Promise<void>;
}

const INT8 = 20;
const parseInt8 = (v: string) => Number(v);

export const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../db/migrations');

export class StartupError extends Error {}

/** Today in Denmark, in SQL: consents and deadlines run by Danish calendar days, whatever the server's zone. */
export const DANISH_TODAY = `(now() AT TIME ZONE 'Europe/Copenhagen')::date`;

/** Opens a PostgreSQL server database. The pool is small: every app server is stateless. */
export async function openPostgres(url: string, options: { max?: number; onQuery?: (query: string, params: unknown[]) => void } = {}): Promise<Database> {
  const pg = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  // Drizzle passes its own per-query type parsers and falls back to pg's global table, so
  // int8 must be set there: counts and bigint ids come back as numbers, as from PGlite.
  pg.default.types.setTypeParser(INT8, parseInt8);
  const pool = new pg.default.Pool({ connectionString: url, max: options.max ?? 10, connectionTimeoutMillis: 5_000 });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it. Nothing to log that names anyone.
  });
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => {});
    throw new StartupError(`Cannot connect to the PostgreSQL server in DATABASE_URL: ${(err as Error).message}`);
  }
  const logger = options.onQuery ? { logQuery: options.onQuery } : undefined;
  const db = drizzle({ client: pool, logger }) as unknown as Db;
  return { db, engine: 'postgres', close: () => pool.end() };
}

/** Opens an embedded PGlite database in `dataDir`, or in memory when dataDir is undefined. */
export async function openPglite(dataDir?: string, options: { onQuery?: (query: string, params: unknown[]) => void } = {}): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const client = await PGlite.create(dataDir ? path.join(dataDir, 'pglite') : undefined, {
    parsers: { [INT8]: parseInt8 },
  });
  // Our statements run as named prepared statements (`runPglitePrepared`); inside a
  // transaction drizzle hands us PGlite's transaction object, so remember whose it is.
  pglites.set(client, client);
  const transaction = client.transaction.bind(client);
  client.transaction = ((work: (tx: object) => Promise<unknown>) =>
    transaction((tx) => {
      pglites.set(tx, client);
      return work(tx);
    })) as typeof client.transaction;
  const { protocol, parse } = await import('@electric-sql/pglite');
  pgliteProtocol = { serialize: protocol.serialize, parseResults: parse.parseResults, parseDescribe: parse.parseDescribeStatementResults };
  const logger = options.onQuery ? { logQuery: options.onQuery } : undefined;
  const db = drizzle({ client, logger }) as unknown as Db;
  return { db, engine: 'pglite', close: () => client.close() };
}

type PGliteClient = import('@electric-sql/pglite').PGlite;
/** The PGlite instance behind a drizzle session's client: the instance itself, or one of its transactions. */
const pglites = new WeakMap<object, PGliteClient>();
let pgliteProtocol:
  | {
      serialize: typeof import('@electric-sql/pglite').protocol.serialize;
      parseResults: typeof import('@electric-sql/pglite').parse.parseResults;
      parseDescribe: typeof import('@electric-sql/pglite').parse.parseDescribeStatementResults;
    }
  | undefined;
const pgliteStatements = new WeakMap<PGliteClient, Map<string, { name: string; paramTypes: number[] }>>();

const concatBytes = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/**
 * PGlite's query API parses and plans every statement again (Parse of an unnamed statement on
 * every call): the plan page paid ≈ 4 ms of its ≈ 20 ms for it. This speaks the same extended
 * protocol with a *named* statement, parsed once per statement text and instance, then only
 * Bind/Execute — as `pg` does on a server. Values are serialised and rows parsed by PGlite's own
 * serializers and parsers, so the rows are those of its query API.
 */
/**
 * PGlite is one connection. Its `query` waits for any open transaction (`transaction` holds a
 * mutex for its whole length), but `runExclusive` only serialises single statements — so a
 * statement run outside a transaction could land inside another request's open transaction
 * (found by the fuzz test: a plan's document upsert ran in a transaction that then failed, and
 * the page read found it stale). Outside a transaction we therefore wait for the transaction
 * mutex as `query` does; inside one (`inTransaction`), the caller's transaction already holds it.
 */
type PgliteMutexes = PGliteClient & { _runExclusiveTransaction<R>(fn: () => Promise<R>): Promise<R> };

async function runPglitePrepared<T>(pglite: PGliteClient, text: string, params: unknown[], inTransaction: boolean): Promise<T[]> {
  if (!inTransaction) return (pglite as PgliteMutexes)._runExclusiveTransaction(() => runPglitePreparedNow<T>(pglite, text, params));
  return runPglitePreparedNow<T>(pglite, text, params);
}

async function runPglitePreparedNow<T>(pglite: PGliteClient, text: string, params: unknown[]): Promise<T[]> {
  const { serialize, parseResults, parseDescribe } = pgliteProtocol!;
  let statements = pgliteStatements.get(pglite);
  if (!statements) pgliteStatements.set(pglite, (statements = new Map()));
  return pglite.runExclusive(async () => {
    let statement = statements.get(text);
    if (!statement) {
      const name = preparedName(text);
      const described = await pglite.execProtocolStream(
        concatBytes([serialize.parse({ name, text, types: [] }), serialize.describe({ type: 'S', name }), serialize.sync()]),
        { syncToFs: false },
      );
      statement = { name, paramTypes: parseDescribe(described) };
      statements.set(text, statement);
    }
    const serializers = pglite.serializers as Record<number, (v: unknown) => string>;
    const values = params.map((v, i) => (v == null ? null : (serializers[statement.paramTypes[i]!]?.(v) ?? String(v))));
    const messages = await pglite.execProtocolStream(
      concatBytes([serialize.bind({ statement: statement.name, values }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync()]),
      { syncToFs: false },
    );
    if (!pglite.isInTransaction()) await pglite.syncToFs();
    return (parseResults(messages, pglite.parsers)[0]?.rows ?? []) as T[];
  });
}

/**
 * Only one process may own an embedded database folder. The lock file holds the owner's pid;
 * a lock left by a process that no longer runs is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.W_OK);
  } catch (err) {
    throw new StartupError(`The data folder ${dataDir} cannot be written (${(err as NodeJS.ErrnoException).code}). Set DATA_DIR to a writable folder.`);
  }
  const lockFile = path.join(dataDir, 'sammen.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          if (read(lockFile, 'utf8') === String(process.pid)) unlinkSync(lockFile);
        } catch {
          /* already gone */
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(readFileSync(lockFile, 'utf8'));
      if (owner && owner !== process.pid && isRunning(owner)) {
        throw new StartupError(
          `The embedded database in ${dataDir} is already in use by another Sammen process (pid ${owner}). ` +
            'Only one process may own an embedded database: stop the other one, or set DATA_DIR to another folder, or use DATABASE_URL.',
        );
      }
      unlinkSync(lockFile);
    }
  }
  throw new StartupError(`Could not lock the data folder ${dataDir}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface Migration {
  tag: string;
  hash: string;
  statements: string[];
}

export function readMigrations(dir = migrationsDir): Migration[] {
  const journal = JSON.parse(readFileSync(path.join(dir, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  return journal.entries.map(({ tag }) => {
    const text = readFileSync(path.join(dir, `${tag}.sql`), 'utf8');
    return {
      tag,
      hash: createHash('sha256').update(text).digest('hex'),
      statements: text.split('--> statement-breakpoint').map((s) => s.trim()).filter(Boolean),
    };
  });
}

const MIGRATION_LOCK = 7_420_001;

/**
 * Applies the committed migrations, forward only, each in its own transaction, under an
 * advisory lock so that two servers starting at once do not race. A committed migration
 * whose file changed afterwards stops the server: migrations are never edited.
 */
export async function migrate(db: Db): Promise<string[]> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await tx.execute(sql`CREATE TABLE IF NOT EXISTS schema_migrations (tag text PRIMARY KEY, hash text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  });
  const applied: string[] = [];
  for (const m of readMigrations()) {
    await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
      const rows = await query<{ hash: string }>(tx, sql`SELECT hash FROM schema_migrations WHERE tag = ${m.tag}`);
      if (rows[0]) {
        if (rows[0].hash !== m.hash) throw new StartupError(`Migration ${m.tag} was edited after it was applied. Migrations are forward-only: add a new one.`);
        return;
      }
      for (const statement of m.statements) await tx.execute(sql.raw(statement));
      await tx.execute(sql`INSERT INTO schema_migrations (tag, hash) VALUES (${m.tag}, ${m.hash})`);
      applied.push(m.tag);
    });
  }
  return applied;
}

/** The migrations in the code that the database has not applied. Empty when ready. */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const rows = await query<{ tag: string }>(db, sql`SELECT tag FROM schema_migrations`);
  const done = new Set(rows.map((r) => r.tag));
  return readMigrations().map((m) => m.tag).filter((t) => !done.has(t));
}

interface DriverSession {
  constructor: { name: string };
  /** node-postgres: the pool or the transaction's pool client. */
  client: { query(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }> };
  logger?: { logQuery: (text: string, params: unknown[]) => void };
  /** Drizzle's own path for rendered SQL (PGlite: it applies Drizzle's type parsers, as db.execute does). */
  prepareQuery(query: { sql: string; params: unknown[] }, fields: undefined, name: undefined, arrayMode: false): { execute(): Promise<{ rows: unknown[] }> };
}
interface DrizzleInternals {
  session: DriverSession;
  dialect: { sqlToQuery: (s: SQL) => { sql: string; params: unknown[] } };
}
const internalsOf = (db: Db) => db as unknown as DrizzleInternals;

const preparedNames = new Map<string, string>();
const preparedName = (text: string) => {
  let name = preparedNames.get(text);
  if (!name) {
    name = `sammen_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    preparedNames.set(text, name);
  }
  return name;
};

/**
 * Runs SQL text with its parameters through the driver, the same shape of rows on both engines.
 * On a PostgreSQL server the statement is a named prepared statement: the plan page's one big
 * query spends more time being planned (~4 ms) than run (~1 ms), and a prepared statement is
 * planned once per connection. The text is fixed per call site, so the names are bounded.
 */
async function run<T>(db: Db, text: string, params: unknown[]): Promise<T[]> {
  const { session } = internalsOf(db);
  if (!session.constructor.name.startsWith('NodePg')) {
    const pglite = pglites.get(session.client as object);
    if (pglite) {
      session.logger?.logQuery(text, params);
      return runPglitePrepared<T>(pglite, text, params, (session.client as object) !== pglite);
    }
    return (await session.prepareQuery({ sql: text, params }, undefined, undefined, false).execute()).rows as T[];
  }
  session.logger?.logQuery(text, params);
  const result = await session.client.query({ name: preparedName(text), text, values: params });
  return result.rows as T[];
}

/** Runs `statement` and returns its rows, the same shape on both engines. */
export async function query<T extends Record<string, unknown>>(db: Db, statement: SQL): Promise<T[]> {
  const { sql: text, params } = internalsOf(db).dialect.sqlToQuery(statement);
  return run<T>(db, text, params);
}

/** The same, for a statement with named placeholders (e.g. an access-log row's `readLogInsert`) filled from `values`. */
export async function queryWith<T extends Record<string, unknown>>(db: Db, statement: SQL, values: Record<string, unknown>): Promise<T[]> {
  const { sql: text, params } = internalsOf(db).dialect.sqlToQuery(statement);
  return run<T>(db, text, fillPlaceholders(params, values));
}

/**
 * A statement rendered to SQL text once, with named placeholders (`sql.placeholder('x')`), and
 * run with values each time. For the largest statements on the hottest paths: rendering the plan
 * page's 12 KB of SQL on every request cost the server more than running it cost the driver.
 */
export function preparedQuery<T extends Record<string, unknown>>(build: () => SQL) {
  let rendered: { text: string; params: unknown[] } | undefined;
  return async (db: Db, values: Record<string, unknown>): Promise<T[]> => {
    rendered ??= (() => {
      const { sql: text, params } = internalsOf(db).dialect.sqlToQuery(build());
      return { text, params };
    })();
    return run<T>(db, rendered.text, fillPlaceholders(rendered.params, values));
  };
}
