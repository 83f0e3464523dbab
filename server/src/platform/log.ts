import type { FastifyServerOptions } from 'fastify';
import type { Config } from './config.ts';

// Logs say what happened, never who the citizen is: requests are logged by route pattern
// (never the URL with its query string), method, status and duration — no bodies, no cookies.

export function loggerOptions(config: Config, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    ...(stream ? { stream } : {}),
    serializers: {
      req: (req: { method: string; routeOptions?: { url?: string } }) => ({ method: req.method, route: req.routeOptions?.url }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    redact: { paths: ['req.headers', 'headers', 'cookie', 'body'], remove: true },
  };
}
