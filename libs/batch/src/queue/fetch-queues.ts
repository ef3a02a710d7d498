import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { AppConfig, PROVIDER_NAMES } from '@app/common';
import type { DetailKey } from '@app/persistence';
import {
  FETCH_SYMBOL_JOB,
  FetchSymbolJobData,
  fetchJobId,
  fetchJobOptions,
  fetchQueueName,
} from '../jobs/fetch-symbol.job';
import { finishedOrMissing } from './finished-or-missing';
import { logQueueErrors } from './queue-errors';
import { within } from './within';

/**
 * The batch-level fields every job of a batch shares, and a backfill's ranges by symbol (each job
 * takes its own symbol's).
 */
export type BatchJobTemplate = Omit<
  FetchSymbolJobData,
  'detailId' | 'symbol' | 'round' | 'ranges'
> & {
  ranges?: Readonly<Record<string, [string, string][]>>;
};

const ADD_CHUNK = 1000;
const REMOVE_CONCURRENT = 200;

/**
 * Enqueues and removes the fetch jobs of batches, one BullMQ queue per provider. Job ids are
 * deterministic, so adding twice is a no-op; `ensureEnqueued` also replaces a finished job that
 * holds the id of a symbol that is open again, so an old failed job never blocks a new run.
 */
@Injectable()
export class FetchQueues implements OnModuleInit {
  private readonly logger = new Logger(FetchQueues.name);
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly config: AppConfig,
  ) {}

  /** Redis errors are reported through health and 503s; log them at most every 10 s, one line. */
  onModuleInit(): void {
    logQueueErrors(
      this.logger,
      PROVIDER_NAMES.map((provider) => this.queue(provider)),
    );
  }

  queue(provider: string): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(fetchQueueName(provider)), { strict: false });
  }

  jobId(template: BatchJobTemplate, detail: DetailKey): string {
    return fetchJobId(
      template.batchId,
      template.batchJobId,
      detail.stockCode,
      template.interval,
      detail.retryRound,
    );
  }

  /**
   * Adds one job per detail with addBulk (in chunks). Each chunk is bounded by REDIS_TIMEOUT_MS:
   * a Redis that stops answering (not refusing) throws here instead of holding the caller.
   */
  async enqueue(template: BatchJobTemplate, details: DetailKey[]): Promise<void> {
    const queue = this.queue(template.provider);
    const opts = fetchJobOptions({
      attempts: this.config.jobAttempts,
      backoffMs: this.config.jobBackoffMs,
    });
    for (let i = 0; i < details.length; i += ADD_CHUNK) {
      await within(
        this.config.redisTimeoutMs,
        `enqueue on ${queue.name}`,
        queue.addBulk(
          details.slice(i, i + ADD_CHUNK).map((d) => ({
            name: FETCH_SYMBOL_JOB,
            data: jobData(template, d),
            opts: { ...opts, jobId: this.jobId(template, d) },
          })),
        ),
      );
    }
  }

  /**
   * Makes sure each detail has a live job: adds missing ones, replaces completed or failed ones
   * (their symbol is open again), leaves waiting, delayed and active ones. Returns the ids added.
   */
  async ensureEnqueued(
    template: BatchJobTemplate,
    details: DetailKey[],
    completedGraceMs = 0,
  ): Promise<string[]> {
    const ids = details.map((d) => this.jobId(template, d));
    const dead = await finishedOrMissing(this.queue(template.provider), ids, completedGraceMs);
    const missing = details.filter((_, i) => dead.has(ids[i]));
    if (missing.length > 0) await this.enqueue(template, missing);
    return missing.map((d) => d.id);
  }

  /**
   * Removes the jobs of these details that are not running (best effort; workers re-check the
   * batch and skip them). After a group with a failed call the rest is left: a Redis that does
   * not answer costs the caller one command timeout, not one per group.
   */
  async remove(template: BatchJobTemplate, details: DetailKey[]): Promise<number> {
    const queue = this.queue(template.provider);
    let removed = 0;
    // Groups of concurrent calls (ioredis pipelines them): a 5,000-symbol stop is not 5,000 trips.
    for (let i = 0; i < details.length; i += REMOVE_CONCURRENT) {
      let failure: unknown;
      const counts = await Promise.all(
        details.slice(i, i + REMOVE_CONCURRENT).map((detail) =>
          queue.remove(this.jobId(template, detail)).catch((error: unknown) => {
            failure ??= error;
            return 0;
          }),
        ),
      );
      removed += counts.reduce((a, b) => a + b, 0);
      if (failure !== undefined) {
        this.logger.warn(
          `batch ${template.batchId}: left ${details.length - i} job(s) in Redis (workers skip them): ${String(failure)}`,
        );
        break;
      }
    }
    return removed;
  }
}

/** The payload of a detail's job: the batch's fields, the symbol's, and its backfill ranges. */
function jobData(template: BatchJobTemplate, d: DetailKey): FetchSymbolJobData {
  const { ranges, ...shared } = template;
  const own = ranges?.[d.stockCode];
  return {
    ...shared,
    detailId: d.id,
    symbol: d.stockCode,
    round: d.retryRound,
    ...(own ? { ranges: own } : {}),
  };
}
