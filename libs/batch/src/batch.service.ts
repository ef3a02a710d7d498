import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, FreshCache } from '@app/common';
import {
  DataType,
  describeUniverse,
  Interval,
  normaliseSymbol,
  ProviderRegistry,
  SymbolRegistryService,
  symbolProblem,
} from '@app/market-data';
import {
  BatchRecord,
  BatchRepository,
  JobIdTakenError,
  ScheduleTickTakenError,
} from '@app/persistence';
import { AlertQueue } from './alerts/alert-queue';
import { BATCH_STATUSES, BatchStatus, isTerminalBatchStatus } from './batch-status';
import { BatchView, DetailView, toBatchListView, toBatchView, toDetailView } from './batch-view';
import { BatchNotFoundError } from './errors/batch-not-found.error';
import { BatchValidationError } from './errors/batch-validation.error';
import { IllegalTransitionError } from './errors/illegal-transition.error';
import { QueueUnavailableError } from './errors/queue-unavailable.error';
import type { StartBatchRequest } from './batch-request';
import { FetchMode } from './jobs/fetch-symbol.job';
import { BatchJobTemplate, FetchQueues } from './queue/fetch-queues';
import { assertWebhookUrlAccepted } from './webhooks/webhook-host';
import { WebhookQueue } from './webhooks/webhook-queue';

export interface StartedBatch {
  batch: BatchView;
  duplicatesRemoved: string[];
  /** A schedule's tick that had already started its batch: this is that batch, nothing new. */
  alreadyStarted?: boolean;
}

/** A request checked against the providers and the symbols table, ready to be stored. */
interface PreparedBatch {
  provider: string;
  interval: Interval;
  batchType: string;
  symbols: string[];
  duplicates: string[];
  params: Record<string, unknown>;
  /** Webhook targets in force now: the ones notified when the batch ends. */
  webhookUrls: string[];
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
}

/**
 * Batches: start (rows then jobs), read, list, stop, pause, resume, retry failed symbols.
 * Status changes go through conditional UPDATEs in the repository; this service adds the rules
 * about requests and the queue side.
 */
@Injectable()
export class BatchService {
  private readonly logger = new Logger(BatchService.name);
  private lastJobMs = 0;
  /**
   * Status views, answered from memory for STATUS_CACHE_MS (one read per batch and period
   * whatever the number of pollers); cleared after this process changes a batch, so the answer
   * of its own stop, pause, resume or retry is never older than the change.
   */
  private readonly views: FreshCache<BatchView>;

  constructor(
    private readonly config: AppConfig,
    private readonly batches: BatchRepository,
    private readonly registry: SymbolRegistryService,
    private readonly providers: ProviderRegistry,
    private readonly queues: FetchQueues,
    private readonly webhooks: WebhookQueue,
    private readonly alerts: AlertQueue,
  ) {
    this.views = new FreshCache(config.statusCacheMs);
  }

  /** Validates, stores the batch and its symbols in one transaction, then enqueues one job per symbol. */
  async start(request: StartBatchRequest): Promise<StartedBatch> {
    const prepared = await this.prepare(request);
    let created: Awaited<ReturnType<BatchRepository['create']>>;
    try {
      created = await this.createWithUniqueJobId({
        batchType: prepared.batchType,
        interval: prepared.interval,
        provider: prepared.provider,
        params: prepared.params,
        symbols: prepared.symbols,
        schedule: request.schedule,
        webhookUrls: prepared.webhookUrls,
      });
    } catch (error) {
      const existing =
        request.schedule && error instanceof ScheduleTickTakenError
          ? await this.batches.findByScheduleTick(request.schedule.id, request.schedule.tick)
          : null;
      if (!existing) throw error;
      return { batch: toBatchView(existing), duplicatesRemoved: [], alreadyStarted: true };
    }
    const { batch, details } = created;
    const template = this.template(batch);
    try {
      await this.queues.enqueue(template, details);
    } catch (error) {
      throw await this.undoStart(batch.id, error);
    }
    this.logger.log(
      `batch ${batch.id} (${batch.jobId}) started: ${prepared.symbols.length} symbols on ${prepared.provider}`,
    );
    return { batch: toBatchView(batch), duplicatesRemoved: prepared.duplicates };
  }

