import { describe, expect, test } from 'vitest';
import path from 'node:path';
import { ConfigError, parseConfig, repoRoot } from './config.ts';

const problemsOf = (env: Record<string, string>) => {
  try {
    parseConfig(env);
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
};

describe('config', () => {
  test('defaults give an embedded demo on port 3000', () => {
    const c = parseConfig({});
    expect(c).toMatchObject({ port: 3000, demoMode: true, databaseUrl: undefined, publicUrl: 'http://localhost:3000', secureCookies: false });
    expect(c.dataDir).toMatch(/data$/);
  });

  test('every bad variable is named at once', () => {
    const problems = problemsOf({ PORT: 'abc', DATABASE_URL: 'mysql://x', SESSION_IDLE_MINUTES: '0' });
    expect(problems.join('\n')).toMatch(/PORT/);
    expect(problems.join('\n')).toMatch(/DATABASE_URL/);
    expect(problems.join('\n')).toMatch(/SESSION_IDLE_MINUTES/);
  });

  test('production refuses demo mode and demo keys', () => {
    const problems = problemsOf({ NODE_ENV: 'production', DEMO_MODE: 'true', DATABASE_URL: 'postgres://x/y' }).join('\n');
    expect(problems).toMatch(/DEMO_MODE/);
    expect(problems).toMatch(/CPR_ENCRYPTION_KEY/);
    expect(problems).toMatch(/CPR_HASH_KEY/);
  });

  test('production defaults to demo mode off and needs OIDC', () => {
    const key = Buffer.alloc(32, 1).toString('base64');
    const base = { NODE_ENV: 'production', DATABASE_URL: 'postgres://x/y', CPR_ENCRYPTION_KEY: key, CPR_HASH_KEY: key };
    expect(problemsOf(base).join('\n')).toMatch(/OIDC_ISSUER/);
    const c = parseConfig({ ...base, OIDC_ISSUER: 'https://login.example', OIDC_CLIENT_ID: 'a', OIDC_CLIENT_SECRET: 'b', PUBLIC_URL: 'https://sammen.example' });
    expect(c.demoMode).toBe(false);
    expect(c.secureCookies).toBe(true);
  });

  test('OIDC settings come all together or not at all', () => {
    expect(problemsOf({ OIDC_ISSUER: 'https://login.example' }).join()).toMatch(/set all three/);
  });

  test('keys must be 32 bytes', () => {
    expect(problemsOf({ CPR_ENCRYPTION_KEY: 'c2hvcnQ=' }).join()).toMatch(/CPR_ENCRYPTION_KEY: must be 32 bytes/);
  });

  test('a relative DATA_DIR is relative to where npm was run (INIT_CWD), else to the working folder; the default is data/ at the repository root', () => {
    expect(parseConfig({ DATA_DIR: 'mydata', INIT_CWD: '/srv/sammen' }).dataDir).toBe('/srv/sammen/mydata');
    expect(parseConfig({ DATA_DIR: '../elsewhere', INIT_CWD: '/srv/sammen' }).dataDir).toBe('/srv/elsewhere');
    expect(parseConfig({ DATA_DIR: '/var/lib/sammen', INIT_CWD: '/srv/sammen' }).dataDir).toBe('/var/lib/sammen');
    expect(parseConfig({ DATA_DIR: 'mydata' }).dataDir).toBe(path.join(process.cwd(), 'mydata'));
    expect(parseConfig({ INIT_CWD: '/srv/sammen/server' }).dataDir).toBe(path.join(repoRoot, 'data'));
  });
});
