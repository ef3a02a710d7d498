import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { logCheck } from './health-log';
import { DataSource } from 'typeorm';
import { MigrationRunner } from '../migrations/migration-runner';

/** Ready only when every migration the code knows is applied to the database. */
@Injectable()
export class MigrationsHealthIndicator {
  constructor(
    private readonly dataSource: DataSource,
    private readonly health: HealthIndicatorService,
  ) {}

  async isHealthy(key = 'migrations') {
    const indicator = this.health.check(key);
    try {
      const pending = await new MigrationRunner(this.dataSource).pending();
      if (pending.length > 0) {
        logCheck(key, `pending: ${pending.map((m) => m.name).join(', ')}`);
        return indicator.down();
      }
      logCheck(key, null);
      return indicator.up();
    } catch (error) {
      logCheck(key, error instanceof Error ? error.message : String(error));
      return indicator.down();
    }
  }
}
