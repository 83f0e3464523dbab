import { parseConfig } from '../platform/config.ts';
import { lockDataDir, migrate, openPglite, openPostgres } from '../platform/db.ts';
import { seedDemo } from './seed.ts';

const config = parseConfig(process.env);
const release = config.databaseUrl ? () => {} : lockDataDir(config.dataDir);
const database = config.databaseUrl ? await openPostgres(config.databaseUrl) : await openPglite(config.dataDir);
await migrate(database.db);
console.log((await seedDemo(database.db, config)) ? 'Seeded the demo municipality Fjordby Kommune.' : 'The demo municipality already exists.');
await database.close();
release();
