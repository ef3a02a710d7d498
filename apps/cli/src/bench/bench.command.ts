import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { Queue, Worker } from 'bullmq';
import { Command } from 'commander';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { AppConfig } from '@app/common';
import { SyntheticProvider } from '@app/market-data';
import { benchImport } from '@app/sqlite-import';
import { launchApp, peakRssMb, stopAll, waitForHttp } from '../processes/app-launcher';
import { runMigrationsUp } from '../migrate/migrate.command';

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

interface Sizes {
  ingestSymbols: number;
  ingestCandles: number;
  jobsSymbols: number;
  startSymbols: number;
  startRuns: number;
  statusSeconds: number;
  statusConnections: number;
  queryRuns: number;
}

const FULL: Sizes = {
  ingestSymbols: 200,
  ingestCandles: 5000,
  jobsSymbols: 5000,
  startSymbols: 4000,
  startRuns: 20,
  statusSeconds: 10,
  statusConnections: 64,
  queryRuns: 20,
};
const SMOKE: Sizes = {
  ingestSymbols: 4,
  ingestCandles: 200,
  jobsSymbols: 40,
  startSymbols: 100,
  startRuns: 3,
  statusSeconds: 1,
  statusConnections: 4,
  queryRuns: 3,
};

const DAY = 86_400_000;
const INGEST_TO = new Date(Date.UTC(2025, 0, 1));

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => done(port));
    });
  });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** `npm run bench [-- --smoke]`: each scenario prints one JSON object, measured beside its baseline. */
