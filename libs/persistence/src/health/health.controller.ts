import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { DatabaseHealthIndicator } from './database.health';
import { MigrationsHealthIndicator } from './migrations.health';
import { RedisHealthIndicator } from './redis.health';

/**
 * Probes for orchestrators, served by the API and by the worker's health port.
 * live: the process answers. ready (and /health): PostgreSQL (and its read replica when
 * DATABASE_READ_URL is set), Redis and migrations are fine.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly migrations: MigrationsHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.ready();
  }

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.database.isHealthy(),
      ...(this.database.hasReplica ? [() => this.database.isReplicaHealthy()] : []),
      () => this.redis.isHealthy(),
      () => this.migrations.isHealthy(),
    ]);
  }
}
