import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { logCheck } from './health-log';
import { Redis } from 'ioredis';
import { AppConfig } from '@app/common';

/** Redis answers PING within the timeout. Uses its own connection that never queues commands. */
@Injectable()
export class RedisHealthIndicator implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(
    config: AppConfig,
    private readonly health: HealthIndicatorService,
  ) {
    this.redis = new Redis(config.redisUrl, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2000,
      connectionName: 'market-ingest-health',
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    this.redis.on('error', () => undefined); // reported through the health check, not the log
  }

  async isHealthy(key = 'redis', timeoutMs = 2000) {
    const indicator = this.health.check(key);
    let timer: NodeJS.Timeout | undefined;
    try {
      if (this.redis.status === 'wait') await this.redis.connect().catch(() => undefined);
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      await Promise.race([this.redis.ping(), timeout]);
      logCheck(key, null);
      return indicator.up();
    } catch (error) {
      logCheck(key, error instanceof Error ? error.message : String(error));
      return indicator.down();
    } finally {
      clearTimeout(timer);
    }
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
