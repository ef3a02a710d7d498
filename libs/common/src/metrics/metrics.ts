import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process's Prometheus metrics. One registry per process, created on first use; libs record
 * into it directly (a counter increment is cheaper than any indirection), apps serve it at /metrics.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly jobs = new Counter({
    name: 'market_ingest_jobs_total',
    help: 'Fetch jobs by provider and outcome (completed, failed, retried, skipped, rate_limited)',
    labelNames: ['provider', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'market_ingest_job_duration_seconds',
    help: 'Duration of one fetch job attempt, by provider',
    labelNames: ['provider'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });

  readonly rowsUpserted = new Counter({
    name: 'market_ingest_rows_upserted_total',
    help: 'Rows inserted or changed, by data type (unchanged re-ingested rows are not counted)',
    labelNames: ['data_type'] as const,
    registers: [this.registry],
  });

  readonly rowsRejected = new Counter({
    name: 'market_ingest_rows_rejected_total',
    help: 'Rows rejected by the data-quality checks',
    labelNames: ['provider'] as const,
    registers: [this.registry],
  });

  readonly providerRequests = new Histogram({
    name: 'market_ingest_provider_request_duration_seconds',
    help: 'Provider HTTP requests by provider and status (status "error" for no answer)',
    labelNames: ['provider', 'status'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  readonly queueJobs = new Gauge({
    name: 'market_ingest_queue_jobs',
    help: 'Jobs in the fetch queues by queue and state (waiting, active, delayed, failed)',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
  });

  readonly webhookDeliveries = new Counter({
    name: 'market_ingest_webhook_deliveries_total',
    help: 'Webhook delivery attempts by outcome (delivered, retried, failed, skipped)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly batches = new Gauge({
    name: 'market_ingest_batches',
    help: 'Batches by status',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });

  private constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'market_ingest_' });
  }

  private static instance: Metrics | undefined;

  static get(): Metrics {
    Metrics.instance ??= new Metrics();
    return Metrics.instance;
  }
}
