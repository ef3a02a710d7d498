import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { UNMANAGED_INDEX } from './unmanaged-index';

/**
 * One candle of a source's series. `source` is the provider that produced it (`binance`,
 * `bybit`, …): BTCUSDT from two providers is two series that never overwrite each other. The
 * primary key (source, symbol, interval, ts) also serves "latest candle of a series" (backward
 * index scan). `ohlcv_data_ts_idx` is BRIN on plain PostgreSQL and TimescaleDB's own
 * time index on a hypertable: created by the migration, never touched by schema sync.
 */
@Entity({ name: 'ohlcv_data' })
@Index('ohlcv_data_ts_idx', ['ts'], UNMANAGED_INDEX)
export class OhlcvEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'ohlcv_data_pkey' })
  source!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'ohlcv_data_pkey' })
  symbol!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'ohlcv_data_pkey' })
  interval!: string;

  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'ohlcv_data_pkey' })
  ts!: Date;

  @Column({ type: 'double precision' })
  open!: number;

  @Column({ type: 'double precision' })
  high!: number;

  @Column({ type: 'double precision' })
  low!: number;

  @Column({ type: 'double precision' })
  close!: number;

  @Column({ name: 'adj_close', type: 'double precision', nullable: true })
  adjClose!: number | null;

  @Column({ type: 'double precision', default: 0 })
  volume!: number;
}
