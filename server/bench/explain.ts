import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { parseConfig } from '../src/platform/config.ts';
import { openPostgres, query } from '../src/platform/db.ts';
import { SYNTHETIC_MUNICIPALITY_CODE } from '../src/db/synthetic.ts';
import { TestClient } from '../test/helpers.ts';

// npm run bench:explain -- [path] — EXPLAIN (ANALYZE, BUFFERS) of every statement one request
// issues, as a random synthetic caseworker (default: the staff plan page of one of their plans).
// Writes are rolled back. Needs DATABASE_URL with the synthetic municipality loaded.

const config = parseConfig({ ...process.env, LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT_PER_MINUTE: '100000' });
if (!config.databaseUrl) throw new Error('set DATABASE_URL');
const captured: { text: string; params: unknown[] }[] = [];
let capturing = false;
const database = await openPostgres(config.databaseUrl, { onQuery: (text, params) => capturing && captured.push({ text, params }) });
const [plan] = await query<{ id: string; staff: string }>(
  database.db,
  sql`SELECT p.id::text AS id, p.coordinator_id::text AS staff FROM plans p JOIN municipalities m ON m.id = p.municipality_id
      WHERE m.code = ${SYNTHETIC_MUNICIPALITY_CODE} ORDER BY md5(p.id::text) LIMIT 1`,
);
const app = await buildApp({ config, database });
await app.ready();
const client = await new TestClient(app).loginAs('staff', plan!.staff);
const target = process.argv[2] ?? `/api/plans/${plan!.id}`;
capturing = true;
const res = await client.get(target);
capturing = false;
console.log(`GET ${target} → ${res.statusCode}, ${captured.length} statements\n`);
await app.close();
await database.close();

const pgc = new pg.Client({ connectionString: config.databaseUrl });
await pgc.connect();
await pgc.query('BEGIN');
for (const s of captured) {
  if (/^\s*(begin|commit|rollback)/i.test(s.text)) continue;
  const { rows } = await pgc.query(`EXPLAIN (ANALYZE, BUFFERS) ${s.text}`, s.params as unknown[]);
  console.log(`-- ${s.text.replace(/\s+/g, ' ').slice(0, 160)}…`);
  console.log(rows.map((r) => r['QUERY PLAN']).join('\n'), '\n');
}
await pgc.query('ROLLBACK');
await pgc.end();
