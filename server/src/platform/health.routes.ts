import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { AppError } from './errors.ts';
import { pendingMigrations } from './db.ts';

export function healthRoutes(app: FastifyInstance) {
  const { database } = app.sammen;

  /** The process is up. */
  app.get('/api/health', { config: { access: 'public' }, schema: { operationId: 'getHealth', summary: 'Whether the process is up', tags: ['platform'] } }, async () => ({ status: 'ok' }));

  /** The process can serve: the database answers and every migration is applied. */
  app.get('/api/ready', { config: { access: 'public' }, schema: { operationId: 'getReadiness', summary: 'Whether the service can serve: the database answers, every migration is applied', tags: ['platform'] } }, async () => {
    try {
      await database.db.execute(sql`SELECT 1`);
    } catch {
      throw new AppError('NOT_READY', 'The database does not answer');
    }
    const pending = await pendingMigrations(database.db);
    if (pending.length) throw new AppError('NOT_READY', `${pending.length} migration(s) not applied`);
    return { status: 'ready', engine: database.engine };
  });

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { operationId: 'getOpenApiDescription', summary: 'This description of the API', tags: ['platform'] } }, async () => app.swagger());
}
