import { parseConfig } from '../../platform/config.ts';
import { openExistingDatabase, runCli } from '../../db/cli.ts';
import { sealAll, verifyAll } from './audit.service.ts';

// npm run audit:verify — recomputes every municipality's hash chain.
// Exit 0 when every chain is intact, 1 when a row was changed, deleted or reordered, 2 when it
// cannot run (no database, not migrated, the embedded one in use by a running server).
// With --seal it first seals what is final (useful when no server is running).

runCli(async () => {
  const config = parseConfig(process.env);
  const { database, close } = await openExistingDatabase(config);
  let broken = 0;
  try {
    if (process.argv.includes('--seal')) await sealAll(database.db);
    const reports = await verifyAll(database.db);
    for (const r of reports) {
      if (r.ok) {
        console.log(`ok      ${r.municipalityName}: ${r.sealed} rows sealed and intact, ${r.unsealed} not yet sealed`);
      } else {
        broken += 1;
        console.log(`BROKEN  ${r.municipalityName}: first broken row is audit event ${r.firstBroken!.eventId} (seal ${r.firstBroken!.seq}): ${r.firstBroken!.reason}`);
        console.log(`        ${r.sealed} rows verified before it; ${r.unsealed} not yet sealed`);
      }
    }
  } finally {
    await close();
  }
  return broken ? 1 : 0;
});
