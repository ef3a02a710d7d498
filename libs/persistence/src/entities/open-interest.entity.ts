import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { UNMANAGED_INDEX } from './unmanaged-index';

/** Open interest of a derivative, sampled per interval, as `source` (the provider) reported it. */
@Entity({ name: 'open_interest_data' })
@Index('open_interest_data_ts_idx', ['ts'], UNMANAGED_INDEX)
export class OpenInterestEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'open_interest_data_pkey' })
  source!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'open_interest_data_pkey' })
  symbol!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'open_interest_data_pkey' })
  interval!: string;

  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'open_interest_data_pkey' })
  ts!: Date;

  @Column({ name: 'open_interest', type: 'double precision' })
  openInterest!: number;

  @Column({ name: 'open_interest_value', type: 'double precision', nullable: true })
  openInterestValue!: number | null;
}
