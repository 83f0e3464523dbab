import { parseQuerystring } from './platform/querystring.ts';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { passJsonText } from './platform/json-text.ts';
import type { Config } from './platform/config.ts';
import type { Database } from './platform/db.ts';
import { AppError, registerErrorHandling } from './platform/errors.ts';
import { csrfCookie, registerAccessControl } from './platform/http.ts';
import { loggerOptions } from './platform/log.ts';
import { openApiOptions } from './platform/openapi.ts';
import { healthRoutes } from './platform/health.routes.ts';
import { webRoutes } from './platform/web.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { identityRoutes } from './modules/identity/identity.routes.ts';
import { planRoutes } from './modules/plans/plans.routes.ts';
import { consentRoutes } from './modules/consent/consent.routes.ts';
import { calendarRoutes } from './modules/calendar/calendar.routes.ts';
import { complaintsRoutes } from './modules/decisions/complaints.routes.ts';
import { decisionsRoutes } from './modules/decisions/decisions.routes.ts';
import { networkRoutes } from './modules/network/network.routes.ts';
import { feedbackRoutes } from './modules/feedback/feedback.routes.ts';
import { coordinationRoutes } from './modules/learning/coordination.routes.ts';
import { pulseRoutes } from './modules/learning/pulse.routes.ts';

export interface AppOptions {
  config: Config;
  database: Database;
  /** A pino destination for tests that read the logs. */
  logStream?: NodeJS.WritableStream;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function buildApp({ config, database, logStream }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config, logStream),
    bodyLimit: 1_048_576,
    trustProxy: false,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    routerOptions: { querystringParser: parseQuerystring },
  });
  app.decorate('sammen', { config, database, routes: [] });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler<Parameters<typeof serializerCompiler>[0]['schema']>((route) => passJsonText(serializerCompiler(route), config.env === 'test'));
  // JSON only: anything else is 415, not silently read as text.
  app.removeContentTypeParser('text/plain');
  registerErrorHandling(app);
  registerAccessControl(app);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
    hsts: config.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyCsrf, {
    cookieKey: csrfCookie(config),
    cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true, secure: config.secureCookies },
    getToken: (req) => req.headers['x-csrf-token'] as string | undefined,
  });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: () => Object.assign(new AppError('RATE_LIMITED'), { statusCode: 429 }),
  });
  // Before the routes: it collects them as they are added. Errors and security: platform/openapi.ts.
  await app.register(fastifySwagger, openApiOptions(config));

  // State-changing requests need a CSRF token and, when the browser sends an Origin, one of the
  // configured public origins — never whatever Host the request names.
  app.addHook('onRequest', (req, reply, done) => {
    if (!UNSAFE.has(req.method)) return done();
    const origin = req.headers.origin;
    if (origin && !config.allowedOrigins.includes(origin)) {
      return done(new AppError('CSRF_INVALID', 'The request comes from another site'));
    }
    app.csrfProtection(req, reply, done);
  });
  app.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/api/')) reply.header('Cache-Control', 'no-store');
  });

  healthRoutes(app);
  authRoutes(app);
  identityRoutes(app);
  planRoutes(app);
  consentRoutes(app);
  calendarRoutes(app);
  decisionsRoutes(app);
  complaintsRoutes(app);
  networkRoutes(app);
  feedbackRoutes(app);
  coordinationRoutes(app);
  pulseRoutes(app);
  await webRoutes(app);
  return app;
}
