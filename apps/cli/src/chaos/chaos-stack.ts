import { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { SqlClient as Client } from '@app/persistence';
import { PROVIDER_NAMES } from '@app/common';
import { launchApp, LaunchedProcess, stopAll, waitForHttp } from '../processes/app-launcher';
import { ChaosHttp, ChaosResponse } from './chaos-http';
import { FaultProviderServer } from './fault-provider-server';
import type { CandleCount, InvariantInput, QueueJob, StopReturn } from './invariants';
import { OwnPostgres } from './own-postgres';
import { OwnRedis } from './own-redis';

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => done(port));
    });
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Waits until `check` is true (polling every `everyMs`); false when `timeoutMs` passed first. */
export async function waitFor(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  everyMs = 200,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return true;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) return false;
    await sleep(everyMs);
  }
}

const TERMINAL = ['stopped', 'completed', 'completed_with_errors', 'failed'];
export const WORKERS = 2;

export interface StackOptions {
  /** Passed to the worker and API (e.g. SYNTHETIC_LATENCY_MS). */
  env: Record<string, string>;
  logDir: string;
  /** Latency of the fault provider's SLOW symbols. */
  slowMs: number;
  /** Grace after a dependency returns during which 503s still count as expected. */
  graceMs: number;
}

/**
 * Everything a chaos run starts and owns: its PostgreSQL and Redis, the fault-injecting provider
 * server, the API and two workers as processes, and the HTTP client that counts the answers.
 */
export class ChaosStack {
  readonly apiKey = randomBytes(24).toString('hex');
  readonly queuePrefix = `mi-chaos-${randomBytes(3).toString('hex')}`;
  readonly database = 'mi_chaos';
  api: ChildProcess | null = null;
  /** Every app process started (through the shared launcher), for shutdown. */
  private readonly launched: LaunchedProcess[] = [];
  readonly workers: (ChildProcess | null)[] = Array.from({ length: WORKERS }, () => null);
  readonly http: ChaosHttp;
  private apiPort = 0;
  private workerPorts: number[] = [];
  private apiStarts = 0;
  private workerStarts = 0;

  private constructor(
    readonly pg: OwnPostgres,
    readonly redis: OwnRedis,
    readonly provider: FaultProviderServer,
    private readonly options: StackOptions,
  ) {
    this.http = new ChaosHttp(
      () => `http://127.0.0.1:${this.apiPort}`,
      this.apiKey,
      options.graceMs,
    );
  }

  static async start(
    options: StackOptions,
    migrate: (databaseUrl: string, redisUrl: string) => Promise<void>,
  ): Promise<ChaosStack> {
    mkdirSync(options.logDir, { recursive: true });
    const pg = await OwnPostgres.start(await freePort());
    let redis: OwnRedis | null = null;
    let provider: FaultProviderServer | null = null;
    try {
      redis = await OwnRedis.start(await freePort());
      provider = await FaultProviderServer.start(options.slowMs);
      const stack = new ChaosStack(pg, redis, provider, options);
      await pg.createDatabase(stack.database);
      await migrate(stack.databaseUrl, redis.url);
      stack.apiPort = await freePort();
      stack.workerPorts = await Promise.all(Array.from({ length: WORKERS }, () => freePort()));
      await Promise.all([stack.startApi(), ...stack.workers.map((_, i) => stack.startWorker(i))]);
      return stack;
    } catch (error) {
      await provider?.close();
      await redis?.stop();
      await pg.destroy();
      throw error;
    }
  }

