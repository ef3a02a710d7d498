import { Injectable } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';
import { BATCH_COLUMNS, BatchRecord, DETAIL_COLUMNS, DetailKey, DetailRecord } from './batch-rows';

export interface NewBatch {
  jobId: string;
  batchType: string;
  interval: string;
  provider: string;
  params: Record<string, unknown>;
  symbols: string[];
  /** Set for a batch started by a schedule: at most one batch per (schedule, tick). */
  schedule?: { id: number; tick: Date };
  /** Webhook targets in force at creation, notified when the batch ends. */
  webhookUrls?: string[];
}

export interface BatchListFilter {
  status?: string[];
  batchType?: string;
  provider?: string;
  createdFrom?: Date;
  createdTo?: Date;
  scheduleId?: number;
  limit: number;
  offset: number;
}

/** Why a job did no work: the batch is not running, or the symbol already ended. */
export type BeginResult =
  | { run: true; attempts: number }
  | { run: false; batchStatus: string | null; detailStatus: string | null };

export interface OutcomeResult {
  /** False when the symbol had already ended (or the batch stopped): nothing was written or counted. */
  counted: boolean;
  batchStatus: string | null;
  recordsInserted: number;
  /** Webhook deliveries this outcome created (it ended the batch): enqueue them after commit. */
  deliveryIds: string[];
}

const OPEN = `('pending','queued','running')`;
/** Batch statuses in which a symbol's outcome is still recorded. */
const RECORDING = `('running','paused')`;

/**
 * The only door to batches and their details. Every status change is a conditional UPDATE,
 * so concurrent API calls, workers and the reconciler cannot break the state machine, and the
 * batch counters move only when a detail reaches a terminal status (exactly once).
 */