  /**
   * Checks a request as start() would (provider, data type, interval, range, symbols, the
   * universe's selection) without
   * storing anything; throws BatchValidationError naming the field.
   */
  async validate(request: StartBatchRequest): Promise<void> {
    await this.prepare(request);
  }

  /**
   * The provider and symbols a request names, checked as start() checks them (the universe
   * resolved, symbols normalised and de-duplicated), without storing anything.
   */
  async selection(request: StartBatchRequest): Promise<{ provider: string; symbols: string[] }> {
    const prepared = await this.prepare(request);
    return { provider: prepared.provider, symbols: prepared.symbols };
  }

  /** By numeric id or by `job-<ms>`; at most STATUS_CACHE_MS old (see `views`). */
  async get(id: string): Promise<BatchView> {
    return this.views.get(id, async () => toBatchView(await this.find(id)));
  }

  /** Batches by id, newest first (unknown ids are left out): the dashboard's live rows. */
  async many(ids: number[]): Promise<BatchView[]> {
    if (ids.length === 0) return [];
    const { items } = await this.batches.list({ ids, limit: ids.length, offset: 0 });
    return items.map(toBatchView);
  }

  /** Id of the newest batch, or null. */
  latestId(): Promise<number | null> {
    return this.batches.latestId();
  }

  async list(filter: {
    status?: string[];
    batchType?: string;
    provider?: string;
    from?: Date;
    to?: Date;
    scheduleId?: number;
    page: number;
    pageSize: number;
  }): Promise<Page<BatchView>> {
    for (const s of filter.status ?? []) {
      if (!(BATCH_STATUSES as readonly string[]).includes(s)) {
        throw new BatchValidationError(
          `unknown status "${s}"; one of ${BATCH_STATUSES.join(', ')}`,
          {
            field: 'status',
          },
        );
      }
    }
    const { items, total } = await this.batches.list({
      status: filter.status,
      batchType: filter.batchType,
      provider: filter.provider,
      createdFrom: filter.from,
      createdTo: filter.to,
      scheduleId: filter.scheduleId,
      limit: filter.pageSize,
      offset: (filter.page - 1) * filter.pageSize,
    });
    return {
      items: items.map(toBatchListView),
      total,
      page: filter.page,
      page_size: filter.pageSize,
    };
  }

  async details(
    id: string,
    filter: { status?: string[]; page: number; pageSize: number },
  ): Promise<Page<DetailView> & { batch_db_id: number; job_id: string }> {
    const batch = await this.find(id);
    const { items, total } = await this.batches.details(batch.id, {
      status: filter.status,
      limit: filter.pageSize,
      offset: (filter.page - 1) * filter.pageSize,
    });
    return {
      batch_db_id: batch.id,
      job_id: batch.jobId,
      items: items.map(toDetailView),
      total,
      page: filter.page,
      page_size: filter.pageSize,
    };
  }

  /** Stops the batch: open symbols cancelled, their queued jobs removed; nothing more is written. */
  async stop(id: string): Promise<BatchView> {
    const batch = await this.find(id);
    const { stopped, cancelled, deliveryIds } = await this.batches.stop(batch.id);
    this.views.clear();
    if (!stopped) throw await this.illegal(batch.id, 'stop');
    await this.webhooks.notify(deliveryIds);
    await this.alerts.batchEnded(batch.id);
    await this.queues.remove(this.template(batch), cancelled);
    return this.get(String(batch.id));
  }

  /** Pauses: queued jobs are taken out of Redis; running ones finish and are counted. */
  async pause(id: string): Promise<BatchView> {
    const batch = await this.find(id);
    const { paused, requeue } = await this.batches.pause(batch.id);
    this.views.clear();
    if (!paused) throw await this.illegal(batch.id, 'pause');
    await this.queues.remove(this.template(batch), requeue);
    return this.get(String(batch.id));
  }

