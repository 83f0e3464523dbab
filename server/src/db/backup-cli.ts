import { existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { PGlite } from '@electric-sql/pglite';
import { parseConfig } from '../platform/config.ts';
import { CliError, formatCounts, openExistingDatabase, runCli, tableCounts } from './cli.ts';

// npm run backup -- <file.tar.gz> — a consistent copy of the embedded database (PGlite's
// dumpDataDir: the data folder as a gzipped tarball), taken with the server stopped: PGlite
// belongs to one process, so a running server's lock is refused. Restore it with
// `npm run restore -- <file>` into a new DATA_DIR. On a PostgreSQL server use pg_dump -Fc.

const usage = 'Usage: npm run backup -- <file.tar.gz> (the embedded database in DATA_DIR, with the server stopped)';

runCli(async () => {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0]!.startsWith('-')) throw new CliError(usage);
  const config = parseConfig(process.env);
  if (config.databaseUrl) {
    throw new CliError('DATABASE_URL is set: back up the PostgreSQL database with pg_dump -Fc (README, "Running it for real"); this command copies the embedded database.');
  }
  const file = path.resolve(config.invokedIn, args[0]!);
  if (existsSync(file)) throw new CliError(`${file} already exists: give a new file name (a backup never overwrites another).`);
  if (!existsSync(path.dirname(file))) throw new CliError(`The folder ${path.dirname(file)} does not exist.`);

  const { database, close } = await openExistingDatabase(config, {
    inUseHint: 'Stop it first: the embedded database is backed up with the server stopped (PGlite belongs to one process).',
  });
  const partial = `${file}.partial`;
  try {
    const counts = await tableCounts(database);
    // Everything committed is in the data files, not only in the write-ahead log.
    await database.db.execute(sql`CHECKPOINT`);
    const client = (database.db as unknown as { $client: PGlite }).$client;
    const dump = await client.dumpDataDir('gzip');
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()), { flag: 'wx' });
    renameSync(partial, file);
    const mb = (statSync(file).size / 1_048_576).toFixed(1);
    console.log(`Backed up ${config.dataDir} to ${file} (${mb} MB): ${formatCounts(counts)}.`);
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  } finally {
    await close();
  }
});
