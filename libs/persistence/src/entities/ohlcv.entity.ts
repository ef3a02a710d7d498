import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { UNMANAGED_INDEX } from './unmanaged-index';

/**
 * One candle. The primary key (symbol, interval, ts) also serves "latest candle of a symbol"
 * (backward index scan). `ohlcv_data_ts_idx` is BRIN on plain PostgreSQL and TimescaleDB's own
 * time index on a hypertable: created by the migration, never touched by schema sync.
 */
@Entity({ name: 'ohlcv_data' })
@Index('ohlcv_data_ts_idx', ['ts'], UNMANAGED_INDEX)
export class OhlcvEntity {
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
