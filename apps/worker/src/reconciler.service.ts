import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig, createRedisConnection, queueKeyPrefix, RedisClient } from '@app/common';
import { BatchReconciler } from '@app/batch';

/**
 * Runs the batch reconciler at start and every RECONCILE_INTERVAL_MS. A Redis lock lets one
 * worker replica at a time make the pass; a failed pass (Redis or PostgreSQL down) is logged and
 * tried again at the next tick.
 */
@Injectable()
export class ReconcilerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ReconcilerService.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly owner = randomUUID();
  private readonly redis: RedisClient;

  constructor(
    private readonly config: AppConfig,
    private readonly reconciler: BatchReconciler,
  ) {
    this.redis = createRedisConnection(config, 'lock', 'market-ingest-reconciler');
    this.redis.on('error', () => undefined); // a failed pass is logged by pass()
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
    this.redis.disconnect();
  }

  private async pass(): Promise<void> {
    try {
      // One key: on a cluster it lives in the queues' hash-tag slot like everything of the prefix.
      const key = `${queueKeyPrefix(this.config)}:reconciler-lock`;
      const ttl = Math.max(1000, this.config.reconcileIntervalMs - 100);
      const locked = await this.redis.set(key, this.owner, 'PX', ttl, 'NX');
      if (locked !== 'OK') return;
      const added = await this.reconciler.reconcile();
      if (added > 0) this.logger.log(`reconciler re-enqueued ${added} job(s)`);
    } catch (error) {
      this.logger.warn(
        `reconcile pass failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
