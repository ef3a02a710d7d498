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

/** The batch-level fields every job of a batch shares. */
export type BatchJobTemplate = Omit<FetchSymbolJobData, 'detailId' | 'symbol' | 'round'>;

const ADD_CHUNK = 1000;

/**
 * Enqueues and removes the fetch jobs of batches, one BullMQ queue per provider. Job ids are
 * deterministic, so adding twice is a no-op; `ensureEnqueued` also replaces a finished job that
 * holds the id of a symbol that is open again, so an old failed job never blocks a new run.
 */
@Injectable()
export class FetchQueues implements OnModuleInit {
  private readonly logger = new Logger(FetchQueues.name);
  private lastErrorLog = 0;

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly config: AppConfig,
  ) {}

  /** Redis errors are reported through health and 503s; log them at most every 10 s, one line. */
  onModuleInit(): void {
    for (const provider of PROVIDER_NAMES) {
      this.queue(provider).on('error', (error: Error) => {
        if (Date.now() - this.lastErrorLog < 10_000) return;
        this.lastErrorLog = Date.now();
        this.logger.warn(`redis: ${error.message}`);
      });
    }
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

  /** Adds one job per detail with addBulk (in chunks). */
  async enqueue(template: BatchJobTemplate, details: DetailKey[]): Promise<void> {
    const queue = this.queue(template.provider);
    const opts = fetchJobOptions({
      attempts: this.config.jobAttempts,
      backoffMs: this.config.jobBackoffMs,
    });
    for (let i = 0; i < details.length; i += ADD_CHUNK) {
      await queue.addBulk(
        details.slice(i, i + ADD_CHUNK).map((d) => ({
          name: FETCH_SYMBOL_JOB,
          data: { ...template, detailId: d.id, symbol: d.stockCode, round: d.retryRound },
          opts: { ...opts, jobId: this.jobId(template, d) },
        })),
      );
    }
  }

  /**
   * Makes sure each detail has a live job: adds missing ones, replaces completed or failed ones
   * (their symbol is open again), leaves waiting, delayed and active ones. Returns the ids added.
   */
  async ensureEnqueued(template: BatchJobTemplate, details: DetailKey[]): Promise<string[]> {
    const queue = this.queue(template.provider);
    const missing: DetailKey[] = [];
    for (const detail of details) {
      const id = this.jobId(template, detail);
      const state = await queue.getJobState(id);
      if (state === 'unknown') {
        missing.push(detail);
      } else if (state === 'completed' || state === 'failed') {
        await queue.remove(id).catch(() => 0);
        missing.push(detail);
      }
    }
    if (missing.length > 0) await this.enqueue(template, missing);
    return missing.map((d) => d.id);
  }

  /** Removes the jobs of these details that are not running (best effort; workers re-check). */
  async remove(template: BatchJobTemplate, details: DetailKey[]): Promise<number> {
    const queue = this.queue(template.provider);
    let removed = 0;
    for (const detail of details) {
      try {
        removed += await queue.remove(this.jobId(template, detail));
      } catch (error) {
        this.logger.warn(`could not remove job of ${detail.stockCode}: ${String(error)}`);
      }
    }
    return removed;
  }
}
