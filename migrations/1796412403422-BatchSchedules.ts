import type { MigrationInterface, QueryRunner } from 'typeorm';

export class BatchSchedules1796412403422 implements MigrationInterface {
  name = 'BatchSchedules1796412403422';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "batch_schedules" ("id" SERIAL NOT NULL, "name" text, "cron" text NOT NULL, "timezone" text NOT NULL DEFAULT 'UTC', "request" jsonb NOT NULL, "last_run_at" TIMESTAMP WITH TIME ZONE, "last_batch_id" integer, "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "batch_schedules_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`ALTER TABLE "batch_executions" ADD "schedule_id" integer`);
    await queryRunner.query(
      `ALTER TABLE "batch_executions" ADD "scheduled_for" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "batch_executions_schedule_tick_key" ON "batch_executions"  ("schedule_id", "scheduled_for") `,
    );
    await queryRunner.query(
      `ALTER TABLE "batch_executions" ADD CONSTRAINT "batch_executions_schedule_id_fkey" FOREIGN KEY ("schedule_id") REFERENCES "batch_schedules"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "batch_executions" DROP CONSTRAINT "batch_executions_schedule_id_fkey"`,
    );
    await queryRunner.query(`DROP INDEX "public"."batch_executions_schedule_tick_key"`);
    await queryRunner.query(`ALTER TABLE "batch_executions" DROP COLUMN "scheduled_for"`);
    await queryRunner.query(`ALTER TABLE "batch_executions" DROP COLUMN "schedule_id"`);
    await queryRunner.query(`DROP TABLE "batch_schedules"`);
  }
}
