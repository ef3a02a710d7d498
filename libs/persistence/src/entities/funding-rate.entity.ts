import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { UNMANAGED_INDEX } from './unmanaged-index';

/** A perpetual swap's funding rate at a funding time, as `source` (the provider) reported it. */
@Entity({ name: 'funding_rate_data' })
@Index('funding_rate_data_ts_idx', ['ts'], UNMANAGED_INDEX)
export class FundingRateEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'funding_rate_data_pkey' })
  source!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'funding_rate_data_pkey' })
  symbol!: string;

  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'funding_rate_data_pkey' })
  ts!: Date;

  @Column({ name: 'funding_rate', type: 'double precision' })
  fundingRate!: number;

  @Column({ name: 'mark_price', type: 'double precision', nullable: true })
  markPrice!: number | null;
}
