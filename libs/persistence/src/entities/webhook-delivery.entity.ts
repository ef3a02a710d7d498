import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { BatchExecutionEntity } from './batch-execution.entity';

/**
 * One webhook POST to make (the outbox): inserted in the transaction that ends a batch, one row
 * per target URL of the batch, then delivered by the worker's `webhooks` queue with retries.
 */
@Entity({ name: 'webhook_deliveries' })
@Index('webhook_deliveries_open_idx', ['createdAt'], {
  where: 'delivered_at IS NULL AND failed_at IS NULL',
})
@Index('webhook_deliveries_batch_execution_id_idx', ['batchExecutionId'])
export class WebhookDeliveryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'webhook_deliveries_pkey' })
  id!: string;

  @Column({ name: 'batch_execution_id', type: 'integer' })
  batchExecutionId!: number;

  @ManyToOne('BatchExecutionEntity', { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({
    name: 'batch_execution_id',
    foreignKeyConstraintName: 'webhook_deliveries_batch_execution_id_fkey',
  })
  batch?: BatchExecutionEntity;

  @Column({ type: 'text' })
  url!: string;

  @Column({ type: 'text', default: 'batch.ended' })
  event!: string;

  /** The status the batch ended with (the body reports this one, whatever happens later). */
  @Column({ name: 'batch_status', type: 'text' })
  batchStatus!: string;

  /** The exact body, fixed at the first attempt so every retry sends the same bytes. */
  @Column({ type: 'text', nullable: true })
  payload!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_status_code', type: 'integer', nullable: true })
  lastStatusCode!: number | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true })
  failedAt!: Date | null;
}
