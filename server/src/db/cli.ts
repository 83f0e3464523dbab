import { existsSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { ConfigError, type Config } from '../platform/config.ts';
import { StartupError, lockDataDir, migrate, openPglite, openPostgres, query, readMigrations, type Database } from '../platform/db.ts';

// What the command-line tools (seed, seed:synthetic, audit:verify, backup, restore) share:
// they work on a database that exists and is migrated, and never create one by accident
// (a mistyped DATA_DIR must not become a new, empty database). A problem is one line and a
// non-zero exit code.

/** A problem the operator can fix: printed as one line, exit code 2. */
export class CliError extends Error {}

/** Runs a CLI: its result is the exit code; a known problem is one line on stderr and exit code 2. */
export function runCli(main: () => Promise<number | void>): void {
  main().then(
    (code) => process.exit(code ?? 0),
    (err) => {
      if (err instanceof CliError || err instanceof StartupError) {
        console.error(err.message);
        process.exit(2);
      }
      if (err instanceof ConfigError) {
        console.error(`Invalid configuration: ${err.problems.join('; ')}`);
        process.exit(2);
      }
      console.error(err);
      process.exit(1);
    },
  );
}

/** The embedded database's files inside DATA_DIR. */
export const pgliteDir = (dataDir: string) => path.join(dataDir, 'pglite');
export const hasEmbeddedDatabase = (dataDir: string) => existsSync(path.join(pgliteDir(dataDir), 'PG_VERSION'));

export interface OpenedDatabase {
  database: Database;
  /** Closes the database and releases the data folder. */
  close(): Promise<void>;
  where: string;
}

/**
 * Opens the configured database for a CLI: the embedded one in DATA_DIR (locked against a
 * running server) or DATABASE_URL. It must exist and have every migration applied; with
 * `migrate` a missing embedded database is created and migrations are applied instead.
 */
export async function openExistingDatabase(
  config: Config,
  options: { migrate?: boolean; /** Another way out, e.g. "or add --migrate". */ orElse?: string; inUseHint?: string } = {},
): Promise<OpenedDatabase> {
  const hint = `Start the server once (npm start) to ${config.databaseUrl ? 'migrate' : 'create and migrate'} it${options.orElse ? `, ${options.orElse}` : ''}`;
  const where = config.databaseUrl ? 'the PostgreSQL database in DATABASE_URL' : `the embedded database in ${config.dataDir}`;
  if (!config.databaseUrl && !options.migrate && !hasEmbeddedDatabase(config.dataDir)) {
    const why = existsSync(config.dataDir) ? 'the folder has no database in it' : 'the folder does not exist';
    throw new CliError(`No Sammen database in ${config.dataDir} (${why}). Check DATA_DIR; ${hint.charAt(0).toLowerCase()}${hint.slice(1)}.`);
  }
  const release = config.databaseUrl ? () => {} : lockEmbedded(config.dataDir, options.inUseHint);
  let database: Database;
  try {
    database = config.databaseUrl ? await openPostgres(config.databaseUrl) : await openPglite(config.dataDir);
  } catch (err) {
    release();
    throw err;
  }
  const close = async () => {
    await database.close();
    release();
  };
  try {
    if (options.migrate) {
      await migrate(database.db);
    } else {
      const missing = await missingMigrations(database);
      if (missing.length) {
        const total = readMigrations().length;
        const state = missing.length === total ? 'has no Sammen tables (not migrated)' : `lacks ${missing.length} of ${total} migrations (${missing[0]}…)`;
        throw new CliError(`${where.charAt(0).toUpperCase()}${where.slice(1)} ${state}. ${hint}.`);
      }
    }
  } catch (err) {
    await close();
    throw err;
  }
  return { database, close, where };
}

async function missingMigrations(database: Database): Promise<string[]> {
  const tags = readMigrations().map((m) => m.tag);
  const [table] = await query<{ present: boolean }>(database.db, sql`SELECT to_regclass('schema_migrations') IS NOT NULL AS present`);
  if (!table?.present) return tags;
  const done = new Set((await query<{ tag: string }>(database.db, sql`SELECT tag FROM schema_migrations`)).map((r) => r.tag));
  return tags.filter((t) => !done.has(t));
}

/** Locks DATA_DIR like the server does; when a running server holds it, says so in one line. */
export function lockEmbedded(dataDir: string, inUseHint = 'Stop the server first.'): () => void {
  try {
    return lockDataDir(dataDir);
  } catch (err) {
    if (err instanceof StartupError && /already in use/.test(err.message)) {
      const pid = /pid (\d+)/.exec(err.message)?.[1];
      throw new CliError(`The embedded database in ${dataDir} is in use by a running Sammen server${pid ? ` (pid ${pid})` : ''}. ${inUseHint}`);
    }
    throw err;
  }
}

/** Rows per table of the public schema, by table name: what a backup and its restore print and compare. */
export async function tableCounts(database: Database): Promise<Record<string, number>> {
  const tables = await query<{ name: string }>(
    database.db,
    sql`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await query<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM ${sql.identifier(name)}`);
    counts[name] = row!.n;
  }
  return counts;
}

export const formatCounts = (counts: Record<string, number>) =>
  `${Object.keys(counts).length} tables, ${Object.values(counts).reduce((a, b) => a + b, 0)} rows (${Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([t, n]) => `${t} ${n}`)
    .join(', ')})`;
