import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A recurring action: a cron expression in a time zone and what each tick does, either start a
 * batch (`request`) or sync the instrument universe from a listing (`universe_sync`), exactly one
 * of the two. PostgreSQL is the source of truth; BullMQ's job scheduler `schedule-<id>` makes the
 * ticks and is restored from here by the reconciler.
 */
@Entity({ name: 'batch_schedules' })
@Check('batch_schedules_action_check', `("request" IS NULL) <> ("universe_sync" IS NULL)`)
export class BatchScheduleEntity {
  @PrimaryGeneratedColumn({ type: 'integer', primaryKeyConstraintName: 'batch_schedules_pkey' })
  id!: number;

  @Column({ type: 'text', nullable: true })
  name!: string | null;

  @Column({ type: 'text' })
  cron!: string;

  @Column({ type: 'text', default: 'UTC' })
  timezone!: string;

  /** The batch request body, as `POST /api/bulk/start` takes it; null for a universe sync. */
  @Column({ type: 'jsonb', nullable: true })
  request!: Record<string, unknown> | null;

  /** `{source}` of a schedule that syncs the universe instead of starting a batch. */
  @Column({ name: 'universe_sync', type: 'jsonb', nullable: true })
  universeSync!: { source: string } | null;

  @Column({ name: 'last_run_at', type: 'timestamptz', nullable: true })
  lastRunAt!: Date | null;

  @Column({ name: 'last_batch_id', type: 'integer', nullable: true })
  lastBatchId!: number | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  /** What the last successful universe sync of the schedule changed (its counts, as_of). */
  @Column({ name: 'last_sync', type: 'jsonb', nullable: true })
  lastSync!: Record<string, unknown> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** Deleted schedules stay (their batches keep schedule_id) but never tick again. */
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;
}
