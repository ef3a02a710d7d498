import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/common';
import { BatchRepository, DetailKey } from '@app/persistence';
import { FetchQueues } from './queue/fetch-queues';
import { BatchService } from './batch.service';
import { ScheduleService } from './schedules/schedule.service';

const PASS_LIMIT = 20_000;

/**
 * Makes Redis agree with PostgreSQL: every open symbol of a running batch must have a live job.
 * Missing ones (Redis restarted or flushed, API died before enqueuing) are added; finished jobs of
 * symbols that are open again are replaced; the job scheduler of every schedule exists. PostgreSQL
 * is the source of truth.
 */
@Injectable()
export class BatchReconciler {
  private readonly logger = new Logger(BatchReconciler.name);

  constructor(
    private readonly config: AppConfig,
    private readonly batches: BatchRepository,
    private readonly service: BatchService,
    private readonly queues: FetchQueues,
    private readonly schedules: ScheduleService,
  ) {}

  /** One pass; returns how many fetch jobs it enqueued. Job schedulers are restored first. */
  async reconcile(): Promise<number> {
    await this.schedules.restore();
    const open = await this.batches.openDetailsOfActiveBatches(
      this.config.reconcileIntervalMs,
      PASS_LIMIT,
    );
    const byBatch = new Map<number, DetailKey[]>();
    for (const d of open) {
      const list = byBatch.get(d.batchId) ?? [];
      list.push(d);
      byBatch.set(d.batchId, list);
    }
    let added = 0;
    for (const [batchId, details] of byBatch) {
      const batch = await this.batches.findById(batchId);
      if (!batch || batch.status !== 'running') continue;
      const ids = await this.queues.ensureEnqueued(this.service.template(batch), details);
      await this.batches.markQueued(ids);
      if (ids.length > 0) {
        this.logger.warn(
          `batch ${batchId}: re-enqueued ${ids.length} symbol(s) that had no job in Redis`,
        );
      }
      added += ids.length;
    }
    return added;
  }
}
