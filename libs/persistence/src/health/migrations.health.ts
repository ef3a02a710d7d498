import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
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
        return indicator.down({ pending: pending.map((m) => m.name) });
      }
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
