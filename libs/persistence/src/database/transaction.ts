import { Injectable } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';
import { mappingDatabaseErrors } from './database-errors';

declare const TX: unique symbol;

/**
 * An open transaction, opaque outside libs/persistence: services pass it from
 * `Database.transaction(fn)` (or from a repository method that opens one) to repository methods,
 * never see a QueryRunner and cannot run SQL with it.
 */
export interface Tx {
  readonly [TX]: true;
}

class QueryRunnerTx {
  constructor(readonly runner: QueryRunner) {}
}

/** The QueryRunner behind a transaction handle (libs/persistence only: not exported by the barrel). */
export function runnerOf(tx: Tx): QueryRunner {
  if (!(tx instanceof QueryRunnerTx)) throw new Error('not a transaction handle of Database');
  return tx.runner;
}

/**
 * The database door for repositories: statements and transactions with driver errors mapped to
 * domain errors (database-errors.ts) in one place.
 */
@Injectable()
export class Database {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return mappingDatabaseErrors(async () => {
      const qr = this.dataSource.createQueryRunner();
      await qr.connect();
      try {
        await qr.startTransaction();
        try {
          const result = await work(new QueryRunnerTx(qr) as unknown as Tx);
          await qr.commitTransaction();
          return result;
        } catch (error) {
          if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
          throw error;
        }
      } finally {
        await qr.release();
      }
    });
  }

  /** Rows of one statement (also of UPDATE … RETURNING), in `tx` when given, else on its own. */
  async rows<T>(tx: Tx | null, sql: string, params: unknown[] = []): Promise<T[]> {
    return mappingDatabaseErrors(async () => {
      if (tx) return (await runnerOf(tx).query(sql, params, true)).records as T[];
      const qr = this.dataSource.createQueryRunner();
      try {
        return (await qr.query(sql, params, true)).records as T[];
      } finally {
        await qr.release();
      }
    });
  }
}
