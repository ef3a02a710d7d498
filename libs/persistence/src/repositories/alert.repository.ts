import { Injectable } from '@nestjs/common';
import { Database, Tx } from '../database/transaction';
import type { AlertKind, AlertState } from '../domain/alert-model';

export interface AlertRecord {
  id: string;
  ruleId: number;
  /** The rule's name (also of a deleted rule). */
  ruleName: string;
  kind: AlertKind;
  subject: string;
  state: AlertState;
  message: string;
  details: Record<string, unknown>;
  firstAt: Date;
  lastAt: Date;
  resolvedAt: Date | null;
  acknowledgedAt: Date | null;
}

export interface AlertFilter {
  state?: string[];
  ruleId?: number;
  kind?: string[];
  subject?: string;
  limit: number;
  offset: number;
}

/** What `open` did: opened a new alert (and its notifications), or refreshed the open one. */
export interface OpenResult {
  alert: AlertRecord;
  opened: boolean;
  /** Outbox rows created with the alert (one per channel): enqueue them after commit. */
  notificationIds: string[];
}

export interface ResolveResult {
  alert: AlertRecord;
  notificationIds: string[];
}

export type AckResult =
  | { outcome: 'acknowledged' | 'already'; alert: AlertRecord }
  | { outcome: 'resolved'; alert: AlertRecord };

const COLUMNS = `a.id::text AS id, a.rule_id AS "ruleId", r.name AS "ruleName", a.kind, a.subject,
  a.state, a.message, a.details, a.first_at AS "firstAt", a.last_at AS "lastAt",
  a.resolved_at AS "resolvedAt", a.acknowledged_at AS "acknowledgedAt"`;
const FROM = `alerts a JOIN alert_rules r ON r.id = a.rule_id`;
/** The columns of an alert row just changed (`RETURNING`), with its rule's name. */
const RETURNING = `RETURNING id::text AS id, rule_id AS "ruleId",
  (SELECT name FROM alert_rules WHERE id = rule_id) AS "ruleName", kind, subject, state, message,
  details, first_at AS "firstAt", last_at AS "lastAt", resolved_at AS "resolvedAt",
  acknowledged_at AS "acknowledgedAt"`;

/**
 * The alerts and their lifecycle. Opening and resolving an alert write its notifications (one
 * outbox row per channel of the rule) in the same transaction, and only the transaction that
 * changes the state writes them: the partial unique index `alerts_open_key` keeps one open alert
 * per (rule, subject) and the conditional UPDATEs let one resolver win, so replicas evaluating the
 * same rule at once notify once.
 */
@Injectable()
export class AlertRepository {
  constructor(private readonly db: Database) {}