export function benchCommand(config: AppConfig, io: Io): Command {
  return new Command('bench')
    .description('measure ingest, re-ingest, jobs, start, status and query against their baselines')
    .option('--smoke', 'tiny sizes (CI): checks that every scenario runs')
    .option(
      '--only <names>',
      'comma-separated scenarios: ingest,reingest,jobs,start,status,query,import',
    )
    .option('--keep', 'keep the benchmark database')
    .action(async (opts: { smoke?: boolean; only?: string; keep?: boolean }) => {
      const sizes = opts.smoke ? SMOKE : FULL;
      const only = new Set(
        (opts.only ?? 'ingest,reingest,jobs,start,status,query,import').split(','),
      );
      const tag = `${Date.now()}`;
      const dbUrl = new URL(config.databaseUrl);
      dbUrl.pathname = `/mi_bench_${tag}`;
      const benchConfig: AppConfig = {
        ...config,
        databaseUrl: dbUrl.toString(),
        queuePrefix: `mi-bench-${tag}`,
      };
      const quiet: Io = { out: () => undefined, err: io.err };
      await runMigrationsUp(benchConfig, quiet);
      const apiKey = randomBytes(24).toString('hex');
      const port = await freePort();
      const healthPort = await freePort();
      const env = {
        ...process.env,
        DATABASE_URL: benchConfig.databaseUrl,
        REDIS_URL: config.redisUrl,
        QUEUE_PREFIX: benchConfig.queuePrefix,
        API_KEYS: apiKey,
        PORT: String(port),
        WORKER_HEALTH_PORT: String(healthPort),
        MARKET_DATA_PROVIDER: 'synthetic',
        SYNTHETIC_RATE_LIMIT: '1000000',
        // The status scenario measures the API itself: no per-key rate limit.
        API_RATE_LIMIT: '0',
        LOG_LEVEL: 'warn',
      };
      const logs = resolve('bench-logs');
      mkdirSync(logs, { recursive: true });
      const api = launchApp('api', { env, logFile: join(logs, 'api.log') });
      let worker = launchApp('worker', { env, logFile: join(logs, 'worker.log') });
      const base = `http://127.0.0.1:${port}`;
      const headers = { 'content-type': 'application/json', 'x-api-key': apiKey };
      const db = new Client({ connectionString: benchConfig.databaseUrl });
      const emit = (result: Record<string, unknown>) => io.out(JSON.stringify(result));
      try {
        await waitForHttp(`${base}/health/ready`, api, { status: 200 });
        await waitForHttp(`http://127.0.0.1:${healthPort}/health/ready`, worker, { status: 200 });
        await db.connect();

        const startBatch = async (body: Record<string, unknown>) => {
          const res = await fetch(`${base}/api/bulk/start`, {
            method: 'POST',
            headers,
            body: JSON.stringify(body),
          });
          const json = (await res.json()) as { batch_db_id: number; error?: { message: string } };
          if (res.status !== 202)
            throw new Error(`start answered ${res.status}: ${json.error?.message}`);
          return json.batch_db_id;
        };
        const waitDone = async (id: number) => {
          for (;;) {
            const res = await fetch(`${base}/api/bulk/status/${id}`, { headers });
            const s = (await res.json()) as {
              status: string;
              progress: { processed: number; total: number };
            };
            if (['completed', 'completed_with_errors', 'failed', 'stopped'].includes(s.status))
              return s;
            await new Promise((r) => setTimeout(r, 50));
          }
        };
        const records = async (id: number) =>
          Number(
            (
              await db.query(
                `SELECT coalesce(sum(records_inserted),0) AS n FROM batch_execution_details WHERE batch_execution_id = $1`,
                [id],
              )
            ).rows[0].n,
          );
        const ingestSymbols = Array.from(
          { length: sizes.ingestSymbols },
          (_, i) => `B${String(i).padStart(4, '0')}`,
        );
        const ingestBody = {
          symbols: ingestSymbols,
          interval: '1d',
          provider: 'synthetic',
          mode: 'full',
          from: new Date(INGEST_TO.getTime() - sizes.ingestCandles * DAY).toISOString(),
          to: INGEST_TO.toISOString(),
        };

        if (only.has('ingest') || only.has('reingest') || only.has('query')) {
          const t0 = performance.now();
          const id = await startBatch(ingestBody);
          const status = await waitDone(id);
          const seconds = (performance.now() - t0) / 1000;
          const rows = await records(id);
          const copy = await copyBaseline(db, ingestSymbols, new Date(ingestBody.from), INGEST_TO);
          if (only.has('ingest')) {
            emit({
              scenario: 'ingest',
              status: status.status,
              symbols: ingestSymbols.length,
              rows,
              seconds: round(seconds, 2),
              rows_per_s: Math.round(rows / seconds),
              baseline:
                'single-connection COPY FROM STDIN into an empty table with the same primary key',
              baseline_rows_per_s: Math.round(copy.rows / copy.seconds),
              ratio: round(rows / seconds / (copy.rows / copy.seconds), 2),
              target_ratio: 0.5,
              worker_peak_rss_mb: peakRssMb(worker.pid),
              api_peak_rss_mb: peakRssMb(api.pid),
              worker_concurrency: config.workerConcurrency,
            });
          }
          if (only.has('reingest')) {
            await new Promise((r) => setTimeout(r, 1500)); // let backends flush their statistics
            const before = await tupleStats(db);
            const r0 = performance.now();
            const again = await startBatch(ingestBody);
            await waitDone(again);
            const rs = (performance.now() - r0) / 1000;
            await new Promise((r) => setTimeout(r, 1500));
            const after = await tupleStats(db);
            emit({
              scenario: 'reingest',
              rows: rows,
              rows_written: await records(again),
              seconds: round(rs, 2),
              rows_per_s: Math.round(rows / rs),
              dead_tuples_created: after.dead - before.dead,
              tuples_updated: after.updated - before.updated,
            });
          }
        }

        if (only.has('jobs')) {
          const symbols = Array.from({ length: sizes.jobsSymbols }, (_, i) => `J${i}`);
          const t0 = performance.now();
          const id = await startBatch({
            symbols,
            interval: '1d',
            provider: 'synthetic',
            mode: 'full',
            from: '2024-01-02T00:00:00Z',
            to: '2024-01-03T00:00:00Z',
          });
          await waitDone(id);
          const seconds = (performance.now() - t0) / 1000;
          const bare = await bareBullmq(
            config,
            `${benchConfig.queuePrefix}-bare`,
            sizes.jobsSymbols,
            config.workerConcurrency,
          );
          emit({
            scenario: 'jobs',
            jobs: symbols.length,
            seconds: round(seconds, 2),
            jobs_per_s: Math.round(symbols.length / seconds),
            baseline: `bare BullMQ worker, no-op processor, concurrency ${config.workerConcurrency}`,
            baseline_jobs_per_s: Math.round(sizes.jobsSymbols / bare),
            ratio: round(symbols.length / seconds / (sizes.jobsSymbols / bare), 2),
            target_ratio: 0.3,
          });
        }

        if (only.has('start')) {
          await stopAll([worker]); // measure the API alone; the queued jobs are dropped after
          const symbols = Array.from({ length: sizes.startSymbols }, (_, i) => `S${i}`);
          const latencies: number[] = [];
          const bare: number[] = [];
          const ids: number[] = [];
          const producer = bareAddBulk(
            config,
            `${benchConfig.queuePrefix}-addbulk`,
            sizes.startSymbols,
          );
          // Interleaved with the baseline, so both see the same machine load over the runs.
          for (let i = 0; i < sizes.startRuns; i += 1) {
            const t0 = performance.now();
            ids.push(await startBatch({ symbols, interval: '1d', provider: 'synthetic' }));
            latencies.push(performance.now() - t0);
            bare.push(await producer.run(i));
          }
          await producer.close();
          for (const id of ids)
            await fetch(`${base}/api/bulk/stop/${id}`, { method: 'POST', headers });
          emit({
            scenario: 'start',
            symbols: sizes.startSymbols,
            runs: sizes.startRuns,
            p50_ms: round(percentile(latencies, 50)),
            p95_ms: round(percentile(latencies, 95)),
            baseline: `bare addBulk of ${sizes.startSymbols} jobs`,
            baseline_p50_ms: round(percentile(bare, 50)),
            baseline_p95_ms: round(percentile(bare, 95)),
            ratio_p95: round(percentile(latencies, 95) / percentile(bare, 95), 2),
            target_ratio_p95: 2,
          });
          worker = launchApp('worker', { env, logFile: join(logs, 'worker-2.log') });
          await waitForHttp(`http://127.0.0.1:${healthPort}/health/ready`, worker, { status: 200 });
        }

        if (only.has('status')) {
          const { rows } = await db.query(`SELECT id FROM batch_executions ORDER BY id LIMIT 1`);
          const id =
            rows[0]?.id ??
            (await startBatch({ symbols: ['X'], interval: '1d', provider: 'synthetic' }));
          const { default: autocannon } = await import('autocannon');
          const result = await autocannon({
            url: `${base}/api/bulk/status/${id}`,
            headers: { 'x-api-key': apiKey },
            connections: sizes.statusConnections,
            duration: sizes.statusSeconds,
          });
          emit({
            scenario: 'status',
            connections: sizes.statusConnections,
            seconds: sizes.statusSeconds,
            requests_per_s: Math.round(result.requests.average),
            p50_ms: result.latency.p50,
            p99_ms: result.latency.p99,
            non_2xx: result.non2xx,
            errors: result.errors,
            target_p99_ms: 20,
          });
        }

        if (only.has('query')) {
          const symbol = ingestSymbols[0];
          const time = async (work: () => Promise<unknown>) => {
            const samples: number[] = [];
            for (let i = 0; i < sizes.queryRuns; i += 1) {
              const t0 = performance.now();
              await work();
              samples.push(performance.now() - t0);
            }
            return round(percentile(samples, 50), 2);
          };
          const get = (path: string) => async () => {
            const res = await fetch(`${base}${path}`, { headers });
            if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
            return res.text();
          };
          const rangeApi = await time(
            get(`/api/ohlcv/${symbol}?interval=1d&limit=${sizes.ingestCandles}`),
          );
          const resampleApi = await time(
            get(`/api/ohlcv/${symbol}?interval=1d&bucket=1wk&limit=${sizes.ingestCandles}`),
          );
          const rangeSql = await time(() =>
            db.query(
              `SELECT ts, open, high, low, close, adj_close, volume FROM ohlcv_data WHERE symbol = $1 AND interval = '1d' ORDER BY ts LIMIT $2`,
              [symbol, sizes.ingestCandles],
            ),
          );
          const resampleSql = await time(() =>
            db.query(
              `SELECT date_bin(INTERVAL '7 days', ts, TIMESTAMPTZ '2000-01-03 00:00:00+00') AS b,
                      (array_agg(open ORDER BY ts))[1] AS open, max(high), min(low),
                      (array_agg(close ORDER BY ts DESC))[1] AS close, sum(volume)
               FROM ohlcv_data WHERE symbol = $1 AND interval = '1d' GROUP BY 1 ORDER BY 1`,
              [symbol],
            ),
          );
          emit({
            scenario: 'query',
            candles: sizes.ingestCandles,
            range_ms: rangeApi,
            range_baseline_ms: rangeSql,
            resample_1d_to_1wk_ms: resampleApi,
            resample_baseline_ms: resampleSql,
            baseline: 'the same SQL through a raw pg client (no HTTP, no JSON)',
          });
        }

        if (only.has('import')) {
          for (const r of await benchImport(benchConfig.databaseUrl, { smoke: opts.smoke })) {
            emit({ ...r });
          }
        }
      } finally {
        await db.end().catch(() => undefined);
        await stopAll([api, worker]);
        await cleanup(config, benchConfig, !opts.keep);
      }
    });
}

