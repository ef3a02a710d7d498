import { Injectable, Logger } from '@nestjs/common';
import {
  AppConfig,
  Metrics,
  NonPublicAddressError,
  postOutbound,
  UndeliverableUrlError,
} from '@app/common';
import {
  AlertNotificationRecord,
  AlertNotificationRepository,
  AlertRepository,
} from '@app/persistence';
import { AlertDeliveryError } from '../errors/alert-delivery.error';
import { webhookPolicy } from '../webhooks/webhook-host';
import { WEBHOOK_HEADERS, webhookSignature } from '../webhooks/webhook-signature';
import { isPermanentWebhookStatus } from '../webhooks/webhook-delivery.service';
import {
  alertDeliveryId,
  alertWebhookBody,
  alertWebhookEvent,
  EmailContent,
  emailContent,
  NotificationView,
  slackBody,
} from './alert-notification-content';
import { smtpEndpoint } from './smtp-options';
import { SmtpMailer } from './smtp-mailer';

export type NotificationOutcome =
  { kind: 'delivered'; statusCode: number | null } | { kind: 'skipped'; reason: string };

export const ALERT_USER_AGENT = 'market-ingest-alerts';

/** The outcome of one attempt before it is recorded. */
interface Attempted {
  ok: boolean;
  statusCode: number | null;
  problem: string | null;
  permanent: boolean;
}

/**
 * Makes one attempt of one alert notification: renders its payload at the first attempt (kept,
 * so retries send the same bytes), sends it through its channel, records the attempt in
 * `attempt_log`. Slack and webhooks go through postOutbound (the SSRF guard of batch webhooks:
 * WEBHOOK_ALLOWED_HOSTS, WEBHOOK_ALLOW_PRIVATE, the resolved address checked, no redirects);
 * e-mail through SMTP_URL. A failure throws AlertDeliveryError for the queue to retry with
 * backoff; on the last attempt, or when it is permanent, the row is marked failed first.
 */
@Injectable()
export class AlertNotificationService {
  private readonly logger = new Logger(AlertNotificationService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly notifications: AlertNotificationRepository,
    private readonly alerts: AlertRepository,
    private readonly mailer: SmtpMailer,
  ) {}

  async deliver(id: string, attempt: number, lastAttempt: boolean): Promise<NotificationOutcome> {
    const metrics = Metrics.get();
    const n = await this.notifications.findById(id);
    const skip = (reason: string): NotificationOutcome => {
      metrics.alertNotifications.inc({ channel: n?.channelType ?? 'unknown', outcome: 'skipped' });
      return { kind: 'skipped', reason };
    };
    if (!n) return skip('notification gone');
    if (n.deliveredAt) return skip('already delivered');
    if (n.failedAt) return skip('already given up');
    let payload = n.payload;
    if (payload === null) {
      const alert = await this.alerts.findById(n.alertId);
      if (!alert) return skip('alert gone');
      const view: NotificationView = {
        notificationId: n.id,
        event: n.event,
        alert,
        publicUrl: this.config.publicUrl,
        sentAt: new Date(),
      };
      const rendered =
        n.channelType === 'slack'
          ? slackBody(view)
          : n.channelType === 'email'
            ? JSON.stringify(emailContent(view))
            : alertWebhookBody(view);
      payload = await this.notifications.fixPayload(n.id, rendered);
    }
    const result = await this.send(n, payload);
    const failed = !result.ok && (result.permanent || lastAttempt);
    await this.notifications.recordAttempt(n.id, attempt, {
      statusCode: result.statusCode,
      error: result.problem,
      delivered: result.ok,
      failed,
    });
    const target = describeTarget(n);
    if (result.ok) {
      metrics.alertNotifications.inc({ channel: n.channelType, outcome: 'delivered' });
      this.logger.debug(`alert notification ${n.id} (${target}) delivered, attempt ${attempt}`);
      return { kind: 'delivered', statusCode: result.statusCode };
    }
    metrics.alertNotifications.inc({
      channel: n.channelType,
      outcome: failed ? 'failed' : 'retried',
    });
    this.logger.warn(
      `alert notification ${n.id} (${target}) attempt ${attempt} failed: ${result.problem}${
        failed ? (result.permanent ? ' (permanent: given up)' : ' (last attempt: given up)') : ''
      }`,
    );
    throw new AlertDeliveryError(
      `alert notification ${n.id} (${target}): ${result.problem}`,
      result.permanent,
    );
  }

