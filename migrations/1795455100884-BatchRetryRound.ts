import type { MigrationInterface, QueryRunner } from 'typeorm';

export class BatchRetryRound1795455100884 implements MigrationInterface {
  name = 'BatchRetryRound1795455100884';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "batch_execution_details" ADD "retry_round" integer NOT NULL DEFAULT '0'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "batch_execution_details" DROP COLUMN "retry_round"`);
  }
}
