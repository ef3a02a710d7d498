import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { BatchExecutionDetailEntity } from './batch-execution-detail.entity';
import type { BatchScheduleEntity } from './batch-schedule.entity';

/** One batch request: its parameters, lifecycle and exact progress counters. */
@Entity({ name: 'batch_executions' })
@Index('batch_executions_status_created_at_idx', ['status', 'createdAt'])
@Index('batch_executions_created_at_idx', ['createdAt'])
@Index('batch_executions_schedule_tick_key', ['scheduleId', 'scheduledFor'], { unique: true })
@Check(
  'batch_executions_counters_check',
  `"processed_stocks" >= 0 AND "successful_stocks" >= 0 AND "failed_stocks" >= 0 AND "processed_stocks" = "successful_stocks" + "failed_stocks" AND "processed_stocks" <= "total_stocks"`,
)
export class BatchExecutionEntity {
  @PrimaryGeneratedColumn({ type: 'integer', primaryKeyConstraintName: 'batch_executions_pkey' })
  id!: number;

  @Index('batch_executions_job_id_key', { unique: true })
  @Column({ name: 'job_id', type: 'text' })
  jobId!: string;

  @Column({ name: 'batch_type', type: 'text' })
  batchType!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'text' })
  interval!: string;

  @Column({ type: 'text' })
  provider!: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  params!: Record<string, unknown>;

  @Column({ name: 'total_stocks', type: 'integer' })
  totalStocks!: number;

  @Column({ name: 'processed_stocks', type: 'integer', default: 0 })
  processedStocks!: number;

  @Column({ name: 'successful_stocks', type: 'integer', default: 0 })
  successfulStocks!: number;

  @Column({ name: 'failed_stocks', type: 'integer', default: 0 })
  failedStocks!: number;

  @Column({ name: 'start_time', type: 'timestamptz', nullable: true })
  startTime!: Date | null;

  @Column({ name: 'end_time', type: 'timestamptz', nullable: true })
  endTime!: Date | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** The schedule that started the batch (null when a client did, or the schedule was deleted). */
  @ManyToOne('BatchScheduleEntity', { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'schedule_id',
    foreignKeyConstraintName: 'batch_executions_schedule_id_fkey',
  })
  schedule?: BatchScheduleEntity | null;

  @Column({ name: 'schedule_id', type: 'integer', nullable: true })
  scheduleId!: number | null;

  /** The tick of the schedule: at most one batch per (schedule, tick). */
  @Column({ name: 'scheduled_for', type: 'timestamptz', nullable: true })
  scheduledFor!: Date | null;

  /** Webhook targets in force when the batch was created (WEBHOOK_URL and the request's own). */
  @Column({ name: 'webhook_urls', type: 'text', array: true, default: () => "'{}'" })
  webhookUrls!: string[];

  @OneToMany('BatchExecutionDetailEntity', 'batch')
  details?: BatchExecutionDetailEntity[];
}
