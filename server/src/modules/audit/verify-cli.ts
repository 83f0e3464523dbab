import { parseConfig } from '../../platform/config.ts';
import { lockDataDir, openPglite, openPostgres } from '../../platform/db.ts';
import { sealAll, verifyAll } from './audit.service.ts';

// npm run audit:verify — recomputes every municipality's hash chain.
// Exit 0 when every chain is intact, 1 when a row was changed, deleted or reordered.
// With --seal it first seals what is final (useful when no server is running).

const config = parseConfig(process.env);
let release = () => {};
try {
  if (!config.databaseUrl) release = lockDataDir(config.dataDir);
} catch (err) {
  console.error(`${(err as Error).message}\nStop the server first, or verify against a PostgreSQL server with DATABASE_URL.`);
  process.exit(2);
}
const database = config.databaseUrl ? await openPostgres(config.databaseUrl) : await openPglite(config.dataDir);
if (process.argv.includes('--seal')) await sealAll(database.db);
const reports = await verifyAll(database.db);
let broken = 0;
for (const r of reports) {
  if (r.ok) {
    console.log(`ok      ${r.municipalityName}: ${r.sealed} rows sealed and intact, ${r.unsealed} not yet sealed`);
  } else {
    broken += 1;
    console.log(`BROKEN  ${r.municipalityName}: first broken row is audit event ${r.firstBroken!.eventId} (seal ${r.firstBroken!.seq}): ${r.firstBroken!.reason}`);
    console.log(`        ${r.sealed} rows verified before it; ${r.unsealed} not yet sealed`);
  }
}
await database.close();
release();
process.exit(broken ? 1 : 0);
