import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The instrument registry: `symbols` keyed by (provider, symbol) with the columns a listing gives
 * (market segment, industry name, currency), where it came from (`listing_source`) and when syncs
 * saw it (`first_seen_at`, `last_seen_at`); `universe_syncs` records each applied sync; a schedule
 * may sync the universe (`universe_sync`) instead of starting a batch (`request`).
 *
 * Existing rows: the table was keyed by symbol alone and filled by hand or by an import of the
 * Phase-1 system, whose only provider was Yahoo (still MARKET_DATA_PROVIDER's default), so every
 * existing row gets provider `yahoo`. Their `created_at` becomes `first_seen_at`; `last_seen_at`
 * starts at their `updated_at`; `listing_source` stays null (no sync delists a row it did not list).
 * `down` keeps one row per symbol (the `yahoo` one, else the first provider by name) and restores
 * the old columns; what only the new columns held is lost.
 */
export class SymbolRegistry1797000100000 implements MigrationInterface {
  name = 'SymbolRegistry1797000100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "symbols" ADD "provider" text`);
    await queryRunner.query(`UPDATE "symbols" SET "provider" = 'yahoo'`);
    await queryRunner.query(`ALTER TABLE "symbols" ALTER COLUMN "provider" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "symbols" DROP CONSTRAINT "symbols_pkey"`);
    await queryRunner.query(
      `ALTER TABLE "symbols" ADD CONSTRAINT "symbols_pkey" PRIMARY KEY ("provider", "symbol")`,
    );
    await queryRunner.query(`ALTER TABLE "symbols" ADD "market_segment" text`);
    await queryRunner.query(`ALTER TABLE "symbols" ADD "industry_name" text`);
    await queryRunner.query(`ALTER TABLE "symbols" ADD "currency" text`);
    await queryRunner.query(`ALTER TABLE "symbols" ADD "listing_source" text`);
    await queryRunner.query(`ALTER TABLE "symbols" RENAME COLUMN "created_at" TO "first_seen_at"`);
    await queryRunner.query(
      `ALTER TABLE "symbols" ADD "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`,
    );
    await queryRunner.query(`UPDATE "symbols" SET "last_seen_at" = "updated_at"`);
    await queryRunner.query(
      `CREATE INDEX "symbols_exchange_segment_idx" ON "symbols" ("exchange", "market_segment")`,
    );
    await queryRunner.query(`CREATE INDEX "symbols_asset_class_idx" ON "symbols" ("asset_class")`);
    await queryRunner.query(
      `CREATE INDEX "symbols_industry_code_idx" ON "symbols" ("industry_code")`,
    );
    await queryRunner.query(
      `CREATE INDEX "symbols_listing_source_idx" ON "symbols" ("listing_source")`,
    );

    await queryRunner.query(
      `CREATE TABLE "universe_syncs" ("id" SERIAL NOT NULL, "source" text NOT NULL, "as_of" date NOT NULL, "synced_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "added" integer NOT NULL, "updated" integer NOT NULL, "delisted" integer NOT NULL, "relisted" integer NOT NULL, "unchanged" integer NOT NULL, "active" integer NOT NULL, CONSTRAINT "universe_syncs_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "universe_syncs_source_as_of_idx" ON "universe_syncs" ("source", "as_of")`,
    );

    await queryRunner.query(`ALTER TABLE "batch_schedules" ALTER COLUMN "request" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "batch_schedules" ADD "universe_sync" jsonb`);
    await queryRunner.query(`ALTER TABLE "batch_schedules" ADD "last_sync" jsonb`);
    await queryRunner.query(
      `ALTER TABLE "batch_schedules" ADD CONSTRAINT "batch_schedules_action_check" CHECK (("request" IS NULL) <> ("universe_sync" IS NULL))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Schedules that sync the universe have no batch to fall back to: they go (soft-deleted rows
    // included, their batches keep nothing of them: a sync starts no batch).
    await queryRunner.query(
      `ALTER TABLE "batch_schedules" DROP CONSTRAINT "batch_schedules_action_check"`,
    );
    await queryRunner.query(`DELETE FROM "batch_schedules" WHERE "request" IS NULL`);
    await queryRunner.query(`ALTER TABLE "batch_schedules" DROP COLUMN "last_sync"`);
    await queryRunner.query(`ALTER TABLE "batch_schedules" DROP COLUMN "universe_sync"`);
    await queryRunner.query(`ALTER TABLE "batch_schedules" ALTER COLUMN "request" SET NOT NULL`);

    await queryRunner.query(`DROP INDEX "public"."universe_syncs_source_as_of_idx"`);
    await queryRunner.query(`DROP TABLE "universe_syncs"`);

    await queryRunner.query(`DROP INDEX "public"."symbols_listing_source_idx"`);
    await queryRunner.query(`DROP INDEX "public"."symbols_industry_code_idx"`);
    await queryRunner.query(`DROP INDEX "public"."symbols_asset_class_idx"`);
    await queryRunner.query(`DROP INDEX "public"."symbols_exchange_segment_idx"`);
    await queryRunner.query(
      `DELETE FROM "symbols" s WHERE EXISTS (
         SELECT 1 FROM "symbols" o WHERE o."symbol" = s."symbol" AND o."provider" <> s."provider"
           AND (o."provider" = 'yahoo' OR (s."provider" <> 'yahoo' AND o."provider" < s."provider")))`,
    );
    await queryRunner.query(`ALTER TABLE "symbols" DROP COLUMN "last_seen_at"`);
    await queryRunner.query(`ALTER TABLE "symbols" RENAME COLUMN "first_seen_at" TO "created_at"`);
    await queryRunner.query(`ALTER TABLE "symbols" DROP COLUMN "listing_source"`);
    await queryRunner.query(`ALTER TABLE "symbols" DROP COLUMN "currency"`);
    await queryRunner.query(`ALTER TABLE "symbols" DROP COLUMN "industry_name"`);
    await queryRunner.query(`ALTER TABLE "symbols" DROP COLUMN "market_segment"`);
    await queryRunner.query(`ALTER TABLE "symbols" DROP CONSTRAINT "symbols_pkey"`);
    await queryRunner.query(
      `ALTER TABLE "symbols" ADD CONSTRAINT "symbols_pkey" PRIMARY KEY ("symbol")`,
    );
    await queryRunner.query(`ALTER TABLE "symbols" DROP COLUMN "provider"`);
  }
}
