import { Injectable } from '@nestjs/common';
import { DatabaseUnavailableError, UniqueViolationError } from '../database/database-errors';
import { Database, Tx } from '../database/transaction';
import {
  BATCH_TRANSITIONS,
  canTransition,
  COMPLETED_BATCH_STATUSES,
  OPEN_DETAIL_STATUSES,
  RECORDING_BATCH_STATUSES,
  sqlStatus,
  sqlStatusList,
  WORKING_BATCH_STATUS,
} from '../domain/batch-lifecycle';
import {
  BATCH_BY_ID_SQL,
  BATCH_COLUMNS,
  BATCH_FROM,
  BATCH_STORED_COLUMNS,
  BatchRecord,
  DETAIL_COLUMNS,
  DetailKey,
  DetailRecord,
} from './batch-rows';
import type { RefetchRequest, SeriesRefetch } from '../domain/series-refetch';
import { FetchRecord, LedgerInsert, ledgerInsertSql, ledgerParams } from './fetch-ledger-sql';
import { presenceUpsertSql } from './daily-presence-sql';
import { CandleRow, OHLCV_UPSERT, OhlcvRepository, SMALL_CANDLE_WRITE } from './ohlcv.repository';

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
  /** Only these batches (the dashboard's live rows). */
  ids?: number[];
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

/** One symbol's outcome, as recorded by recordOutcomes with others of its group. */
export interface OutcomeInput {
  batchId: number;
  detailId: string;
  status: 'succeeded' | 'failed';
  message: string | null;
  rejected: number;
  /**
   * The symbol also begins with this outcome (its job fetched before its begin was flushed): it is
   * recorded only while the batch is running, like beginSymbol, and counts the attempt.
   */
  begin?: boolean;
  /** The candles a success stores (counted in records_inserted). */
  candles?: { source: string; symbol: string; interval: string; rows: CandleRow[] };
  /**
   * Other rows a success stores in the outcome's transaction (funding rates, open interest,
   * corporate actions); answers how many count in records_inserted.
   */
  write?: (tx: Tx) => Promise<number>;
  /**
   * What `write` locks (e.g. `source|symbol|interval`): a group runs its writes in this order, so
   * two groups writing the same series cannot deadlock.
   */
  lockKey?: string;
  /**
   * `candles` are the series' whole history fetched again: after storing them the outcome puts
   * the rest of the stored series on their basis (OhlcvRepository.rebase) and records on the
   * detail why and what changed (`refetch`). Always a transaction path (never the one statement).
   */
  refetch?: RefetchRequest;
  /**
   * The fetches a success made (one per range asked of the provider): inserted into fetch_ledger
   * by the same statement or transaction that records the outcome, only when it counts.
   */
  fetched?: FetchRecord[];
}

/** The ledger rows of these outcomes. */
function ledgerRows(items: OutcomeInput[]): LedgerInsert[] {
  return items.flatMap((item) =>
    (item.fetched ?? []).map((fetch) => ({
      detailId: item.detailId,
      batchId: item.batchId,
      fetch,
    })),
  );
}

/** One outcome as writeOutcomes answers it (before any batch is ended). */
export interface WrittenOutcome {
  /** False when the symbol had already ended (or the batch stopped): nothing was written or counted. */
  counted: boolean;
  recordsInserted: number;
  /** The last counted item of its batch in the group: call finishIfDone after it. */
  mayEnd: boolean;
}

export interface OutcomeResult {
  /** False when the symbol had already ended (or the batch stopped): nothing was written or counted. */
  counted: boolean;
  batchStatus: string | null;
  recordsInserted: number;
  /** Webhook deliveries this outcome created (it ended the batch): enqueue them after commit. */
  deliveryIds: string[];
}

// SQL fragments of the state machine (libs/persistence/src/domain/batch-lifecycle.ts).
const OPEN = sqlStatusList(OPEN_DETAIL_STATUSES);
/** Batch statuses in which a symbol's outcome is still recorded. */
const RECORDING = sqlStatusList(RECORDING_BATCH_STATUSES);
const WORKING = sqlStatus(WORKING_BATCH_STATUS);
const T = BATCH_TRANSITIONS;
/** Unique index of job_id; and of (schedule_id, scheduled_for): one batch per schedule tick. */
const JOB_ID_KEY = 'batch_executions_job_id_key';
const SCHEDULE_TICK_KEY = 'batch_executions_schedule_tick_key';

/** Another batch already has this `job-<ms>` id (two starts in the same millisecond). */
export class JobIdTakenError extends Error {
  constructor(jobId: string, options?: { cause?: unknown }) {
    super(`job id ${jobId} is taken`, options);
    this.name = 'JobIdTakenError';
  }
}

