import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alerts (issue 16) and the anomaly table they share with ingest (issue 15): `data_anomalies`,
 * `alert_rules`, `alerts` (one open alert per rule and subject: a partial unique index) and
 * `alert_notifications` (the outbox of Slack, e-mail and webhook notifications, written in the
 * transaction that opens or resolves an alert). Plain tables on TimescaleDB too: none is a time
 * series worth a hypertable.
 */
export class AlertsAndAnomalies1797000200000 implements MigrationInterface {
  name = 'AlertsAndAnomalies1797000200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "data_anomalies" ("id" BIGSERIAL NOT NULL, "source" text NOT NULL, "symbol" text NOT NULL, "interval" text NOT NULL, "kind" text NOT NULL, "ts" TIMESTAMP WITH TIME ZONE NOT NULL, "detected_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "batch_execution_id" integer, "details" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "data_anomalies_kind_check" CHECK (kind IN ('price_jump', 'zero_volume_run', 'stale')), CONSTRAINT "data_anomalies_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "data_anomalies_key" ON "data_anomalies"  ("source", "symbol", "interval", "kind", "ts") `,
    );
    await queryRunner.query(
      `CREATE INDEX "data_anomalies_detected_at_idx" ON "data_anomalies"  ("detected_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "data_anomalies" ADD CONSTRAINT "data_anomalies_batch_execution_id_fkey" FOREIGN KEY ("batch_execution_id") REFERENCES "batch_executions"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );

    await queryRunner.query(
      `CREATE TABLE "alert_rules" ("id" SERIAL NOT NULL, "name" text NOT NULL, "kind" text NOT NULL, "params" jsonb NOT NULL DEFAULT '{}', "channels" jsonb NOT NULL DEFAULT '[]', "enabled" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "alert_rules_kind_check" CHECK (kind IN ('batch_failed', 'batch_stalled', 'symbol_stale', 'repeated_failures', 'data_anomaly', 'provider_errors')), CONSTRAINT "alert_rules_pkey" PRIMARY KEY ("id"))`,
    );

    await queryRunner.query(
      `CREATE TABLE "alerts" ("id" BIGSERIAL NOT NULL, "rule_id" integer NOT NULL, "kind" text NOT NULL, "subject" text NOT NULL, "state" text NOT NULL DEFAULT 'firing', "message" text NOT NULL, "details" jsonb NOT NULL DEFAULT '{}', "first_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "resolved_at" TIMESTAMP WITH TIME ZONE, "acknowledged_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "alerts_state_check" CHECK (state IN ('firing', 'acknowledged', 'resolved')), CONSTRAINT "alerts_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "alerts_open_key" ON "alerts"  ("rule_id", "subject") WHERE state <> 'resolved'`,
    );
    await queryRunner.query(`CREATE INDEX "alerts_state_idx" ON "alerts"  ("state", "id") `);
    await queryRunner.query(`CREATE INDEX "alerts_rule_id_idx" ON "alerts"  ("rule_id", "id") `);
    await queryRunner.query(
      `ALTER TABLE "alerts" ADD CONSTRAINT "alerts_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "alert_rules"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    await queryRunner.query(
      `CREATE TABLE "alert_notifications" ("id" BIGSERIAL NOT NULL, "alert_id" bigint NOT NULL, "event" text NOT NULL, "channel_type" text NOT NULL, "channel" jsonb NOT NULL, "payload" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "attempts" integer NOT NULL DEFAULT '0', "attempt_log" jsonb NOT NULL DEFAULT '[]', "last_status_code" integer, "last_error" text, "delivered_at" TIMESTAMP WITH TIME ZONE, "failed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "alert_notifications_event_check" CHECK (event IN ('firing', 'resolved')), CONSTRAINT "alert_notifications_channel_type_check" CHECK (channel_type IN ('slack', 'email', 'webhook')), CONSTRAINT "alert_notifications_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "alert_notifications_alert_id_idx" ON "alert_notifications"  ("alert_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "alert_notifications_open_idx" ON "alert_notifications"  ("created_at") WHERE delivered_at IS NULL AND failed_at IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "alert_notifications" ADD CONSTRAINT "alert_notifications_alert_id_fkey" FOREIGN KEY ("alert_id") REFERENCES "alerts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "alert_notifications" DROP CONSTRAINT "alert_notifications_alert_id_fkey"`,
    );
    await queryRunner.query(`DROP INDEX "public"."alert_notifications_open_idx"`);
    await queryRunner.query(`DROP INDEX "public"."alert_notifications_alert_id_idx"`);
    await queryRunner.query(`DROP TABLE "alert_notifications"`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP CONSTRAINT "alerts_rule_id_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."alerts_rule_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."alerts_state_idx"`);
    await queryRunner.query(`DROP INDEX "public"."alerts_open_key"`);
    await queryRunner.query(`DROP TABLE "alerts"`);
    await queryRunner.query(`DROP TABLE "alert_rules"`);
    await queryRunner.query(
      `ALTER TABLE "data_anomalies" DROP CONSTRAINT "data_anomalies_batch_execution_id_fkey"`,
    );
    await queryRunner.query(`DROP INDEX "public"."data_anomalies_detected_at_idx"`);
    await queryRunner.query(`DROP INDEX "public"."data_anomalies_key"`);
    await queryRunner.query(`DROP TABLE "data_anomalies"`);
  }
}
