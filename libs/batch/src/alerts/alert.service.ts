import { Injectable } from '@nestjs/common';
import {
  AlertNotificationRecord,
  AlertNotificationRepository,
  AlertRecord,
  AlertRepository,
  NotificationAttempt,
  StoredChannel,
} from '@app/persistence';
import { AlertConflictError } from '../errors/alert-conflict.error';
import { AlertNotFoundError } from '../errors/alert-not-found.error';
import { shownChannel } from './alert-channels';
import { alertDeliveryId } from './alert-notification-content';
import { parseAlertId } from './alert-rule.service';

/** An alert as the API shows it. */
export interface AlertView {
  id: number;
  rule_id: number;
  rule_name: string;
  kind: string;
  subject: string;
  state: string;
  message: string;
  details: Record<string, unknown>;
  first_at: string;
  last_at: string;
  resolved_at: string | null;
  acknowledged_at: string | null;
}

/** One notification of an alert and its attempts. */
export interface DeliveryView {
  id: number;
  delivery_id: string;
  event: string;
  channel: StoredChannel;
  attempts: number;
  attempt_log: NotificationAttempt[];
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
  failed_at: string | null;
  /** pending (more attempts to come), delivered or failed (given up). */
  status: 'pending' | 'delivered' | 'failed';
}

export function toAlertView(a: AlertRecord): AlertView {
  return {
    id: Number(a.id),
    rule_id: a.ruleId,
    rule_name: a.ruleName,
    kind: a.kind,
    subject: a.subject,
    state: a.state,
    message: a.message,
    details: a.details,
    first_at: a.firstAt.toISOString(),
    last_at: a.lastAt.toISOString(),
    resolved_at: a.resolvedAt?.toISOString() ?? null,
    acknowledged_at: a.acknowledgedAt?.toISOString() ?? null,
  };
}

function toDeliveryView(n: AlertNotificationRecord): DeliveryView {
  return {
    id: Number(n.id),
    delivery_id: alertDeliveryId(n.id),
    event: n.event,
    channel: shownChannel(n.channel),
    attempts: n.attempts,
    attempt_log: n.attemptLog,
    last_status_code: n.lastStatusCode,
    last_error: n.lastError,
    created_at: n.createdAt.toISOString(),
    delivered_at: n.deliveredAt?.toISOString() ?? null,
    failed_at: n.failedAt?.toISOString() ?? null,
    status: n.deliveredAt ? 'delivered' : n.failedAt ? 'failed' : 'pending',
  };
}

/** Alerts over the API: list with filters and paging, one alert with its deliveries, ack. */
@Injectable()
export class AlertService {
  constructor(
    private readonly alerts: AlertRepository,
    private readonly notifications: AlertNotificationRepository,
  ) {}

  async list(filter: {
    state?: string[];
    ruleId?: number;
    kind?: string[];
    subject?: string;
    page: number;
    pageSize: number;
  }) {
    const { items, total } = await this.alerts.list({
      state: filter.state,
      ruleId: filter.ruleId,
      kind: filter.kind,
      subject: filter.subject,
      limit: filter.pageSize,
      offset: (filter.page - 1) * filter.pageSize,
    });
    return { items: items.map(toAlertView), total, page: filter.page, page_size: filter.pageSize };
  }

  async get(id: string): Promise<AlertView & { deliveries: DeliveryView[] }> {
    const alert = await this.alerts.findById(parseAlertId(id, 'alert'));
    if (!alert) throw new AlertNotFoundError('alert', id);
    const deliveries = await this.notifications.ofAlert(alert.id);
    return { ...toAlertView(alert), deliveries: deliveries.map(toDeliveryView) };
  }

  /**
   * firing → acknowledged (no further notification until it resolves); acknowledging an
   * acknowledged alert changes nothing; a resolved one is a conflict.
   */
  async acknowledge(id: string): Promise<AlertView> {
    const result = await this.alerts.acknowledge(parseAlertId(id, 'alert'));
    if (!result) throw new AlertNotFoundError('alert', id);
    if (result.outcome === 'resolved') {
      throw new AlertConflictError(result.alert.id, 'resolved', 'acknowledge');
    }
    return toAlertView(result.alert);
  }
}
