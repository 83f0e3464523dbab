import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { demoLoginInput, loginMethods, persona, sessionView, switchUnitInput } from '@sammen/domain/identity';
import { endSession, listDemoPersonas, loginAsPersona, switchUnit } from './auth.service.ts';
import { finishOidcLogin, startOidcLogin } from './oidc.ts';
import { sessionCookie, signedIn } from '../../platform/http.ts';

const oidcStateCookie = (config: { secureCookies: boolean }) => (config.secureCookies ? '__Host-sammen_oidc' : 'sammen_oidc');

const ok = z.object({ ok: z.literal(true) });

export function authRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { config } = app.sammen;
  const loginLimit = { rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' } };

  r.get('/api/auth/methods', { config: { access: 'public' }, schema: { operationId: 'listLoginMethods', summary: 'The login methods this server offers', tags: ['auth'], response: { 200: loginMethods } } }, async () => ({
    demo: config.demoMode,
    oidc: Boolean(config.oidc),
  }));

  r.get('/api/auth/csrf', { config: { access: 'public' }, schema: { operationId: 'getCsrfToken', summary: 'A CSRF token for the writes of this browser', tags: ['auth'], response: { 200: z.object({ token: z.string() }) } } }, async (_req, reply) => ({
    token: reply.generateCsrf(),
  }));

  r.get('/api/auth/session', { config: { access: 'session.read' }, schema: { operationId: 'getSession', summary: 'Who is signed in, and their session', tags: ['auth'], response: { 200: sessionView } } }, async (req) => req.sessionView!);

  r.post('/api/auth/logout', { config: { access: 'session.end' }, schema: { operationId: 'logout', summary: 'End the session', tags: ['auth'], response: { 200: ok } } }, async (req, reply) => {
    await endSession(signedIn(req));
    reply.clearCookie(sessionCookie.name(config), sessionCookie.options(config));
    return { ok: true as const };
  });

  r.put('/api/auth/unit', { config: { access: 'session.switchUnit' }, schema: { operationId: 'switchUnit', summary: 'Work in another of my units', tags: ['auth'], body: switchUnitInput, response: { 200: ok } } }, async (req) => {
    await switchUnit(signedIn(req), req.body.unitId);
    return { ok: true as const };
  });

  if (config.demoMode) {
    r.get(
      '/api/auth/demo/personas',
      { config: { access: 'public' }, schema: { operationId: 'listDemoPersonas', summary: 'The personas of the demo (demo mode only)', tags: ['auth'], response: { 200: z.array(persona.extend({ municipality: z.string() })) } } },
      async (req) => listDemoPersonas(req.ctx),
    );
    r.post(
      '/api/auth/demo/login',
      { config: { access: 'public', ...loginLimit }, schema: { operationId: 'demoLogin', summary: 'Log in as a persona of the demo (demo mode only)', tags: ['auth'], body: demoLoginInput, response: { 200: ok } } },
      async (req, reply) => {
        const token = await loginAsPersona(req.ctx, req.body, sessionCookie.read(req, config));
        setSession(reply, token);
        return { ok: true as const };
      },
    );
  }

  if (config.oidc) {
    r.get('/api/auth/oidc/start', { config: { access: 'public', ...loginLimit }, schema: { operationId: 'startOidcLogin', summary: 'Start a staff login with OpenID Connect', tags: ['auth'] } }, async (req, reply) => {
      const { url, state } = await startOidcLogin(req.ctx);
      reply.setCookie(oidcStateCookie(config), state, { ...sessionCookie.options(config), maxAge: 600 });
      return reply.redirect(url);
    });
    // The provider sends the browser back here with a GET: the one state change a GET makes,
    // guarded by the single-use state, nonce and PKCE verifier instead of a CSRF token.
    r.get('/api/auth/oidc/callback', { config: { access: 'public', ...loginLimit }, schema: { operationId: 'finishOidcLogin', summary: 'Finish a staff login with OpenID Connect', tags: ['auth'] } }, async (req, reply) => {
      const browserState = req.cookies[oidcStateCookie(config)];
      reply.clearCookie(oidcStateCookie(config), sessionCookie.options(config));
      try {
        const token = await finishOidcLogin(req.ctx, callbackUrl(req), browserState, sessionCookie.read(req, config));
        setSession(reply, token);
        return reply.redirect('/');
      } catch (err) {
        req.log.warn({ event: 'login.oidc.failed', code: (err as { code?: string }).code });
        return reply.redirect('/login?error=oidc');
      }
    });
  }

  function setSession(reply: FastifyReply, token: string) {
    reply.setCookie(sessionCookie.name(config), token, { ...sessionCookie.options(config), maxAge: config.sessionMaxMs / 1000 });
  }
  function callbackUrl(req: FastifyRequest) {
    return new URL(req.url, config.publicUrl);
  }
}
