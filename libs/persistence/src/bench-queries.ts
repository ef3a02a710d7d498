import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SqlClient } from './database/sql-client';
import { PRESENCE_REBUILD_SQL } from './repositories/daily-presence-sql';

/**
 * The few reads (and one baseline) the CLI's demo and bench report with. They live here so that
 * the CLI never imports a database driver: it reaches PostgreSQL through persistence or the API.
 * One SqlClient connection (errors mapped like every repository's); close() when done.
 */
export interface ReportDatabase {
  /** Candles written by a batch (sum of records_inserted over its symbols). */
  recordsOfBatch: (batchId: number) => Promise<number>;
  /** Candles of `source` (the provider) stored for these symbols at this interval. */
  storedCandles: (source: string, symbols: string[], interval: string) => Promise<number>;
  /** The latest `n` candles of `source`'s series of a symbol, oldest first (day as YYYY-MM-DD, UTC). */
  latestCandles: (
    source: string,
    symbol: string,
    interval: string,
    n: number,
  ) => Promise<
    { day: string; open: number; high: number; low: number; close: number; volume: number }[]
  >;
  /** Dead and updated tuples of ohlcv_data so far (pg_stat_user_tables). */
  candleTupleStats: () => Promise<{ dead: number; updated: number }>;
  /** Some batch's id, or null when there is none. */
  anyBatchId: () => Promise<number | null>;
  /** A batch's status and end_time (ms since the epoch, null while it runs). */
  batchEnd: (batchId: number) => Promise<{ status: string; endMs: number | null } | null>;
  /** Baselines of the `query` scenario: the API's candle range and resample SQL, run raw. */
  rawCandleRange: (source: string, symbol: string, limit: number) => Promise<number>;
  rawWeeklyResample: (source: string, symbol: string) => Promise<number>;
  /**
   * The `ingest` baseline: tab-separated candle lines (source, symbol, interval, ts, open, high,
   * low, close, adj_close, volume) sent by one COPY FROM STDIN into an empty scratch table shaped like
   * ohlcv_data with the same primary key; the table is dropped after. Returns the seconds the
   * COPY took.
   */
  copyCandlesIntoScratchTable: (chunks: Iterable<string>) => Promise<number>;
  /**
   * The `ui` scenario's history: `n` ended batches of 4,000 symbols (one in 50 with errors), one
   * a minute back from now, inserted by one statement (no details: the history page reads none).
   */
  seedBatchHistory: (n: number) => Promise<void>;
  /**
   * Deletes the daily candles of `source`'s series of these symbols on days [from, to] (UTC
   * dates, inclusive), as an outage would have left them; answers the rows deleted (the demo).
   */
  deleteDailyCandles: (
    source: string,
    symbols: string[],
    from: string,
    to: string,
  ) => Promise<number>;
  /** The `coverage` scenario's universe (see {@link CoverageSeed}); run once, on an empty store. */
  seedDailyCoverage: (seed: CoverageSeed) => Promise<CoverageSeedReport>;
  /**
   * The `ui` scenario's universe for the coverage heatmap: daily presence bitmaps (what
   * `GET /api/coverage` reads, see the DailyPresence migration) of `symbols` of `source`, every
   * weekday of the last `years` years up to yesterday, less about 1 day in 125 and, for one
   * symbol in 23, a 60-day stretch; no candle is written (the heatmap reads none).
   */
  seedDailyPresence: (source: string, symbols: string[], years: number) => Promise<void>;
  close: () => Promise<void>;
}

/**
 * The `coverage` scenario's universe: `symbols` registry rows of provider `yahoo` on exchange TSE
 * (`1000.T`, `1001.T`, …; segments Prime, Standard and Growth in turn; active), and for each the
 * weekday daily candles (source yahoo, interval 1d, UTC midnight) from `years` years before
 * `lastDay` to `lastDay`; one symbol in ten (`n % 10 = 3`) lacks the candles of one week, placed
 * per symbol across the span. Inserted set-based (INSERT … SELECT generate_series, `chunk`
 * symbols per statement, in key order), then the presence bitmaps rebuilt from ohlcv_data
 * (PRESENCE_REBUILD_SQL, all sources) and the three tables analysed.
 */
export interface CoverageSeed {
  symbols: number;
  years: number;
  /** The last day with candles, `YYYY-MM-DD` (UTC). */
  lastDay: string;
  /** Symbols per INSERT statement (default 500). */
  chunk?: number;
}