  get databaseUrl(): string {
    return this.pg.url(this.database);
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.apiPort}`;
  }

  private env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return {
      ...process.env,
      ...this.options.env,
      DATABASE_URL: this.databaseUrl,
      REDIS_URL: this.redis.url,
      QUEUE_PREFIX: this.queuePrefix,
      API_KEYS: this.apiKey,
      PORT: String(this.apiPort),
      BINANCE_BASE_URL: this.provider.url,
      ...extra,
    };
  }

  async startApi(): Promise<void> {
    this.apiStarts += 1;
    const api = launchApp('api', {
      env: this.env(),
      logFile: join(this.options.logDir, `api-${this.apiStarts}.log`),
    });
    this.launched.push(api);
    this.api = api.child;
    await waitForHttp(`${this.apiUrl}/health/live`, api, { status: 200 });
  }

  async startWorker(i: number): Promise<void> {
    this.workerStarts += 1;
    const worker = launchApp('worker', {
      env: this.env({ WORKER_HEALTH_PORT: String(this.workerPorts[i]) }),
      logFile: join(this.options.logDir, `worker-${i}-${this.workerStarts}.log`),
    });
    this.launched.push(worker);
    this.workers[i] = worker.child;
    await waitForHttp(`http://127.0.0.1:${this.workerPorts[i]}/health/live`, worker, {
      status: 200,
    });
  }

  /** SIGKILL, and waits until the process is gone. */
  async kill(child: ChildProcess | null): Promise<void> {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill('SIGKILL');
    });
  }

  /** Every process running? (A crash of an app is a failure of the scenario.) */
  crashed(): string[] {
    const out: string[] = [];
    const check = (name: string, c: ChildProcess | null) => {
      if (c && (c.exitCode !== null || c.signalCode !== null)) {
        out.push(`${name} exited (${c.exitCode ?? c.signalCode})`);
      }
    };
    check('api', this.api);
    this.workers.forEach((w, i) => check(`worker ${i}`, w));
    return out;
  }

  async shutdown(): Promise<void> {
    this.redis.resume();
    await stopAll(this.launched);
    await this.provider.close();
    await this.redis.stop();
    await this.pg.destroy();
  }

  // --- the API ---------------------------------------------------------------------------------

  /** POST /api/bulk/start; the batch id when it answered 202, else null. */
  async start(body: Record<string, unknown>, timeoutMs?: number): Promise<number | null> {
    const res = await this.http.request({
      method: 'POST',
      path: '/api/bulk/start',
      body,
      timeoutMs,
    });
    return res.status === 202 ? (res.json as { batch_db_id: number }).batch_db_id : null;
  }

  async startOrThrow(body: Record<string, unknown>): Promise<number> {
    const res = await this.http.request({ method: 'POST', path: '/api/bulk/start', body });
    if (res.status !== 202) {
      throw new Error(`start answered ${res.status}: ${JSON.stringify(res.json).slice(0, 300)}`);
    }
    return (res.json as { batch_db_id: number }).batch_db_id;
  }

  status(id: number, timeoutMs?: number): Promise<ChaosResponse> {
    return this.http.request({ path: `/api/bulk/status/${id}`, timeoutMs });
  }

  /** Waits (reading the database directly) until every batch has ended; false on timeout. */
  async settle(ids: number[], timeoutMs: number): Promise<boolean> {
    if (ids.length === 0) return true;
    return waitFor(
      async () => {
        const rows = await this.query<{ status: string }>(
          `SELECT status FROM batch_executions WHERE id = ANY($1::int[])`,
          [ids],
        );
        return rows.length === ids.length && rows.every((r) => TERMINAL.includes(r.status));
      },
      timeoutMs,
      250,
    );
  }

  /**
   * Time from `since` until `call` answers 2xx (polled every 100 ms), in ms; null when it did not
   * within `timeoutMs`.
   */
  async recovery(
    since: number,
    call: () => Promise<ChaosResponse>,
    timeoutMs: number,
  ): Promise<number | null> {
    const ok = await waitFor(
      async () => {
        const res = await call();
        return res.status >= 200 && res.status < 300;
      },
      timeoutMs,
      100,
    );
    return ok ? Date.now() - since : null;
  }

  // --- direct reads (the invariants) -----------------------------------------------------------

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.databaseUrl });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  /** The rows the invariants are checked on, for these batches. */
  async snapshot(batchIds: number[], stops: StopReturn[]): Promise<InvariantInput> {
    const batches = await this.query<{
      id: number;
      status: string;
      total: number;
      processed: number;
      successful: number;
      failed: number;
    }>(
      `SELECT id, status, total_stocks AS total, processed_stocks AS processed,
              successful_stocks AS successful, failed_stocks AS failed
       FROM batch_executions WHERE id = ANY($1::int[]) ORDER BY id`,
      [batchIds],
    );
    const details = (
      await this.query<{
        batchId: number;
        symbol: string;
        status: string;
        recordsInserted: number;
        committedAt: string | null;
      }>(
        `SELECT batch_execution_id AS "batchId", stock_code AS symbol, status,
                records_inserted AS "recordsInserted",
                (extract(epoch FROM pg_xact_commit_timestamp(xmin)) * 1000)::text AS "committedAt"
         FROM batch_execution_details WHERE batch_execution_id = ANY($1::int[])`,
        [batchIds],
      )
    ).map((d) => ({ ...d, committedAt: d.committedAt === null ? null : Number(d.committedAt) }));
    const symbols = [...new Set(details.map((d) => d.symbol))];
    const candles = (
      await this.query<{ symbol: string; rows: string; keys: string; last: string | null }>(
        `SELECT symbol, count(*)::text AS rows,
                count(DISTINCT (source, interval, ts))::text AS keys,
                (extract(epoch FROM max(pg_xact_commit_timestamp(xmin))) * 1000)::text AS last
         FROM ohlcv_data WHERE symbol = ANY($1::text[]) GROUP BY symbol`,
        [symbols],
      )
    ).map((c): CandleCount => ({
      symbol: c.symbol,
      rows: Number(c.rows),
      duplicateKeys: Number(c.rows) - Number(c.keys),
      lastCommitAt: c.last === null ? null : Number(c.last),
    }));
    return { batches, details, candles, jobs: await this.jobs(new Set(batchIds)), stops };
  }

  /** Every fetch job in Redis that belongs to one of these batches, with its state. */
  async jobs(batchIds: Set<number>): Promise<QueueJob[]> {
    const out: QueueJob[] = [];
    for (const provider of PROVIDER_NAMES) {
      const queue = new Queue(`fetch-${provider}`, {
        connection: { url: this.redis.url, maxRetriesPerRequest: 1 },
        prefix: this.queuePrefix,
      });
      try {
        const states = [
          'waiting',
          'delayed',
          'prioritized',
          'active',
          'completed',
          'failed',
        ] as const;
        for (const state of states) {
          for (const job of await queue.getJobs([state], 0, -1)) {
            const data = job.data as { batchId?: number; symbol?: string };
            if (data.batchId !== undefined && batchIds.has(Number(data.batchId))) {
              out.push({
                batchId: Number(data.batchId),
                symbol: String(data.symbol),
                state,
                addedAt: job.timestamp,
              });
            }
          }
        }
      } finally {
        await queue.close();
      }
    }
    return out;
  }

  /** Rows of the batch tables and jobs in Redis (the "nothing written or enqueued" check). */
  async footprint(): Promise<{
    batches: number;
    details: number;
    schedules: number;
    jobs: number;
  }> {
    const [row] = await this.query<{ b: number; d: number; s: number }>(
      `SELECT (SELECT count(*)::int FROM batch_executions) AS b,
              (SELECT count(*)::int FROM batch_execution_details) AS d,
              (SELECT count(*)::int FROM batch_schedules) AS s`,
    );
    let jobs = 0;
    for (const name of [...PROVIDER_NAMES.map((p) => `fetch-${p}`), 'schedules', 'webhooks']) {
      const queue = new Queue(name, {
        connection: { url: this.redis.url, maxRetriesPerRequest: 1 },
        prefix: this.queuePrefix,
      });
      try {
        const counts = await queue.getJobCounts();
        jobs += Object.values(counts).reduce((a, b) => a + b, 0);
        jobs += await queue.getJobSchedulersCount();
      } finally {
        await queue.close();
      }
    }
    return { batches: row.b, details: row.d, schedules: row.s, jobs };
  }
}
