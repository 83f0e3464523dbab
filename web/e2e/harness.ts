import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

// Everything a journey needs: the real server with its demo seed, one Chromium, axe, and a
// record of every request that left the server's origin.

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const screenshotDir = path.join(tmpdir(), 'sammen-e2e');

export interface RunningServer {
  url: string;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Starts `server/src/main.ts` with a fresh data folder and waits until /api/ready answers 200. */
export async function startServer(): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sammen-e2e-data-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    AUDIT_SEAL_INTERVAL_MS: '500',
    // The browser journeys log in as many personas from one address, far more than a person
    // would; the login rate limit itself is tested in server/src/modules/auth.
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
  };
  if (process.env.DATABASE_URL) env.DATABASE_URL = process.env.DATABASE_URL;

  // Its own process group, so stopping it also stops the node process tsx starts underneath.
  const child: ChildProcess = spawn(path.join(repoRoot, 'node_modules/.bin/tsx'), ['server/src/main.ts'], {
    cwd: repoRoot,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 80_000;
  for (;;) {
    const early = await Promise.race([exited, new Promise((r) => setTimeout(() => r('waiting'), 200))]);
    if (early !== 'waiting') throw new Error(`The server stopped before it was ready (exit ${String(early)}):\n${output}`);
    const ready = await fetch(`${url}/api/ready`).then((r) => r.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) {
      killGroup(child, 'SIGKILL');
      throw new Error(`The server was not ready within 80 s:\n${output}`);
    }
  }

  return {
    url,
    async stop() {
      killGroup(child, 'SIGTERM');
      const done = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 5_000))]);
      if (!done) killGroup(child, 'SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface Visit {
  context: BrowserContext;
  page: Page;
  /** Requests to any origin other than the server's. Must stay empty. */
  foreignRequests: string[];
  /** Console messages about the Content-Security-Policy refusing something. Must stay empty. */
  cspViolations: string[];
  close: () => Promise<void>;
}

/** A fresh browser context (no cookies) that records foreign requests and CSP refusals. */
export async function visit(browser: Browser, baseURL: string, viewport = { width: 1280, height: 900 }): Promise<Visit> {
  const context = await browser.newContext({ baseURL, viewport, locale: 'da-DK' });
  // Well under the test timeout, so a missing element fails with its own message.
  context.setDefaultTimeout(8_000);
  const page = await context.newPage();
  const origin = new URL(baseURL).origin;
  const foreignRequests: string[] = [];
  const cspViolations: string[] = [];
  context.on('request', (req) => {
    const u = req.url();
    if (u.startsWith('data:') || u.startsWith('blob:')) return;
    if (new URL(u).origin !== origin) foreignRequests.push(u);
  });
  page.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) cspViolations.push(msg.text());
  });
  return { context, page, foreignRequests, cspViolations, close: () => context.close() };
}

const require = createRequire(import.meta.url);
const axeSource = readFileSync(path.join(path.dirname(require.resolve('axe-core')), 'axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe on the page as it is now and returns the serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  const injected = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  // addScriptTag would add an inline <script>, which the server's CSP rightly refuses; evaluating
  // through the DevTools protocol is not subject to the page's CSP, and the CSP stays enforced.
  if (!injected) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

/** The error message tied to a field or group through aria-describedby ('' when there is none). */
export async function errorMessageOf(field: Locator): Promise<string> {
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(' ').filter((id) => id.endsWith('-error'));
  const texts = await Promise.all(ids.map((id) => field.page().locator(`[id="${id}"]`).textContent()));
  return texts.join(' ').trim();
}

/**
 * A test file's server and browser: started before its tests, stopped after them. Every page it
 * opens is closed after each test and checked: no request to another origin, no CSP refusal.
 */
export function useServerAndBrowser() {
  let server: RunningServer;
  let browser: Browser;
  const visits: Visit[] = [];
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  afterEach(async () => {
    for (const v of visits.splice(0)) {
      await v.close();
      expect(v.foreignRequests, 'requests to other origins').toEqual([]);
      expect(v.cspViolations, 'Content-Security-Policy refusals').toEqual([]);
    }
  });
  return {
    async open(viewport?: { width: number; height: number }) {
      const v = await visit(browser, server.url, viewport);
      visits.push(v);
      return v;
    },
  };
}
