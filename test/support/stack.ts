import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { isTerminalBatchStatus } from '@app/batch';
import {
  freePort,
  launchApp,
  LaunchedProcess,
  waitFor,
  waitForHttp,
} from '../../apps/cli/src/processes/app-launcher';
import { RedisServer, startRedisServer } from '../../apps/cli/src/processes/redis-server';
import { deleteRedisKeys, REPO_ROOT, TEST_REDIS_URL } from './test-env';

/**
 * The one stack fixture of the e2e tests: the built API (one or more) and N workers as processes,
 * on the shared Redis under the file's own QUEUE_PREFIX or on a private redis-server, through the
 * same launcher the CLI's demo and bench use. `stop()` kills them, removes the file's Redis keys
 * from the shared Redis (a private server dies with its keys) and keeps the logs when
 * E2E_LOG_DIR is set.
 */

export { freePort, waitFor, waitForHttp };
export type { LaunchedProcess, RedisServer };

export const TEST_API_KEY = 'pipeline-test-key-0123456789';

/** A private redis-server on a free port (or `port`, to restart one), so a test may flush or kill it. */
export function startRedis(port?: number): Promise<RedisServer> {
  return startRedisServer({ port });
}

let launched = 0;
/** Starts a built app with exactly `env` (plus PATH), from the repository root. */
export function startApp(app: 'api' | 'worker', env: Record<string, string>): LaunchedProcess {
  launched += 1;
  const dir = process.env.E2E_LOG_DIR;
  let logFile: string | undefined;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    logFile = join(dir, `${process.pid}-${launched}-${app}.log`);
  }
  return launchApp(app, { env: { PATH: process.env.PATH ?? '', ...env }, cwd: REPO_ROOT, logFile });
}

export interface StackOptions {
  /** Worker processes to start (default 1; 0 for an API-only stack). */
  workers?: number;
  /** 'private': a redis-server of the stack's own, so the test may FLUSHALL or stop it. */
  redis?: 'shared' | 'private';
}

export interface Stack {
  base: string;
  api: LaunchedProcess;
  /** Every API started (the first is `api`), and their base URLs. */
  apis: LaunchedProcess[];
  bases: string[];
  workers: LaunchedProcess[];
  /** Health/metrics base URL of each started worker, in start order. */
  workerUrls: string[];
  env: Record<string, string>;
  /** The private redis-server, when asked for. */
  redis?: RedisServer;
  startApi: (extra?: Record<string, string>) => Promise<{ app: LaunchedProcess; base: string }>;
  startWorker: (extra?: Record<string, string>) => Promise<LaunchedProcess>;
  /** Every process's output, labelled. */
  logs: () => string;
  stop: () => Promise<void>;
}

/** Starts the API and the workers from dist/ with one environment (QUEUE_PREFIX required). */
export async function startStack(
  env: Record<string, string>,
  options: number | StackOptions = {},
): Promise<Stack> {
  const { workers = 1, redis: redisKind = 'shared' } =
    typeof options === 'number' ? { workers: options } : options;
  if (!env.QUEUE_PREFIX) throw new Error('startStack: QUEUE_PREFIX is required');
  const redis = redisKind === 'private' ? await startRedis() : undefined;
  const full: Record<string, string> = {
    API_KEYS: TEST_API_KEY,
    MARKET_DATA_PROVIDER: 'synthetic',
    LOG_LEVEL: 'warn',
    REDIS_URL: redis?.url ?? TEST_REDIS_URL,
    ...env,
  };
  const all: LaunchedProcess[] = [];
  const stack = {
    apis: [] as LaunchedProcess[],
    bases: [] as string[],
    workers: [] as LaunchedProcess[],
    workerUrls: [] as string[],
    env: full,
    redis,
    startApi: async (extra: Record<string, string> = {}) => {
      const port = await freePort();
      const app = startApp('api', { ...full, ...extra, PORT: String(port) });
      all.push(app);
      const base = `http://127.0.0.1:${port}`;
      await waitForHttp(`${base}/health/live`, app);
      stack.apis.push(app);
      stack.bases.push(base);
      return { app, base };
    },
    startWorker: async (extra: Record<string, string> = {}) => {
      const healthPort = await freePort();
      const worker = startApp('worker', {
        ...full,
        ...extra,
        WORKER_HEALTH_PORT: String(healthPort),
      });
      all.push(worker);
      await waitForHttp(`http://127.0.0.1:${healthPort}/health/live`, worker);
      stack.workers.push(worker);
      stack.workerUrls.push(`http://127.0.0.1:${healthPort}`);
      return worker;
    },
    logs: () => all.map((p) => `--- ${p.name} (pid ${p.pid})\n${p.output()}`).join('\n'),
    stop: async () => {
      await Promise.all(all.map((p) => p.stop('SIGKILL')));
      if (redis) await redis.kill();
      // The shared Redis keeps what a file leaves: remove its prefix's keys. A private server the
      // test started itself is the test's to stop (it may be gone already).
      else if (full.REDIS_URL === TEST_REDIS_URL) {
        await deleteRedisKeys(full.REDIS_URL, full.QUEUE_PREFIX);
      }
    },
  };
  try {
    const first = await stack.startApi();
    for (let i = 0; i < workers; i += 1) await stack.startWorker();
    return Object.assign(stack, { base: first.base, api: first.app });
  } catch (error) {
    await stack.stop();
    throw error;
  }
}

export async function api(base: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-api-key': TEST_API_KEY },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = { raw: text };
  }
  return { status: res.status, body: json };
}

export interface StatusBody {
  job_id: string;
  batch_db_id: number;
  status: string;
  progress: {
    total: number;
    processed: number;
    successful: number;
    failed: number;
    percent: number;
  };
  error_message: string | null;
}

/** Polls the status route until `done` holds; returns the last status. */
export async function waitForStatus(
  base: string,
  id: string | number,
  done: (s: StatusBody) => boolean,
  timeoutMs = 60_000,
): Promise<StatusBody> {
  let last: StatusBody | undefined;
  try {
    return await waitFor(
      `batch ${id} reaching the expected state`,
      async () => {
        const res = await api(base, 'GET', `/api/bulk/status/${id}`);
        last = res.body as unknown as StatusBody;
        return res.status === 200 && done(last) ? last : undefined;
      },
      { timeoutMs, intervalMs: 100 },
    );
  } catch {
    throw new Error(`batch ${id} did not reach the expected state; last: ${JSON.stringify(last)}`);
  }
}

/**
 * A claim that something does NOT happen needs a window: polls `check` every 100 ms for `ms` and
 * fails as soon as it returns false.
 */
export async function holdsFor(
  what: string,
  check: () => Promise<boolean> | boolean,
  ms: number,
): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (!(await check())) throw new Error(`${what}: no longer holds`);
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!(await check())) throw new Error(`${what}: no longer holds`);
}

export const isTerminal = (s: StatusBody): boolean => isTerminalBatchStatus(s.status);

export async function sql<T>(
  databaseUrl: string,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}
