import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * What to watch and whom to tell: a kind (batch_failed, batch_stalled, symbol_stale,
 * repeated_failures, data_anomaly, provider_errors), its parameters and its channels (Slack,
 * e-mail, webhook). Deleted rules stay (`deleted_at`) so their alerts still name them.
 */
@Entity({ name: 'alert_rules' })
@Check(
  'alert_rules_kind_check',
  `kind IN ('batch_failed', 'batch_stalled', 'symbol_stale', 'repeated_failures', 'data_anomaly', 'provider_errors')`,
)
export class AlertRuleEntity {
  @PrimaryGeneratedColumn({ type: 'integer', primaryKeyConstraintName: 'alert_rules_pkey' })
  id!: number;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: string;

  /** The kind's parameters with their defaults filled in. */
  @Column({ type: 'jsonb', default: {} })
  params!: Record<string, unknown>;

  /** `[{type: "slack", url} | {type: "email", to: [...]} | {type: "webhook", url}]`. */
  @Column({ type: 'jsonb', default: [] })
  channels!: Record<string, unknown>[];

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;
}
