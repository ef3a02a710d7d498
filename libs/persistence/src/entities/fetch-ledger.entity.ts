import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One fetch of a series (the fetch ledger): the range asked of the provider and what came back.
 * Written in the same statement or transaction as the symbol's outcome (a row exists exactly when
 * the outcome counted). `requested_from` null: from the provider's beginning (a full fetch).
 * `origin` is `fetch`, or `history` for the rows the migration recorded for the series stored
 * before the ledger existed (their stored range, never a full fetch). No foreign key to the batch:
 * its check would lock the batch row on every outcome.
 */
@Entity({ name: 'fetch_ledger' })
@Index('fetch_ledger_series_idx', ['source', 'symbol', 'interval', 'dataType', 'fetchedAt'])
export class FetchLedgerEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'fetch_ledger_pkey' })
  id!: string;

  @Column({ type: 'text' })
  source!: string;

  @Column({ type: 'text' })
  symbol!: string;

  @Column({ type: 'text' })
  interval!: string;

  @Column({ name: 'data_type', type: 'text', default: 'ohlcv' })
  dataType!: string;

  @Column({ name: 'requested_from', type: 'timestamptz', nullable: true })
  requestedFrom!: Date | null;

  @Column({ name: 'requested_to', type: 'timestamptz' })
  requestedTo!: Date;

  @Column({ name: 'rows_returned', type: 'integer' })
  rowsReturned!: number;

  @Column({ name: 'first_ts', type: 'timestamptz', nullable: true })
  firstTs!: Date | null;

  @Column({ name: 'last_ts', type: 'timestamptz', nullable: true })
  lastTs!: Date | null;

  @Column({ name: 'fetched_at', type: 'timestamptz', default: () => 'now()' })
  fetchedAt!: Date;

  @Column({ name: 'batch_execution_id', type: 'integer', nullable: true })
  batchExecutionId!: number | null;

  @Column({ type: 'text', default: 'fetch' })
  origin!: string;
}
