import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { AlertEntity } from './alert.entity';

/**
 * The outbox of alert notifications: one row per channel of the rule, inserted in the transaction
 * that opens or resolves the alert, then delivered by the worker's `alert-notifications` queue
 * with retries. `attempt_log` keeps every attempt (time, status code, error).
 */
@Entity({ name: 'alert_notifications' })
@Index('alert_notifications_alert_id_idx', ['alertId'])
@Index('alert_notifications_open_idx', ['createdAt'], {
  where: 'delivered_at IS NULL AND failed_at IS NULL',
})
@Check('alert_notifications_event_check', `event IN ('firing', 'resolved')`)
@Check('alert_notifications_channel_type_check', `channel_type IN ('slack', 'email', 'webhook')`)
export class AlertNotificationEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'alert_notifications_pkey' })
  id!: string;

  @Column({ name: 'alert_id', type: 'bigint' })
  alertId!: string;

  @ManyToOne('AlertEntity', { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'alert_id', foreignKeyConstraintName: 'alert_notifications_alert_id_fkey' })
  alert?: AlertEntity;

  @Column({ type: 'text' })
  event!: string;

  @Column({ name: 'channel_type', type: 'text' })
  channelType!: string;

  /** The channel as the rule had it when the notification was made. */
  @Column({ type: 'jsonb' })
  channel!: Record<string, unknown>;

  /** What is sent, fixed at the first attempt so every retry sends the same bytes. */
  @Column({ type: 'text', nullable: true })
  payload!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'attempt_log', type: 'jsonb', default: [] })
  attemptLog!: Record<string, unknown>[];

  @Column({ name: 'last_status_code', type: 'integer', nullable: true })
  lastStatusCode!: number | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true })
  failedAt!: Date | null;
}
