import { Injectable } from '@nestjs/common';
import { Database } from '../database/transaction';
import {
  sqlStatus,
  sqlStatusList,
  TERMINAL_BATCH_STATUSES,
  WORKING_BATCH_STATUS,
} from '../domain/batch-lifecycle';
import { BATCH_COLUMNS, BATCH_FROM, BatchRecord } from './batch-rows';

const TERMINAL = sqlStatusList(TERMINAL_BATCH_STATUSES);
const WORKING = sqlStatus(WORKING_BATCH_STATUS);
const SUCCEEDED = sqlStatus('succeeded');
const FAILED = sqlStatus('failed');

/** A batch with exact counters and the time of its last sign of work. */
export interface BatchSignal extends BatchRecord {
  /** The latest of its start, and of any symbol's start or outcome. */
  lastActivity: Date;
}

/** The newest outcomes of one symbol from one provider, newest first. */
export interface SymbolOutcomes {
  symbol: string;
  statuses: ('succeeded' | 'failed')[];
  batchIds: number[];
}

/** Fetch attempts of a provider whose symbols reached an outcome in a window. */
export interface ProviderAttempts {
  provider: string;
  attempts: number;
  /** Attempts that did not give the symbol's success (every attempt of a failed symbol). */
  errors: number;
  outcomes: number;
}

/** The newest candle of one series. */
export interface LatestCandle {
  source: string;
  symbol: string;
  ts: Date;
  /** The registry's exchange of (source, symbol), when the registry holds it. */
  exchange: string | null;
}

/**
 * Read-only queries the alert evaluator decides on: batches and their activity, a symbol's last
 * outcomes, providers' error ratios, the newest candle of series. Every query reaches the big
 * tables through their keys (batch id, (batch, symbol), (symbol, interval, ts)).
 */
@Injectable()
export class AlertSignalsRepository {
  constructor(private readonly db: Database) {}

  /** Batches by id, with exact counters and their last activity. */
  async batches(ids: number[]): Promise<BatchSignal[]> {
    if (ids.length === 0) return [];
    return this.db.rows<BatchSignal>(
      null,
      `SELECT ${BATCH_COLUMNS},
              greatest(b.start_time, b.created_at, act.started, act.ended) AS "lastActivity"
       FROM ${BATCH_FROM}
       LEFT JOIN LATERAL (
         SELECT max(d.start_time) AS started, max(d.end_time) AS ended
         FROM batch_execution_details d WHERE d.batch_execution_id = b.id
       ) act ON true
       WHERE b.id = ANY($1::int[]) ORDER BY b.id`,
      [ids],
    );
  }

