import { parseConfig } from '../platform/config.ts';
import { sealMunicipality } from '../modules/audit/audit.service.ts';
import { openExistingDatabase, runCli } from './cli.ts';
import { loadSynthetic, syntheticSizes, SYNTHETIC_MUNICIPALITY_NAME, type SyntheticSize } from './synthetic.ts';

// npm run seed:synthetic -- --size small|medium|large [--citizens N] [--audit-per-citizen N]
//   [--deep-citizens N] [--seed N] [--no-seal] [--migrate]
// Loads Skovlund Kommune into DATABASE_URL, or into the embedded database in DATA_DIR. The
// database must exist and be migrated; --migrate creates the embedded one or applies migrations.
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
  console.error(`${message}\nUsage: npm run seed:synthetic -- --size small|medium|large [--citizens N] [--audit-per-citizen N] [--deep-citizens N] [--seed N] [--no-seal] [--migrate]`);
  process.exit(2);
}
const known = new Set(['--size', '--citizens', '--audit-per-citizen', '--deep-citizens', '--seed', '--no-seal', '--migrate']);
for (const a of args) if (a.startsWith('--') && !known.has(a)) fail(`Unknown option ${a}`);

const size = value('size') as SyntheticSize | undefined;
if (size !== undefined && !(size in syntheticSizes)) fail(`--size must be small, medium or large, got "${size}"`);
const citizens = number('citizens') ?? (size ? syntheticSizes[size] : undefined);
if (!citizens) fail('Give --size (or --citizens N for a tiny load)');

runCli(async () => {
  const config = parseConfig(process.env);
  const { database, close, where } = await openExistingDatabase(config, {
    migrate: args.includes('--migrate'),
    orElse: 'or add --migrate',
  });
  try {
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
    await close();
  }
});
