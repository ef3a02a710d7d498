import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A recurring batch: a cron expression in a time zone and the batch request it starts. PostgreSQL
 * is the source of truth; BullMQ's job scheduler `schedule-<id>` makes the ticks and is restored
 * from here by the reconciler.
 */
@Entity({ name: 'batch_schedules' })
export class BatchScheduleEntity {
  @PrimaryGeneratedColumn({ type: 'integer', primaryKeyConstraintName: 'batch_schedules_pkey' })
  id!: number;

  @Column({ type: 'text', nullable: true })
  name!: string | null;

  @Column({ type: 'text' })
  cron!: string;

  @Column({ type: 'text', default: 'UTC' })
  timezone!: string;

  /** The batch request body, as `POST /api/bulk/start` takes it. */
  @Column({ type: 'jsonb' })
  request!: Record<string, unknown>;

  @Column({ name: 'last_run_at', type: 'timestamptz', nullable: true })
  lastRunAt!: Date | null;

  @Column({ name: 'last_batch_id', type: 'integer', nullable: true })
  lastBatchId!: number | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** Deleted schedules stay (their batches keep schedule_id) but never tick again. */
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;
}
