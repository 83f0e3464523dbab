import { sql } from 'drizzle-orm';
import { parseConfig } from '../src/platform/config.ts';
import { openPostgres, query } from '../src/platform/db.ts';
import { sealMunicipality, verifyMunicipality } from '../src/modules/audit/audit.service.ts';

// npm run bench:seal — seals what is unsealed in DATABASE_URL and reports rows/s, then
// (with --verify) recomputes the chain. For the synthetic loads: how long sealing N rows takes.

const config = parseConfig(process.env);
if (!config.databaseUrl) throw new Error('set DATABASE_URL');
const database = await openPostgres(config.databaseUrl, { max: 2 });
const municipalities = await query<{ id: string; name: string }>(database.db, sql`SELECT id::text AS id, name FROM municipalities ORDER BY code`);
for (const m of municipalities) {
  const t0 = performance.now();
  const n = await sealMunicipality(database.db, m.id);
  const s = (performance.now() - t0) / 1000;
  console.log(JSON.stringify({ seal: m.name, rows: n, seconds: Math.round(s * 10) / 10, rows_per_s: s > 0 ? Math.round(n / s) : null }));
  if (process.argv.includes('--verify')) {
    const t1 = performance.now();
    const r = await verifyMunicipality(database.db, m.id, m.name);
    console.log(JSON.stringify({ verify: m.name, ok: r.ok, sealed: r.sealed, unsealed: r.unsealed, seconds: Math.round((performance.now() - t1) / 100) / 10 }));
  }
}
await database.close();
