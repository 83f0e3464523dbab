import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can, type RouteAccess } from '@sammen/domain/access';
import type { SessionView } from '@sammen/domain/identity';
import type { Config } from './config.ts';
import type { Ctx, SignedInCtx } from './context.ts';
import type { Database } from './db.ts';
import { AppError } from './errors.ts';
import { resolveSession } from '../modules/auth/auth.service.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the route does, from domain/src/access.ts, or 'public'. Required on every route. */
    access?: RouteAccess;
    /**
     * The response carries a citizen's data: it must come through readCitizenData
     * (platform/reader.ts), which logs the read. Checked on every answer, and walked by a test.
     */
    readsCitizenData?: boolean;
  }
  interface FastifyRequest {
    ctx: Ctx;
    sessionView?: SessionView;
  }
  interface FastifyInstance {
    sammen: { config: Config; database: Database; routes: DeclaredRoute[] };
  }
}

export interface DeclaredRoute {
  method: string;
  url: string;
  access: RouteAccess | undefined;
  readsCitizenData: boolean;
}

export const sessionCookie = {
  name: (config: Config) => (config.secureCookies ? '__Host-sammen_session' : 'sammen_session'),
  options: (config: Config) => ({ path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies }),
  read: (req: FastifyRequest, config: Config): string | undefined => req.cookies[sessionCookie.name(config)],
};

export const csrfCookie = (config: Config) => (config.secureCookies ? '__Host-sammen_csrf' : 'sammen_csrf');

/** The context of a route that declared an action: there is always an actor. */
export function signedIn(req: FastifyRequest): SignedInCtx {
  if (!req.ctx.actor) throw new AppError('UNAUTHENTICATED');
  return req.ctx as SignedInCtx;
}

/**
 * Deny by default. Every route declares its access; a route without one is refused for
 * everyone (and a test fails). Public routes still learn who is asking, if anyone.
 */
export function registerAccessControl(app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) app.sammen.routes.push({ method, url: route.url, access: route.config?.access, readsCitizenData: route.config?.readsCitizenData === true });
  });

  app.addHook('preHandler', async (req) => {
    const { config, database } = app.sammen;
    req.ctx = { db: database.db, config, requestId: String(req.id) };
    // Unknown routes reach the not-found handler, which answers 404 for everyone.
    if (req.is404) return;
    req.ctx.readsCitizenData = req.routeOptions.config.readsCitizenData === true;
    const access = req.routeOptions.config.access;
    const token = sessionCookie.read(req, config);
    if (token && req.url.startsWith('/api/')) {
      const session = await resolveSession(database.db, config, token);
      if (session) {
        req.ctx.actor = session.actor;
        req.ctx.sessionId = session.id;
        req.sessionView = session.view;
      }
    }
    if (access === 'public') return;
    if (!access) throw new AppError('FORBIDDEN', 'This route declares no access rule');
    if (!req.ctx.actor) throw new AppError('UNAUTHENTICATED');
    if (!can(req.ctx.actor, access)) throw new AppError('FORBIDDEN');
  });

  // A route that declares it reads citizen data answers only with data that came through the
  // reader (which wrote the access-log row). Otherwise the answer is withheld: a 500, not a leak.
  app.addHook('preSerialization', async (req, reply, payload) => {
    if (req.ctx?.readsCitizenData && reply.statusCode < 300 && req.ctx.actor && !req.ctx.citizenDataReads) {
      req.log.error({ event: 'reader.skipped', route: req.routeOptions.url });
      throw new AppError('INTERNAL');
    }
    return payload;
  });
}
