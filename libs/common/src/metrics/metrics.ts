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

  /** What `market_ingest_outcomes_unwritten` reads at scrape time (the worker's OutcomeRecorder). */
  unwrittenOutcomes: () => number = () => 0;

  readonly outcomesUnwritten: Gauge = new Gauge({
    name: 'market_ingest_outcomes_unwritten',
    help: 'Outcomes this worker took over from completed jobs and has not committed yet (OUTCOME_WRITE_BEHIND)',
    registers: [this.registry],
    collect: (): void => this.outcomesUnwritten.set(this.unwrittenOutcomes()),
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

  readonly alerts = new Gauge({
    name: 'market_ingest_alerts',
    help: 'Alerts by kind and state (firing, acknowledged, resolved), read at scrape time',
    labelNames: ['kind', 'state'] as const,
    registers: [this.registry],
  });

  readonly alertTransitions = new Counter({
    name: 'market_ingest_alert_transitions_total',
    help: 'Alerts this process opened (event firing) or resolved, by kind',
    labelNames: ['kind', 'event'] as const,
    registers: [this.registry],
  });

  readonly alertEvaluations = new Counter({
    name: 'market_ingest_alert_evaluations_total',
    help: 'Alert evaluations by trigger (sweep, batch-ended, anomalies-recorded) and outcome (ok, error)',
    labelNames: ['trigger', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly alertNotifications = new Counter({
    name: 'market_ingest_alert_notifications_total',
    help: 'Alert notification attempts by channel (slack, email, webhook) and outcome (delivered, retried, failed, skipped)',
    labelNames: ['channel', 'outcome'] as const,
    registers: [this.registry],
  });

  /**
   * 1 when a readiness check passes, 0 when it fails (database, redis, migrations), computed at
   * scrape time by `readinessProbe` when the process has one (both apps do).
   */
  readonly ready = new Gauge({
    name: 'market_ingest_ready',
    help: 'Readiness checks of this process at scrape time: 1 passing, 0 failing (as GET /health/ready)',
    labelNames: ['check'] as const,
    registers: [this.registry],
    collect: async () => {
      const probe = this.readinessProbe;
      if (!probe) return;
      const checks = await probe().catch(() => null);
      if (!checks) return;
      this.ready.reset();
      for (const [check, ok] of Object.entries(checks)) this.ready.set({ check }, ok ? 1 : 0);
    },
  });

  /** Set by the health module: the readiness checks, by name, each true when passing. */
  readinessProbe: (() => Promise<Record<string, boolean>>) | null = null;

  private constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'market_ingest_' });
  }

  private static instance: Metrics | undefined;

  static get(): Metrics {
    Metrics.instance ??= new Metrics();
    return Metrics.instance;
  }
}
