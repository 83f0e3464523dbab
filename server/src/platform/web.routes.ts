import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { AppError } from './errors.ts';

/** Serves the built single-page app; any path that is not a file gets index.html. */
export async function webRoutes(app: FastifyInstance) {
  const root = app.sammen.config.webDist;
  const built = existsSync(path.join(root, 'index.html'));
  await app.register(fastifyStatic, { root, serve: false });

  app.get('/*', { config: { access: 'public' } }, async (req, reply) => {
    const urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (urlPath.startsWith('/api/')) throw new AppError('NOT_FOUND');
    if (!built) return reply.type('text/plain').send('The web app is not built. Run: npm run build');
    const file = path.normalize(path.join(root, urlPath));
    if (file.startsWith(root + path.sep) && existsSync(file) && statSync(file).isFile()) {
      const immutable = urlPath.startsWith('/assets/');
      reply.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      return reply.sendFile(path.relative(root, file));
    }
    reply.header('Cache-Control', 'no-cache');
    return reply.sendFile('index.html');
  });
}
