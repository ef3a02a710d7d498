import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { Client } from 'pg';
import { isTerminalBatchStatus } from '@app/batch';
import { API_MAIN, AppProcess, freePort, startApp, waitForHttp, WORKER_MAIN } from './app-process';

export const TEST_API_KEY = 'pipeline-test-key-0123456789';

/** A private redis-server on a free port, so a test may FLUSHALL or restart it. */
export async function startRedis(port?: number): Promise<{
  url: string;
  port: number;
  /** Sends a signal (SIGSTOP: Redis stops answering without refusing; SIGCONT: it goes on). */
  signal: (signal: NodeJS.Signals) => void;
  stop: () => Promise<void>;
}> {
  const p = port ?? (await freePort());
  const child: ChildProcess = spawn(
    'redis-server',
    [
      '--port',
      String(p),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--logfile',
      '',
    ],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${p}`;
  const deadline = Date.now() + 10_000;
  const { Redis } = await import('ioredis');
  for (;;) {
    const probe = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      await probe.ping();
      probe.disconnect();
      break;
    } catch {
      probe.disconnect();
      if (Date.now() > deadline) throw new Error('redis-server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    port: p,
    signal: (signal) => {
      child.kill(signal);
    },
    // Idempotent: a test may stop it early (Redis outage) and afterAll stops it again.
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = once(child, 'exit');
        child.kill('SIGCONT');
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

export interface Stack {
  base: string;
  api: AppProcess;
  workers: AppProcess[];
  /** Health/metrics base URL of each started worker, in start order. */
  workerUrls: string[];
  env: Record<string, string>;
  startWorker: (extra?: Record<string, string>) => Promise<AppProcess>;
  stop: () => Promise<void>;
}

/** Starts the API and `workers` worker processes from dist/ with one environment. */
export async function startStack(env: Record<string, string>, workers = 1): Promise<Stack> {
  const port = await freePort();
  const full = {
    API_KEYS: TEST_API_KEY,
    MARKET_DATA_PROVIDER: 'synthetic',
    LOG_LEVEL: 'warn',
    ...env,
  };
  const api = startApp(API_MAIN, { ...full, PORT: String(port) });
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(`${base}/health/live`, api);
  const stack: Stack = {
    base,
    api,
    workers: [],
    workerUrls: [],
    env: full,
    startWorker: async (extra = {}) => {
      const healthPort = await freePort();
      const worker = startApp(WORKER_MAIN, {
        ...full,
        ...extra,
        WORKER_HEALTH_PORT: String(healthPort),
      });
      await waitForHttp(`http://127.0.0.1:${healthPort}/health/live`, worker);
      stack.workers.push(worker);
      stack.workerUrls.push(`http://127.0.0.1:${healthPort}`);
      return worker;
    },
    stop: async () => {
      await Promise.all([api, ...stack.workers].map((p) => p.stop('SIGKILL')));
    },
  };
  for (let i = 0; i < workers; i += 1) await stack.startWorker();
  return stack;
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
  const deadline = Date.now() + timeoutMs;
  let last: StatusBody | undefined;
  while (Date.now() < deadline) {
    const res = await api(base, 'GET', `/api/bulk/status/${id}`);
    last = res.body as unknown as StatusBody;
    if (res.status === 200 && done(last)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`batch ${id} did not reach the expected state; last: ${JSON.stringify(last)}`);
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