  /**
   * Opens the alert of (rule, subject), or refreshes the open one (`last_at`, message, details;
   * no notification). Null when the rule is gone or disabled. The rule row is share-locked, so a
   * delete (which closes its open alerts) waits for this and then closes the new alert too.
   */
  async open(input: {
    ruleId: number;
    kind: AlertKind;
    subject: string;
    message: string;
    details: Record<string, unknown>;
  }): Promise<OpenResult | null> {
    return this.db.transaction(async (tx) => {
      const live = await this.db.rows(
        tx,
        `SELECT id FROM alert_rules WHERE id = $1 AND deleted_at IS NULL AND enabled FOR SHARE`,
        [input.ruleId],
      );
      if (live.length === 0) return null;
      const details = JSON.stringify(input.details);
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const [refreshed] = await this.db.rows<AlertRecord>(
          tx,
          `UPDATE alerts SET last_at = now(), message = $3, details = $4
           WHERE rule_id = $1 AND subject = $2 AND state <> 'resolved' ${RETURNING}`,
          [input.ruleId, input.subject, input.message, details],
        );
        if (refreshed) return { alert: refreshed, opened: false, notificationIds: [] };
        // A concurrent opener that committed first makes this insert do nothing (it waits for
        // that transaction): the UPDATE above then finds its alert on the next round.
        const [opened] = await this.db.rows<AlertRecord>(
          tx,
          `INSERT INTO alerts (rule_id, kind, subject, message, details)
           VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (rule_id, subject) WHERE state <> 'resolved' DO NOTHING ${RETURNING}`,
          [input.ruleId, input.kind, input.subject, input.message, details],
        );
        if (opened) {
          return {
            alert: opened,
            opened: true,
            notificationIds: await this.createNotifications(tx, opened, 'firing'),
          };
        }
      }
      throw new Error(`alert of rule ${input.ruleId} on ${input.subject}: could not open`);
    });
  }

  /**
   * Resolves the open alert of (rule, subject) with its notifications; null when none is open
   * (never opened, or another resolver won).
   */
  async resolve(ruleId: number, subject: string, reason: string): Promise<ResolveResult | null> {
    return this.db.transaction(async (tx) => {
      const [alert] = await this.db.rows<AlertRecord>(
        tx,
        `UPDATE alerts SET state = 'resolved', resolved_at = now(), last_at = now(),
                details = details || jsonb_build_object('resolution', $3::text)
         WHERE rule_id = $1 AND subject = $2 AND state <> 'resolved' ${RETURNING}`,
        [ruleId, subject, reason],
      );
      if (!alert) return null;
      return { alert, notificationIds: await this.createNotifications(tx, alert, 'resolved') };
    });
  }

  /** firing → acknowledged; an acknowledged alert stays so; a resolved one is reported as such. */
  async acknowledge(id: string): Promise<AckResult | null> {
    const [acked] = await this.db.rows<AlertRecord>(
      null,
      `UPDATE alerts SET state = 'acknowledged', acknowledged_at = now()
       WHERE id = $1 AND state = 'firing' ${RETURNING}`,
      [id],
    );
    if (acked) return { outcome: 'acknowledged', alert: acked };
    const alert = await this.findById(id);
    if (!alert) return null;
    return { outcome: alert.state === 'resolved' ? 'resolved' : 'already', alert };
  }

  async findById(id: string): Promise<AlertRecord | null> {
    const rows = await this.db.rows<AlertRecord>(
      null,
      `SELECT ${COLUMNS} FROM ${FROM} WHERE a.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Newest first, with the total of the filter. */
  async list(filter: AlertFilter): Promise<{ items: AlertRecord[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown): void => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.state?.length) add('a.state = ANY(?::text[])', filter.state);
    if (filter.ruleId !== undefined) add('a.rule_id = ?', filter.ruleId);
    if (filter.kind?.length) add('a.kind = ANY(?::text[])', filter.kind);
    if (filter.subject) add('a.subject = ?', filter.subject);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.db.rows<{ total: number }>(
      null,
      `SELECT count(*)::int AS total FROM alerts a ${clause}`,
      params,
    );
    const items = await this.db.rows<AlertRecord>(
      null,
      `SELECT ${COLUMNS} FROM ${FROM} ${clause}
       ORDER BY a.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    return { items, total };
  }

  /** The open alerts of some rules (firing or acknowledged), for evaluation. */
  async openOf(ruleIds: number[]): Promise<AlertRecord[]> {
    if (ruleIds.length === 0) return [];
    return this.db.rows<AlertRecord>(
      null,
      `SELECT ${COLUMNS} FROM ${FROM} WHERE a.rule_id = ANY($1::int[]) AND a.state <> 'resolved'
       ORDER BY a.id`,
      [ruleIds],
    );
  }

  /** Alerts by kind and state (the `market_ingest_alerts` gauge). */
  async countByKindState(): Promise<{ kind: string; state: string; n: number }[]> {
    return this.db.rows(
      null,
      `SELECT kind, state, count(*)::int AS n FROM alerts GROUP BY kind, state ORDER BY 1, 2`,
    );
  }

  /** One outbox row per channel the rule has now, for `event` of `alert`. */
  private async createNotifications(
    tx: Tx,
    alert: AlertRecord,
    event: 'firing' | 'resolved',
  ): Promise<string[]> {
    const rows = await this.db.rows<{ id: string }>(
      tx,
      `INSERT INTO alert_notifications (alert_id, event, channel_type, channel)
       SELECT $1, $2, c->>'type', c
       FROM alert_rules r CROSS JOIN LATERAL jsonb_array_elements(r.channels) WITH ORDINALITY AS x(c, n)
       WHERE r.id = $3 ORDER BY x.n
       RETURNING id::text AS id`,
      [alert.id, event, alert.ruleId],
    );
    return rows.map((r) => r.id);
  }
}
