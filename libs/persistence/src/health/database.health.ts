import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { logCheck } from './health-log';
import { DataSource } from 'typeorm';

/** PostgreSQL answers a trivial query within the timeout. */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly dataSource: DataSource,
    private readonly health: HealthIndicatorService,
  ) {}

  async isHealthy(key = 'database', timeoutMs = 2000) {
    const indicator = this.health.check(key);
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      await Promise.race([this.dataSource.query('SELECT 1'), timeout]);
      logCheck(key, null);
      return indicator.up();
    } catch (error) {
      logCheck(key, error instanceof Error ? error.message : String(error));
      return indicator.down();
    } finally {
      clearTimeout(timer);
    }
  }
}
