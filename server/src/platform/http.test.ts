import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { actions } from '@sammen/domain/access';
import { personaKind } from '@sammen/domain/identity';
import type { Database } from './db.ts';
import { buildApp } from '../app.ts';
import { as, TestClient, testApp, testConfig, testDatabase } from '../../test/helpers.ts';
import { aSmallMunicipality } from '../modules/identity/identity.factories.ts';

let database: Database;
let app: FastifyInstance;
let home: Awaited<ReturnType<typeof aSmallMunicipality>>;

const withOidc = { OIDC_ISSUER: 'http://127.0.0.1:1/', OIDC_CLIENT_ID: 'sammen', OIDC_CLIENT_SECRET: 'secret' };

beforeAll(async () => {
  database = await testDatabase();
  app = await testApp(database, withOidc);
  home = await aSmallMunicipality(database);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('every route declares its access', () => {
  test('no route is without a declaration, and every declared action exists', () => {
    const routes = app.sammen.routes.filter((r) => r.method !== 'HEAD');
    const undeclared = routes.filter((r) => !r.access);
    expect(undeclared).toEqual([]);
    for (const r of routes) expect(['public', ...actions]).toContain(r.access);
  });

  test('the route table', () => {
    const table = app.sammen.routes
      .filter((r) => r.method !== 'HEAD')
      .map((r) => `${r.method.padEnd(6)} ${r.url.padEnd(28)} ${r.access}${r.readsCitizenData ? ' · reads citizen data' : ''}`)
      .sort();
    expect(table).toMatchSnapshot();
  });

  test('a route without a declaration is refused for everyone', async () => {
    // Routes cannot be added after ready(), so build an app and add one undeclared route first.
    const probe = await buildApp({ config: testConfig(), database });
    probe.get('/api/undeclared', async () => ({ secret: true }));
    await probe.ready();
    const res = await (await new TestClient(probe).loginAs('staff', home.admin.id)).get('/api/undeclared');
    expect(res.statusCode).toBe(403);
    expect(probe.sammen.routes.find((r) => r.url === '/api/undeclared')?.access).toBeUndefined();
    await probe.close();
  });
});

describe('headers', () => {
  test('a strict content security policy and friends on every response', async () => {
    for (const url of ['/api/health', '/', '/api/nope']) {
      const res = await app.inject({ url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("base-uri 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('same-origin');
    }
  });

  test('API responses are never cached', async () => {
    expect((await app.inject({ url: '/api/health' })).headers['cache-control']).toBe('no-store');
  });

  test('no HSTS over plain http, HSTS and __Host- cookies behind TLS', async () => {
    expect((await app.inject({ url: '/api/health' })).headers['strict-transport-security']).toBeUndefined();
    const tls = await testApp(database, { PUBLIC_URL: 'https://sammen.example' });
    const res = await tls.inject({ url: '/api/auth/csrf' });
    expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
    expect(String(res.headers['set-cookie'])).toMatch(/__Host-sammen_csrf=.*Secure/);
    await tls.close();
  });
});

describe('bad input', () => {
  test('malformed JSON is 400 BAD_JSON and nothing changes', async () => {
    const client = await as(app, 'staff', home.caseworker.id);
    const res = await client.put('/api/auth/unit', '{"unitId":');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BAD_JSON');
    expect((await client.get('/api/auth/session')).json().unitId).toBe(home.jobcenter.id);
  });

  test('an unknown field is refused, naming the field', async () => {
    const client = await as(app, 'staff', home.caseworker.id);
    const res = await client.put('/api/auth/unit', { unitId: home.family.id, municipalityId: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION', field: 'municipalityId' });
    expect((await client.get('/api/auth/session')).json().unitId).toBe(home.jobcenter.id);
  });

  test('a wrong type names the field', async () => {
    const client = await as(app, 'staff', home.caseworker.id);
    const res = await client.put('/api/auth/unit', { unitId: 42 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION', field: 'unitId' });
  });

  test('a unit id from another municipality is 404 and the session keeps its unit', async () => {
    const other = await aSmallMunicipality(database);
    const client = await as(app, 'staff', home.caseworker.id);
    const res = await client.put('/api/auth/unit', { unitId: other.jobcenter.id });
    expect(res.statusCode).toBe(404);
    expect((await client.get('/api/auth/session')).json().unitId).toBe(home.jobcenter.id);
  });

  test('a body over 1 MB is 413', async () => {
    const client = await as(app, 'staff', home.caseworker.id);
    const res = await client.put('/api/auth/unit', { unitId: home.family.id, pad: 'x'.repeat(1_100_000) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  test('a body that is not JSON is 415', async () => {
    const client = await as(app, 'staff', home.caseworker.id);
    const res = await client.put('/api/auth/unit', 'unitId=x', { 'content-type': 'text/plain' });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  test('__proto__ and constructor.prototype keys are refused as bad JSON and change nothing', async () => {
    const client = await as(app, 'staff', home.caseworker.id);
    for (const poison of ['"__proto__":{"admin":true}', '"constructor":{"prototype":{"admin":true}}']) {
      const res = await client.put('/api/auth/unit', `{"unitId":"${home.family.id}",${poison}}`);
      expect(res.statusCode, poison).toBe(400);
      expect(res.json().error.code, poison).toBe('BAD_JSON');
    }
    // The app runs in this process: a polluted prototype would show here.
    expect(Object.prototype).not.toHaveProperty('admin');
    expect((await client.get('/api/auth/session')).json().unitId).toBe(home.jobcenter.id);
  });

  test('errors never show a stack or SQL, and carry a request id', async () => {
    const res = await app.inject({ url: '/api/nope' });
    expect(res.json().error).toMatchObject({ code: 'NOT_FOUND', requestId: expect.any(String) });
    expect(res.body).not.toMatch(/at .*\.ts|SELECT/);
  });
});

describe('CSRF', () => {
  test('a write without the CSRF token is refused', async () => {
    const client = await as(app, 'staff', home.caseworker.id);
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_INVALID');
    expect((await client.get('/api/auth/session')).statusCode).toBe(200);
  });

  test('a write from another origin is refused even with a token', async () => {
    const client = await as(app, 'staff', home.caseworker.id);
    const res = await client.post('/api/auth/logout', {}, { origin: 'https://evil.example' });
    expect(res.statusCode).toBe(403);
    expect((await client.get('/api/auth/session')).statusCode).toBe(200);
  });

  test('the Origin is compared with the configured public address, not with the Host the request names', async () => {
    const client = await as(app, 'staff', home.caseworker.id);
    // An attacker's page on evil.example that also sends Host: evil.example passed the old check.
    const spoofed = await client.post('/api/auth/logout', {}, { origin: 'http://evil.example', host: 'evil.example' });
    expect(spoofed.statusCode).toBe(403);
    expect(spoofed.json().error.code).toBe('CSRF_INVALID');
    // Without PUBLIC_URL, the port's two loopback names are the public address.
    for (const origin of ['http://localhost:3000', 'http://127.0.0.1:3000']) {
      const c = await as(app, 'staff', home.caseworker.id);
      expect((await c.post('/api/auth/logout', {}, { origin })).statusCode).toBe(200);
    }
    const behindProxy = await testApp(database, { PUBLIC_URL: 'https://sammen.fjordby.dk' });
    const p = await as(behindProxy, 'staff', home.caseworker.id);
    expect((await p.post('/api/auth/logout', {}, { origin: 'http://localhost:3000' })).statusCode).toBe(403);
    expect((await p.post('/api/auth/logout', {}, { origin: 'https://sammen.fjordby.dk' })).statusCode).toBe(200);
    await behindProxy.close();
  });
});

describe('health', () => {
  test('health and readiness', async () => {
    expect((await app.inject({ url: '/api/health' })).json()).toEqual({ status: 'ok' });
    expect((await app.inject({ url: '/api/ready' })).json()).toMatchObject({ status: 'ready' });
  });

  test('the OpenAPI description is generated from the schemas', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3/);
    expect(doc.paths['/api/citizens/{citizenId}'].get).toBeDefined();
    // The demo login's body exactly as demoLoginInput declares it: both fields required, the persona kinds, nothing else.
    expect(doc.paths['/api/auth/demo/login'].post.requestBody).toMatchObject({
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            properties: { kind: { type: 'string', enum: personaKind.options }, id: { type: 'string', format: 'uuid' } },
            required: ['kind', 'id'],
            additionalProperties: false,
          },
        },
      },
    });
  });
});
