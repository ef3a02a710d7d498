import { Injectable } from '@nestjs/common';
import { Database } from '../database/transaction';
import type { AlertChannelType, AlertEvent } from '../domain/alert-model';
import type { StoredChannel } from './alert-rule.repository';

/** One attempt as `attempt_log` keeps it. */
export interface NotificationAttempt {
  at: string;
  attempt: number;
  status_code: number | null;
  error: string | null;
  outcome: 'delivered' | 'retried' | 'failed';
}

export interface AlertNotificationRecord {
  id: string;
  alertId: string;
  event: AlertEvent;
  channelType: AlertChannelType;
  channel: StoredChannel;
  payload: string | null;
  createdAt: Date;
  attempts: number;
  attemptLog: NotificationAttempt[];
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  failedAt: Date | null;
}

export interface NotificationAttemptResult {
  statusCode: number | null;
  error: string | null;
  delivered: boolean;
  /** No attempt follows: the notification is given up. */
  failed: boolean;
}

const COLUMNS = `id::text AS id, alert_id::text AS "alertId", event, channel_type AS "channelType",
  channel, payload, created_at AS "createdAt", attempts, attempt_log AS "attemptLog",
  last_status_code AS "lastStatusCode", last_error AS "lastError",
  delivered_at AS "deliveredAt", failed_at AS "failedAt"`;

/**
 * `alert_notifications`, the outbox AlertRepository fills when an alert opens or resolves: read
 * a row, fix its payload at the first attempt, record each attempt, find the open ones for the
 * reconciler, list an alert's deliveries.
 */
@Injectable()
export class AlertNotificationRepository {
  constructor(private readonly db: Database) {}

  async findById(id: string): Promise<AlertNotificationRecord | null> {
    const rows = await this.db.rows<AlertNotificationRecord>(
      null,
      `SELECT ${COLUMNS} FROM alert_notifications WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Stores the payload of the first attempt and returns the stored one (retries send it). */
  async fixPayload(id: string, payload: string): Promise<string> {
    const rows = await this.db.rows<{ payload: string }>(
      null,
      `UPDATE alert_notifications SET payload = coalesce(payload, $2) WHERE id = $1 RETURNING payload`,
      [id, payload],
    );
    return rows[0]?.payload ?? payload;
  }

  /** Counts an attempt and appends it to `attempt_log`; only an open notification changes. */
  async recordAttempt(
    id: string,
    attempt: number,
    result: NotificationAttemptResult,
  ): Promise<void> {
    const error = result.error?.slice(0, 2000) ?? null;
    const outcome = result.delivered ? 'delivered' : result.failed ? 'failed' : 'retried';
    await this.db.rows(
      null,
      `UPDATE alert_notifications
       SET attempts = attempts + 1, last_status_code = $2, last_error = $3,
           delivered_at = CASE WHEN $4::boolean THEN now() END,
           failed_at = CASE WHEN NOT $4::boolean AND $5::boolean THEN now() END,
           attempt_log = attempt_log || jsonb_build_array(jsonb_build_object(
             'at', now(), 'attempt', $6::int, 'status_code', $2::int, 'error', $3::text,
             'outcome', $7::text))
       WHERE id = $1 AND delivered_at IS NULL AND failed_at IS NULL`,
      [id, result.statusCode, error, result.delivered, result.failed, attempt, outcome],
    );
  }

  /** Open notifications older than `graceMs` (their job may have been lost), oldest first. */
  async openIds(graceMs: number, limit: number): Promise<string[]> {
    const rows = await this.db.rows<{ id: string }>(
      null,
      `SELECT id::text AS id FROM alert_notifications
       WHERE delivered_at IS NULL AND failed_at IS NULL
         AND created_at < now() - make_interval(secs => $1::double precision / 1000)
       ORDER BY created_at, id LIMIT $2`,
      [graceMs, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Every notification of an alert, oldest first. */
  async ofAlert(alertId: string): Promise<AlertNotificationRecord[]> {
    return this.db.rows<AlertNotificationRecord>(
      null,
      `SELECT ${COLUMNS} FROM alert_notifications WHERE alert_id = $1 ORDER BY id`,
      [alertId],
    );
  }
}
