import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The daily presence bitmaps: one row per (source, symbol, year) of daily candles (`interval =
 * '1d'`), whose bit `n` (0-based, from the left) is set when a candle is stored on day `n + 1` of
 * that year (the candle's UTC date: daily candles are stamped at UTC midnight of their
 * exchange-local date). Coverage reads 10 rows of 46 bytes per symbol and decade instead of
 * 2,500 index entries, which is what keeps a page of 500 symbols × 10 years under a second.
 *
 * Kept exact in the same transaction as the candles:
 * - inserts: by the statements that write candles (libs/persistence: the outcome statement, the
 *   COPY and INSERT paths of OhlcvRepository; the SQLite import rebuilds the table), not by an
 *   insert trigger — a statement trigger's transition table costs a fifth of a bulk insert
 *   (measured: 1.04 M rows, 7.9 s → 9.9 s) and a row trigger far more, and ingest must stay
 *   ≥ 0.5 × COPY;
 * - deletes, updates that move a candle, TRUNCATE: by the triggers below, whoever runs them (a
 *   re-fetch that drops candles the provider no longer has, an operator's DELETE). A day's bit is
 *   cleared only when no other daily candle of the series is left on that UTC date. Row triggers,
 *   not transition tables: TimescaleDB refuses DELETE transition tables on compressed chunks.
 * Not seen: candles inserted by hand (psql) and chunks dropped by a retention policy; the README
 * gives the statement that rebuilds the table.
 *
 * `up` fills the table from the stored daily candles (one pass over ohlcv_data); `down` drops it.
 */
export class DailyPresence1797000500000 implements MigrationInterface {
  name = 'DailyPresence1797000500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "ohlcv_daily_presence" ("source" text NOT NULL, "symbol" text NOT NULL, "year" smallint NOT NULL, "days" bit(366) NOT NULL, CONSTRAINT "ohlcv_daily_presence_pkey" PRIMARY KEY ("source", "symbol", "year"))`,
    );
    await queryRunner.query(
      `INSERT INTO "ohlcv_daily_presence" ("source", "symbol", "year", "days")
       SELECT "source", "symbol", extract(year FROM "ts" AT TIME ZONE 'UTC')::smallint,
              bit_or(B'1'::bit(366) >> (extract(doy FROM "ts" AT TIME ZONE 'UTC')::int - 1))
       FROM "ohlcv_data" WHERE "interval" = '1d'
       GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    );
    await queryRunner.query(
      `CREATE FUNCTION "ohlcv_daily_presence_forget"(p_source text, p_symbol text, p_ts timestamptz)
       RETURNS void LANGUAGE plpgsql AS $fn$
       DECLARE
         day_start timestamptz := date_trunc('day', p_ts AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
       BEGIN
         IF NOT EXISTS (SELECT 1 FROM ohlcv_data
                        WHERE source = p_source AND symbol = p_symbol AND interval = '1d'
                          AND ts >= day_start AND ts < day_start + interval '1 day') THEN
           UPDATE ohlcv_daily_presence
           SET days = days & ~(B'1'::bit(366) >> (extract(doy FROM p_ts AT TIME ZONE 'UTC')::int - 1))
           WHERE source = p_source AND symbol = p_symbol
             AND year = extract(year FROM p_ts AT TIME ZONE 'UTC')::smallint;
         END IF;
       END
       $fn$`,
    );
    await queryRunner.query(
      `CREATE FUNCTION "ohlcv_daily_presence_on_change"() RETURNS trigger LANGUAGE plpgsql AS $fn$
       BEGIN
         IF TG_OP = 'TRUNCATE' THEN
           DELETE FROM ohlcv_daily_presence;
           RETURN NULL;
         END IF;
         IF OLD.interval = '1d' THEN
           PERFORM ohlcv_daily_presence_forget(OLD.source, OLD.symbol, OLD.ts);
         END IF;
         IF TG_OP = 'UPDATE' AND NEW.interval = '1d' THEN
           INSERT INTO ohlcv_daily_presence AS p (source, symbol, year, days)
           VALUES (NEW.source, NEW.symbol, extract(year FROM NEW.ts AT TIME ZONE 'UTC')::smallint,
                   B'1'::bit(366) >> (extract(doy FROM NEW.ts AT TIME ZONE 'UTC')::int - 1))
           ON CONFLICT (source, symbol, year) DO UPDATE SET days = p.days | EXCLUDED.days;
         END IF;
         RETURN NULL;
       END
       $fn$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "ohlcv_data_presence_delete" AFTER DELETE ON "ohlcv_data"
       FOR EACH ROW EXECUTE FUNCTION ohlcv_daily_presence_on_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "ohlcv_data_presence_move" AFTER UPDATE OF "source", "symbol", "interval", "ts" ON "ohlcv_data"
       FOR EACH ROW EXECUTE FUNCTION ohlcv_daily_presence_on_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "ohlcv_data_presence_truncate" AFTER TRUNCATE ON "ohlcv_data"
       FOR EACH STATEMENT EXECUTE FUNCTION ohlcv_daily_presence_on_change()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "ohlcv_data_presence_truncate" ON "ohlcv_data"`);
    await queryRunner.query(`DROP TRIGGER "ohlcv_data_presence_move" ON "ohlcv_data"`);
    await queryRunner.query(`DROP TRIGGER "ohlcv_data_presence_delete" ON "ohlcv_data"`);
    await queryRunner.query(`DROP FUNCTION "ohlcv_daily_presence_on_change"()`);
    await queryRunner.query(`DROP FUNCTION "ohlcv_daily_presence_forget"(text, text, timestamptz)`);
    await queryRunner.query(`DROP TABLE "ohlcv_daily_presence"`);
  }
}