@Injectable()
export class BatchRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts the batch (running) and one queued detail per symbol, in one transaction, before the
   * jobs are enqueued: if the enqueue never happens (process died), the reconciler finds open
   * details without jobs and enqueues them; if it fails, the caller marks the batch failed.
   */
  async create(batch: NewBatch): Promise<{ batch: BatchRecord; details: DetailKey[] }> {
    return this.transaction(async (qr) => {
      const [row]: BatchRecord[] = await this.rows(
        qr,
        `INSERT INTO batch_executions (job_id, batch_type, status, interval, provider, params, total_stocks, start_time, schedule_id, scheduled_for, webhook_urls)
         VALUES ($1, $2, 'running', $3, $4, $5, $6, now(), $7, $8, $9::text[]) RETURNING ${BATCH_COLUMNS}`,
        [
          batch.jobId,
          batch.batchType,
          batch.interval,
          batch.provider,
          batch.params,
          batch.symbols.length,
          batch.schedule?.id ?? null,
          batch.schedule?.tick ?? null,
          batch.webhookUrls ?? [],
        ],
      );
      const details: DetailKey[] = await this.rows(
        qr,
        `INSERT INTO batch_execution_details (batch_execution_id, stock_code, status)
         SELECT $1, s, 'queued' FROM unnest($2::text[]) AS s
         RETURNING id::text AS id, stock_code AS "stockCode", retry_round AS "retryRound"`,
        [row.id, batch.symbols],
      );
      return { batch: row, details };
    });
  }

  async findById(id: number): Promise<BatchRecord | null> {
    const rows: BatchRecord[] = await this.rows(
      null,
      `SELECT ${BATCH_COLUMNS} FROM batch_executions WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async findByJobId(jobId: string): Promise<BatchRecord | null> {
    const rows: BatchRecord[] = await this.rows(
      null,
      `SELECT ${BATCH_COLUMNS} FROM batch_executions WHERE job_id = $1`,
      [jobId],
    );
    return rows[0] ?? null;
  }

  /** The batch a schedule started for one tick, if any. */
  async findByScheduleTick(scheduleId: number, tick: Date): Promise<BatchRecord | null> {
    const rows: BatchRecord[] = await this.rows(
      null,
      `SELECT ${BATCH_COLUMNS} FROM batch_executions WHERE schedule_id = $1 AND scheduled_for = $2`,
      [scheduleId, tick],
    );
    return rows[0] ?? null;
  }

  async list(filter: BatchListFilter): Promise<{ items: BatchRecord[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown): void => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.status?.length) add('status = ANY(?::text[])', filter.status);
    if (filter.batchType) add('batch_type = ?', filter.batchType);
    if (filter.provider) add('provider = ?', filter.provider);
    if (filter.createdFrom) add('created_at >= ?', filter.createdFrom);
    if (filter.createdTo) add('created_at < ?', filter.createdTo);
    if (filter.scheduleId !== undefined) add('schedule_id = ?', filter.scheduleId);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }]: { total: number }[] = await this.rows(
      null,
      `SELECT count(*)::int AS total FROM batch_executions ${clause}`,
      params,
    );
    const items: BatchRecord[] = await this.rows(
      null,
      `SELECT ${BATCH_COLUMNS} FROM batch_executions ${clause}
       ORDER BY created_at DESC, id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    return { items, total };
  }

  async details(
    batchId: number,
    filter: { status?: string[]; limit: number; offset: number },
  ): Promise<{ items: DetailRecord[]; total: number }> {
    const params: unknown[] = [batchId];
    let clause = 'WHERE batch_execution_id = $1';
    if (filter.status?.length) {
      params.push(filter.status);
      clause += ' AND status = ANY($2::text[])';
    }
    const [{ total }]: { total: number }[] = await this.rows(
      null,
      `SELECT count(*)::int AS total FROM batch_execution_details ${clause}`,
      params,
    );
    const items: DetailRecord[] = await this.rows(
      null,
      `SELECT ${DETAIL_COLUMNS} FROM batch_execution_details ${clause}
       ORDER BY id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    return { items, total };
  }

  /** Details whose jobs were (re-)enqueued: pending → queued. */
  async markQueued(detailIds: string[]): Promise<void> {
    if (detailIds.length === 0) return;
    await this.rows(
      null,
      `UPDATE batch_execution_details SET status = 'queued' WHERE id = ANY($1::bigint[]) AND status = 'pending'`,
      [detailIds],
    );
  }

  /**
   * Compensates a start whose jobs could not be enqueued: the batch and (by cascade) its details
   * are deleted in one statement, so a request answered 503 leaves nothing behind. Only a batch
   * no symbol has started yet (a job enqueued before the failure may have begun one: then the
   * batch stays and the reconciler finishes it). Returns whether it was deleted.
   */
  async discard(batchId: number): Promise<boolean> {
    const rows: unknown[] = await this.rows(
      null,
      `DELETE FROM batch_executions b WHERE b.id = $1 AND NOT EXISTS (
         SELECT 1 FROM batch_execution_details d
         WHERE d.batch_execution_id = b.id AND d.status NOT IN ('queued','pending'))
       RETURNING b.id`,
      [batchId],
    );
    return rows.length > 0;
  }

  /**
   * Ends a batch as failed (e.g. its jobs could not be enqueued); open details are cancelled and
   * its webhook deliveries created, in one transaction.
   */
  async fail(
    batchId: number,
    message: string,
  ): Promise<{ failed: boolean; deliveryIds: string[] }> {
    return this.transaction(async (qr) => {
      const rows: unknown[] = await this.rows(
        qr,
        `UPDATE batch_executions SET status = 'failed', end_time = now(), error_message = $2
         WHERE id = $1 AND status IN ('pending','running','paused') RETURNING id`,
        [batchId, message],
      );
      if (rows.length === 0) return { failed: false, deliveryIds: [] };
      await this.cancelOpen(qr, batchId);
      return { failed: true, deliveryIds: await this.createDeliveries(qr, batchId) };
    });
  }

  /**
   * Stops a batch: status stopped and every open detail cancelled, in one transaction. A worker's
   * outcome transaction updates the batch row (re-checking its status) before the symbol's row,
   * in the same lock order as this, so once this commits nothing more is written or counted for
   * the batch, and the two never deadlock. Returns the cancelled details and the
   * webhook deliveries created in the same transaction.
   */
  async stop(
    batchId: number,
  ): Promise<{ stopped: boolean; cancelled: DetailKey[]; deliveryIds: string[] }> {
    return this.transaction(async (qr) => {
      const rows: unknown[] = await this.rows(
        qr,
        `UPDATE batch_executions SET status = 'stopped', end_time = now()
         WHERE id = $1 AND status IN ('pending','running','paused','stopping') RETURNING id`,
        [batchId],
      );
      if (rows.length === 0) return { stopped: false, cancelled: [], deliveryIds: [] };
      const cancelled = await this.cancelOpen(qr, batchId);
      return { stopped: true, cancelled, deliveryIds: await this.createDeliveries(qr, batchId) };
    });
  }

  /** running|pending → paused; queued details go back to pending (their jobs are removed). */
  async pause(batchId: number): Promise<{ paused: boolean; requeue: DetailKey[] }> {
    return this.transaction(async (qr) => {
      const rows: unknown[] = await this.rows(
        qr,
        `UPDATE batch_executions SET status = 'paused' WHERE id = $1 AND status IN ('pending','running') RETURNING id`,
        [batchId],
      );
      if (rows.length === 0) return { paused: false, requeue: [] };
      const requeue: DetailKey[] = await this.rows(
        qr,
        `UPDATE batch_execution_details SET status = 'pending'
         WHERE batch_execution_id = $1 AND status = 'queued'
         RETURNING id::text AS id, stock_code AS "stockCode", retry_round AS "retryRound"`,
        [batchId],
      );
      return { paused: true, requeue };
    });
  }

  /** paused → running; returns the open details to enqueue again. */
  async resume(batchId: number): Promise<{ resumed: boolean; open: DetailKey[] }> {
    return this.transaction(async (qr) => {
      const rows: unknown[] = await this.rows(
        qr,
        `UPDATE batch_executions SET status = 'running', start_time = coalesce(start_time, now())
         WHERE id = $1 AND status = 'paused' RETURNING id`,
        [batchId],
      );
      if (rows.length === 0) return { resumed: false, open: [] };
      return { resumed: true, open: await this.openDetails(qr, batchId) };
    });
  }

  /**
   * Failed details start a new round (pending, round + 1) and leave the counters; the batch runs
   * again. Allowed while running or paused and after completed_with_errors or failed.
   */
  async retryFailed(batchId: number): Promise<{ allowed: boolean; retried: DetailKey[] }> {
    return this.transaction(async (qr) => {
      const [batch]: { status: string }[] = await this.rows(
        qr,
        `SELECT status FROM batch_executions WHERE id = $1 FOR UPDATE`,
        [batchId],
      );
      if (
        !batch ||
        !['running', 'paused', 'completed_with_errors', 'failed'].includes(batch.status)
      ) {
        return { allowed: false, retried: [] };
      }
      const retried: DetailKey[] = await this.rows(
        qr,
        `UPDATE batch_execution_details
         SET status = 'pending', retry_round = retry_round + 1, attempts = 0, error_message = NULL,
             start_time = NULL, end_time = NULL
         WHERE batch_execution_id = $1 AND status = 'failed'
         RETURNING id::text AS id, stock_code AS "stockCode", retry_round AS "retryRound"`,
        [batchId],
      );
      if (retried.length === 0) return { allowed: true, retried };
      await this.rows(
        qr,
        `UPDATE batch_executions
         SET processed_stocks = processed_stocks - $2, failed_stocks = failed_stocks - $2,
             status = CASE WHEN status = 'paused' THEN 'paused' ELSE 'running' END,
             end_time = NULL, error_message = NULL
         WHERE id = $1`,
        [batchId, retried.length],
      );
      return { allowed: true, retried };
    });
  }

  /**
   * A worker starts a symbol: the detail becomes running (attempts + 1) only while the batch runs
   * and the symbol is still open. One statement, so it also is the "should I work?" check.
   */
  async beginSymbol(detailId: string): Promise<BeginResult> {
    const rows: { attempts: number }[] = await this.rows(
      null,
      `UPDATE batch_execution_details d
       SET status = 'running', attempts = d.attempts + 1, start_time = coalesce(d.start_time, now())
       FROM batch_executions b
       WHERE d.id = $1 AND b.id = d.batch_execution_id AND b.status = 'running' AND d.status IN ${OPEN}
       RETURNING d.attempts`,
      [detailId],
    );
    if (rows.length > 0) return { run: true, attempts: rows[0].attempts };
    const [state]: { batchStatus: string; detailStatus: string }[] = await this.rows(
      null,
      `SELECT b.status AS "batchStatus", d.status AS "detailStatus"
       FROM batch_execution_details d JOIN batch_executions b ON b.id = d.batch_execution_id WHERE d.id = $1`,
      [detailId],
    );
    return {
      run: false,
      batchStatus: state?.batchStatus ?? null,
      detailStatus: state?.detailStatus ?? null,
    };
  }

  /** A job that found its batch paused hands the symbol back (running|queued → pending). */
  async releaseSymbol(detailId: string): Promise<void> {
    await this.rows(
      null,
      `UPDATE batch_execution_details SET status = 'pending' WHERE id = $1 AND status IN ('queued','running')`,
      [detailId],
    );
  }

  /**
   * Records a symbol's success exactly once: `write` stores its rows inside the same transaction,
   * then the batch counters move (only while the batch records outcomes) and the detail moves to
   * succeeded (only from an open status), locking the batch row before the detail row as every
   * other writer of a batch does; if either finds nothing to change, everything rolls back. The batch becomes completed/completed_with_errors in the same statement when
   * processed reaches total, and then its webhook deliveries are created in the same transaction.
   */
  async recordSuccess(
    batchId: number,
    detailId: string,
    write: (qr: QueryRunner) => Promise<number>,
    rejected = 0,
  ): Promise<OutcomeResult> {
    return this.recordOutcome(batchId, detailId, 'succeeded', null, write, rejected);
  }

  /** Records a symbol's final failure exactly once (see recordSuccess). */
  async recordFailure(batchId: number, detailId: string, message: string): Promise<OutcomeResult> {
    return this.recordOutcome(batchId, detailId, 'failed', message.slice(0, 2000), null);
  }

  /**
   * Open details of batches that should be making progress: running batches, and pending ones
   * older than `pendingGraceMs` (the API died between commit and enqueue).
   */
  async openDetailsOfActiveBatches(
    pendingGraceMs: number,
    limit: number,
  ): Promise<(DetailKey & { batchId: number; batchStatus: string })[]> {
    return this.rows(
      null,
      `SELECT d.id::text AS id, d.stock_code AS "stockCode", d.retry_round AS "retryRound",
              b.id AS "batchId", b.status AS "batchStatus"
       FROM batch_executions b
       JOIN batch_execution_details d ON d.batch_execution_id = b.id AND d.status IN ${OPEN}
       WHERE b.status = 'running'
          OR (b.status = 'pending' AND b.created_at < now() - make_interval(secs => $1::double precision / 1000))
       ORDER BY b.id, d.id LIMIT $2`,
      [pendingGraceMs, limit],
    );
  }

  async countByStatus(): Promise<{ status: string; n: number }[]> {
    return this.rows(
      null,
      `SELECT status, count(*)::int AS n FROM batch_executions GROUP BY status`,
    );
  }

  // ---------------------------------------------------------------------------------------------

  private async recordOutcome(
    batchId: number,
    detailId: string,
    status: 'succeeded' | 'failed',
    message: string | null,
    write: ((qr: QueryRunner) => Promise<number>) | null,
    rejected = 0,
  ): Promise<OutcomeResult> {
    const qr = this.dataSource.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    try {
      const recordsInserted = write ? await write(qr) : 0;
      // Locks in the order every other writer of a batch takes them (stop, pause, retry): the
      // batch row first, then the detail row; the opposite order could deadlock with a stop.
      const ok = status === 'succeeded' ? 1 : 0;
      const [batch]: { status: string }[] = await this.rows(
        qr,
        `UPDATE batch_executions SET
           processed_stocks = processed_stocks + 1,
           successful_stocks = successful_stocks + $2,
           failed_stocks = failed_stocks + $3,
           status = CASE WHEN processed_stocks + 1 < total_stocks THEN status
                         WHEN failed_stocks + $3 > 0 THEN 'completed_with_errors'
                         ELSE 'completed' END,
           end_time = CASE WHEN processed_stocks + 1 < total_stocks THEN end_time ELSE now() END
         WHERE id = $1 AND status IN ${RECORDING}
           AND EXISTS (SELECT 1 FROM batch_execution_details
                       WHERE id = $4 AND batch_execution_id = $1 AND status IN ${OPEN})
         RETURNING status`,
        [batchId, ok, 1 - ok, detailId],
      );
      if (!batch) {
        await qr.rollbackTransaction();
        return { counted: false, batchStatus: null, recordsInserted: 0, deliveryIds: [] };
      }
      // The EXISTS above read a snapshot: the conditional UPDATE is what decides, under the lock.
      const detail: unknown[] = await this.rows(
        qr,
        `UPDATE batch_execution_details
         SET status = $2, end_time = now(), error_message = $3, records_inserted = records_inserted + $4,
             rejected_records = rejected_records + $5
         WHERE id = $1 AND status IN ${OPEN} RETURNING id`,
        [detailId, status, message, recordsInserted, rejected],
      );
      if (detail.length === 0) {
        await qr.rollbackTransaction();
        return { counted: false, batchStatus: null, recordsInserted: 0, deliveryIds: [] };
      }
      // The statement above ends the batch at most once (it counts only while recording), so an
      // ending creates exactly one delivery per target, whatever races or retries happen.
      const deliveryIds =
        batch.status === 'completed' || batch.status === 'completed_with_errors'
          ? await this.createDeliveries(qr, batchId)
          : [];
      await qr.commitTransaction();
      return { counted: true, batchStatus: batch.status, recordsInserted, deliveryIds };
    } catch (error) {
      if (qr.isTransactionActive) await qr.rollbackTransaction();
      throw error;
    } finally {
      await qr.release();
    }
  }

  /**
   * The outbox: one webhook delivery per target URL of the batch, with the status it just took.
   * Runs inside the transaction that ends the batch; returns the new delivery ids.
   */
  private async createDeliveries(qr: QueryRunner, batchId: number): Promise<string[]> {
    const rows: { id: string }[] = await this.rows(
      qr,
      `INSERT INTO webhook_deliveries (batch_execution_id, url, batch_status)
       SELECT id, unnest(webhook_urls), status FROM batch_executions WHERE id = $1
       RETURNING id::text AS id`,
      [batchId],
    );
    return rows.map((r) => r.id);
  }

  private async cancelOpen(qr: QueryRunner, batchId: number): Promise<DetailKey[]> {
    return this.rows(
      qr,
      `UPDATE batch_execution_details SET status = 'cancelled', end_time = now()
       WHERE batch_execution_id = $1 AND status IN ${OPEN}
       RETURNING id::text AS id, stock_code AS "stockCode", retry_round AS "retryRound"`,
      [batchId],
    );
  }

  private async openDetails(qr: QueryRunner | null, batchId: number): Promise<DetailKey[]> {
    return this.rows(
      qr,
      `SELECT id::text AS id, stock_code AS "stockCode", retry_round AS "retryRound"
       FROM batch_execution_details WHERE batch_execution_id = $1 AND status IN ${OPEN} ORDER BY id`,
      [batchId],
    );
  }

  /** Rows of a statement (also of UPDATE … RETURNING, which TypeORM's plain query() pairs with a count). */
  private async rows<T>(qr: QueryRunner | null, sql: string, params: unknown[] = []): Promise<T[]> {
    const runner = qr ?? this.dataSource.createQueryRunner();
    try {
      return (await runner.query(sql, params, true)).records as T[];
    } finally {
      if (!qr) await runner.release();
    }
  }

  private async transaction<T>(work: (qr: QueryRunner) => Promise<T>): Promise<T> {
    const qr = this.dataSource.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    try {
      const result = await work(qr);
      await qr.commitTransaction();
      return result;
    } catch (error) {
      if (qr.isTransactionActive) await qr.rollbackTransaction();
      throw error;
    } finally {
      await qr.release();
    }
  }
}