  async resume(id: string): Promise<BatchView> {
    const batch = await this.find(id);
    const { resumed, open } = await this.batches.resume(batch.id);
    this.views.clear();
    if (!resumed) throw await this.illegal(batch.id, 'resume');
    try {
      await this.queues.ensureEnqueued(this.template(batch), open);
    } catch (error) {
      throw leftToReconciler(batch.id, 'resumed', error);
    }
    await this.batches.markQueued(open.map((d) => d.id));
    return this.get(String(batch.id));
  }

  /** Runs the failed symbols again in a new round (new job ids); the batch counts them anew. */
  async retryFailed(id: string): Promise<BatchView & { retried: number }> {
    const batch = await this.find(id);
    const { allowed, retried } = await this.batches.retryFailed(batch.id);
    this.views.clear();
    if (!allowed) throw await this.illegal(batch.id, 'retry the failed symbols of');
    if (retried.length === 0) {
      throw new IllegalTransitionError(batch.id, `${batch.status} with no failed symbol`, 'retry');
    }
    try {
      await this.queues.enqueue(this.template(batch), retried);
    } catch (error) {
      throw leftToReconciler(batch.id, 'retried', error);
    }
    await this.batches.markQueued(retried.map((d) => d.id));
    return { ...(await this.get(String(batch.id))), retried: retried.length };
  }

  isTerminal(status: string): boolean {
    return isTerminalBatchStatus(status as BatchStatus);
  }

  // ---------------------------------------------------------------------------------------------

  async find(id: string): Promise<BatchRecord> {
    let batch: BatchRecord | null;
    if (/^\d{1,9}$/.test(id)) batch = await this.batches.findById(Number(id));
    else if (/^job-\d{1,16}$/.test(id)) batch = await this.batches.findByJobId(id);
    else {
      throw new BatchValidationError(
        `batch id must be a number or job-<ms>, got "${id.slice(0, 40)}"`,
        { field: 'id' },
        'INVALID_ID',
      );
    }
    if (!batch) throw new BatchNotFoundError(id);
    return batch;
  }

  template(batch: BatchRecord): BatchJobTemplate {
    const p = batch.params as {
      mode?: FetchMode;
      data_type?: DataType;
      from?: string | null;
      to?: string | null;
      backfill?: { windows?: Record<string, [string, string][]> };
    };
    return {
      batchId: batch.id,
      batchJobId: batch.jobId,
      interval: batch.interval as Interval,
      provider: batch.provider,
      dataType: p.data_type ?? 'ohlcv',
      mode: p.mode ?? 'incremental',
      from: p.from ?? null,
      to: p.to ?? null,
      ...(p.backfill?.windows ? { ranges: p.backfill.windows } : {}),
    };
  }

  /**
   * A start whose jobs could not be enqueued (Redis refused or did not answer within
   * REDIS_TIMEOUT_MS) is undone: the batch and its details are deleted, so the 503 leaves nothing
   * written. Jobs a timed-out enqueue still delivers later find no symbol and do nothing. If the
   * delete fails (PostgreSQL away too) or a symbol had already begun, the batch stays running and
   * the reconciler enqueues what is missing.
   */
  private async undoStart(batchId: number, error: unknown): Promise<QueueUnavailableError> {
    const reason = error instanceof Error ? error.message : String(error);
    let discarded = false;
    try {
      discarded = await this.batches.discard(batchId);
    } catch (undo) {
      this.logger.error(
        `batch ${batchId}: enqueue failed and the batch could not be deleted (the reconciler will enqueue it): ${String(undo)}`,
      );
    }
    if (discarded) {
      return new QueueUnavailableError(
        `could not enqueue the jobs of batch ${batchId} (deleted again): ${reason}`,
        { cause: error },
        'the job queue is unavailable; nothing was written, try again later',
      );
    }
    return new QueueUnavailableError(
      `could not enqueue the jobs of batch ${batchId} (kept for the reconciler): ${reason}`,
      { cause: error },
      `the job queue is unavailable; batch ${batchId} was stored and its jobs will be enqueued when the queue answers again`,
    );
  }

