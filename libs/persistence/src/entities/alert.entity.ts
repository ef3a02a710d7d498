import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { AlertRuleEntity } from './alert-rule.entity';

/**
 * One alert of a rule about one subject (`batch:42`, `yahoo:7203.T`, `provider:yahoo`): firing,
 * acknowledged (still open, told once) or resolved. At most one open alert per (rule, subject):
 * the partial unique index `alerts_open_key`, so replicas evaluating the same rule cannot open two.
 */
@Entity({ name: 'alerts' })
@Index('alerts_open_key', ['ruleId', 'subject'], { unique: true, where: `state <> 'resolved'` })
@Index('alerts_state_idx', ['state', 'id'])
@Index('alerts_rule_id_idx', ['ruleId', 'id'])
@Check('alerts_state_check', `state IN ('firing', 'acknowledged', 'resolved')`)
export class AlertEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'alerts_pkey' })
  id!: string;

  @Column({ name: 'rule_id', type: 'integer' })
  ruleId!: number;

  @ManyToOne('AlertRuleEntity', { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'rule_id', foreignKeyConstraintName: 'alerts_rule_id_fkey' })
  rule?: AlertRuleEntity;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text', default: 'firing' })
  state!: string;

  @Column({ type: 'text' })
  message!: string;

  /** What the subject is made of (batch_id, source, symbol, provider) and the figures that fired. */
  @Column({ type: 'jsonb', default: {} })
  details!: Record<string, unknown>;

  @Column({ name: 'first_at', type: 'timestamptz', default: () => 'now()' })
  firstAt!: Date;

  @Column({ name: 'last_at', type: 'timestamptz', default: () => 'now()' })
  lastAt!: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;
}
