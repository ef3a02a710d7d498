import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { SeriesRefetch } from '../domain/series-refetch';
import type { BatchExecutionEntity } from './batch-execution.entity';

/** The outcome of one symbol of one batch. Moves to a terminal status exactly once. */
@Entity({ name: 'batch_execution_details' })
@Unique('batch_execution_details_batch_stock_key', ['batchExecutionId', 'stockCode'])
@Index('batch_execution_details_batch_status_idx', ['batchExecutionId', 'status'])
export class BatchExecutionDetailEntity {
  @PrimaryGeneratedColumn({
    type: 'bigint',
    primaryKeyConstraintName: 'batch_execution_details_pkey',
  })
  id!: string;

  @Column({ name: 'batch_execution_id', type: 'integer' })
  batchExecutionId!: number;

  @ManyToOne('BatchExecutionEntity', 'details', { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({
    name: 'batch_execution_id',
    foreignKeyConstraintName: 'batch_execution_details_batch_execution_id_fkey',
  })
  batch?: BatchExecutionEntity;

  @Column({ name: 'stock_code', type: 'text' })
  stockCode!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** 0 for the first run of the symbol, +1 per retry-failed; part of its job id. */
  @Column({ name: 'retry_round', type: 'integer', default: 0 })
  retryRound!: number;

  @Column({ name: 'start_time', type: 'timestamptz', nullable: true })
  startTime!: Date | null;

  @Column({ name: 'end_time', type: 'timestamptz', nullable: true })
  endTime!: Date | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage!: string | null;

  @Column({ name: 'records_inserted', type: 'integer', default: 0 })
  recordsInserted!: number;

  /** Rows the provider sent that failed the data-quality checks (not stored). */
  @Column({ name: 'rejected_records', type: 'integer', default: 0 })
  rejectedRecords!: number;

  /** Set when the symbol's stored history was fetched again in full: why and what changed. */
  @Column({ type: 'jsonb', nullable: true })
  refetch!: SeriesRefetch | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
