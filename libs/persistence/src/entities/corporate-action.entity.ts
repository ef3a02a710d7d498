import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A split or dividend reported by a provider with its candles; `source` is that provider (the
 * column was `provider` before migration SeriesSource1797000000000 made it part of the key).
 */
@Entity({ name: 'corporate_actions' })
export class CorporateActionEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'corporate_actions_pkey' })
  source!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'corporate_actions_pkey' })
  symbol!: string;

  /** split | dividend */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'corporate_actions_pkey' })
  type!: string;

  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'corporate_actions_pkey' })
  ts!: Date;

  /** Dividend per share. */
  @Column({ type: 'double precision', nullable: true })
  amount!: number | null;

  /** Split ratio numerator:denominator. */
  @Column({ type: 'double precision', nullable: true })
  numerator!: number | null;

  @Column({ type: 'double precision', nullable: true })
  denominator!: number | null;
}
