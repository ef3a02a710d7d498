import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createRollups, dropRollups, isHypertable } from '@app/persistence';

/**
 * TimescaleDB only: continuous aggregates ohlcv_1h and ohlcv_1d over 1-minute candles, with
 * refresh policies. On plain PostgreSQL (ohlcv_data is no hypertable) it does nothing either way.
 */
export class TimescaleRollups1795455666408 implements MigrationInterface {
  name = 'TimescaleRollups1795455666408';

  public async up(queryRunner: QueryRunner): Promise<void> {
    if (await isHypertable(queryRunner, 'ohlcv_data')) await createRollups(queryRunner);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    if (await isHypertable(queryRunner, 'ohlcv_data')) await dropRollups(queryRunner);
  }
}