async function tupleStats(db: Client): Promise<{ dead: number; updated: number }> {
  const { rows } = await db.query(
    `SELECT n_dead_tup AS dead, n_tup_upd AS updated FROM pg_stat_user_tables WHERE relname = 'ohlcv_data'`,
  );
  return { dead: Number(rows[0].dead), updated: Number(rows[0].updated) };
}

/** The same candles as the ingest batch, COPY'd by one connection into an empty table with the same PK. */
async function copyBaseline(db: Client, symbols: string[], from: Date, to: Date) {
  const provider = new SyntheticProvider();
  const chunks: string[] = [];
  let rows = 0;
  for (const symbol of symbols) {
    const lines = provider
      .candles(symbol, '1d', from, to)
      .map(
        (c) =>
          `${symbol}\t1d\t${c.ts.toISOString()}\t${c.open}\t${c.high}\t${c.low}\t${c.close}\t${c.adjClose}\t${c.volume}\n`,
      );
    rows += lines.length;
    chunks.push(lines.join(''));
  }
  await db.query(`DROP TABLE IF EXISTS bench_copy_ohlcv`);
  await db.query(
    `CREATE TABLE bench_copy_ohlcv (LIKE ohlcv_data INCLUDING DEFAULTS, PRIMARY KEY (symbol, interval, ts))`,
  );
  const t0 = performance.now();
  await pipeline(
    Readable.from(chunks),
    db.query(
      copyFrom(
        `COPY bench_copy_ohlcv (symbol, interval, ts, open, high, low, close, adj_close, volume) FROM STDIN`,
      ),
    ),
  );
  const seconds = (performance.now() - t0) / 1000;
  await db.query(`DROP TABLE bench_copy_ohlcv`);
  return { rows, seconds };
}

