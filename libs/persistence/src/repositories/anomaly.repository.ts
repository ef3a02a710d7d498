import { Injectable } from '@nestjs/common';
import { Database, Tx } from '../database/transaction';
import type { AnomalyKind } from '../domain/alert-model';

/** One finding to record: `ts` is the candle (or session) it is about. */
export interface NewAnomaly {
  source: string;
  symbol: string;
  interval: string;
  kind: AnomalyKind;
  ts: Date;
  batchExecutionId?: number | null;
  details?: Record<string, unknown>;
}

export interface AnomalyRecord {
  id: string;
  source: string;
  symbol: string;
  interval: string;
  kind: AnomalyKind;
  ts: Date;
  detectedAt: Date;
  batchExecutionId: number | null;
  details: Record<string, unknown>;
}

export interface AnomalyFilter {
  source?: string;
  symbol?: string;
  interval?: string;
  kind?: string[];
  /** `ts` in [from, to). */
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

/** Anomalies of one (source, symbol) detected in a window: what a data_anomaly rule fires on. */
export interface AnomalySubject {
  source: string;
  symbol: string;
  count: number;
  kinds: string[];
  lastDetectedAt: Date;
  /** The newest finding's candle time and kind. */
  lastTs: Date;
  lastKind: string;
}

const COLUMNS = `id::text AS id, source, symbol, interval, kind, ts, detected_at AS "detectedAt",
  batch_execution_id AS "batchExecutionId", details`;

/**
 * `data_anomalies`: what ingest (issue 15) finds wrong in a series, one row per
 * (source, symbol, interval, kind, ts). Recording the same finding again changes nothing and is
 * not returned, so whoever records tells the alert evaluator about new findings only.
 */
@Injectable()
export class AnomalyRepository {
  constructor(private readonly db: Database) {}

  /** Inserts the new findings (ON CONFLICT DO NOTHING) and returns those that were new. */
  async record(rows: NewAnomaly[], tx: Tx | null = null): Promise<AnomalyRecord[]> {
    if (rows.length === 0) return [];
    return this.db.rows<AnomalyRecord>(
      tx,
      `INSERT INTO data_anomalies (source, symbol, interval, kind, ts, batch_execution_id, details)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[],
                            $6::int[], $7::jsonb[])
       ON CONFLICT (source, symbol, interval, kind, ts) DO NOTHING
       RETURNING ${COLUMNS}`,
      [
        rows.map((r) => r.source),
        rows.map((r) => r.symbol),
        rows.map((r) => r.interval),
        rows.map((r) => r.kind),
        rows.map((r) => r.ts),
        rows.map((r) => r.batchExecutionId ?? null),
        rows.map((r) => JSON.stringify(r.details ?? {})),
      ],
    );
  }

  /** Newest first (by `ts`, then id), with the total of the filter. */
  async list(filter: AnomalyFilter): Promise<{ items: AnomalyRecord[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown): void => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.source) add('source = ?', filter.source);
    if (filter.symbol) add('symbol = ?', filter.symbol);
    if (filter.interval) add('interval = ?', filter.interval);
    if (filter.kind?.length) add('kind = ANY(?::text[])', filter.kind);
    if (filter.from) add('ts >= ?', filter.from);
    if (filter.to) add('ts < ?', filter.to);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.db.rows<{ total: number }>(
      null,
      `SELECT count(*)::int AS total FROM data_anomalies ${clause}`,
      params,
    );
    const items = await this.db.rows<AnomalyRecord>(
      null,
      `SELECT ${COLUMNS} FROM data_anomalies ${clause}
       ORDER BY ts DESC, id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    return { items, total };
  }

  /**
   * Per (source, symbol): the findings of `kinds` (all when null) detected at or after `since`,
   * limited to `subjects` when given (the series an event named).
   */
  async subjectsSince(
    since: Date,
    kinds: readonly string[] | null,
    subjects: { source: string; symbol: string }[] | null,
  ): Promise<AnomalySubject[]> {
    return this.db.rows<AnomalySubject>(
      null,
      `SELECT source, symbol, count(*)::int AS count, array_agg(DISTINCT kind ORDER BY kind) AS kinds,
              max(detected_at) AS "lastDetectedAt",
              (array_agg(ts ORDER BY detected_at DESC, id DESC))[1] AS "lastTs",
              (array_agg(kind ORDER BY detected_at DESC, id DESC))[1] AS "lastKind"
       FROM data_anomalies
       WHERE detected_at >= $1
         AND ($2::text[] IS NULL OR kind = ANY($2::text[]))
         AND ($3::text[] IS NULL OR (source, symbol) IN (
               SELECT * FROM unnest($3::text[], $4::text[])))
       GROUP BY source, symbol ORDER BY source, symbol`,
      [
        since,
        kinds ? [...kinds] : null,
        subjects ? subjects.map((s) => s.source) : null,
        subjects ? subjects.map((s) => s.symbol) : null,
      ],
    );
  }
}