export interface CoverageSeedReport {
  symbols: number;
  candles: number;
  /** Symbols with a deleted week. */
  symbols_with_hole: number;
  presence_rows: number;
  /** Seconds: candles and registry rows inserted; presence rebuilt; ANALYZE. */
  insert_s: number;
  presence_s: number;
  analyze_s: number;
}

export async function openReportDatabase(databaseUrl: string): Promise<ReportDatabase> {
  const db = await SqlClient.connect(databaseUrl);
  const one = async <T>(text: string, params: unknown[] = []): Promise<T> =>
    (await db.query(text, params)).rows[0] as T;
  return {
    recordsOfBatch: async (batchId) =>
      Number(
        (
          await one<{ n: string }>(
            `SELECT coalesce(sum(records_inserted), 0) AS n FROM batch_execution_details WHERE batch_execution_id = $1`,
            [batchId],
          )
        ).n,
      ),
    batchEnd: async (batchId) =>
      (
        await db.query<{ status: string; endMs: number | null }>(
          `SELECT status, (extract(epoch FROM end_time) * 1000)::float8 AS "endMs"
           FROM batch_executions WHERE id = $1`,
          [batchId],
        )
      ).rows[0] ?? null,
    storedCandles: async (source, symbols, interval) =>
      Number(
        (
          await one<{ n: string }>(
            `SELECT count(*) AS n FROM ohlcv_data WHERE source = $1 AND symbol = ANY($2) AND interval = $3`,
            [source, symbols, interval],
          )
        ).n,
      ),
    deleteDailyCandles: async (source, symbols, from, to) =>
      (
        await db.query(
          `DELETE FROM ohlcv_data WHERE source = $1 AND symbol = ANY ($2) AND interval = '1d'
             AND ts >= $3::date AT TIME ZONE 'UTC' AND ts < ($4::date + 1) AT TIME ZONE 'UTC'`,
          [source, symbols, from, to],
        )
      ).rowCount ?? 0,
    latestCandles: async (source, symbol, interval, n) => {
      const { rows } = await db.query<{
        day: string;
        open: string;
        high: string;
        low: string;
        close: string;
        volume: string;
      }>(
        `SELECT to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, open, high, low, close, volume
         FROM ohlcv_data WHERE source = $1 AND symbol = $2 AND interval = $3 ORDER BY ts DESC LIMIT $4`,
        [source, symbol, interval, n],
      );
      return rows.reverse().map((r) => ({
        day: r.day,
        open: Number(r.open),
        high: Number(r.high),
        low: Number(r.low),
        close: Number(r.close),
        volume: Number(r.volume),
      }));
    },
    candleTupleStats: async () => {
      const r = await one<{ dead: string; updated: string } | undefined>(
        `SELECT n_dead_tup AS dead, n_tup_upd AS updated FROM pg_stat_user_tables WHERE relname = 'ohlcv_data'`,
      );
      return { dead: Number(r?.dead ?? 0), updated: Number(r?.updated ?? 0) };
    },
    seedBatchHistory: async (n) => {
      await db.query(
        `INSERT INTO batch_executions (job_id, batch_type, status, interval, provider, params,
           total_stocks, processed_stocks, successful_stocks, failed_stocks, start_time, end_time,
           created_at)
         SELECT 'job-bench-ui-' || g, 'bulk',
                CASE WHEN g % 50 = 0 THEN 'completed_with_errors' ELSE 'completed' END,
                '1d', 'synthetic', '{"mode": "incremental"}'::jsonb, 4000, 4000,
                CASE WHEN g % 50 = 0 THEN 3990 ELSE 4000 END, CASE WHEN g % 50 = 0 THEN 10 ELSE 0 END,
                now() - make_interval(mins => g), now() - make_interval(mins => g) + interval '3 minutes',
                now() - make_interval(mins => g)
         FROM generate_series(1, $1::int) AS g`,
        [n],
      );
    },
    seedDailyCoverage: async ({ symbols, years, lastDay, chunk = 500 }) => {
      const seconds = (t0: number) => Math.round((performance.now() - t0) / 100) / 10;
      const t0 = performance.now();
      await db.query(
        `INSERT INTO symbols (provider, symbol, name, exchange, asset_class, market_segment, active)
         SELECT 'yahoo', (1000 + g)::text || '.T', 'Bench coverage ' || g, 'TSE', 'equity',
                (ARRAY['Prime', 'Standard', 'Growth'])[1 + g % 3], true
         FROM generate_series(0, $1::int - 1) AS g`,
        [symbols],
      );
      // The deleted week of symbol g starts 14 + (g·53 mod span) days before the last day.
      const span = Math.max(30, years * 365 - 30);
      let candles = 0;
      for (let first = 0; first < symbols; first += chunk) {
        const r = await db.query(
          `INSERT INTO ohlcv_data (source, symbol, interval, ts, open, high, low, close, adj_close, volume)
           SELECT 'yahoo', (1000 + g)::text || '.T', '1d', d AT TIME ZONE 'UTC',
                  p, p * 1.01, p * 0.99, p * 1.002, p * 1.002, 100000 + g
           FROM generate_series($1::int, $2::int) AS g
           CROSS JOIN generate_series((($4::date - make_interval(years => $3::int))::date + 1)::timestamp,
                                      $4::date::timestamp, interval '1 day') AS d
           CROSS JOIN LATERAL (SELECT 1000 + g % 97 + (d::date - date '2000-01-01') % 50 AS p) AS x
           WHERE extract(isodow FROM d) < 6
             AND NOT (g % 10 = 3 AND d::date >= $4::date - 14 - (g * 53) % $5::int
                      AND d::date < $4::date - 7 - (g * 53) % $5::int)
           ORDER BY g, d`,
          [first, Math.min(symbols, first + chunk) - 1, years, lastDay, span],
        );
        candles += r.rowCount;
      }
      const insert_s = seconds(t0);
      const t1 = performance.now();
      await db.query('BEGIN');
      try {
        for (const sql of PRESENCE_REBUILD_SQL) await db.query(sql, [null]);
        await db.query('COMMIT');
      } catch (error) {
        await db.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      const presence_s = seconds(t1);
      const t2 = performance.now();
      await db.query(`ANALYZE symbols, ohlcv_data, ohlcv_daily_presence`);
      const presence = await one<{ n: string }>(
        `SELECT count(*) AS n FROM ohlcv_daily_presence WHERE source = 'yahoo'`,
      );
      return {
        symbols,
        candles,
        symbols_with_hole: Math.floor((symbols + 6) / 10),
        presence_rows: Number(presence.n),
        insert_s,
        presence_s,
        analyze_s: seconds(t2),
      };
    },
    seedDailyPresence: async (source, symbols, years) => {
      await db.query(
        `INSERT INTO ohlcv_daily_presence AS p (source, symbol, year, days)
         SELECT $1, s.symbol, extract(year FROM g.d)::smallint,
                bit_or(B'1'::bit(366) >> (extract(doy FROM g.d)::int - 1))
         FROM unnest($2::text[]) WITH ORDINALITY AS s(symbol, r)
         CROSS JOIN generate_series(current_date - make_interval(years => $3::int),
                                    current_date - 1, interval '1 day') AS g(d)
         WHERE extract(isodow FROM g.d) < 6
           AND (s.r * 7919 + (g.d::date - date '2000-01-01')::bigint * 104729) % 1000 >= 8
           AND NOT (s.r % 23 = 0 AND g.d::date - (current_date - 400) BETWEEN 0 AND 59)
         GROUP BY 1, 2, 3
         ON CONFLICT (source, symbol, year) DO UPDATE SET days = p.days | EXCLUDED.days`,
        [source, symbols, years],
      );
    },
    anyBatchId: async () => {
      const r = await one<{ id: number } | undefined>(
        `SELECT id FROM batch_executions ORDER BY id LIMIT 1`,
      );
      return r?.id ?? null;
    },
    rawCandleRange: async (source, symbol, limit) =>
      (
        await db.query(
          `SELECT ts, open, high, low, close, adj_close, volume FROM ohlcv_data
           WHERE source = $1 AND symbol = $2 AND interval = '1d' ORDER BY ts LIMIT $3`,
          [source, symbol, limit],
        )
      ).rowCount,
    rawWeeklyResample: async (source, symbol) =>
      (
        await db.query(
          `SELECT date_bin(INTERVAL '7 days', ts, TIMESTAMPTZ '2000-01-03 00:00:00+00') AS b,
                  (array_agg(open ORDER BY ts))[1] AS open, max(high), min(low),
                  (array_agg(close ORDER BY ts DESC))[1] AS close, sum(volume)
           FROM ohlcv_data WHERE source = $1 AND symbol = $2 AND interval = '1d' GROUP BY 1 ORDER BY 1`,
          [source, symbol],
        )
      ).rowCount,
    copyCandlesIntoScratchTable: async (chunks) => {
      await db.query(`DROP TABLE IF EXISTS bench_copy_ohlcv`);
      await db.query(
        `CREATE TABLE bench_copy_ohlcv (LIKE ohlcv_data INCLUDING DEFAULTS, PRIMARY KEY (source, symbol, interval, ts))`,
      );
      const t0 = performance.now();
      await pipeline(
        Readable.from(chunks),
        db.copyFrom(
          `COPY bench_copy_ohlcv (source, symbol, interval, ts, open, high, low, close, adj_close, volume) FROM STDIN`,
        ),
      );
      const seconds = (performance.now() - t0) / 1000;
      await db.query(`DROP TABLE bench_copy_ohlcv`);
      return seconds;
    },
    close: () => db.end(),
  };
}

/** What `LockWaitSampler.stop()` reports: how often backends of the database waited on a lock. */
export interface LockWaitReport {
  samples: number;
  interval_ms: number;
  /** Samples in which at least one backend waited on a heavyweight lock (wait_event_type 'Lock'). */
  samples_with_lock_wait: number;
  /** Samples in which a backend waited on a lock while writing batch rows (batch_executions). */
  samples_with_batch_row_lock_wait: number;
  /** The most backends seen waiting on a lock in one sample. */
  max_backends_waiting: number;
  /** Backends seen active (not idle) per sample, on average: the concurrency actually reached. */
  mean_active_backends: number;
  /** Lock waits by wait_event (transactionid, tuple, relation, …), summed over the samples. */
  by_wait_event: Record<string, number>;
}

export interface LockWaitSampler {
  stop: () => Promise<LockWaitReport>;
}

/**
 * Samples pg_stat_activity of `databaseUrl`'s database every `intervalMs` on a connection of its
 * own (it takes no lock itself), until stop().
 */
export async function startLockWaitSampler(
  databaseUrl: string,
  intervalMs = 50,
): Promise<LockWaitSampler> {
  const db = new SqlClient({
    connectionString: databaseUrl,
    applicationName: 'bench-lock-sampler',
  });
  await db.connect();
  const report: LockWaitReport = {
    samples: 0,
    interval_ms: intervalMs,
    samples_with_lock_wait: 0,
    samples_with_batch_row_lock_wait: 0,
    max_backends_waiting: 0,
    mean_active_backends: 0,
    by_wait_event: {},
  };
  let activeSum = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await db.query<{
        state: string | null;
        wait_event_type: string | null;
        wait_event: string | null;
        batch_row: boolean;
      }>(
        // A backend waits on a batch row when it waits on a lock while holding (or queueing for)
        // a tuple lock of batch_executions: the row-lock protocol takes the tuple lock first.
        // (Matching the query text would also count statements that only read that table.)
        `SELECT a.state, a.wait_event_type, a.wait_event,
                a.wait_event_type = 'Lock' AND EXISTS (
                  SELECT 1 FROM pg_locks l
                  WHERE l.pid = a.pid AND l.relation = 'batch_executions'::regclass
                    AND (l.locktype = 'tuple' OR NOT l.granted)) AS batch_row
         FROM pg_stat_activity a
         WHERE a.datname = current_database() AND a.pid <> pg_backend_pid()
           AND a.backend_type = 'client backend'`,
      );
      const waiting = rows.filter((r) => r.wait_event_type === 'Lock');
      report.samples += 1;
      activeSum += rows.filter(
        (r) => r.state === 'active' || r.state?.startsWith('idle in'),
      ).length;
      if (waiting.length > 0) report.samples_with_lock_wait += 1;
      if (waiting.some((r) => r.batch_row)) report.samples_with_batch_row_lock_wait += 1;
      report.max_backends_waiting = Math.max(report.max_backends_waiting, waiting.length);
      for (const r of waiting) {
        const key = r.wait_event ?? 'unknown';
        report.by_wait_event[key] = (report.by_wait_event[key] ?? 0) + 1;
      }
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      await db.end();
      report.mean_active_backends =
        report.samples === 0 ? 0 : Math.round((activeSum / report.samples) * 10) / 10;
      return report;
    },
  };
}

/** Drops a database (terminating its connections) if it exists; for the bench's own database. */
export async function dropDatabaseIfExists(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  url.pathname = '/postgres';
  const admin = await SqlClient.connect(url.toString());
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