/** The schedule's tick already started its batch. */
export class ScheduleTickTakenError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('this schedule tick already started a batch', options);
    this.name = 'ScheduleTickTakenError';
  }
}

/** Succeeded (ok) and failed (ko) symbols of batch $1, counted from its details. */
const COUNTS = `SELECT count(*) FILTER (WHERE status = ${sqlStatus('succeeded')})::int AS ok,
         count(*) FILTER (WHERE status = ${sqlStatus('failed')})::int AS ko
  FROM batch_execution_details WHERE batch_execution_id = $1
    AND status IN (${sqlStatus('succeeded')}, ${sqlStatus('failed')})`;

/**
 * The only door to batches and their details. Every status change is a conditional UPDATE,
 * so concurrent API calls, workers and the reconciler cannot break the state machine. A symbol's
 * outcome updates only its own detail row (no row shared by a batch's outcomes, so they commit in
 * parallel); progress is counted from the details on read while a batch runs, and stored in the
 * batch row by the transaction that ends it.
 */
@Injectable()
export class BatchRepository {
  constructor(
    private readonly db: Database,
    private readonly ohlcv: OhlcvRepository,
  ) {}

  /**
   * Inserts the batch (running) and one queued detail per symbol, in one transaction, before the
   * jobs are enqueued: if the enqueue never happens (process died), the reconciler finds open
   * details without jobs and enqueues them; if it fails, the caller marks the batch failed.
   */
  async create(batch: NewBatch): Promise<{ batch: BatchRecord; details: DetailKey[] }> {
    try {
      return await this.insert(batch);
    } catch (error) {
      if (error instanceof UniqueViolationError && error.constraint === JOB_ID_KEY) {
        throw new JobIdTakenError(batch.jobId, { cause: error });
      }
      if (error instanceof UniqueViolationError && error.constraint === SCHEDULE_TICK_KEY) {
        throw new ScheduleTickTakenError({ cause: error });
      }
      throw error;
    }
  }

