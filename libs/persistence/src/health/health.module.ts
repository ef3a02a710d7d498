import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DatabaseHealthIndicator } from './database.health';
import { HealthController } from './health.controller';
import { MigrationsHealthIndicator } from './migrations.health';
import { ReadinessMetric } from './readiness-metric';
import { RedisHealthIndicator } from './redis.health';

/**
 * /health, /health/live and /health/ready, and the readiness gauge of /metrics; import it in any
 * app that has PersistenceModule.
 */
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [
    DatabaseHealthIndicator,
    MigrationsHealthIndicator,
    RedisHealthIndicator,
    ReadinessMetric,
  ],
})
export class HealthModule {}
