import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  applyTimeseriesLayoutV1,
  enableTimescaleV1,
  TIMESERIES_TABLES_V1,
} from './sql/timescale-layout-v1';

/**
 * Batches, their per-symbol details, symbols and the three time-series tables. The time-series
 * tables become TimescaleDB hypertables with compression when the extension is available (and
 * TIMESCALEDB is not off), otherwise plain tables with a BRIN index on time. `down` keeps the
 * extension: it may be shared or pre-installed, and is harmless without hypertables.
 */
export class InitialSchema1795454376684 implements MigrationInterface {
  name = 'InitialSchema1795454376684';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "batch_execution_details" ("id" BIGSERIAL NOT NULL, "batch_execution_id" integer NOT NULL, "stock_code" text NOT NULL, "status" text NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "start_time" TIMESTAMP WITH TIME ZONE, "end_time" TIMESTAMP WITH TIME ZONE, "error_message" text, "records_inserted" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "batch_execution_details_batch_stock_key" UNIQUE ("batch_execution_id", "stock_code"), CONSTRAINT "batch_execution_details_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "batch_execution_details_batch_status_idx" ON "batch_execution_details"  ("batch_execution_id", "status") `,
    );
    await queryRunner.query(
      `CREATE TABLE "batch_executions" ("id" SERIAL NOT NULL, "job_id" text NOT NULL, "batch_type" text NOT NULL, "status" text NOT NULL, "interval" text NOT NULL, "provider" text NOT NULL, "params" jsonb NOT NULL DEFAULT '{}', "total_stocks" integer NOT NULL, "processed_stocks" integer NOT NULL DEFAULT '0', "successful_stocks" integer NOT NULL DEFAULT '0', "failed_stocks" integer NOT NULL DEFAULT '0', "start_time" TIMESTAMP WITH TIME ZONE, "end_time" TIMESTAMP WITH TIME ZONE, "error_message" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "batch_executions_counters_check" CHECK ("processed_stocks" >= 0 AND "successful_stocks" >= 0 AND "failed_stocks" >= 0 AND "processed_stocks" = "successful_stocks" + "failed_stocks" AND "processed_stocks" <= "total_stocks"), CONSTRAINT "batch_executions_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "batch_executions_job_id_key" ON "batch_executions"  ("job_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "batch_executions_created_at_idx" ON "batch_executions"  ("created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "batch_executions_status_created_at_idx" ON "batch_executions"  ("status", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "funding_rate_data" ("symbol" text NOT NULL, "ts" TIMESTAMP WITH TIME ZONE NOT NULL, "funding_rate" double precision NOT NULL, "mark_price" double precision, CONSTRAINT "funding_rate_data_pkey" PRIMARY KEY ("symbol", "ts"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "ohlcv_data" ("symbol" text NOT NULL, "interval" text NOT NULL, "ts" TIMESTAMP WITH TIME ZONE NOT NULL, "open" double precision NOT NULL, "high" double precision NOT NULL, "low" double precision NOT NULL, "close" double precision NOT NULL, "adj_close" double precision, "volume" double precision NOT NULL DEFAULT '0', CONSTRAINT "ohlcv_data_pkey" PRIMARY KEY ("symbol", "interval", "ts"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "open_interest_data" ("symbol" text NOT NULL, "interval" text NOT NULL, "ts" TIMESTAMP WITH TIME ZONE NOT NULL, "open_interest" double precision NOT NULL, "open_interest_value" double precision, CONSTRAINT "open_interest_data_pkey" PRIMARY KEY ("symbol", "interval", "ts"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "symbols" ("symbol" text NOT NULL, "name" text, "exchange" text, "asset_class" text, "industry_code" text, "active" boolean NOT NULL DEFAULT true, "listed_date" date, "delisted_date" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "symbols_pkey" PRIMARY KEY ("symbol"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "batch_execution_details" ADD CONSTRAINT "batch_execution_details_batch_execution_id_fkey" FOREIGN KEY ("batch_execution_id") REFERENCES "batch_executions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    const useTimescale = await enableTimescaleV1(queryRunner);
    for (const table of TIMESERIES_TABLES_V1) {
      await applyTimeseriesLayoutV1(queryRunner, table, useTimescale);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "batch_execution_details" DROP CONSTRAINT "batch_execution_details_batch_execution_id_fkey"`,
    );
    await queryRunner.query(`DROP TABLE "symbols"`);
    await queryRunner.query(`DROP TABLE "open_interest_data"`);
    await queryRunner.query(`DROP TABLE "ohlcv_data"`);
    await queryRunner.query(`DROP TABLE "funding_rate_data"`);
    await queryRunner.query(`DROP INDEX "public"."batch_executions_status_created_at_idx"`);
    await queryRunner.query(`DROP INDEX "public"."batch_executions_created_at_idx"`);
    await queryRunner.query(`DROP INDEX "public"."batch_executions_job_id_key"`);
    await queryRunner.query(`DROP TABLE "batch_executions"`);
    await queryRunner.query(`DROP INDEX "public"."batch_execution_details_batch_status_idx"`);
    await queryRunner.query(`DROP TABLE "batch_execution_details"`);
  }
}
