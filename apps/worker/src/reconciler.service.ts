import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig, createRedisConnection, queueKeyPrefix, RedisClient } from '@app/common';
import { AlertReconciler, BatchReconciler } from '@app/batch';
import { RedisLock } from './redis-lock';

/**
 * Runs the batch reconciler (and the alerts' part: sweep scheduler, notifications without a job)
 * at start and every RECONCILE_INTERVAL_MS. A Redis lock lets one
 * worker replica at a time make the pass: it is held (renewed while a pass runs longer) until the
 * next interval, so one pass runs per interval, and released at shutdown; renew and release check
 * this process's token, so an expired lock another replica took is never extended or deleted. A
 * failed pass (Redis or PostgreSQL down) is logged and tried again at the next tick.
 */
@Injectable()
export class ReconcilerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ReconcilerService.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly redis: RedisClient;
  private readonly lock: RedisLock;

  constructor(
    private readonly config: AppConfig,
    private readonly reconciler: BatchReconciler,
    private readonly alerts: AlertReconciler,
  ) {
    this.redis = createRedisConnection(config, 'lock', 'market-ingest-reconciler');
    this.redis.on('error', () => undefined); // a failed pass is logged by pass()
    this.lock = new RedisLock(
      this.redis,
      // One key: on a cluster it lives in the queues' hash-tag slot like everything of the prefix.
      `${queueKeyPrefix(config)}:reconciler-lock`,
      randomUUID(),
      Math.max(1000, config.reconcileIntervalMs - 100),
    );
  }

  onApplicationBootstrap(): void {
    const tick = (): void => {
      this.running ??= this.pass().finally(() => (this.running = undefined));
    };
    tick();
    this.timer = setInterval(tick, this.config.reconcileIntervalMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    // Another replica need not wait for the lock to expire.
    await this.lock.release().catch(() => false);
    this.redis.disconnect();
  }

  private async pass(): Promise<void> {
    let renewing: NodeJS.Timeout | undefined;
    try {
      if (!(await this.lock.acquire())) return;
      // A pass longer than the lock's life keeps it, as long as it is still this process's.
      const every = Math.floor(this.lock.ttlMs / 3);
      renewing = setInterval(() => void this.lock.renew().catch(() => false), every);
      renewing.unref();
      const added = (await this.reconciler.reconcile()) + (await this.alerts.reconcile());
      if (added > 0) this.logger.log(`reconciler re-enqueued ${added} job(s)`);
    } catch (error) {
      this.logger.warn(
        `reconcile pass failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      clearInterval(renewing);
    }
  }
}
