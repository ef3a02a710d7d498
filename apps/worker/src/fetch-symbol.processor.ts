import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, Type } from '@nestjs/common';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { AppConfig, LogContext, Metrics, ProviderName } from '@app/common';
import {
  FETCH_SYMBOL_JOB,
  FetchSymbolJobData,
  fetchQueueName,
  SymbolFetchService,
  SymbolOutcome,
} from '@app/batch';
import { isInterval, RateLimitedError } from '@app/market-data';

/** Why a payload cannot be a fetch-symbol job, or null. */
export function payloadProblem(job: Pick<Job, 'name' | 'data'>): string | null {
  if (job.name !== FETCH_SYMBOL_JOB) return `unexpected job name "${job.name}"`;
  const d = job.data as Partial<FetchSymbolJobData> | null;
  if (!d || typeof d !== 'object') return 'payload is not an object';
  if (!Number.isInteger(d.batchId)) return 'batchId must be an integer';
  if (typeof d.detailId !== 'string' || !/^\d+$/.test(d.detailId))
    return 'detailId must be a numeric string';
  if (typeof d.symbol !== 'string' || d.symbol === '') return 'symbol must be a non-empty string';
  if (typeof d.interval !== 'string' || !isInterval(d.interval))
    return 'interval is not a known interval';
  if (typeof d.provider !== 'string') return 'provider must be a string';
  if (d.mode !== 'incremental' && d.mode !== 'full') return 'mode must be incremental or full';
  return null;
}

/**
 * Processes fetch-symbol jobs of one provider's queue: unpacks the job and makes one call into
 * SymbolFetchService. Retryable errors propagate (BullMQ retries with backoff); permanent ones
 * become UnrecoverableError; a provider's "slow down" re-queues the job without spending an attempt.
 */
@Injectable()
export abstract class FetchSymbolProcessor extends WorkerHost {
  protected readonly logger = new Logger(this.constructor.name);

  constructor(private readonly fetcher: SymbolFetchService) {
    super();
  }

  /** Every line logged while the job runs carries its batch_id, symbol, job_id, provider, attempt. */
  process(job: Job<FetchSymbolJobData>): Promise<SymbolOutcome> {
    const data = (job.data ?? {}) as Partial<FetchSymbolJobData>;
    return LogContext.run(
      {
        batch_id: data.batchId,
        symbol: data.symbol,
        job_id: job.id,
        provider: data.provider,
        attempt: job.attemptsMade + 1,
      },
      () => this.processInContext(job),
    );
  }

  private async processInContext(job: Job<FetchSymbolJobData>): Promise<SymbolOutcome> {
    const problem = payloadProblem(job);
    if (problem) throw new UnrecoverableError(`invalid job ${job.id}: ${problem}`);
    const attempts = job.opts.attempts ?? 1;
    const attempt = job.attemptsMade + 1;
    const metrics = Metrics.get();
    const provider = job.data.provider;
    const endTimer = metrics.jobDuration.startTimer({ provider });
    let timed = false;
    const stopTimer = (): void => {
      if (!timed) endTimer();
      timed = true;
    };
    try {
      const outcome = await this.fetcher.run(job.data, {
        attempt,
        lastAttempt: attempt >= attempts,
        writeBehind: true,
      });
      stopTimer();
      if (outcome.kind === 'failed' && outcome.permanent) {
        metrics.jobs.inc({ provider, outcome: 'failed' });
        this.logger.warn(`symbol failed (permanent, not retried): ${outcome.message}`);
        throw new UnrecoverableError(outcome.message);
      }
      metrics.jobs.inc({ provider, outcome: outcome.kind === 'skipped' ? 'skipped' : 'completed' });
      this.logger.debug(
        `job ${outcome.kind}` +
          (outcome.kind === 'stored'
            ? `: ${outcome.records} record(s) written of ${outcome.received} received`
            : outcome.kind === 'handed'
              ? `: ${outcome.received} record(s) received, written after the job`
              : outcome.kind === 'skipped'
                ? `: ${outcome.reason}`
                : `: ${outcome.message}`),
      );
      return outcome;
    } catch (error) {
      stopTimer();
      if (error instanceof RateLimitedError) {
        metrics.jobs.inc({ provider, outcome: 'rate_limited' });
        await this.worker.rateLimit(error.retryAfterMs);
        throw Worker.RateLimitError();
      }
      if (!(error instanceof UnrecoverableError)) {
        metrics.jobs.inc({ provider, outcome: attempt >= attempts ? 'failed' : 'retried' });
        this.logger.warn(
          `attempt ${attempt}/${attempts} failed: ${
            error instanceof Error ? error.message : String(error)
          }`,
        );
      }
      throw error;
    }
  }
}

/**
 * The processor class of one provider's queue, with the worker options taken from the
 * configuration (concurrency, requests-per-second limiter shared by all workers through Redis).
 */
export function fetchProcessorFor(
  provider: ProviderName,
  config: AppConfig,
): Type<FetchSymbolProcessor> {
  @Processor(fetchQueueName(provider), {
    concurrency: config.workerConcurrency,
    limiter: { max: Math.max(1, Math.round(config.rateLimits[provider])), duration: 1000 },
    lockDuration: config.jobLockMs,
    stalledInterval: Math.max(500, Math.round(config.jobLockMs / 2)),
    maxStalledCount: 3,
  })
  class ProviderFetchProcessor extends FetchSymbolProcessor {}
  const name = `Fetch${provider[0].toUpperCase()}${provider.slice(1)}Processor`;
  Object.defineProperty(ProviderFetchProcessor, 'name', { value: name });
  return ProviderFetchProcessor;
}
