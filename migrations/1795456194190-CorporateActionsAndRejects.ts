import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CorporateActionsAndRejects1795456194190 implements MigrationInterface {
  name = 'CorporateActionsAndRejects1795456194190';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "corporate_actions" ("symbol" text NOT NULL, "type" text NOT NULL, "ts" TIMESTAMP WITH TIME ZONE NOT NULL, "amount" double precision, "numerator" double precision, "denominator" double precision, "provider" text NOT NULL, CONSTRAINT "corporate_actions_pkey" PRIMARY KEY ("symbol", "type", "ts"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "batch_execution_details" ADD "rejected_records" integer NOT NULL DEFAULT '0'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "batch_execution_details" DROP COLUMN "rejected_records"`);
    await queryRunner.query(`DROP TABLE "corporate_actions"`);
  }
}
