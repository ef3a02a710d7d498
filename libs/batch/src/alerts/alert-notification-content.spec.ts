import type { AlertRecord } from '@app/persistence';
import {
  alertWebhookBody,
  emailContent,
  NotificationView,
  slackBody,
} from './alert-notification-content';

const ALERT: AlertRecord = {
  id: '7',
  ruleId: 3,
  ruleName: 'Nightly <batch> failed',
  kind: 'batch_failed',
  subject: 'batch:42',
  state: 'firing',
  message: 'batch 42 (job-1) ended with 7 of 10 symbols failed (70%) on yahoo & co',
  details: { batch_id: 42, job_id: 'job-1', provider: 'yahoo' },
  firstAt: new Date('2026-01-01T00:00:00Z'),
  lastAt: new Date('2026-01-01T00:00:00Z'),
  resolvedAt: null,
  acknowledgedAt: null,
};

const view = (over: Partial<NotificationView> = {}): NotificationView => ({
  notificationId: '12',
  event: 'firing',
  alert: ALERT,
  publicUrl: 'https://ingest.example.com/',
  sentAt: new Date('2026-01-01T00:00:05Z'),
  ...over,
});

interface Block {
  type: string;
  text?: { text: string };
  fields?: { text: string }[];
  elements?: { type: string; url?: string; text?: string | { text: string } }[];
}

describe('slackBody', () => {
  it('has text and blocks: what, which batch, when, a button to the batch page', () => {
    const body = JSON.parse(slackBody(view())) as { text: string; blocks: Block[] };
    expect(body.text).toContain('FIRING batch_failed: batch 42 (job-1) ended with 7 of 10');
    // mrkdwn control characters escaped; the link to the batch in the fallback text
    expect(body.text).toContain('on yahoo &amp; co');
    expect(body.text).toContain('<https://ingest.example.com/ui/batches/42|Open batch 42>');
    expect(body.blocks.map((b) => b.type)).toEqual(['header', 'section', 'actions', 'context']);
    expect(body.blocks[0].text?.text).toBe('Firing: Nightly <batch> failed');
    expect(body.blocks[1].fields?.map((f) => f.text)).toEqual([
      '*Kind*\nbatch_failed',
      '*Subject*\nbatch:42',
      '*Since*\n<!date^1767225600^{date_short_pretty} {time_secs}|2026-01-01T00:00:00.000Z>',
      '*State*\nfiring',
    ]);
    expect(body.blocks[2].elements?.map((e) => e.url)).toEqual([
      'https://ingest.example.com/ui/batches/42',
      'https://ingest.example.com/ui/alerts',
    ]);
    expect(JSON.stringify(body.blocks[3])).toContain('delivery alert-12');
  });

  it('has no links without PUBLIC_URL, and says resolved when it is', () => {
    const body = JSON.parse(
      slackBody(
        view({
          publicUrl: '',
          event: 'resolved',
          alert: { ...ALERT, state: 'resolved', resolvedAt: new Date('2026-01-02T00:00:00Z') },
        }),
      ),
    ) as { text: string; blocks: Block[] };
    expect(body.text).toMatch(/^:white_check_mark: RESOLVED batch_failed/);
    expect(body.text).not.toContain('http');
    expect(body.blocks.map((b) => b.type)).toEqual(['header', 'section', 'context']);
    expect(body.blocks[0].text?.text).toBe('Resolved: Nightly <batch> failed');
  });

  it('links a series alert to its symbol page', () => {
    const body = JSON.parse(
      slackBody(
        view({
          alert: {
            ...ALERT,
            kind: 'symbol_stale',
            subject: 'yahoo:7203.T',
            details: { source: 'yahoo', symbol: '7203.T', interval: '1d' },
          },
        }),
      ),
    ) as { blocks: Block[] };
    expect(body.blocks[2].elements?.[0].url).toBe(
      'https://ingest.example.com/ui/symbols/7203.T?source=yahoo&interval=1d',
    );
  });
});

describe('emailContent', () => {
  it('has a subject, a plain-text and an HTML part (escaped) with the link', () => {
    const mail = emailContent(view());
    expect(mail.subject).toBe(
      '[market-ingest] FIRING batch_failed: batch 42 (job-1) ended with 7 of 10 symbols failed (70%) on yahoo & co',
    );
    expect(mail.text).toContain('Subject: batch:42');
    expect(mail.text).toContain('Open batch 42: https://ingest.example.com/ui/batches/42');
    expect(mail.text).toContain('Delivery alert-12');
    expect(mail.html).toContain('Nightly &lt;batch&gt; failed');
    expect(mail.html).toContain(
      '<a href="https://ingest.example.com/ui/batches/42">Open batch 42</a>',
    );
  });
});

describe('alertWebhookBody', () => {
  it('is {event, delivery_id, alert, links, sent_at}', () => {
    expect(JSON.parse(alertWebhookBody(view()))).toEqual({
      event: 'alert.firing',
      delivery_id: 'alert-12',
      alert: {
        id: 7,
        rule_id: 3,
        rule_name: 'Nightly <batch> failed',
        kind: 'batch_failed',
        subject: 'batch:42',
        state: 'firing',
        message: ALERT.message,
        details: ALERT.details,
        first_at: '2026-01-01T00:00:00.000Z',
        last_at: '2026-01-01T00:00:00.000Z',
        resolved_at: null,
        acknowledged_at: null,
      },
      links: {
        subject: 'https://ingest.example.com/ui/batches/42',
        alerts: 'https://ingest.example.com/ui/alerts',
      },
      sent_at: '2026-01-01T00:00:05.000Z',
    });
  });
});
