import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '@app/common';
import { isTerminalBatchStatus } from '@app/batch';
import { ReportDatabase } from '@app/persistence';
import {
  freePort,
  launchApp,
  LaunchedProcess,
  peakRssMb,
  stopAll,
  waitFor,
  waitForHttp,
} from '../processes/app-launcher';

/** Sizes of one bench run: the full run, or `--smoke` (tiny: checks that every scenario runs). */
export interface Sizes {
  ingestSymbols: number;
  ingestCandles: number;
  jobsSymbols: number;
  jobsConcurrencies: number[];
  /** Pipeline and bare runs per concurrency, interleaved; the best of each is compared. */
  jobsRounds: number;
  /** Jobs each run (pipeline and bare) processes first, untimed: both are measured warm. */
  jobsWarmup: number;
  workersSymbols: number;
  workersLatencyMs: number;
  startSymbols: number;
  startRuns: number;
  statusSeconds: number;
  statusConnections: number;
  queryRuns: number;
  /** `ui`: batches in the history, and the heatmap's symbols × years. */
  uiBatches: number;
  uiHeatmapSymbols: number;
  uiHeatmapYears: number;
  /** `coverage`: symbols × years of daily candles seeded, symbols per page, rounds over the pages, symbol requests. */
  coverageSymbols: number;
  coverageYears: number;
  coveragePageSize: number;
  coverageRounds: number;
  coverageSymbolRuns: number;
}

export const FULL: Sizes = {
  ingestSymbols: 200,
  ingestCandles: 5000,
  jobsSymbols: 5000,
  jobsConcurrencies: [8, 16],
  jobsRounds: 2,
  jobsWarmup: 1000,
  workersSymbols: 1500,
  workersLatencyMs: 50,
  startSymbols: 4000,
  startRuns: 20,
  statusSeconds: 10,
  statusConnections: 64,
  queryRuns: 20,
  uiBatches: 10_000,
  uiHeatmapSymbols: 500,
  uiHeatmapYears: 10,
  coverageSymbols: 4000,
  coverageYears: 10,
  coveragePageSize: 500,
  coverageRounds: 3,
  coverageSymbolRuns: 20,
};

export const SMOKE: Sizes = {
  ingestSymbols: 4,
  ingestCandles: 200,
  jobsSymbols: 40,
  jobsConcurrencies: [8, 16],
  jobsRounds: 1,
  jobsWarmup: 10,
  workersSymbols: 24,
  workersLatencyMs: 50,
  startSymbols: 100,
  startRuns: 3,
  statusSeconds: 1,
  statusConnections: 8,
  queryRuns: 3,
  uiBatches: 200,
  uiHeatmapSymbols: 20,
  uiHeatmapYears: 1,
  coverageSymbols: 40,
  coverageYears: 1,
  coveragePageSize: 10,
  coverageRounds: 1,
  coverageSymbolRuns: 3,
};

/** One target of a scenario and whether this run met it (null: not judged at smoke sizes). */
export interface Target {
  name: string;
  value: number | null;
  op: '>=' | '<=' | '==';
  bound: number;
  pass: boolean | null;
}

export interface ScenarioResult {
  scenario: string;
  seconds: number;
  targets: Target[];
  /** Every target met (null when none is judged). */
  pass: boolean | null;
  [figure: string]: unknown;
}

export interface Scenario {
  name: string;
  description: string;
  run: (ctx: BenchContext) => Promise<Record<string, unknown> & { targets?: Target[] }>;
}

export const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** A running API (and workers) of the bench, on a queue prefix of its own. */
export interface BenchStack {
  base: string;
  api: LaunchedProcess;
  workers: LaunchedProcess[];
  /** POST /api/bulk/start; returns batch_db_id. */
  startBatch: (body: Record<string, unknown>) => Promise<number>;
  /** Waits until the batch has ended; see BenchContext.waitDone. */
  waitDone: (id: number) => Promise<BatchDone>;
  stop: () => Promise<void>;
}

/** An ended batch: its status body, and when it ended on the `performance.now()` clock. */
export interface BatchDone {
  status: string;
  progress: Record<string, number>;
  /** `performance.now()` at the batch's `end_time` (the commit that ended it). */
  endedAt: number;
}

/** What one ingest batch measured; reingest, query and memory reuse it. */
export interface IngestRun {
  batchId: number;
  symbols: string[];
  body: Record<string, unknown>;
  rows: number;
  seconds: number;
  status: string;
  workerPeakRssMb: number | null;
  apiPeakRssMb: number | null;
}

/**
 * What the scenarios share: the sizes, the bench's own database and queue prefix, a report
 * connection through persistence, and stacks of the built apps started with the launcher the e2e
 * tests use. Stacks run one at a time, each on its own queue prefix, so no process of one stack
 * (its reconciler included) touches another's jobs.
 */
export class BenchContext {
  private stacks = 0;
  ingest?: IngestRun;

  constructor(
    readonly sizes: Sizes,
    readonly smoke: boolean,
    /** The bench's config: its own database and queue prefix. */
    readonly config: AppConfig,
    readonly apiKey: string,
    readonly logsDir: string,
    readonly db: ReportDatabase,
  ) {
    mkdirSync(logsDir, { recursive: true });
  }

  get headers(): Record<string, string> {
    return { 'content-type': 'application/json', 'x-api-key': this.apiKey };
  }

