import { parseConfig } from '../platform/config.ts';
import { CliError, openExistingDatabase, runCli } from './cli.ts';
import { seedDemo } from './seed.ts';

// npm run seed [-- --migrate] — seeds the demo municipality into the configured database.
// The database must exist and be migrated (the server does both at start); --migrate creates
// the embedded database or applies the migrations first.

runCli(async () => {
  const args = process.argv.slice(2);
  for (const a of args) if (a !== '--migrate') throw new CliError(`Unknown option ${a}. Usage: npm run seed [-- --migrate]`);
  const config = parseConfig(process.env);
  const { database, close } = await openExistingDatabase(config, {
    migrate: args.includes('--migrate'),
    orElse: 'or run npm run seed -- --migrate',
  });
  try {
    console.log((await seedDemo(database.db, config)) ? 'Seeded the demo municipality Fjordby Kommune.' : 'The demo municipality already exists.');
  } finally {
    await close();
  }
});