  private async insert(batch: NewBatch): Promise<{ batch: BatchRecord; details: DetailKey[] }> {
    return this.transaction(async (qr) => {
      const [row]: BatchRecord[] = await this.rows(
        qr,
        `INSERT INTO batch_executions (job_id, batch_type, status, interval, provider, params, total_stocks, start_time, schedule_id, scheduled_for, webhook_urls)
         VALUES ($1, $2, ${sqlStatus(T.create.to)}, $3, $4, $5, $6, now(), $7, $8, $9::text[]) RETURNING ${BATCH_STORED_COLUMNS}`,
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

  /** A prepared statement: the status route (polled by every client of a batch) runs it. */
  async findById(id: number): Promise<BatchRecord | null> {
    const rows: BatchRecord[] = await this.db.prepared(BATCH_BY_ID_SQL, [id]);
    return rows[0] ?? null;
  }

  async findByJobId(jobId: string): Promise<BatchRecord | null> {
    const rows: BatchRecord[] = await this.rows(
      null,
      `SELECT ${BATCH_COLUMNS} FROM ${BATCH_FROM} WHERE b.job_id = $1`,
      [jobId],
    );
    return rows[0] ?? null;
  }

  /** The batch a schedule started for one tick, if any. */
  async findByScheduleTick(scheduleId: number, tick: Date): Promise<BatchRecord | null> {
    const rows: BatchRecord[] = await this.rows(
      null,
      `SELECT ${BATCH_COLUMNS} FROM ${BATCH_FROM} WHERE b.schedule_id = $1 AND b.scheduled_for = $2`,
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
    if (filter.ids !== undefined) add('b.id = ANY(?::int[])', filter.ids);
    if (filter.status?.length) add('b.status = ANY(?::text[])', filter.status);
    if (filter.batchType) add('b.batch_type = ?', filter.batchType);
    if (filter.provider) add('b.provider = ?', filter.provider);
    if (filter.createdFrom) add('b.created_at >= ?', filter.createdFrom);
    if (filter.createdTo) add('b.created_at < ?', filter.createdTo);
    if (filter.scheduleId !== undefined) add('b.schedule_id = ?', filter.scheduleId);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }]: { total: number }[] = await this.rows(
      null,
      `SELECT count(*)::int AS total FROM batch_executions b ${clause}`,
      params,
    );
    const items: BatchRecord[] = await this.rows(
      null,
      `SELECT ${BATCH_COLUMNS} FROM ${BATCH_FROM} ${clause}
       ORDER BY b.created_at DESC, b.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
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
  async markQueued(detailIds: string[], tx: Tx | null = null): Promise<void> {
    if (detailIds.length === 0) return;
    await this.rows(
      tx,
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
        `UPDATE batch_executions SET status = ${sqlStatus(T.fail.to)}, end_time = now(), error_message = $2
         WHERE id = $1 AND status IN ${sqlStatusList(T.fail.from)} RETURNING id`,
        [batchId, message],
      );
      if (rows.length === 0) return { failed: false, deliveryIds: [] };
      await this.cancelOpen(qr, batchId);
      await this.storeCounters(qr, batchId);
      return { failed: true, deliveryIds: await this.createDeliveries(qr, batchId) };
    });
  }

  /**
   * Stops a batch: status stopped, every open detail cancelled and the counters stored, in one
   * transaction. A worker's outcome transaction changes its detail only while it is open, so once
   * this commits nothing more is written or counted for the batch (an outcome holding its detail's
   * lock commits first, and this then leaves that detail alone). Outcomes lock only their detail
   * row, so the two never deadlock. Returns the cancelled details and the webhook deliveries
   * created in the same transaction.
   */
  async stop(
    batchId: number,
  ): Promise<{ stopped: boolean; cancelled: DetailKey[]; deliveryIds: string[] }> {
    return this.transaction(async (qr) => {
      const rows: unknown[] = await this.rows(
        qr,
        `UPDATE batch_executions SET status = ${sqlStatus(T.stop.to)}, end_time = now()
         WHERE id = $1 AND status IN ${sqlStatusList(T.stop.from)} RETURNING id`,
        [batchId],
      );
      if (rows.length === 0) return { stopped: false, cancelled: [], deliveryIds: [] };
      const cancelled = await this.cancelOpen(qr, batchId);
      await this.storeCounters(qr, batchId);
      return { stopped: true, cancelled, deliveryIds: await this.createDeliveries(qr, batchId) };
    });
  }

  /** running|pending → paused; queued details go back to pending (their jobs are removed). */
  async pause(batchId: number): Promise<{ paused: boolean; requeue: DetailKey[] }> {
    return this.transaction(async (qr) => {
      const rows: unknown[] = await this.rows(
        qr,
        `UPDATE batch_executions SET status = ${sqlStatus(T.pause.to)}
         WHERE id = $1 AND status IN ${sqlStatusList(T.pause.from)} RETURNING id`,
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
        `UPDATE batch_executions SET status = ${sqlStatus(T.resume.to)}, start_time = coalesce(start_time, now())
         WHERE id = $1 AND status IN ${sqlStatusList(T.resume.from)} RETURNING id`,
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
      if (!batch || !canTransition(batch.status, 'retry')) {
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
         SET status = CASE WHEN status = ${sqlStatus(T.pause.to)} THEN status ELSE ${sqlStatus(T.retry.to)} END,
             end_time = NULL, error_message = NULL
         WHERE id = $1`,
        [batchId],
      );
      // Not read while the batch runs (progress is counted from the details); kept true anyway.
      await this.storeCounters(qr, batchId);
      return { allowed: true, retried };
    });
  }

  /**
   * A worker starts a symbol: the detail becomes running (attempts + 1) only while the batch runs
   * and the symbol is still open. One statement, so it also is the "should I work?" check.
   */
  async beginSymbol(detailId: string): Promise<BeginResult> {
    // Prepared: the worker's begins are mostly groups of one (Database.prepared).
    const rows: { attempts: number }[] = await this.db.prepared(
      `UPDATE batch_execution_details d
       SET status = 'running', attempts = d.attempts + 1, start_time = coalesce(d.start_time, now())
       FROM batch_executions b
       WHERE d.id = $1 AND b.id = d.batch_execution_id AND b.status = ${WORKING} AND d.status IN ${OPEN}
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

  /** The statuses of a symbol and of its batch (null when gone). */
  async symbolState(
    detailId: string,
  ): Promise<{ batchStatus: string | null; detailStatus: string | null }> {
    const [state]: { batchStatus: string; detailStatus: string }[] = await this.rows(
      null,
      `SELECT b.status AS "batchStatus", d.status AS "detailStatus"
       FROM batch_execution_details d JOIN batch_executions b ON b.id = d.batch_execution_id WHERE d.id = $1`,
      [detailId],
    );
    return { batchStatus: state?.batchStatus ?? null, detailStatus: state?.detailStatus ?? null };
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
   * beginSymbol for a group of details in one statement (one commit): the result of each id, in
   * order. Rows are locked in id order, so two groups cannot deadlock; an id given twice begins
   * once (the later copy answers as a job that found its symbol running).
   */
  async beginSymbols(detailIds: string[]): Promise<BeginResult[]> {
    if (detailIds.length === 1) return [await this.beginSymbol(detailIds[0])];
    const begun: { id: string; attempts: number }[] = await this.db.prepared(
      `WITH c AS (
         SELECT d.id FROM batch_execution_details d
         JOIN batch_executions b ON b.id = d.batch_execution_id
         WHERE d.id = ANY($1::bigint[]) AND b.status = ${WORKING} AND d.status IN ${OPEN}
         ORDER BY d.id FOR UPDATE OF d)
       UPDATE batch_execution_details d
       SET status = 'running', attempts = d.attempts + 1, start_time = coalesce(d.start_time, now())
       FROM c WHERE d.id = c.id
       RETURNING d.id::text AS id, d.attempts`,
      [[...new Set(detailIds)]],
    );
    const attempts = new Map(begun.map((r) => [r.id, r.attempts]));
    const others = detailIds.filter((id) => !attempts.has(id));
    const states = new Map<string, { batchStatus: string; detailStatus: string }>();
    if (others.length > 0) {
      const rows: { id: string; batchStatus: string; detailStatus: string }[] = await this.rows(
        null,
        `SELECT d.id::text AS id, b.status AS "batchStatus", d.status AS "detailStatus"
         FROM batch_execution_details d JOIN batch_executions b ON b.id = d.batch_execution_id
         WHERE d.id = ANY($1::bigint[])`,
        [[...new Set(others)]],
      );
      for (const r of rows) states.set(r.id, r);
    }
    const begunHere = new Set<string>();
    return detailIds.map((id): BeginResult => {
      const n = attempts.get(id);
      if (n !== undefined && !begunHere.has(id)) {
        begunHere.add(id);
        return { run: true, attempts: n };
      }
      // A second copy of an id this group began finds its symbol running.
      if (n !== undefined)
        return { run: false, batchStatus: WORKING_BATCH_STATUS, detailStatus: 'running' };
      const state = states.get(id);
      return {
        run: false,
        batchStatus: state?.batchStatus ?? null,
        detailStatus: state?.detailStatus ?? null,
      };
    });
  }

  /**
   * Records a group of outcomes at once (group commit; a lone outcome is a group of one):
   * writeOutcomes, then finishIfDone for each batch the group may have ended, answered to that
   * batch's last counted item (its status and webhook deliveries).
   */
  async recordOutcomes(items: OutcomeInput[]): Promise<PromiseSettledResult<OutcomeResult>[]> {
    const written = await this.writeOutcomes(items);
    const results: PromiseSettledResult<OutcomeResult>[] = [];
    for (const [i, w] of written.entries()) {
      if (w.status === 'rejected') {
        results.push(w);
        continue;
      }
      results.push({ status: 'fulfilled', value: await this.endIfLast(items[i].batchId, w.value) });
    }
    return results;
  }

  /**
   * A written outcome's answer: for the item that `mayEnd` its batch, finishIfDone after the
   * commit, and the ending's status and webhook deliveries when it ended the batch.
   */
  async endIfLast(batchId: number, written: WrittenOutcome): Promise<OutcomeResult> {
    const result: OutcomeResult = {
      counted: written.counted,
      batchStatus: null,
      recordsInserted: written.recordsInserted,
      deliveryIds: [],
    };
    if (written.mayEnd) {
      const ended = await this.finishIfDone(batchId);
      if (ended.ended) {
        result.batchStatus = ended.status;
        result.deliveryIds = ended.deliveryIds;
      }
    }
    return result;
  }

  /**
   * Writes a group of outcomes (the commit of recordOutcomes, without ending batches).
   * Exactly once per item: a detail no longer open (a stop committed first, a duplicate delivery
   * recorded it) writes and counts nothing, and a stop that comes later waits for the group's row
   * locks.
   * - The usual group (small candle writes, failures) is ONE statement: it locks the open details
   *   in id order, upserts their candles and moves them to their outcome — one round trip and one
   *   commit for the whole group.
   * - A group with other writes runs them in one transaction, in `lockKey` order.
   * When a group of several fails for another reason than an unavailable database (one symbol's
   * rows break a constraint, a deadlock), each item is recorded again as a group of one, so a bad
   * item fails alone: the answer is one settled result per item. The last counted item of each
   * batch has `mayEnd`: whoever holds it calls finishIfDone after the commit. The worker's group
   * commit does so outside the group, so the next group's statement does not wait for the probe.
   */
  async writeOutcomes(items: OutcomeInput[]): Promise<PromiseSettledResult<WrittenOutcome>[]> {
    let written: Map<OutcomeInput, number>;
    try {
      written = this.fitsOneStatement(items)
        ? await this.recordInOneStatement(items)
        : await this.transaction((tx) => this.recordGroup(tx, items));
    } catch (error) {
      if (error instanceof DatabaseUnavailableError || items.length === 1) throw error;
      const results: PromiseSettledResult<WrittenOutcome>[] = [];
      for (const item of items) {
        results.push(
          ...(await this.writeOutcomes([item]).catch((reason: unknown) => [
            { status: 'rejected' as const, reason },
          ])),
        );
      }
      return results;
    }
    const lastOfBatch = new Map<number, number>();
    items.forEach((item, i) => {
      if (written.has(item)) lastOfBatch.set(item.batchId, i);
    });
    return items.map((item, i) => ({
      status: 'fulfilled',
      value: {
        counted: written.has(item),
        recordsInserted: written.get(item) ?? 0,
        mayEnd: lastOfBatch.get(item.batchId) === i,
      },
    }));
  }

  /** Only small candle writes, each series once and each detail once: one statement does it. */
  private fitsOneStatement(items: OutcomeInput[]): boolean {
    const series = new Set<string>();
    const details = new Set<string>();
    let rows = 0;
    for (const item of items) {
      if (item.write || item.refetch || details.has(item.detailId)) return false;
      details.add(item.detailId);
      if (!item.candles) continue;
      const key = `${item.candles.source}\u0000${item.candles.symbol}\u0000${item.candles.interval}`;
      if (series.has(key) || item.candles.rows.length > SMALL_CANDLE_WRITE) return false;
      series.add(key);
      rows += item.candles.rows.length;
    }
    return rows <= 4 * SMALL_CANDLE_WRITE;
  }

  private async recordInOneStatement(items: OutcomeInput[]): Promise<Map<OutcomeInput, number>> {
    const candles = items.flatMap((item) =>
      (item.candles?.rows ?? []).map((row) => ({ detailId: item.detailId, item, row })),
    );
    // A prepared statement: its parse and plan cost more than its work (Database.prepared).
    const done: { id: string; n: number }[] = await this.db.prepared(
      `WITH k AS (
         SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::int[], $17::bool[])
           AS k(id, batch_id, status, message, rejected, begin)),
       claimed AS (
         SELECT d.id FROM batch_execution_details d
         JOIN k ON d.id = k.id AND d.batch_execution_id = k.batch_id
         JOIN batch_executions b ON b.id = d.batch_execution_id
         WHERE d.status IN ${OPEN} AND (NOT k.begin OR b.status = ${WORKING})
         ORDER BY d.id FOR UPDATE OF d),
       c AS (
         SELECT * FROM unnest($6::bigint[], $7::text[], $8::text[], $9::text[], $10::timestamptz[],
                              $11::float8[], $12::float8[], $13::float8[], $14::float8[], $15::float8[],
                              $16::float8[])
           AS c(detail_id, source, symbol, interval, ts, open, high, low, close, adj_close, volume)),
       stored AS (
         INSERT INTO ohlcv_data AS o (source, symbol, interval, ts, open, high, low, close, adj_close, volume)
         SELECT DISTINCT ON (c.source, c.symbol, c.interval, c.ts)
                c.source, c.symbol, c.interval, c.ts, c.open, c.high, c.low, c.close, c.adj_close, c.volume
         FROM c WHERE c.detail_id IN (SELECT id FROM claimed)
         ORDER BY c.source, c.symbol, c.interval, c.ts
         ${OHLCV_UPSERT}
         RETURNING o.source, o.symbol, o.interval, o.ts),
       presence AS (${presenceUpsertSql('stored')}),
       n AS (SELECT source, symbol, interval, count(*)::int AS n FROM stored GROUP BY source, symbol, interval),
       per_detail AS (
         SELECT DISTINCT c.detail_id, c.source, c.symbol, c.interval FROM c),
       ledger AS (${ledgerInsertSql(18, 'IN (SELECT id FROM claimed)')})
       UPDATE batch_execution_details d
       SET status = k.status, end_time = now(), error_message = k.message,
           records_inserted = d.records_inserted + coalesce(n.n, 0),
           rejected_records = d.rejected_records + k.rejected,
           attempts = d.attempts + k.begin::int, start_time = coalesce(d.start_time, now())
       FROM k LEFT JOIN per_detail p ON p.detail_id = k.id
              LEFT JOIN n ON n.source = p.source AND n.symbol = p.symbol AND n.interval = p.interval
       WHERE d.id = k.id AND d.id IN (SELECT id FROM claimed)
       RETURNING d.id::text AS id, coalesce(n.n, 0) AS n`,
      [
        items.map((i) => i.detailId),
        items.map((i) => i.batchId),
        items.map((i) => i.status),
        items.map((i) => (i.message === null ? null : i.message.slice(0, 2000))),
        items.map((i) => i.rejected),
        candles.map((c) => c.detailId),
        candles.map((c) => c.item.candles!.source),
        candles.map((c) => c.item.candles!.symbol),
        candles.map((c) => c.item.candles!.interval),
        candles.map((c) => c.row.ts.toISOString()),
        candles.map((c) => c.row.open),
        candles.map((c) => c.row.high),
        candles.map((c) => c.row.low),
        candles.map((c) => c.row.close),
        candles.map((c) => c.row.adjClose),
        candles.map((c) => c.row.volume),
        items.map((i) => i.begin === true),
        ...ledgerParams(ledgerRows(items)),
      ],
    );
    const byId = new Map(done.map((r) => [r.id, r.n]));
    const written = new Map<OutcomeInput, number>();
    for (const item of items) {
      const n = byId.get(item.detailId);
      if (n !== undefined) written.set(item, n);
    }
    return written;
  }

  private async recordGroup(tx: Tx, items: OutcomeInput[]): Promise<Map<OutcomeInput, number>> {
    const claimed: { id: string }[] = await this.rows(
      tx,
      `SELECT d.id::text AS id FROM batch_execution_details d
       JOIN unnest($1::bigint[], $2::int[], $3::bool[]) AS k(id, batch_id, begin)
         ON d.id = k.id AND d.batch_execution_id = k.batch_id
       JOIN batch_executions b ON b.id = d.batch_execution_id
       WHERE d.status IN ${OPEN} AND (NOT k.begin OR b.status = ${WORKING})
       ORDER BY d.id FOR UPDATE OF d`,
      [
        items.map((i) => i.detailId),
        items.map((i) => i.batchId),
        items.map((i) => i.begin === true),
      ],
    );
    const open = new Set(claimed.map((r) => r.id));
    // The first item of each open detail records it; a second copy (duplicate delivery) does not.
    const recording: OutcomeInput[] = [];
    for (const item of items) {
      if (open.delete(item.detailId)) recording.push(item);
    }
    const written = new Map<OutcomeInput, number>();
    const refetches = new Map<OutcomeInput, SeriesRefetch>();
    const key = (i: OutcomeInput) =>
      i.lockKey ??
      (i.candles ? `${i.candles.source}|${i.candles.symbol}|${i.candles.interval}` : '');
    const byLock = [...recording].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    for (const item of byLock) {
      const rows = await this.writeRows(tx, item);
      written.set(item, rows.n);
      if (rows.refetch) refetches.set(item, rows.refetch);
    }
    if (recording.length > 0) {
      // The ledger rows of the recorded outcomes ride in the same statement (no extra trip).
      await this.rows(
        tx,
        `WITH ledger AS (${ledgerInsertSql(8, 'IS NOT NULL')})
         UPDATE batch_execution_details d
         SET status = v.status, end_time = now(), error_message = v.message,
             records_inserted = d.records_inserted + v.n, rejected_records = d.rejected_records + v.rejected,
             attempts = d.attempts + v.begin::int, start_time = coalesce(d.start_time, now()),
             refetch = v.refetch
         FROM unnest($1::bigint[], $2::text[], $3::text[], $4::int[], $5::int[], $6::bool[], $7::jsonb[])
              AS v(id, status, message, n, rejected, begin, refetch)
         WHERE d.id = v.id`,
        [
          recording.map((i) => i.detailId),
          recording.map((i) => i.status),
          recording.map((i) => (i.message === null ? null : i.message.slice(0, 2000))),
          recording.map((i) => written.get(i) ?? 0),
          recording.map((i) => i.rejected),
          recording.map((i) => i.begin === true),
          recording.map((i) => {
            const refetch = refetches.get(i);
            return refetch ? JSON.stringify(refetch) : null;
          }),
          ...ledgerParams(ledgerRows(recording)),
        ],
      );
    }
    return written;
  }

  /**
   * An outcome's rows, in its transaction; answers what counts in records_inserted (candles
   * inserted or changed, with those a refetch adjusted) and the detail's `refetch`.
   */
  private async writeRows(
    tx: Tx,
    item: OutcomeInput,
  ): Promise<{ n: number; refetch: SeriesRefetch | null }> {
    const other = item.write ? await item.write(tx) : 0;
    if (!item.candles) return { n: other, refetch: null };
    const { source, symbol, interval, rows } = item.candles;
    const candles = await this.ohlcv.upsert(tx, source, symbol, interval, rows);
    if (!item.refetch) return { n: other + candles, refetch: null };
    const { reasons, message, splits, to } = item.refetch;
    const rebased = await this.ohlcv.rebase(
      tx,
      { source, symbol, interval },
      rows.map((r) => r.ts),
      to,
      splits,
    );
    return {
      n: other + candles + rebased.adjusted,
      refetch: {
        reasons,
        message,
        splits: splits.map((s) => ({ ...s, ts: s.ts.toISOString() })),
        candles: rows.length,
        ...rebased,
      },
    };
  }

  /**
   * Records a symbol's success exactly once, as a group of one (recordOutcomes): its detail is
   * locked only while open, and `write` stores its rows in the transaction that moves the detail
   * to succeeded; a detail no longer open (recorded already, or cancelled by a stop) writes and
   * counts nothing. No batch row is touched, so a batch's outcomes commit in parallel; the outcome
   * that leaves no open detail then ends the batch (finishIfDone).
   */
  async recordSuccess(
    batchId: number,
    detailId: string,
    write: (tx: Tx) => Promise<number>,
    rejected = 0,
  ): Promise<OutcomeResult> {
    return this.recordAlone({
      batchId,
      detailId,
      status: 'succeeded',
      message: null,
      rejected,
      write,
    });
  }

  /** Records a symbol's final failure exactly once (see recordSuccess). */
  async recordFailure(batchId: number, detailId: string, message: string): Promise<OutcomeResult> {
    return this.recordAlone({ batchId, detailId, status: 'failed', message, rejected: 0 });
  }

  /** One outcome as a group of one (its error thrown). */
  private async recordAlone(item: OutcomeInput): Promise<OutcomeResult> {
    const [result] = await this.recordOutcomes([item]);
    if (result.status === 'rejected') throw result.reason;
    return result.value;
  }

  /**
   * Open details of the batches that should be making progress (running): a batch is inserted
   * running with its details queued, so the API dying between commit and enqueue lands here too.
   */
  async openDetailsOfActiveBatches(
    limit: number,
  ): Promise<(DetailKey & { batchId: number; batchStatus: string })[]> {
    return this.rows(
      null,
      `SELECT d.id::text AS id, d.stock_code AS "stockCode", d.retry_round AS "retryRound",
              b.id AS "batchId", b.status AS "batchStatus"
       FROM batch_executions b
       JOIN batch_execution_details d ON d.batch_execution_id = b.id AND d.status IN ${OPEN}
       WHERE b.status = ${WORKING}
       ORDER BY b.id, d.id LIMIT $1`,
      [limit],
    );
  }

  /**
   * Runs `work` (e.g. enqueueing jobs) while the batch is running, holding a share lock on its row
   * until `work` is done: stop, pause and fail update that row, so they wait for it and then see
   * (and remove) whatever `work` enqueued; and if one of them committed first, `work` does not run.
   * `work` gets the details of `detailIds` still open, read under the lock. Returns null when the
   * batch was not running.
   */
  async whileRunning<T>(
    batchId: number,
    detailIds: string[],
    work: (open: (DetailKey & { status: string })[], tx: Tx) => Promise<T>,
  ): Promise<T | null> {
    return this.transaction(async (tx) => {
      const [batch]: unknown[] = await this.rows(
        tx,
        `SELECT id FROM batch_executions WHERE id = $1 AND status = ${WORKING} FOR SHARE`,
        [batchId],
      );
      if (!batch) return null;
      const open: (DetailKey & { status: string })[] = await this.rows(
        tx,
        `SELECT id::text AS id, stock_code AS "stockCode", retry_round AS "retryRound", status
         FROM batch_execution_details
         WHERE batch_execution_id = $1 AND id = ANY($2::bigint[]) AND status IN ${OPEN} ORDER BY id`,
        [batchId, detailIds],
      );
      return work(open, tx);
    });
  }

  /** Id of the newest batch (ids only grow), or null when there is none: one index lookup. */
  async latestId(): Promise<number | null> {
    const [row]: { id: number | null }[] = await this.rows(
      null,
      `SELECT max(id)::int AS id FROM batch_executions`,
    );
    return row?.id ?? null;
  }

  async countByStatus(): Promise<{ status: string; n: number }[]> {
    return this.rows(
      null,
      `SELECT status, count(*)::int AS n FROM batch_executions GROUP BY status`,
    );
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Ends a batch whose every symbol has an outcome: completed, or completed_with_errors when any
   * failed, with end_time, its stored counters and its webhook deliveries, in one transaction
   * under the batch row lock (taken first, as stop, pause and retry do). Exactly once: two
   * outcomes that both see no open detail (the last two, racing) both get here, and the second
   * finds the batch no longer recording. Called after each outcome that may be the last, and by
   * the reconciler for a batch whose ending was interrupted (process killed after the outcome).
   */
  async finishIfDone(
    batchId: number,
  ): Promise<{ ended: boolean; status: string | null; deliveryIds: string[] }> {
    const none = { ended: false, status: null, deliveryIds: [] };
    // Cheap probe first (one index entry): almost every outcome of a batch stops here.
    if (await this.hasOpenDetail(null, batchId)) return none;
    return this.transaction(async (tx) => {
      const [batch]: { id: number }[] = await this.rows(
        tx,
        `SELECT id FROM batch_executions WHERE id = $1 AND status IN ${RECORDING} FOR UPDATE`,
        [batchId],
      );
      if (!batch) return none;
      // Re-checked under the lock, with a snapshot taken after it (READ COMMITTED).
      if (await this.hasOpenDetail(tx, batchId)) return none;
      const [ended]: { status: string }[] = await this.rows(
        tx,
        `UPDATE batch_executions b
         SET status = CASE WHEN c.ko > 0 THEN ${sqlStatus(COMPLETED_BATCH_STATUSES[1])}
                           ELSE ${sqlStatus(COMPLETED_BATCH_STATUSES[0])} END,
             end_time = now(), processed_stocks = c.ok + c.ko, successful_stocks = c.ok,
             failed_stocks = c.ko
         FROM (${COUNTS}) c
         WHERE b.id = $1 RETURNING b.status`,
        [batchId],
      );
      return {
        ended: true,
        status: ended.status,
        deliveryIds: await this.createDeliveries(tx, batchId),
      };
    });
  }

  /**
   * Batches that record outcomes but have no open detail left: their last outcome committed and
   * the process died before finishIfDone. The reconciler ends them.
   */
  async unfinishedBatchIds(limit: number): Promise<number[]> {
    const rows: { id: number }[] = await this.rows(
      null,
      `SELECT b.id FROM batch_executions b
       WHERE b.status IN ${RECORDING}
         AND NOT EXISTS (SELECT 1 FROM batch_execution_details d
                         WHERE d.batch_execution_id = b.id AND d.status IN ${OPEN})
       ORDER BY b.id LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id);
  }

