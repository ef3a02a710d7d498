import type { AlertEvent, AlertRecord } from '@app/persistence';
import { alertLinks } from './alert-subjects';

/** The event name of an alert webhook: `alert.firing` or `alert.resolved`. */
export function alertWebhookEvent(event: AlertEvent): string {
  return `alert.${event}`;
}

/** The id receivers de-duplicate on (never equal to a batch webhook's numeric delivery id). */
export function alertDeliveryId(notificationId: string): string {
  return `alert-${notificationId}`;
}

/** Everything a notification says, whatever the channel. */
export interface NotificationView {
  notificationId: string;
  event: AlertEvent;
  alert: AlertRecord;
  /** PUBLIC_URL, '' when unset (no links). */
  publicUrl: string;
  sentAt: Date;
}

const headline = (v: NotificationView): string =>
  `${v.event === 'firing' ? 'FIRING' : 'RESOLVED'} ${v.alert.kind}: ${v.alert.message}`;

/** When it happened: the first time for a firing alert, the resolution for a resolved one. */
const when = (v: NotificationView): Date =>
  v.event === 'resolved' ? (v.alert.resolvedAt ?? v.sentAt) : v.alert.firstAt;

/** Slack's mrkdwn control characters (its docs: escape &, < and > in text). */
function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The JSON body of a Slack incoming webhook: `text` (the notification's fallback, shown in
 * previews, with a link to the batch or symbol when PUBLIC_URL is set) and `blocks`: a header,
 * the message with kind, subject and time, buttons to the dashboard pages, and a context line
 * with the alert and delivery ids.
 */
export function slackBody(v: NotificationView): string {
  const links = alertLinks(v.alert.details, v.publicUrl);
  const firing = v.event === 'firing';
  const icon = firing ? ':rotating_light:' : ':white_check_mark:';
  const at = when(v);
  const atText = `<!date^${Math.floor(at.getTime() / 1000)}^{date_short_pretty} {time_secs}|${at.toISOString()}>`;
  const link = links?.subject ?? links?.alerts;
  const text = `${icon} ${slackEscape(headline(v))}${link ? ` <${link.url}|${slackEscape(link.label)}>` : ''}`;
  const blocks: Record<string, unknown>[] = [
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: `${firing ? 'Firing' : 'Resolved'}: ${v.alert.ruleName}`.slice(0, 150),
        emoji: true,
      },
    },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `${icon} *${slackEscape(v.alert.message)}*`.slice(0, 3000) },
      fields: [
        { type: 'mrkdwn', text: `*Kind*\n${v.alert.kind}` },
        { type: 'mrkdwn', text: `*Subject*\n${slackEscape(v.alert.subject)}` },
        { type: 'mrkdwn', text: `*${firing ? 'Since' : 'Resolved'}*\n${atText}` },
        { type: 'mrkdwn', text: `*State*\n${v.alert.state}` },
      ],
    },
  ];
  if (links) {
    blocks.push({
      type: 'actions',
      elements: [links.subject, links.alerts]
        .filter((l) => l !== null)
        .map((l, i) => ({
          type: 'button',
          text: { type: 'plain_text', text: l.label.slice(0, 75) },
          url: l.url,
          action_id: `open-${i}`,
          ...(i === 0 && firing ? { style: 'danger' } : {}),
        })),
    });
  }
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: `market-ingest · alert ${v.alert.id} · rule ${v.alert.ruleId} · delivery ${alertDeliveryId(v.notificationId)}`,
      },
    ],
  });
  return JSON.stringify({ text, blocks });
}

function htmlEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** An e-mail's subject, plain-text and HTML parts. */
export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

export function emailContent(v: NotificationView): EmailContent {
  const links = alertLinks(v.alert.details, v.publicUrl);
  const rows: [string, string][] = [
    ['Rule', `${v.alert.ruleName} (${v.alert.ruleId})`],
    ['Kind', v.alert.kind],
    ['Subject', v.alert.subject],
    ['State', v.alert.state],
    [v.event === 'firing' ? 'Since' : 'Resolved', when(v).toISOString()],
    ['Alert', v.alert.id],
  ];
  const linkList = links ? [links.subject, links.alerts].filter((l) => l !== null) : [];
  const text = [
    headline(v),
    '',
    ...rows.map(([k, value]) => `${k}: ${value}`),
    ...(linkList.length ? ['', ...linkList.map((l) => `${l.label}: ${l.url}`)] : []),
    '',
    `Delivery ${alertDeliveryId(v.notificationId)}`,
  ].join('\n');
  const html = [
    '<!doctype html><html><body>',
    `<h2>${htmlEscape(headline(v))}</h2>`,
    '<table>',
    ...rows.map(
      ([k, value]) =>
        `<tr><th align="left">${htmlEscape(k)}</th><td>${htmlEscape(value)}</td></tr>`,
    ),
    '</table>',
    ...linkList.map((l) => `<p><a href="${htmlEscape(l.url)}">${htmlEscape(l.label)}</a></p>`),
    `<p><small>Delivery ${htmlEscape(alertDeliveryId(v.notificationId))}</small></p>`,
    '</body></html>',
  ].join('\n');
  return { subject: `[market-ingest] ${headline(v)}`.slice(0, 250), text, html };
}

/**
 * The JSON body of an alert webhook (signed like batch webhooks):
 * `{event, delivery_id, alert, links, sent_at}`.
 */
export function alertWebhookBody(v: NotificationView): string {
  const links = alertLinks(v.alert.details, v.publicUrl);
  const a = v.alert;
  return JSON.stringify({
    event: alertWebhookEvent(v.event),
    delivery_id: alertDeliveryId(v.notificationId),
    alert: {
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
    },
    links: links ? { subject: links.subject?.url ?? null, alerts: links.alerts.url } : null,
    sent_at: v.sentAt.toISOString(),
  });
}