  private async illegal(batchId: number, action: string): Promise<IllegalTransitionError> {
    const now = await this.batches.findById(batchId);
    return new IllegalTransitionError(batchId, now?.status ?? 'gone', action);
  }

  private async prepare(request: StartBatchRequest): Promise<PreparedBatch> {
    const providerName = request.provider ?? this.config.marketDataProvider;
    if (!this.providers.has(providerName)) {
      throw new BatchValidationError(
        `provider "${providerName}" is not available; available: ${this.providers.names().join(', ')}`,
        { field: 'provider' },
        'UNKNOWN_PROVIDER',
      );
    }
    const provider = this.providers.get(providerName);
    const dataType = request.dataType ?? 'ohlcv';
    if (!provider.dataTypes.includes(dataType)) {
      throw new BatchValidationError(
        `provider ${providerName} does not serve data_type ${dataType}; it serves: ${provider.dataTypes.join(', ')}`,
        { field: 'data_type' },
      );
    }
    if (!provider.intervals.includes(request.interval)) {
      throw new BatchValidationError(
        `provider ${providerName} does not serve interval ${request.interval}; it serves: ${provider.intervals.join(', ')}`,
        { field: 'interval' },
      );
    }
    if (request.from && request.to && request.from.getTime() >= request.to.getTime()) {
      throw new BatchValidationError('from must be before to', { field: 'from' }, 'INVALID_RANGE');
    }
    if (request.webhookUrl !== undefined) assertWebhookUrlAccepted(request.webhookUrl, this.config);

    const { symbols, duplicates } = await this.resolveSymbols(request, providerName);
    const invalid = symbols
      .map((s) => ({ symbol: s, problem: provider.symbolProblem(s) }))
      .filter((x): x is { symbol: string; problem: string } => x.problem !== null);
    if (invalid.length > 0) {
      throw new BatchValidationError(
        `${invalid.length} symbol(s) invalid for provider ${providerName}: ${invalid
          .slice(0, 10)
          .map((x) => `"${x.symbol}"`)
          .join(', ')}${invalid.length > 10 ? ', …' : ''} (${invalid[0].problem})`,
        { field: 'symbols', invalid: invalid.slice(0, 100) },
        'INVALID_SYMBOL',
      );
    }

    const mode = request.mode ?? 'incremental';
    const params = {
      mode,
      data_type: dataType,
      from: request.from?.toISOString() ?? null,
      to: request.to?.toISOString() ?? null,
      universe: request.universe ?? null,
      // What the universe meant when the batch started (the registry changes with every sync).
      ...(request.universe !== undefined ? { universe_symbols: symbols } : {}),
      duplicates_removed: duplicates,
      ...(request.backfill
        ? { backfill: { ...request.backfill.plan, windows: request.backfill.ranges } }
        : {}),
      // The request's own target is shown in the batch view; WEBHOOK_URL never is.
      ...(request.webhookUrl ? { webhook_url: request.webhookUrl } : {}),
    };
    return {
      provider: providerName,
      interval: request.interval,
      batchType: request.batchType ?? (request.universe ? 'universe' : 'bulk'),
      symbols,
      duplicates,
      params,
      webhookUrls: [
        ...new Set([this.config.webhookUrl, request.webhookUrl ?? ''].filter((u) => u !== '')),
      ],
    };
  }

