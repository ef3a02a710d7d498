import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';

/** PostgreSQL answers a trivial query within the timeout. */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly dataSource: DataSource,
    private readonly health: HealthIndicatorService,
  ) {}

  /** Is a read replica configured (DATABASE_READ_URL)? Then readiness checks it too. */
  get hasReplica(): boolean {
    return (this.dataSource.driver as { isReplicated?: boolean }).isReplicated === true;
  }

  /** The read replica answers (checked only when one is configured). */
  isReplicaHealthy(key = 'database_read', timeoutMs = 2000) {
    return this.isHealthy(key, timeoutMs, 'slave');
  }

  async isHealthy(key = 'database', timeoutMs = 2000, mode: 'master' | 'slave' = 'master') {
    const indicator = this.health.check(key);
    let timer: NodeJS.Timeout | undefined;
    const runner = this.dataSource.createQueryRunner(mode);
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      await Promise.race([runner.query('SELECT 1'), timeout]);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    } finally {
      clearTimeout(timer);
      void runner.release().catch(() => undefined);
    }
  }
}
