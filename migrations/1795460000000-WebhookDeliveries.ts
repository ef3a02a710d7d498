import type { MigrationInterface, QueryRunner } from 'typeorm';

export class WebhookDeliveries1795460000000 implements MigrationInterface {
  name = 'WebhookDeliveries1795460000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "webhook_deliveries" ("id" BIGSERIAL NOT NULL, "batch_execution_id" integer NOT NULL, "url" text NOT NULL, "event" text NOT NULL DEFAULT 'batch.ended', "batch_status" text NOT NULL, "payload" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "attempts" integer NOT NULL DEFAULT '0', "last_status_code" integer, "last_error" text, "delivered_at" TIMESTAMP WITH TIME ZONE, "failed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "webhook_deliveries_batch_execution_id_idx" ON "webhook_deliveries"  ("batch_execution_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "webhook_deliveries_open_idx" ON "webhook_deliveries"  ("created_at") WHERE delivered_at IS NULL AND failed_at IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "batch_executions" ADD "webhook_urls" text array NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_batch_execution_id_fkey" FOREIGN KEY ("batch_execution_id") REFERENCES "batch_executions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "webhook_deliveries_batch_execution_id_fkey"`,
    );
    await queryRunner.query(`ALTER TABLE "batch_executions" DROP COLUMN "webhook_urls"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_deliveries_open_idx"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_deliveries_batch_execution_id_idx"`);
    await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
  }
}
