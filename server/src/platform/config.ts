import { z } from 'zod';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

// The only reader of process.env. Parsed once at start; a bad variable stops the server
// with its name and the reason, every bad variable at once.

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

// Used only in demo mode on a developer's machine; production must set its own keys.
const DEMO_CPR_KEY = Buffer.alloc(32, 'sammen-demo-cpr-encryption-key!!').toString('base64');
const DEMO_HASH_KEY = Buffer.alloc(32, 'sammen-demo-cpr-lookup-hash-key!').toString('base64');

const key32 = z
  .string()
  .refine((s) => Buffer.from(s, 'base64').length === 32, 'must be 32 bytes, base64-encoded');

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default(path.join(repoRoot, 'data')),
  /** Set by npm to the folder `npm …` was run in (npm -w runs scripts in the workspace). */
  INIT_CWD: z.string().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  DEMO_MODE: bool.optional(),
  CPR_ENCRYPTION_KEY: key32.optional(),
  CPR_HASH_KEY: key32.optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(72).default(12),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_ALLOW_HTTP: bool.default(false),
  AUDIT_SEAL_INTERVAL_MS: z.coerce.number().int().min(50).default(1000),
  /** Background jobs (the collision sweep, platform/jobs.ts); off by default under NODE_ENV=test. */
  JOBS: bool.optional(),
  /** Also run every scheduled job once when the server starts (after a deploy; tests that cannot wait for the schedule). */
  JOBS_RUN_AT_START: bool.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST: z.string().default(path.join(repoRoot, 'web', 'dist')),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  publicUrl: string;
  /**
   * The origins a state-changing request may come from: PUBLIC_URL's. Without PUBLIC_URL (a
   * machine of one's own), the two loopback names of the port, so http://127.0.0.1:3000 works too.
   */
  allowedOrigins: string[];
  secureCookies: boolean;
  dataDir: string;
  /** Where the command was run: npm's INIT_CWD (npm -w runs scripts in server/), else the working folder. Relative paths are resolved from here. */
  invokedIn: string;
  databaseUrl?: string;
  /** Connections per server process to DATABASE_URL. */
  databasePoolSize: number;
  demoMode: boolean;
  cprEncryptionKey: Buffer;
  cprHashKey: Buffer;
  sessionIdleMs: number;
  sessionMaxMs: number;
  loginRateLimitPerMinute: number;
  oidc?: { issuer: string; clientId: string; clientSecret: string; allowHttp: boolean };
  auditSealIntervalMs: number;
  /** Whether this process runs background jobs. */
  jobs: boolean;
  /** Whether this process also asks for every scheduled job once at start (JOBS_RUN_AT_START). */
  jobsRunAtStart: boolean;
  logLevel: string;
  webDist: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  const production = e.NODE_ENV === 'production';
  const demoMode = e.DEMO_MODE ?? !production;
  if (production && demoMode) problems.push('DEMO_MODE: demo login is refused when NODE_ENV=production');
  if (production && !e.CPR_ENCRYPTION_KEY) problems.push('CPR_ENCRYPTION_KEY: required when NODE_ENV=production');
  if (production && !e.CPR_HASH_KEY) problems.push('CPR_HASH_KEY: required when NODE_ENV=production');
  if (production && !e.DATABASE_URL) problems.push('DATABASE_URL: production runs on a PostgreSQL server');
  const oidcParts = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET];
  if (oidcParts.some(Boolean) && !oidcParts.every(Boolean)) {
    problems.push('OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: set all three or none');
  }
  if (!demoMode && !e.OIDC_ISSUER) problems.push('OIDC_ISSUER: with demo mode off, staff need OpenID Connect to log in');
  if (problems.length) throw new ConfigError(problems);

  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    allowedOrigins: e.PUBLIC_URL ? [new URL(publicUrl).origin] : [`http://localhost:${e.PORT}`, `http://127.0.0.1:${e.PORT}`],
    secureCookies: publicUrl.startsWith('https://'),
    // A relative DATA_DIR means relative to where the command was run, not to server/.
    dataDir: path.resolve(e.INIT_CWD ?? process.cwd(), e.DATA_DIR),
    invokedIn: path.resolve(e.INIT_CWD ?? process.cwd()),
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    demoMode,
    cprEncryptionKey: Buffer.from(e.CPR_ENCRYPTION_KEY ?? DEMO_CPR_KEY, 'base64'),
    cprHashKey: Buffer.from(e.CPR_HASH_KEY ?? DEMO_HASH_KEY, 'base64'),
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionMaxMs: e.SESSION_MAX_HOURS * 3_600_000,
    loginRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
    oidc: e.OIDC_ISSUER
      ? { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID!, clientSecret: e.OIDC_CLIENT_SECRET!, allowHttp: e.OIDC_ALLOW_HTTP }
      : undefined,
    auditSealIntervalMs: e.AUDIT_SEAL_INTERVAL_MS,
    jobs: e.JOBS ?? e.NODE_ENV !== 'test',
    jobsRunAtStart: e.JOBS_RUN_AT_START,
    logLevel: e.LOG_LEVEL,
    webDist: e.WEB_DIST,
  };
}
