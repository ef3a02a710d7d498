import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { WebhookDeliveryEntity } from '../entities/webhook-delivery.entity';

/** A webhook delivery as read: the entity's columns without its relation. */
export type WebhookDeliveryRecord = Omit<WebhookDeliveryEntity, 'batch'>;

/** What one delivery attempt gave. */
export interface WebhookAttemptResult {
  statusCode: number | null;
  error: string | null;
  /** 2xx: the delivery is done. */
  delivered: boolean;
  /** No attempt follows: the delivery is given up. */
  failed: boolean;
}

const COLUMNS = `id::text AS id, batch_execution_id AS "batchExecutionId", url, event,
  batch_status AS "batchStatus", payload, created_at AS "createdAt", attempts,
  last_status_code AS "lastStatusCode", last_error AS "lastError",
  delivered_at AS "deliveredAt", failed_at AS "failedAt"`;

/**
 * Webhook deliveries (the outbox rows BatchRepository creates when a batch ends): read them,
 * fix their body, record attempts, find the open ones for the reconciler.
 */
@Injectable()
export class WebhookDeliveryRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findById(id: string): Promise<WebhookDeliveryRecord | null> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM webhook_deliveries WHERE id = $1`,
      [id],
    )) as WebhookDeliveryRecord[];
    return rows[0] ?? null;
  }

  /**
   * Stores the body of the first attempt and returns the stored one: a retry (or a concurrent
   * attempt) always sends the bytes of the first.
   */
  async fixPayload(id: string, payload: string): Promise<string> {
    const rows = (await this.dataSource.query(
      `UPDATE webhook_deliveries SET payload = coalesce(payload, $2) WHERE id = $1 RETURNING payload`,
      [id, payload],
    )) as [{ payload: string }[], number];
    return rows[0][0]?.payload ?? payload;
  }

  /** Counts an attempt and its result; only an open delivery changes. */
  async recordAttempt(id: string, result: WebhookAttemptResult): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_deliveries
       SET attempts = attempts + 1, last_status_code = $2, last_error = $3,
           delivered_at = CASE WHEN $4::boolean THEN now() END,
           failed_at = CASE WHEN NOT $4::boolean AND $5::boolean THEN now() END
       WHERE id = $1 AND delivered_at IS NULL AND failed_at IS NULL`,
      [
        id,
        result.statusCode,
        result.error?.slice(0, 2000) ?? null,
        result.delivered,
        result.failed,
      ],
    );
  }

  /** Open deliveries older than `graceMs` (their job may have been lost), oldest first. */
  async openIds(graceMs: number, limit: number): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT id::text AS id FROM webhook_deliveries
       WHERE delivered_at IS NULL AND failed_at IS NULL
         AND created_at < now() - make_interval(secs => $1::double precision / 1000)
       ORDER BY created_at, id LIMIT $2`,
      [graceMs, limit],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }
}
