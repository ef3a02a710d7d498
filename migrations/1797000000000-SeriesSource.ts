import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createRollupsV1, TIMESERIES_TABLES_V1 } from './sql/timescale-layout-v1';
import {
  COMPRESSION_V2,
  createRollupsV2,
  dropRollupsV2,
  existingRollupsV2,
  isHypertableV2,
  resumeCompressionV2,
  SavedCompression,
  suspendCompressionV2,
} from './sql/timescale-layout-v2';

/**
 * Source of the rows whose provider no recorded batch tells: rows loaded by `import-sqlite`, or
 * written by hand, before sources were recorded. Not a provider name on purpose: a guess (say
 * `yahoo`, the default provider) would put a crypto file's candles under a stock provider and
 * let its next batch merge into them. The README says how to rename them
 * (`UPDATE ohlcv_data SET source = 'binance' WHERE source = 'unknown'`).
 */
const UNKNOWN_SOURCE = 'unknown';

interface SeriesTable {
  table: string;
  /** The key without source, in order (the old primary key). */
  key: string[];
  /** `params->>'data_type'` of the batches that write it (`ohlcv` when absent, as in BatchService). */
  dataType: string | null;
}

const SERIES: readonly SeriesTable[] = [
  { table: 'ohlcv_data', key: ['symbol', 'interval', 'ts'], dataType: 'ohlcv' },
  { table: 'funding_rate_data', key: ['symbol', 'ts'], dataType: 'funding_rate' },
  { table: 'open_interest_data', key: ['symbol', 'interval', 'ts'], dataType: 'open_interest' },
  // corporate_actions had a `provider` column from the start: it becomes `source`.
  { table: 'corporate_actions', key: ['symbol', 'type', 'ts'], dataType: null },
];

const list = (columns: readonly string[]): string => columns.map((c) => `"${c}"`).join(', ');

/**
 * Identity by source: `ohlcv_data`, `funding_rate_data`, `open_interest_data` and
 * `corporate_actions` get a `source` column (the provider that produced the rows) leading their
 * primary keys, so BTCUSDT from binance and from bybit are two series that never overwrite each
 * other.
 *
 * Existing rows: `corporate_actions.provider` is renamed `source` (it always held the provider).
 * A time-series row takes the provider of the newest batch that wrote its series: the newest
 * succeeded detail with `records_inserted > 0` for that symbol in a batch of the table's data
 * type (and, for candles and open interest, of the same interval); before this migration a second
 * provider overwrote the first one's rows of a symbol, so the newest writer owns what is stored
 * (rows of an older provider that the newer one did not overwrite are attributed to the newer one
 * too: the database never recorded the difference). Rows no batch wrote get 'unknown'.
 *
 * TimescaleDB: a hypertable's key cannot change while compression is on, so compression is taken
 * off (every compressed chunk is decompressed, inside this transaction: needs the disk space of
 * the decompressed data, and time) and put back with `source` leading the segments; its policy
 * job compresses the chunks again later. The continuous aggregates ohlcv_1h and ohlcv_1d are
 * re-created grouped by (source, symbol), empty (WITH NO DATA: real-time aggregation answers from
 * the candles until their refresh jobs have run).
 *
 * `down` refuses, changing nothing, while any key (without source) is stored by two sources: the
 * old key can hold only one, and choosing which to drop is the operator's call (the message names
 * the table, how many keys, examples, and the DELETE to run). Otherwise it restores the old keys,
 * drops `source` (corporate_actions: renamed back to `provider`), the v1 segments and rollups.
 */
export class SeriesSource1797000000000 implements MigrationInterface {
  name = 'SeriesSource1797000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const { hypertables, rollups } = await this.timescaleState(queryRunner);
    await dropRollupsV2(queryRunner, rollups);
    const saved: SavedCompression[] = [];
    for (const table of hypertables) saved.push(await suspendCompressionV2(queryRunner, table));

    for (const s of SERIES) {
      if (s.dataType === null) {
        await queryRunner.query(`ALTER TABLE "${s.table}" RENAME COLUMN "provider" TO "source"`);
      } else {
        await queryRunner.query(
          `ALTER TABLE "${s.table}" ADD "source" text NOT NULL DEFAULT '${UNKNOWN_SOURCE}'`,
        );
        await this.backfill(queryRunner, s);
        await queryRunner.query(`ALTER TABLE "${s.table}" ALTER COLUMN "source" DROP DEFAULT`);
      }
      await queryRunner.query(`ALTER TABLE "${s.table}" DROP CONSTRAINT "${s.table}_pkey"`);
      await queryRunner.query(
        `ALTER TABLE "${s.table}" ADD CONSTRAINT "${s.table}_pkey" PRIMARY KEY (${list(['source', ...s.key])})`,
      );
    }

