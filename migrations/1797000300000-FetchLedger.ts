import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The fetch ledger: one row per fetch a worker made and recorded (the range it asked the provider
 * for and what came back), written in the same statement or transaction as the symbol's outcome,
 * so a row exists exactly when the outcome counted. Coverage reads it to tell "never fetched" from
 * "fetched, the provider had nothing"; the splits check reads the last full fetch
 * (`requested_from IS NULL`).
 *
 * `batch_execution_id` has no foreign key on purpose: a foreign key check locks the batch row
 * (FOR KEY SHARE, a write to its tuple header) on every outcome, the hot row the outcome path
 * avoids. A batch's ledger rows outlive it.
 *
 * History that predates the ledger: every stored series of `ohlcv_data` and `open_interest_data`
 * gets one row with `origin = 'history'` covering exactly its stored range (requested_from =
 * first_ts = its first row, requested_to = last_ts = its last row, rows_returned = its row count,
 * fetched_at = the migration's time). So stored rows count as fetched for their own range, nothing
 * outside it is claimed as fetched, and no history row is a full fetch (what the provider had
 * before the first stored row is unknown). `funding_rate_data` has no interval; its ledger starts
 * with its next fetch. `down` drops the table (history rows included: `up` recreates them).
 */
export class FetchLedger1797000300000 implements MigrationInterface {
  name = 'FetchLedger1797000300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "fetch_ledger" ("id" BIGSERIAL NOT NULL, "source" text NOT NULL, "symbol" text NOT NULL, "interval" text NOT NULL, "data_type" text NOT NULL DEFAULT 'ohlcv', "requested_from" TIMESTAMP WITH TIME ZONE, "requested_to" TIMESTAMP WITH TIME ZONE NOT NULL, "rows_returned" integer NOT NULL, "first_ts" TIMESTAMP WITH TIME ZONE, "last_ts" TIMESTAMP WITH TIME ZONE, "fetched_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "batch_execution_id" integer, "origin" text NOT NULL DEFAULT 'fetch', CONSTRAINT "fetch_ledger_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "fetch_ledger_series_idx" ON "fetch_ledger" ("source", "symbol", "interval", "data_type", "fetched_at") `,
    );
    for (const [table, dataType] of [
      ['ohlcv_data', 'ohlcv'],
      ['open_interest_data', 'open_interest'],
    ]) {
      await queryRunner.query(
        `INSERT INTO "fetch_ledger" ("source", "symbol", "interval", "data_type", "requested_from", "requested_to",
                                     "rows_returned", "first_ts", "last_ts", "origin")
         SELECT "source", "symbol", "interval", '${dataType}', min("ts"), max("ts"), count(*)::int, min("ts"), max("ts"), 'history'
         FROM "${table}" GROUP BY "source", "symbol", "interval" ORDER BY "source", "symbol", "interval"`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."fetch_ledger_series_idx"`);
    await queryRunner.query(`DROP TABLE "fetch_ledger"`);
  }
}
