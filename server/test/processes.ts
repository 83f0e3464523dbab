import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../src/platform/config.ts';

// Starts real `server/src/main.ts` processes, as `npm start` does, for tests of start-up,
// locking and several servers sharing one database.

export interface RunningServer {
  url: string;
  proc: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** How to start it: `tsx server/src/main.ts` (tsx runs the server in a child node process) unless told otherwise. */
export interface StartOptions {
  /** The command and its arguments, e.g. `['npm', 'run', 'start', '-w', 'server']`. */
  command?: string[];
  cwd?: string;
  /** What the process prints once it listens, with its URL in the first group (default: Sammen's line). */
  ready?: RegExp;
}

/**
 * The server as one node process, as `npm start` and a systemd unit run it: a signal reaches it
 * directly. (Under the tsx CLI a signal goes to tsx, which passes it on, and SIGKILLs the server
 * when it does not confirm within ~60 ms, as on a busy machine.)
 */
export const nodeCommand = () => [process.execPath, '--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href, path.join(repoRoot, 'server/src/main.ts')];

/** Spawns the server; resolves when it listens, or with its exit code and output when it stops first. */
export function startServer(env: Record<string, string>, options: StartOptions = {}): Promise<RunningServer | { exitCode: number; output: string }> {
  const [command, ...args] = options.command ?? [path.join(repoRoot, 'node_modules/.bin/tsx'), path.join(repoRoot, 'server/src/main.ts')];
  const proc = spawn(command!, args, {
    cwd: options.cwd ?? repoRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ exitCode: -1, output: `timed out\n${out}` }), 100_000);
    proc.stdout!.on('data', () => {
      const m = out.match(options.ready ?? /Sammen is running: (\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1]!,
          proc,
          output: () => out,
          stop: () =>
            new Promise<void>((done) => {
              if (proc.exitCode !== null || proc.signalCode !== null) return done();
              proc.once('exit', () => done());
              proc.kill('SIGTERM');
            }),
        });
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ exitCode: code ?? -1, output: out });
    });
  });
}

export function isRunning(s: Awaited<ReturnType<typeof startServer>>): s is RunningServer {
  return 'url' in s;
}

/** Sends `signal` to the process and resolves when it has exited: its exit code or signal, and how long it took. */
export function signalAndWait(proc: ChildProcess, signal: NodeJS.Signals, timeoutMs = 20_000): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
  const sent = performance.now();
  return new Promise((resolve, reject) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve({ code: proc.exitCode, signal: proc.signalCode, ms: 0 });
    const timer = setTimeout(() => reject(new Error(`the process did not exit within ${timeoutMs} ms of ${signal}`)), timeoutMs);
    proc.once('exit', (code, sig) => {
      clearTimeout(timer);
      resolve({ code, signal: sig, ms: performance.now() - sent });
    });
    proc.kill(signal);
  });
}

/** A minimal browser: cookies and the CSRF token, over real HTTP. */
export class HttpClient {
  cookies = new Map<string, string>();
  csrf?: string;
  constructor(public base: string) {}
  async fetch(pathname: string, init: { method?: string; body?: unknown } = {}): Promise<Response> {
    const method = init.method ?? 'GET';
    if (method !== 'GET' && !this.csrf) this.csrf = (await (await this.fetch('/api/auth/csrf')).json()).token;
    const res = await fetch(this.base + pathname, {
      method,
      redirect: 'manual',
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(method !== 'GET' ? { 'x-csrf-token': this.csrf!, 'content-type': 'application/json' } : {}),
      },
      body: method !== 'GET' ? JSON.stringify(init.body ?? {}) : undefined,
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, value] = pair!.split('=');
      if (value) this.cookies.set(name!, value);
      else this.cookies.delete(name!);
    }
    return res;
  }
}
