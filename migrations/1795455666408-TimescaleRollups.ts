import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createRollupsV1, dropRollupsV1, isHypertableV1 } from './sql/timescale-layout-v1';

/**
 * TimescaleDB only: continuous aggregates ohlcv_1h and ohlcv_1d over 1-minute candles, with
 * refresh policies. On plain PostgreSQL (ohlcv_data is no hypertable) it does nothing either way.
 */
export class TimescaleRollups1795455666408 implements MigrationInterface {
  name = 'TimescaleRollups1795455666408';

  public async up(queryRunner: QueryRunner): Promise<void> {
    if (await isHypertableV1(queryRunner, 'ohlcv_data')) await createRollupsV1(queryRunner);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    if (await isHypertableV1(queryRunner, 'ohlcv_data')) await dropRollupsV1(queryRunner);
  }
}