    for (const s of saved) {
      const layout = COMPRESSION_V2.find((c) => c.table === s.table)!;
      await resumeCompressionV2(queryRunner, layout, s);
    }
    await createRollupsV2(queryRunner, rollups);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const s of SERIES) await this.refuseSharedKeys(queryRunner, s);
    const { hypertables, rollups } = await this.timescaleState(queryRunner);
    await dropRollupsV2(queryRunner, rollups);
    const saved: SavedCompression[] = [];
    for (const table of hypertables) saved.push(await suspendCompressionV2(queryRunner, table));

    for (const s of [...SERIES].reverse()) {
      await queryRunner.query(`ALTER TABLE "${s.table}" DROP CONSTRAINT "${s.table}_pkey"`);
      await queryRunner.query(
        `ALTER TABLE "${s.table}" ADD CONSTRAINT "${s.table}_pkey" PRIMARY KEY (${list(s.key)})`,
      );
      if (s.dataType === null) {
        await queryRunner.query(`ALTER TABLE "${s.table}" RENAME COLUMN "source" TO "provider"`);
      } else {
        await queryRunner.query(`ALTER TABLE "${s.table}" DROP COLUMN "source"`);
      }
    }

    for (const s of saved) {
      const v1 = TIMESERIES_TABLES_V1.find((t) => t.table === s.table)!;
      await resumeCompressionV2(
        queryRunner,
        { table: v1.table, timeColumn: v1.timeColumn, segmentBy: v1.segmentBy },
        s,
      );
    }
    if (rollups.length > 0) await createRollupsV1(queryRunner);
  }

  /** Hypertables among the series tables, and the rollups that exist. */
  private async timescaleState(
    qr: QueryRunner,
  ): Promise<{ hypertables: string[]; rollups: string[] }> {
    const hypertables: string[] = [];
    for (const c of COMPRESSION_V2) {
      if (await isHypertableV2(qr, c.table)) hypertables.push(c.table);
    }
    return { hypertables, rollups: await existingRollupsV2(qr) };
  }

  /** Each series takes the provider of the newest batch that wrote rows of it. */
  private async backfill(qr: QueryRunner, s: SeriesTable): Promise<void> {
    const byInterval = s.key.includes('interval');
    const series = byInterval ? 'd.stock_code, b.interval' : 'd.stock_code';
    await qr.query(
      `UPDATE "${s.table}" t SET source = w.provider
       FROM (
         SELECT DISTINCT ON (${series}) d.stock_code AS symbol, b.interval, b.provider
         FROM batch_execution_details d JOIN batch_executions b ON b.id = d.batch_execution_id
         WHERE d.status = 'succeeded' AND d.records_inserted > 0
           AND coalesce(b.params->>'data_type', 'ohlcv') = $1
         ORDER BY ${series}, coalesce(d.end_time, d.created_at) DESC, d.id DESC
       ) w
       WHERE t.symbol = w.symbol${byInterval ? ' AND t.interval = w.interval' : ''}`,
      [s.dataType],
    );
  }

  /** Throws (the transaction rolls back) when a key without source is held by two sources. */
  private async refuseSharedKeys(qr: QueryRunner, s: SeriesTable): Promise<void> {
    const key = list(s.key);
    const shared: { example: string; sources: string; keys: string }[] = await qr.query(
      `SELECT concat_ws(' ', ${s.key.map((k) => (k === 'ts' ? `to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` : `"${k}"`)).join(', ')}) AS example,
              string_agg(source, ', ' ORDER BY source) AS sources, count(*) OVER () AS keys
       FROM "${s.table}" GROUP BY ${key} HAVING count(*) > 1 ORDER BY ${key} LIMIT 3`,
    );
    if (shared.length === 0) return;
    const examples = shared.map((r) => `${r.example} (${r.sources})`).join('; ');
    const drop = shared[0].sources.split(', ').at(-1);
    throw new Error(
      `cannot revert SeriesSource1797000000000: ${s.table} holds ${shared[0].keys} key(s) stored by more than one source, ` +
        `e.g. ${examples}; its old primary key (${s.key.join(', ')}) holds one row per key. ` +
        `Delete the rows of the sources you do not keep (e.g. DELETE FROM ${s.table} WHERE source = '${drop}') ` +
        `and run down again. Nothing was changed.`,
    );
  }
}
