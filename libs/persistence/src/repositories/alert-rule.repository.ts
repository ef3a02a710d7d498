import { Injectable } from '@nestjs/common';
import { Database } from '../database/transaction';
import type { AlertKind } from '../domain/alert-model';

/** A channel as stored in `alert_rules.channels` (validated by libs/batch before it gets here). */
export type StoredChannel =
  | { type: 'slack'; url: string }
  | { type: 'email'; to: string[] }
  | { type: 'webhook'; url: string };

export interface AlertRuleRecord {
  id: number;
  name: string;
  kind: AlertKind;
  params: Record<string, unknown>;
  channels: StoredChannel[];
  enabled: boolean;
  createdAt: Date;
}

const COLUMNS = `id, name, kind, params, channels, enabled, created_at AS "createdAt"`;

/** `alert_rules`: live rules only (a deleted one is kept, with `deleted_at`, for its alerts). */
@Injectable()
export class AlertRuleRepository {
  constructor(private readonly db: Database) {}

  async create(input: Omit<AlertRuleRecord, 'id' | 'createdAt'>): Promise<AlertRuleRecord> {
    const [row] = await this.db.rows<AlertRuleRecord>(
      null,
      `INSERT INTO alert_rules (name, kind, params, channels, enabled) VALUES ($1, $2, $3, $4, $5)
       RETURNING ${COLUMNS}`,
      [
        input.name,
        input.kind,
        JSON.stringify(input.params),
        JSON.stringify(input.channels),
        input.enabled,
      ],
    );
    return row;
  }

  async findById(id: number): Promise<AlertRuleRecord | null> {
    const rows = await this.db.rows<AlertRuleRecord>(
      null,
      `SELECT ${COLUMNS} FROM alert_rules WHERE id = $1 AND deleted_at IS NULL`,
      [id],
    );
    return rows[0] ?? null;
  }

  async list(filter: { limit: number; offset: number }): Promise<{
    items: AlertRuleRecord[];
    total: number;
  }> {
    const [{ total }] = await this.db.rows<{ total: number }>(
      null,
      `SELECT count(*)::int AS total FROM alert_rules WHERE deleted_at IS NULL`,
    );
    const items = await this.db.rows<AlertRuleRecord>(
      null,
      `SELECT ${COLUMNS} FROM alert_rules WHERE deleted_at IS NULL ORDER BY id LIMIT $1 OFFSET $2`,
      [filter.limit, filter.offset],
    );
    return { items, total };
  }

  /** The enabled live rules of some kinds (all kinds when omitted), oldest first. */
  async enabled(kinds?: readonly AlertKind[]): Promise<AlertRuleRecord[]> {
    return this.db.rows<AlertRuleRecord>(
      null,
      `SELECT ${COLUMNS} FROM alert_rules
       WHERE deleted_at IS NULL AND enabled AND ($1::text[] IS NULL OR kind = ANY($1::text[]))
       ORDER BY id`,
      [kinds ? [...kinds] : null],
    );
  }

  /**
   * Deletes the rule (kept as deleted) and closes its open alerts, in one transaction, without a
   * notification: nobody asked to be told about a rule that no longer exists. False when there
   * was no such live rule.
   */
  async delete(id: number): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const rows = await this.db.rows(
        tx,
        `UPDATE alert_rules SET deleted_at = now(), enabled = false
         WHERE id = $1 AND deleted_at IS NULL RETURNING id`,
        [id],
      );
      if (rows.length === 0) return false;
      await this.db.rows(
        tx,
        `UPDATE alerts SET state = 'resolved', resolved_at = now(), last_at = now(),
                details = details || '{"resolved_by": "rule deleted"}'::jsonb
         WHERE rule_id = $1 AND state <> 'resolved'`,
        [id],
      );
      return true;
    });
  }
}