  /** The environment of every app the bench starts (plus `extra`). */
  env(prefix: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return {
      ...process.env,
      DATABASE_URL: this.config.databaseUrl,
      REDIS_URL: this.config.redisUrl,
      QUEUE_PREFIX: prefix,
      API_KEYS: this.apiKey,
      MARKET_DATA_PROVIDER: 'synthetic',
      SYNTHETIC_RATE_LIMIT: '1000000',
      // The status scenario measures the API itself: no per-key rate limit.
      API_RATE_LIMIT: '0',
      LOG_LEVEL: 'warn',
      ...extra,
    };
  }

  /** Starts an API and `workers` workers (ready), on the queue prefix `<bench prefix>-<label>`. */
  async startStack(
    label: string,
    { workers = 1, env = {} }: { workers?: number; env?: Record<string, string> } = {},
  ): Promise<BenchStack> {
    this.stacks += 1;
    const prefix = `${this.config.queuePrefix}-${label}`;
    const port = await freePort();
    const procs: LaunchedProcess[] = [];
    const log = (name: string) => join(this.logsDir, `${this.stacks}-${label}-${name}.log`);
    const stop = () => stopAll(procs);
    try {
      const api = launchApp('api', {
        env: this.env(prefix, { ...env, PORT: String(port) }),
        logFile: log('api'),
      });
      procs.push(api);
      const started: LaunchedProcess[] = [];
      for (let i = 0; i < workers; i += 1) {
        const healthPort = await freePort();
        const worker = launchApp('worker', {
          env: this.env(prefix, { ...env, WORKER_HEALTH_PORT: String(healthPort) }),
          logFile: log(`worker-${i + 1}`),
        });
        procs.push(worker);
        started.push(worker);
        await waitForHttp(`http://127.0.0.1:${healthPort}/health/ready`, worker, { status: 200 });
      }
      const base = `http://127.0.0.1:${port}`;
      await waitForHttp(`${base}/health/ready`, api, { status: 200 });
      return {
        base,
        api,
        workers: started,
        startBatch: (body) => this.startBatch(base, body),
        waitDone: (id) => this.waitDone(base, id),
        stop,
      };
    } catch (error) {
      await stop();
      throw error;
    }
  }

  async startBatch(base: string, body: Record<string, unknown>): Promise<number> {
    const res = await fetch(`${base}/api/bulk/start`, {
      method: 'POST',
      headers: this.headers,
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { batch_db_id: number; error?: { message: string } };
    if (res.status !== 202) throw new Error(`start answered ${res.status}: ${json.error?.message}`);
    return json.batch_db_id;
  }

  /**
   * Waits until the batch has ended: its row is read every 10 ms, and its `end_time` (set by the
   * commit that ended it) dates the end, so a scenario's time is the pipeline's and not a poll's
   * interval nor the status cache's (STATUS_CACHE_MS). Then the status route is read until it says
   * so too, for the answer's status and progress.
   */
  async waitDone(base: string, id: number): Promise<BatchDone> {
    const endMs = await waitFor(
      `batch ${id} ending`,
      async () => {
        const row = await this.db.batchEnd(id);
        return row && isTerminalBatchStatus(row.status) ? (row.endMs ?? Date.now()) : undefined;
      },
      { timeoutMs: 30 * 60_000, intervalMs: 10 },
    );
    const endedAt = performance.now() - Math.max(0, Date.now() - endMs);
    const view = await waitFor(
      `batch ${id} ended in the status route`,
      async () => {
        const res = await fetch(`${base}/api/bulk/status/${id}`, { headers: this.headers });
        const s = (await res.json()) as { status: string; progress: Record<string, number> };
        return isTerminalBatchStatus(s.status) ? s : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 20 },
    );
    return { ...view, endedAt };
  }

  /**
   * The ingest batch (`sizes.ingestSymbols` × `sizes.ingestCandles` daily candles, all new) on a
   * fresh stack, run once per bench run; reingest, query and memory reuse it.
   */
  async ensureIngested(): Promise<IngestRun> {
    if (this.ingest) return this.ingest;
    const body = this.ingestBody();
    const symbols = body.symbols as string[];
    const stack = await this.startStack('ingest');
    try {
      const t0 = performance.now();
      const batchId = await stack.startBatch(body);
      const done = await stack.waitDone(batchId);
      const seconds = (done.endedAt - t0) / 1000;
      this.ingest = {
        batchId,
        symbols,
        body,
        rows: await this.db.recordsOfBatch(batchId),
        seconds,
        status: done.status,
        workerPeakRssMb: peakRssMb(stack.workers[0]?.pid),
        apiPeakRssMb: peakRssMb(stack.api.pid),
      };
      return this.ingest;
    } finally {
      await stack.stop();
    }
  }

  /** The ingest batch's request: `sizes.ingestSymbols` symbols × `sizes.ingestCandles` days. */
  ingestBody(): Record<string, unknown> {
    const day = 86_400_000;
    const to = new Date(Date.UTC(2025, 0, 1));
    return {
      symbols: Array.from(
        { length: this.sizes.ingestSymbols },
        (_, i) => `B${String(i).padStart(4, '0')}`,
      ),
      interval: '1d',
      provider: 'synthetic',
      mode: 'full',
      from: new Date(to.getTime() - this.sizes.ingestCandles * day).toISOString(),
      to: to.toISOString(),
    };
  }

  /** A target, judged on full runs only (smoke sizes say nothing about speed). */
  target(name: string, value: number | null, op: Target['op'], bound: number): Target {
    const met =
      value === null
        ? false
        : op === '>='
          ? value >= bound
          : op === '<='
            ? value <= bound
            : value === bound;
    return { name, value, op, bound, pass: this.smoke ? null : met };
  }
}