  private async send(n: AlertNotificationRecord, payload: string): Promise<Attempted> {
    const channel = n.channel;
    if (channel.type === 'email') return this.sendMail(n, channel.to, payload);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': ALERT_USER_AGENT,
      [WEBHOOK_HEADERS.delivery]: alertDeliveryId(n.id),
    };
    if (channel.type === 'webhook') {
      headers[WEBHOOK_HEADERS.event] = alertWebhookEvent(n.event);
      if (this.config.webhookSecret !== '') {
        headers[WEBHOOK_HEADERS.signature] = webhookSignature(this.config.webhookSecret, payload);
      }
    }
    try {
      const res = await postOutbound(channel.url, {
        headers,
        body: payload,
        timeoutMs: this.config.webhookTimeoutMs,
        policy: webhookPolicy(this.config),
        field: `the ${channel.type} URL`,
      });
      const ok = res.statusCode >= 200 && res.statusCode < 300;
      return {
        ok,
        statusCode: res.statusCode,
        problem: ok ? null : `receiver answered HTTP ${res.statusCode}`,
        permanent: !ok && isPermanentWebhookStatus(res.statusCode),
      };
    } catch (error) {
      return {
        ok: false,
        statusCode: null,
        problem: error instanceof Error ? error.message : String(error),
        permanent:
          error instanceof UndeliverableUrlError ||
          error instanceof NonPublicAddressError ||
          (error as { code?: unknown } | null)?.code === 'ENONPUBLIC',
      };
    }
  }

  private async sendMail(
    n: AlertNotificationRecord,
    to: string[],
    payload: string,
  ): Promise<Attempted> {
    if (!this.mailer.configured) {
      return { ok: false, statusCode: null, problem: 'SMTP_URL is not set', permanent: true };
    }
    const content = JSON.parse(payload) as EmailContent;
    const deliveryId = alertDeliveryId(n.id);
    const domain = /@([^>\s]+)>?\s*$/.exec(this.config.alertEmailFrom)?.[1] ?? 'market-ingest';
    try {
      const receipt = await this.mailer.send({
        to,
        ...content,
        messageId: `<${deliveryId}.market-ingest@${domain}>`,
        headers: {
          [WEBHOOK_HEADERS.delivery]: deliveryId,
          [WEBHOOK_HEADERS.event]: alertWebhookEvent(n.event),
        },
      });
      if (receipt.accepted.length === 0) {
        return {
          ok: false,
          statusCode: null,
          problem: `no recipient accepted (${receipt.response})`,
          permanent: true,
        };
      }
      return { ok: true, statusCode: null, problem: null, permanent: false };
    } catch (error) {
      const e = error as { message?: string; responseCode?: number; code?: string };
      // An SMTP 5xx answer (no such mailbox, authentication refused, message refused) will be
      // given again: permanent. Connection problems and 4xx answers are retried. The message of
      // nodemailer's errors names the server's answer, never the password.
      const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500;
      const code = e.responseCode ? `SMTP ${e.responseCode}` : (e.code ?? 'error');
      return {
        ok: false,
        statusCode: e.responseCode ?? null,
        problem: `${smtpEndpoint(this.config.smtpUrl)}: ${code}: ${String(e.message ?? error).slice(0, 500)}`,
        permanent,
      };
    }
  }
}

/** What a log line may say of a target: a URL's host (paths carry tokens), the recipients' count. */
function describeTarget(n: AlertNotificationRecord): string {
  const c = n.channel;
  if (c.type === 'email') return `email to ${c.to.length} recipient(s)`;
  try {
    return `${c.type} ${new URL(c.url).host}`;
  } catch {
    return `${c.type} <invalid url>`;
  }
}
