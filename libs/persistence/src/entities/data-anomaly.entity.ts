import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { BatchExecutionEntity } from './batch-execution.entity';

/**
 * A data-quality finding about one series (issue 15 writes them at ingest, alerts read them):
 * one row per (source, symbol, interval, kind, ts), `ts` being the candle or session concerned.
 */
@Entity({ name: 'data_anomalies' })
@Index('data_anomalies_key', ['source', 'symbol', 'interval', 'kind', 'ts'], { unique: true })
@Index('data_anomalies_detected_at_idx', ['detectedAt'])
@Check('data_anomalies_kind_check', `kind IN ('price_jump', 'zero_volume_run', 'stale')`)
export class DataAnomalyEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'data_anomalies_pkey' })
  id!: string;

  @Column({ type: 'text' })
  source!: string;

  @Column({ type: 'text' })
  symbol!: string;

  @Column({ type: 'text' })
  interval!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'timestamptz' })
  ts!: Date;

  @Column({ name: 'detected_at', type: 'timestamptz', default: () => 'now()' })
  detectedAt!: Date;

  @Column({ name: 'batch_execution_id', type: 'integer', nullable: true })
  batchExecutionId!: number | null;

  @ManyToOne('BatchExecutionEntity', { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({
    name: 'batch_execution_id',
    foreignKeyConstraintName: 'data_anomalies_batch_execution_id_fkey',
  })
  batch?: BatchExecutionEntity;

  @Column({ type: 'jsonb', default: {} })
  details!: Record<string, unknown>;
}