/** Seconds for a bare BullMQ worker (no-op processor) to add and drain `n` jobs. */
async function bareBullmq(
  config: AppConfig,
  prefix: string,
  n: number,
  concurrency: number,
): Promise<number> {
  const connection = { url: config.redisUrl, maxRetriesPerRequest: null };
  const queue = new Queue('bare', { connection, prefix });
  let done = 0;
  let finished!: () => void;
  const all = new Promise<void>((r) => (finished = r));
  const t0 = performance.now();
  const worker = new Worker(
    'bare',
    async () => {
      done += 1;
      if (done === n) finished();
    },
    { connection, prefix, concurrency, removeOnComplete: { count: 1000 } },
  );
  for (let i = 0; i < n; i += 1000) {
    await queue.addBulk(
      Array.from({ length: Math.min(1000, n - i) }, (_, k) => ({
        name: 'noop',
        data: { i: i + k },
        opts: { jobId: `j${i + k}` },
      })),
    );
  }
  await all;
  const seconds = (performance.now() - t0) / 1000;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return seconds;
}

/** Latencies (ms) of `runs` bare addBulk calls of `n` jobs each. */
/** A bare BullMQ producer adding `n` jobs per run in chunks of 1,000, as the API does. */
function bareAddBulk(
  config: AppConfig,
  prefix: string,
  n: number,
): { run: (r: number) => Promise<number>; close: () => Promise<void> } {
  const queue = new Queue('addbulk', {
    connection: { url: config.redisUrl, maxRetriesPerRequest: null },
    prefix,
  });
  return {
    run: async (r) => {
      const t0 = performance.now();
      for (let i = 0; i < n; i += 1000) {
        await queue.addBulk(
          Array.from({ length: Math.min(1000, n - i) }, (_, k) => ({
            name: 'fetch-symbol',
            data: { batchId: r, symbol: `S${i + k}` },
            opts: { jobId: `r${r}-${i + k}`, attempts: 5 },
          })),
        );
      }
      return performance.now() - t0;
    },
    close: async () => {
      await queue.obliterate({ force: true });
      await queue.close();
    },
  };
}

async function cleanup(config: AppConfig, bench: AppConfig, dropDb: boolean): Promise<void> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(config.redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(
        cursor,
        'MATCH',
        `${bench.queuePrefix}*`,
        'COUNT',
        1000,
      );
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  if (!dropDb) return;
  const admin = new URL(config.databaseUrl);
  admin.pathname = '/postgres';
  const c = new Client({ connectionString: admin.toString() });
  await c.connect();
  await c.query(
    `DROP DATABASE IF EXISTS "${new URL(bench.databaseUrl).pathname.slice(1)}" WITH (FORCE)`,
  );
  await c.end();
}
