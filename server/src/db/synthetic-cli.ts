import { parseConfig } from '../platform/config.ts';
import { lockDataDir, migrate, openPglite, openPostgres } from '../platform/db.ts';
import { sealMunicipality } from '../modules/audit/audit.service.ts';
import { loadSynthetic, syntheticSizes, SYNTHETIC_MUNICIPALITY_NAME, type SyntheticSize } from './synthetic.ts';

// npm run seed:synthetic -- --size small|medium|large [--citizens N] [--audit-per-citizen N]
//   [--deep-citizens N] [--seed N] [--no-seal]
// Loads Skovlund Kommune into DATABASE_URL, or into the embedded database in DATA_DIR.
// Prints the load time per table and the time the sealer took for the access log.

const args = process.argv.slice(2);
const value = (name: string) => {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined || v.startsWith('--')) fail(`--${name} needs a value`);
  return v;
};
const number = (name: string) => {
  const v = value(name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) fail(`--${name} must be a whole number, got "${v}"`);
  return n;
};
function fail(message: string): never {
  console.error(`${message}\nUsage: npm run seed:synthetic -- --size small|medium|large [--citizens N] [--audit-per-citizen N] [--deep-citizens N] [--seed N] [--no-seal]`);
  process.exit(2);
}
const known = new Set(['--size', '--citizens', '--audit-per-citizen', '--deep-citizens', '--seed', '--no-seal']);
for (const a of args) if (a.startsWith('--') && !known.has(a)) fail(`Unknown option ${a}`);

const size = value('size') as SyntheticSize | undefined;
if (size !== undefined && !(size in syntheticSizes)) fail(`--size must be small, medium or large, got "${size}"`);
const citizens = number('citizens') ?? (size ? syntheticSizes[size] : undefined);
if (!citizens) fail('Give --size (or --citizens N for a tiny load)');

const config = parseConfig(process.env);
const release = config.databaseUrl ? () => {} : lockDataDir(config.dataDir);
const database = config.databaseUrl ? await openPostgres(config.databaseUrl) : await openPglite(config.dataDir);
try {
  await migrate(database.db);
  const where = config.databaseUrl ? 'the PostgreSQL server in DATABASE_URL' : `the embedded database in ${config.dataDir}`;
  console.log(`Loading ${SYNTHETIC_MUNICIPALITY_NAME} (${size ?? 'custom'}: ${citizens} citizens) into ${where}`);
  const report = await loadSynthetic(database.db, config, {
    citizens,
    auditPerCitizen: number('audit-per-citizen'),
    deepCitizens: number('deep-citizens'),
    seed: number('seed'),
    seal: args.includes('--no-seal') ? undefined : (m) => sealMunicipality(database.db, m),
    log: (line) => console.log(line),
  });
  console.log(`\n${'table'.padEnd(20)} ${'rows'.padStart(11)} ${'seconds'.padStart(9)} ${'rows/s'.padStart(9)}`);
  for (const [table, rows] of Object.entries(report.counts)) {
    const s = report.seconds[table] ?? 0;
    console.log(`${table.padEnd(20)} ${String(rows).padStart(11)} ${s.toFixed(1).padStart(9)} ${String(s > 0 ? Math.round(rows / s) : '').padStart(9)}`);
  }
  console.log(`\ntotal ${report.totalSeconds.toFixed(1)} s; municipality ${report.municipalityId}`);
  console.log(JSON.stringify({ synthetic: size ?? 'custom', citizens, engine: database.engine, ...report }));
} finally {
  await database.close();
  release();
}
