import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * TypeORM's messages through the Nest logger (so through pino in the apps: JSON lines that carry
 * a job's or a request's ids). Failed queries are errors with the SQL text; parameters are left
 * out (they are data, and could be anything). Queries, schema builds and migrations are not logged.
 */
export class NestTypeOrmLogger implements TypeOrmLogger {
  private readonly logger = new Logger('TypeORM');

  logQuery(): void {
    // every query: far too many lines
  }

  logQueryError(error: string | Error, query: string): void {
    const message = error instanceof Error ? error.message : error;
    this.logger.error(`query failed: ${message}; query: ${query.replace(/\s+/g, ' ').trim()}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`slow query (${time} ms): ${query.replace(/\s+/g, ' ').trim()}`);
  }

  logSchemaBuild(): void {
    // never built by the apps (synchronize is off)
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
    else this.logger.debug(String(message));
  }
}
