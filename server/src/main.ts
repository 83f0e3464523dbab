import { createServer } from 'node:net';
import { ConfigError, parseConfig } from './platform/config.ts';
import { StartupError, lockDataDir, migrate, openPglite, openPostgres } from './platform/db.ts';
import { buildApp } from './app.ts';
import { loggableError } from './platform/errors.ts';
import { seedDemo } from './db/seed.ts';
import { startSealer } from './modules/audit/audit.service.ts';

// Starts Sammen: config, database (embedded or server), migrations, demo seed, HTTP, sealer.
// Every problem at start stops the process with a message that names it.

async function main() {
  const started = Date.now();
  const config = parseConfig(process.env);
  await assertPortFree(config.host, config.port);
  const releaseLock = config.databaseUrl ? () => {} : lockDataDir(config.dataDir);
  const database = config.databaseUrl ? await openPostgres(config.databaseUrl, { max: config.databasePoolSize }) : await openPglite(config.dataDir);
  await migrate(database.db);
  if (config.demoMode) await seedDemo(database.db, config);

  const app = await buildApp({ config, database });
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new StartupError(`Port ${config.port} is already in use. Stop what runs there, or set PORT to another port.`);
    if (code === 'EACCES') throw new StartupError(`Not allowed to listen on port ${config.port}. Set PORT to a port above 1024.`);
    throw err;
  }
  const stopSealer = startSealer(database.db, config.auditSealIntervalMs, (err) =>
    app.log.error({ event: 'audit.seal.failed', err: loggableError(err) }),
  );

  const where = database.engine === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL server (DATABASE_URL)';
  console.log(
    [
      '',
      `  Sammen is running: ${config.publicUrl}   (started in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
      `  Database: ${where}`,
      config.demoMode
        ? '  Demo mode: open the address and choose a person to log in as (staff, citizen or relative).'
        : '  Staff log in with OpenID Connect.',
      '  Stop with Ctrl+C.',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await stopSealer();
    await app.close();
    await database.close();
    releaseLock();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** Fails fast, before the database work, when the port is taken. listen() below still decides. */
function assertPortFree(host: string, port: number) {
  return new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new StartupError(`Port ${port} is already in use. Stop what runs there, or set PORT to another port.`) : err),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof StartupError) {
    console.error(`\nSammen could not start.\n${err.message}\n`);
  } else {
    console.error('\nSammen could not start:', err);
  }
  process.exit(1);
});