  private async resolveSymbols(
    request: StartBatchRequest,
    provider: string,
  ): Promise<{ symbols: string[]; duplicates: string[] }> {
    let raw: string[];
    if (request.universe !== undefined) {
      if (request.symbols !== undefined) {
        throw new BatchValidationError('give either symbols or universe, not both', {
          field: 'universe',
        });
      }
      raw = await this.registry.select(provider, request.universe);
      if (raw.length === 0) {
        const whose =
          request.universe !== 'all' && request.universe.provider !== undefined
            ? request.universe.provider
            : provider;
        throw new BatchValidationError(
          request.universe === 'all'
            ? `universe "all" is empty: the registry has no active symbol of provider ${whose} (sync a listing first: POST /api/universe/sync)`
            : `${describeUniverse(request.universe)} selects no active symbol of provider ${whose}`,
          { field: 'universe', universe: request.universe, provider: whose },
        );
      }
      if (raw.length > this.config.maxSymbolsPerBatch) {
        throw new BatchValidationError(
          `${describeUniverse(request.universe)} selects ${raw.length} symbols > MAX_SYMBOLS_PER_BATCH (${this.config.maxSymbolsPerBatch}); narrow it (or give it a limit)`,
          { field: 'universe', max: this.config.maxSymbolsPerBatch, got: raw.length },
          'TOO_MANY_SYMBOLS',
        );
      }
    } else {
      raw = request.symbols ?? [];
    }
    // The grammar is checked on the symbols as sent, before upper-casing: `ı` or `straße` would
    // otherwise become the ASCII `I` or `STRASSE`.
    const refused = raw
      .map((s) => s.trim())
      .map((s) => ({ symbol: s, problem: symbolProblem(s) }))
      .filter((x): x is { symbol: string; problem: string } => x.problem !== null);
    if (refused.length > 0) {
      throw new BatchValidationError(
        `${refused.length} symbol(s) invalid: ${refused
          .slice(0, 10)
          .map((x) => JSON.stringify(x.symbol))
          .join(', ')}${refused.length > 10 ? ', …' : ''} (${refused[0].problem})`,
        { field: 'symbols', invalid: refused.slice(0, 100) },
        'INVALID_SYMBOL',
      );
    }
    const seen = new Set<string>();
    const duplicates: string[] = [];
    const symbols: string[] = [];
    for (const s of raw.map((x) => normaliseSymbol(x.trim()))) {
      if (seen.has(s)) duplicates.push(s);
      else {
        seen.add(s);
        symbols.push(s);
      }
    }
    if (symbols.length === 0) {
      throw new BatchValidationError(
        'symbols must not be empty',
        { field: 'symbols' },
        'EMPTY_SYMBOLS',
      );
    }
    if (symbols.length > this.config.maxSymbolsPerBatch) {
      throw new BatchValidationError(
        `too many symbols: ${symbols.length} > MAX_SYMBOLS_PER_BATCH (${this.config.maxSymbolsPerBatch})`,
        { field: 'symbols', max: this.config.maxSymbolsPerBatch, got: symbols.length },
        'TOO_MANY_SYMBOLS',
      );
    }
    return { symbols, duplicates };
  }

  /** `job-<ms>` ids are unique; two batches in the same millisecond take the next one. */
  private async createWithUniqueJobId(
    input: Omit<Parameters<BatchRepository['create']>[0], 'jobId'>,
  ) {
    for (let attempt = 0; ; attempt += 1) {
      const ms = Math.max(Date.now(), this.lastJobMs + 1);
      this.lastJobMs = ms;
      try {
        return await this.batches.create({ ...input, jobId: `job-${ms}` });
      } catch (error) {
        if (!(error instanceof JobIdTakenError) || attempt >= 20) throw error;
      }
    }
  }
}

/**
 * Resume and retry keep their change when the queue does not answer: the batch runs (or stays
 * paused) with open symbols that have no job, which the reconciler enqueues within
 * RECONCILE_INTERVAL_MS of Redis answering again. The client is told so with a 503.
 */
function leftToReconciler(
  batchId: number,
  action: 'resumed' | 'retried',
  error: unknown,
): QueueUnavailableError {
  return new QueueUnavailableError(
    `batch ${batchId} ${action}, its jobs not enqueued (left to the reconciler): ${
      error instanceof Error ? error.message : String(error)
    }`,
    { cause: error },
    `the job queue is unavailable; batch ${batchId} was ${action} and its jobs will be enqueued when the queue answers again`,
  );
}