  /** Ids of the batches that should be making progress (running). */
  async runningBatchIds(limit: number): Promise<number[]> {
    const rows = await this.db.rows<{ id: number }>(
      null,
      `SELECT id FROM batch_executions WHERE status = ${WORKING} ORDER BY id LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id);
  }

  /** Ids of batches that ended at or after `since` (the sweep's catch-up of batch endings). */
  async endedBatchIds(since: Date, limit: number): Promise<number[]> {
    const rows = await this.db.rows<{ id: number }>(
      null,
      `SELECT id FROM batch_executions WHERE status IN ${TERMINAL} AND end_time >= $1
       ORDER BY end_time, id LIMIT $2`,
      [since, limit],
    );
    return rows.map((r) => r.id);
  }

  /** The symbols of a batch whose outcome is `failed` (through the (batch, status) index). */
  async failedSymbolsOf(batchId: number): Promise<string[]> {
    const rows = await this.db.rows<{ symbol: string }>(
      null,
      `SELECT stock_code AS symbol FROM batch_execution_details
       WHERE batch_execution_id = $1 AND status = ${FAILED} ORDER BY id`,
      [batchId],
    );
    return rows.map((r) => r.symbol);
  }

  /**
   * The last `count` outcomes (succeeded or failed; cancelled symbols are no outcome) of each
   * symbol in batches of `provider`, newest batch first. Walks batches newest first through the
   * unique (batch, symbol) index, so a symbol costs about `count` index probes when it is in
   * every recent batch.
   */
  async lastOutcomes(
    provider: string,
    symbols: string[],
    count: number,
  ): Promise<SymbolOutcomes[]> {
    if (symbols.length === 0) return [];
    return this.db.rows<SymbolOutcomes>(
      null,
      `SELECT s.symbol, array_agg(x.status ORDER BY x.batch_id DESC) AS statuses,
              array_agg(x.batch_id ORDER BY x.batch_id DESC) AS "batchIds"
       FROM unnest($2::text[]) AS s(symbol)
       CROSS JOIN LATERAL (
         SELECT d.status, b.id AS batch_id
         FROM batch_executions b
         JOIN batch_execution_details d ON d.batch_execution_id = b.id AND d.stock_code = s.symbol
         WHERE b.provider = $1 AND d.status IN (${SUCCEEDED}, ${FAILED})
         ORDER BY b.id DESC LIMIT $3
       ) x
       GROUP BY s.symbol ORDER BY s.symbol`,
      [provider, symbols, count],
    );
  }

  /**
   * Per provider, the attempts of the symbols whose outcome came at or after `since` (batches
   * still running, or ended since then).
   */
  async providerAttempts(since: Date): Promise<ProviderAttempts[]> {
    return this.db.rows<ProviderAttempts>(
      null,
      `SELECT b.provider, sum(d.attempts)::int AS attempts,
              sum(CASE WHEN d.status = ${SUCCEEDED} THEN greatest(d.attempts - 1, 0)
                       ELSE d.attempts END)::int AS errors,
              count(*)::int AS outcomes
       FROM batch_executions b
       JOIN batch_execution_details d ON d.batch_execution_id = b.id
       WHERE (b.status NOT IN ${TERMINAL} OR b.end_time >= $1)
         AND d.status IN (${SUCCEEDED}, ${FAILED}) AND d.end_time >= $1
       GROUP BY b.provider ORDER BY b.provider`,
      [since],
    );
  }

  /**
   * The newest candle of `interval` for each series (source, symbol): of `symbols` when given
   * (from `source`, or from every source holding them), else of every stored series. Distinct
   * sources and (source, symbol) pairs are found by skipping along the primary key
   * (source, symbol, interval, ts), one index probe each, never by scanning the table; series
   * with no candle of the interval are left out. Each comes with the registry's exchange.
   */
  async latestCandles(
    interval: string,
    source: string | null,
    symbols: string[] | null,
  ): Promise<LatestCandle[]> {
    const latest = `CROSS JOIN LATERAL (
         SELECT o.ts FROM ohlcv_data o
         WHERE o.source = s.source AND o.symbol = s.symbol AND o.interval = $1
         ORDER BY o.ts DESC LIMIT 1) l
       LEFT JOIN symbols sy ON sy.provider = s.source AND sy.symbol = s.symbol`;
    if (symbols) {
      return this.db.rows<LatestCandle>(
        null,
        `WITH RECURSIVE src(source) AS (
           (SELECT source FROM ohlcv_data ORDER BY source LIMIT 1)
           UNION ALL
           SELECT (SELECT o.source FROM ohlcv_data o WHERE o.source > src.source
                   ORDER BY o.source LIMIT 1)
           FROM src WHERE src.source IS NOT NULL
         ), s AS (
           SELECT src.source, sym.symbol FROM src CROSS JOIN unnest($3::text[]) AS sym(symbol)
           WHERE src.source IS NOT NULL AND ($2::text IS NULL OR src.source = $2)
         )
         SELECT s.source, s.symbol, l.ts, sy.exchange FROM s ${latest} ORDER BY s.source, s.symbol`,
        [interval, source, symbols],
      );
    }
    return this.db.rows<LatestCandle>(
      null,
      `WITH RECURSIVE s(source, symbol) AS (
         (SELECT source, symbol FROM ohlcv_data WHERE ($2::text IS NULL OR source = $2)
          ORDER BY source, symbol LIMIT 1)
         UNION ALL
         SELECT n.source, n.symbol FROM s CROSS JOIN LATERAL (
           SELECT o.source, o.symbol FROM ohlcv_data o
           WHERE (o.source, o.symbol) > (s.source, s.symbol) AND ($2::text IS NULL OR o.source = $2)
           ORDER BY o.source, o.symbol LIMIT 1) n
       )
       SELECT s.source, s.symbol, l.ts, sy.exchange FROM s ${latest} ORDER BY s.source, s.symbol`,
      [interval, source],
    );
  }
}
