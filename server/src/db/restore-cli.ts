import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseConfig } from '../platform/config.ts';
import { openPglite } from '../platform/db.ts';
import { verifyAll } from '../modules/audit/audit.service.ts';
import { CliError, formatCounts, hasEmbeddedDatabase, lockEmbedded, pgliteDir, runCli, tableCounts } from './cli.ts';

// npm run restore -- <file.tar.gz> — restores a backup made by `npm run backup` into DATA_DIR,
// which must not hold a database yet (a restore never overwrites one). Then opens the restored
// database, prints its rows per table and verifies every municipality's audit chain.
// Exit 0 when restored and intact, 1 when an audit chain is broken, 2 when it cannot run.

const usage = 'Usage: npm run restore -- <file.tar.gz> (into DATA_DIR, which must hold no database yet)';

runCli(async () => {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0]!.startsWith('-')) throw new CliError(usage);
  const config = parseConfig(process.env);
  if (config.databaseUrl) {
    throw new CliError('DATABASE_URL is set: restore a PostgreSQL backup with pg_restore (README, "Running it for real"); this command restores the embedded database.');
  }
  const file = path.resolve(config.invokedIn, args[0]!);
  if (!existsSync(file)) throw new CliError(`The backup ${file} does not exist.`);
  if (hasEmbeddedDatabase(config.dataDir)) {
    throw new CliError(`${config.dataDir} already holds a database; nothing was changed. Restore into a new DATA_DIR (and move it in place with the server stopped).`);
  }

  const createdFolder = !existsSync(config.dataDir);
  const release = lockEmbedded(config.dataDir, 'Stop it first.');
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const client = await PGlite.create(pgliteDir(config.dataDir), { loadDataDir: new Blob([readFileSync(file)], { type: 'application/x-gzip' }) });
    await client.close();
  } catch (err) {
    // Leave nothing half-restored behind.
    rmSync(createdFolder ? config.dataDir : pgliteDir(config.dataDir), { recursive: true, force: true });
    release();
    throw new CliError(`Could not restore ${file}: ${(err as Error).message.split('\n')[0]} (is it a file made by npm run backup?). Nothing was kept.`);
  }

  // The restored folder, opened the way the server opens it. An older backup is migrated by the server at start.
  const database = await openPglite(config.dataDir);
  try {
    const counts = await tableCounts(database);
    console.log(`Restored ${file} into ${config.dataDir}: ${formatCounts(counts)}.`);
    let broken = 0;
    for (const r of await verifyAll(database.db)) {
      if (r.ok) console.log(`ok      ${r.municipalityName}: audit chain of ${r.sealed} sealed rows intact, ${r.unsealed} not yet sealed`);
      else {
        broken += 1;
        console.log(`BROKEN  ${r.municipalityName}: first broken row is audit event ${r.firstBroken!.eventId} (seal ${r.firstBroken!.seq}): ${r.firstBroken!.reason}`);
      }
    }
    return broken ? 1 : 0;
  } finally {
    await database.close();
    release();
  }
});
