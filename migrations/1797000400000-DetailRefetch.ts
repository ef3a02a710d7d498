import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `batch_execution_details.refetch` (issue 15): set when the symbol's stored history was fetched
 * again in full because a new split reached us or the re-fetched overlap candle disagreed with the
 * stored one; says why and what was replaced. NULL for every other outcome (and existing rows).
 */
export class DetailRefetch1797000400000 implements MigrationInterface {
  name = 'DetailRefetch1797000400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "batch_execution_details" ADD "refetch" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "batch_execution_details" DROP COLUMN "refetch"`);
  }
}
