import { Controller, Get, Header } from '@nestjs/common';
import { Metrics, PROVIDER_NAMES } from '@app/common';
import { AlertRepository, BatchRepository } from '@app/persistence';
import { fetchQueueName } from '../jobs/fetch-symbol.job';
import { FetchQueues } from '../queue/fetch-queues';

/** GET /metrics: Prometheus text; queue, batch and alert gauges are read at scrape time. */
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly queues: FetchQueues,
    private readonly batches: BatchRepository,
    private readonly alerts: AlertRepository,
  ) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async metrics(): Promise<string> {
    const metrics = Metrics.get();
    await Promise.all([
      ...PROVIDER_NAMES.map(async (p) => {
        const counts = await this.queues
          .queue(p)
          .getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized')
          .catch(() => null);
        if (!counts) return;
        for (const [state, n] of Object.entries(counts)) {
          metrics.queueJobs.set({ queue: fetchQueueName(p), state }, n);
        }
      }),
      this.batches
        .countByStatus()
        .then((rows) => {
          metrics.batches.reset();
          for (const r of rows) metrics.batches.set({ status: r.status }, r.n);
        })
        .catch(() => undefined),
      this.alerts
        .countByKindState()
        .then((rows) => {
          metrics.alerts.reset();
          for (const r of rows) metrics.alerts.set({ kind: r.kind, state: r.state }, r.n);
        })
        .catch(() => undefined),
    ]);
    return metrics.registry.metrics();
  }
}
