import { createServer } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { ConfigError, parseConfig } from './platform/config.ts';
import { StartupError, lockDataDir, migrate, openPglite, openPostgres, type Database } from './platform/db.ts';
import { buildApp } from './app.ts';
import { loggableError } from './platform/errors.ts';
import { seedDemo } from './db/seed.ts';
import { startSealer } from './modules/audit/audit.service.ts';
import { rebuildStalePlanDocuments } from './modules/plans/plan-document.ts';
import { startJobs } from './platform/jobs.ts';
import { collisionSweep } from './modules/calendar/calendar.sweep.ts';
import { caseReminders } from './modules/decisions/cases.reminders.ts';
import { coordinationClose } from './modules/learning/coordination.close.ts';

// Starts Sammen: config, database (embedded or server), migrations, demo seed, HTTP, sealer.
// Every problem at start stops the process with a message that names it.
// SIGTERM or SIGINT stops it cleanly: no new requests, those in flight finish (up to
// REQUEST_GRACE_MS), the sealer stops, the database closes, the data folder's lock is released,
// exit code 0. A signal during start-up stops it after the step under way.

/** How long requests in flight may take to finish after a stop signal before their connections are closed. */
const REQUEST_GRACE_MS = 5_000;
/** After this long a stop that hangs ends the process anyway (exit code 1): within a process manager's usual 10 s. */
const STOP_DEADLINE_MS = 9_000;

/** What is open so far, closed in reverse order by `shutdown`. */
const opened: { releaseLock?: () => void; database?: Database; app?: FastifyInstance; stopSealer?: () => Promise<void>; stopJobs?: () => Promise<void> } = {};
let stopSignal: NodeJS.Signals | undefined;
let started = false;

class Stopped extends Error {}
/** Between start-up steps: a stop signal that came during the step ends the start here. */
const checkpoint = () => {
  if (stopSignal) throw new Stopped();
};

function onSignal(signal: NodeJS.Signals) {
  // npm, tsx and a terminal's Ctrl+C may each deliver the same stop: the first one counts.
  if (stopSignal) return;
  stopSignal = signal;
  console.log(`\n  Stopping (${signal}): finishing the requests in flight…`);
  setTimeout(() => {
    console.error(`Sammen did not stop within ${STOP_DEADLINE_MS / 1000} s of ${signal}; exiting anyway.`);
    process.exit(1);
  }, STOP_DEADLINE_MS).unref();
  if (started) void shutdown().then(() => exitStopped(0), exitStopped.bind(null, 1));
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

function exitStopped(code: number, err?: unknown) {
  if (err) console.error('Sammen stopped with an error:', err);
  else console.log('  Sammen stopped.');
  process.exit(code);
}

/** Closes what is open: no new requests, requests in flight finish, the sealer, the database, the lock. */
async function shutdown() {
  const { app, stopSealer, stopJobs, database, releaseLock } = opened;
  if (app) {
    // app.close() stops listening, closes idle connections, answers new requests on open ones
    // with 503 and waits for the requests in flight. A kept-alive connection whose request has
    // been answered is closed as it falls idle; after the grace the rest are cut.
    const reap = setInterval(() => app.server.closeIdleConnections(), 50);
    const grace = setTimeout(() => app.server.closeAllConnections(), REQUEST_GRACE_MS);
    try {
      await app.close();
    } finally {
      clearInterval(reap);
      clearTimeout(grace);
    }
  }
  await stopJobs?.();
  await stopSealer?.();
  await database?.close();
  releaseLock?.();
}

async function main() {
  const startedAt = Date.now();
  const config = parseConfig(process.env);
  await assertPortFree(config.host, config.port);
  checkpoint();
  const releaseLock = config.databaseUrl ? () => {} : lockDataDir(config.dataDir);
  opened.releaseLock = releaseLock;
  const database = config.databaseUrl ? await openPostgres(config.databaseUrl, { max: config.databasePoolSize }) : await openPglite(config.dataDir);
  opened.database = database;
  checkpoint();
  await migrate(database.db);
  checkpoint();
  if (config.demoMode) await seedDemo(database.db, config);
  checkpoint();
  // Plans written before their read model existed (an upgrade) get it now, not on first read.
  await rebuildStalePlanDocuments(database.db);
  checkpoint();

  const app = await buildApp({ config, database });
  opened.app = app;
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new StartupError(`Port ${config.port} is already in use. Stop what runs there, or set PORT to another port.`);
    if (code === 'EACCES') throw new StartupError(`Not allowed to listen on port ${config.port}. Set PORT to a port above 1024.`);
    throw err;
  }
  opened.stopSealer = startSealer(database.db, config.auditSealIntervalMs, (err) =>
    app.log.error({ event: 'audit.seal.failed', err: loggableError(err) }),
  );
  checkpoint();
  if (config.jobs) {
    // The modules' scheduled works: the collision sweep, the case reminders and the close of
    // coordination waves and pulses (every 15 minutes).
    const jobs = await startJobs(database, config, app.log, [collisionSweep, caseReminders, coordinationClose]);
    opened.stopJobs = () => jobs.stop(3_000);
  }
  checkpoint();

  const where = database.engine === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL server (DATABASE_URL)';
  console.log(
    [
      '',
      `  Sammen is running: ${config.publicUrl}   (started in ${((Date.now() - startedAt) / 1000).toFixed(1)} s)`,
      `  Database: ${where}`,
      config.demoMode
        ? '  Demo mode: open the address and choose a person to log in as (staff, citizen or relative).'
        : '  Staff log in with OpenID Connect.',
      '  Stop with Ctrl+C (or SIGTERM).',
      '',
    ].join('\n'),
  );
  started = true;
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

main().catch(async (err) => {
  if (err instanceof Stopped) {
    // A stop signal during start-up: close what was opened, as a stop after start does.
    return shutdown().then(() => exitStopped(0), exitStopped.bind(null, 1));
  }
  if (err instanceof ConfigError || err instanceof StartupError) {
    console.error(`\nSammen could not start.\n${err.message}\n`);
  } else {
    console.error('\nSammen could not start:', err);
  }
  // Best effort: close the database and release the data folder (a stale lock is taken over anyway).
  await Promise.race([shutdown().catch(() => {}), new Promise((r) => setTimeout(r, 2_000).unref())]);
  process.exit(1);
});
