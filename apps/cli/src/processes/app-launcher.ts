import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, readFileSync, WriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { basename, join } from 'node:path';

/**
 * The one process launcher of the project: the demo, the bench and the e2e tests start the built
 * apps (and any other process they watch, e.g. the container entrypoint) through it, wait on a
 * condition for them to be ready, and stop them gracefully or kill them.
 */

export type AppName = 'api' | 'worker';

/**
 * V8 heap limits of a worker, the same as `npm run start:worker` and the Docker image: without a
 * cap V8 lets garbage pile up to far more than a worker needs before collecting it.
 */
export const WORKER_NODE_FLAGS = ['--max-semi-space-size=8', '--max-old-space-size=256'];

/**
 * V8 flags of the API, the same as `npm run start:api` and the Docker image: a young generation of
 * at most 4 MB per semi-space. Node 24's default lets it grow to 32 MB, and a scavenge of a young
 * generation that full stopped the event loop for 40-76 ms while large request bodies were in
 * flight (chaos bad-input, 8 at a time); at 4 MB the longest pause measured was 13 ms.
 */
export const API_NODE_FLAGS = ['--max-semi-space-size=4'];

/**
 * `dist/apps`, whether this file runs built (dist/apps/cli/src/processes) or from source through
 * ts-jest (apps/cli/src/processes, the tests).
 */
export function distAppsDir(): string {
  const apps = join(__dirname, '..', '..', '..');
  return basename(join(apps, '..')) === 'dist' ? apps : join(apps, '..', 'dist', 'apps');
}

/** The built entry point of an app: `dist/apps/<app>/src/main.js`. */
export function appMain(app: AppName | 'cli'): string {
  return join(distAppsDir(), app, 'src', 'main.js');
}

/** How much of a process's output stays in memory for `output()` (the log file keeps all). */
const OUTPUT_LIMIT = 4 * 1024 * 1024;

export interface LaunchOptions {
  /** The complete environment of the child (nothing is inherited unless passed here). */
  env: NodeJS.ProcessEnv;
  /** Where stdout and stderr go, besides memory. */
  logFile?: string;
  cwd?: string;
}

export interface LaunchedProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly pid: number | undefined;
  /** stdout + stderr so far (the last 4 MB). */
  output: () => string;
  /** Resolves with the exit code, or the signal's name when a signal ended it. */
  readonly exited: Promise<number | string>;
  running: () => boolean;
  /**
   * Sends `signal` and resolves with how the process ended; a process still alive `graceMs`
   * after a SIGTERM is killed. Idempotent.
   */
  stop: (signal?: NodeJS.Signals, graceMs?: number) => Promise<number | string>;
}

/** Starts any command, its output kept in memory and written to `logFile`. */
export function launchProcess(
  name: string,
  command: string,
  args: string[],
  options: LaunchOptions,
): LaunchedProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const log: WriteStream | undefined = options.logFile
    ? createWriteStream(options.logFile)
    : undefined;
  const collect = (chunk: Buffer): void => {
    text += chunk.toString();
    if (text.length > OUTPUT_LIMIT) text = text.slice(text.length - OUTPUT_LIMIT);
    log?.write(chunk);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => {
      // Flush what is buffered before telling anyone the process is gone.
      if (log) log.end(() => resolve(code ?? signal ?? 'unknown'));
      else resolve(code ?? signal ?? 'unknown');
    }),
  );
  const running = (): boolean => child.exitCode === null && child.signalCode === null;
  return {
    name,
    child,
    pid: child.pid,
    output: () => text,
    exited,
    running,
    stop: async (signal = 'SIGTERM', graceMs = 15_000) => {
      if (!running()) return exited;
      child.kill(signal);
      if (signal === 'SIGKILL') return exited;
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((done) => (timer = setTimeout(done, graceMs)));
      await Promise.race([exited, late]);
      clearTimeout(timer);
      if (running()) child.kill('SIGKILL');
      return exited;
    },
  };
}

/** Starts a built app (`dist/apps/<app>/src/main.js`) with the image's V8 flags of that app. */
export function launchApp(
  app: AppName,
  options: LaunchOptions & { nodeFlags?: string[] },
): LaunchedProcess {
  const flags = options.nodeFlags ?? (app === 'worker' ? WORKER_NODE_FLAGS : API_NODE_FLAGS);
  return launchProcess(app, process.execPath, [...flags, appMain(app)], options);
}

/** Polls `check` until it returns a value other than undefined; fails at the deadline. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  { timeoutMs = 30_000, intervalMs = 100 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * Polls `url` until it answers (any status, or `status` when given); fails when the process exits
 * first or the time is up, with the process's output in the error. Returns the answer.
 */
export async function waitForHttp(
  url: string,
  proc: LaunchedProcess,
  { timeoutMs = 60_000, status }: { timeoutMs?: number; status?: number } = {},
): Promise<Response> {
  return waitFor(
    `${proc.name}: ${url}${status ? ` answering ${status}` : ''}\n${proc.output().slice(-4000)}`,
    async () => {
      if (!proc.running()) {
        throw new Error(
          `${proc.name} exited (${await proc.exited}) before ${url} answered:\n${proc.output().slice(-4000)}`,
        );
      }
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
        if (status === undefined || res.status === status) return res;
        await res.body?.cancel();
      } catch {
        // not listening yet
      }
      return undefined;
    },
    { timeoutMs, intervalMs: 100 },
  );
}

/** SIGTERM to every process still running (SIGKILL after the grace time); waits for all. */
export async function stopAll(procs: LaunchedProcess[], graceMs?: number): Promise<void> {
  await Promise.all(procs.map((p) => p.stop('SIGTERM', graceMs)));
}

/** A TCP port on the loopback that is free right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  await new Promise((done) => server.close(done));
  if (typeof address !== 'object' || address === null) throw new Error('no free port');
  return address.port;
}

/** Peak resident memory (VmHWM) of a process, in MB, or null when it is gone. */
export function peakRssMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}

/** Throws a clear error when the apps have not been built. */
export function assertBuilt(): void {
  for (const app of ['api', 'worker'] as const) {
    if (!existsSync(appMain(app))) {
      throw new Error(`${appMain(app)} is missing: run "npm run build" first`);
    }
  }
}
