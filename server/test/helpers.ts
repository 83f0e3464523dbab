import { sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.ts';
import { parseConfig, type Config } from '../src/platform/config.ts';
import { migrate, openPglite, openPostgres, type Database } from '../src/platform/db.ts';

// Tests use a real database: an in-memory PGlite, or with DATABASE_URL a fresh database on
// that server for each test file. Factories live with their module (identity.factories.ts).

export const engine = process.env.DATABASE_URL ? 'postgres' : 'pglite';

export function testConfig(env: Record<string, string> = {}): Config {
  return parseConfig({ NODE_ENV: 'test', DEMO_MODE: 'true', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', DATA_DIR: '/nonexistent', LOGIN_RATE_LIMIT_PER_MINUTE: '100000', ...env });
}

/** A fresh, migrated database of its own; `onQuery` sees every statement the app sends. */
export async function testDatabase(options: { onQuery?: (query: string, params: unknown[]) => void } = {}): Promise<Database & { url?: string }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openPglite(undefined, options);
    await migrate(database.db);
    return database;
  }
  const name = `sammen_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = await openPostgres(url, { max: 1 });
  await admin.db.execute(sql.raw(`CREATE DATABASE ${name}`));
  await admin.close();
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const database = await openPostgres(dbUrl.href, options);
  await migrate(database.db);
  return {
    ...database,
    url: dbUrl.href,
    close: async () => {
      await database.close();
      const cleanup = await openPostgres(url, { max: 1 });
      await cleanup.db.execute(sql.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      await cleanup.close();
    },
  };
}

export async function testApp(database: Database, env: Record<string, string> = {}, logStream?: NodeJS.WritableStream) {
  const config = testConfig(env);
  const app = await buildApp({ config, database, logStream });
  await app.ready();
  return app;
}

type Body = Record<string, unknown> | string | undefined;

/** A browser-like client: keeps cookies, fetches and sends the CSRF token on writes. */
export class TestClient {
  cookies = new Map<string, string>();
  csrf?: string;
  constructor(readonly app: FastifyInstance) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: LightMyRequestResponse) {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  async request(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: Body, headers: Record<string, string> = {}) {
    if (method !== 'GET' && !this.csrf) {
      const res = this.keep(await this.app.inject({ method: 'GET', url: '/api/auth/csrf', headers: { cookie: this.cookieHeader() } }));
      this.csrf = res.json().token;
    }
    const res = await this.app.inject({
      method,
      url,
      headers: {
        cookie: this.cookieHeader(),
        ...(method !== 'GET' ? { 'x-csrf-token': this.csrf! } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    return this.keep(res);
  }

  get = (url: string, headers?: Record<string, string>) => this.request('GET', url, undefined, headers);
  post = (url: string, body?: Body, headers?: Record<string, string>) => this.request('POST', url, body, headers);
  put = (url: string, body?: Body, headers?: Record<string, string>) => this.request('PUT', url, body, headers);

  async loginAs(kind: 'staff' | 'citizen' | 'proxy', id: string) {
    const res = await this.post('/api/auth/demo/login', { kind, id });
    if (res.statusCode !== 200) throw new Error(`demo login failed: ${res.statusCode} ${res.body}`);
    return this;
  }
}

export const as = async (app: FastifyInstance, kind: 'staff' | 'citizen' | 'proxy', id: string) => new TestClient(app).loginAs(kind, id);