  private async hasOpenDetail(tx: Tx | null, batchId: number): Promise<boolean> {
    const sql = `SELECT 1 FROM batch_execution_details WHERE batch_execution_id = $1 AND status IN ${OPEN} LIMIT 1`;
    const rows: unknown[] = tx
      ? await this.rows(tx, sql, [batchId])
      : await this.db.prepared(sql, [batchId]);
    return rows.length > 0;
  }

  /** The stored counters from the details (at an ending, and on retry). */
  private async storeCounters(tx: Tx, batchId: number): Promise<void> {
    await this.rows(
      tx,
      `UPDATE batch_executions b
       SET processed_stocks = c.ok + c.ko, successful_stocks = c.ok, failed_stocks = c.ko
       FROM (${COUNTS}) c WHERE b.id = $1`,
      [batchId],
    );
  }

  /**
   * The outbox: one webhook delivery per target URL of the batch, with the status it just took.
   * Runs inside the transaction that ends the batch; returns the new delivery ids.
   */
  private async createDeliveries(qr: Tx, batchId: number): Promise<string[]> {
    const rows: { id: string }[] = await this.rows(
      qr,
      `INSERT INTO webhook_deliveries (batch_execution_id, url, batch_status)
       SELECT id, unnest(webhook_urls), status FROM batch_executions WHERE id = $1
       RETURNING id::text AS id`,
      [batchId],
    );
    return rows.map((r) => r.id);
  }

  private async cancelOpen(qr: Tx, batchId: number): Promise<DetailKey[]> {
    return this.rows(
      qr,
      `UPDATE batch_execution_details SET status = 'cancelled', end_time = now()
       WHERE batch_execution_id = $1 AND status IN ${OPEN}
       RETURNING id::text AS id, stock_code AS "stockCode", retry_round AS "retryRound"`,
      [batchId],
    );
  }

  private async openDetails(qr: Tx | null, batchId: number): Promise<DetailKey[]> {
    return this.rows(
      qr,
      `SELECT id::text AS id, stock_code AS "stockCode", retry_round AS "retryRound"
       FROM batch_execution_details WHERE batch_execution_id = $1 AND status IN ${OPEN} ORDER BY id`,
      [batchId],
    );
  }

  private rows<T>(tx: Tx | null, sql: string, params: unknown[] = []): Promise<T[]> {
    return this.db.rows<T>(tx, sql, params);
  }

  private transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }
}
