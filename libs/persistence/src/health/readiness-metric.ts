import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Metrics } from '@app/common';
import { DatabaseHealthIndicator } from './database.health';
import { MigrationsHealthIndicator } from './migrations.health';
import { RedisHealthIndicator } from './redis.health';

type Indicated = Record<string, { status?: string } | undefined>;

/**
 * Gives `market_ingest_ready{check}` its values at scrape time: the checks of GET /health/ready
 * (database, redis, migrations), so Prometheus can alert on readiness without probing the route.
 */
@Injectable()
export class ReadinessMetric implements OnModuleInit, OnModuleDestroy {
  constructor(
    private readonly database: DatabaseHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly migrations: MigrationsHealthIndicator,
  ) {}

  private readonly probe = async (): Promise<Record<string, boolean>> => {
    const up = (key: string, result: Promise<unknown>): Promise<boolean> =>
      result.then(
        (r) => (r as Indicated)[key]?.status === 'up',
        () => false,
      );
    const [database, redis, migrations] = await Promise.all([
      up('database', this.database.isHealthy()),
      up('redis', this.redis.isHealthy()),
      up('migrations', this.migrations.isHealthy()),
    ]);
    return { database, redis, migrations };
  };

  onModuleInit(): void {
    Metrics.get().readinessProbe = this.probe;
  }

  onModuleDestroy(): void {
    const metrics = Metrics.get();
    if (metrics.readinessProbe === this.probe) metrics.readinessProbe = null;
  }
}
