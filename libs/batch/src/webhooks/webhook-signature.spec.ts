import { createHmac, timingSafeEqual } from 'node:crypto';
import type { BatchView } from '../batch-view';
import { webhookBody } from './webhook-body';
import { isPermanentWebhookStatus } from './webhook-delivery.service';
import { webhookSignature } from './webhook-signature';

const BATCH: BatchView = {
  job_id: 'job-1795457971739',
  batch_db_id: 7,
  batch_type: 'bulk',
  status: 'running',
  interval: '1d',
  provider: 'synthetic',
  params: { mode: 'full', webhook_url: 'http://127.0.0.1:9/x' },
  progress: { total: 2, processed: 2, successful: 1, failed: 1, percent: 100 },
  start_time: '2026-01-01T00:00:00.000Z',
  end_time: '2026-01-01T00:00:05.000Z',
  error_message: null,
  created_at: '2026-01-01T00:00:00.000Z',
  schedule_id: null,
  scheduled_for: null,
};

describe('webhookSignature', () => {
  it('is sha256=<hex HMAC-SHA256> (RFC 4231 test case 2)', () => {
    expect(webhookSignature('Jefe', 'what do ya want for nothing?')).toBe(
      'sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('signs the exact bytes: a receiver verifies it over the raw body', () => {
    const body = webhookBody({ id: '42', batchStatus: 'completed' }, BATCH, new Date(0));
    const header = webhookSignature('s3cret', body);
    const raw = Buffer.from(body, 'utf8');
    const expected = `sha256=${createHmac('sha256', 's3cret').update(raw).digest('hex')}`;
    expect(timingSafeEqual(Buffer.from(header), Buffer.from(expected))).toBe(true);
    expect(webhookSignature('s3cret', `${body} `)).not.toBe(header);
    expect(webhookSignature('other', body)).not.toBe(header);
  });
});

describe('webhookBody', () => {
  it('carries the event, the delivery id, the batch view with the ending status, and sent_at', () => {
    const body = webhookBody(
      { id: '42', batchStatus: 'completed_with_errors' },
      BATCH,
      new Date('2026-01-01T00:00:06Z'),
    );
    expect(JSON.parse(body)).toEqual({
      event: 'batch.ended',
      delivery_id: '42',
      batch: { ...BATCH, status: 'completed_with_errors' },
      sent_at: '2026-01-01T00:00:06.000Z',
    });
    // Same inputs, same bytes (a retry re-sends the stored text anyway).
    expect(
      webhookBody(
        { id: '42', batchStatus: 'completed_with_errors' },
        BATCH,
        new Date('2026-01-01T00:00:06Z'),
      ),
    ).toBe(body);
  });
});

describe('isPermanentWebhookStatus', () => {
  it('gives up on 4xx except 408 and 429; retries 5xx and 3xx', () => {
    expect([400, 401, 403, 404, 410, 422].every(isPermanentWebhookStatus)).toBe(true);
    expect([408, 429, 500, 502, 503, 301, 302].some(isPermanentWebhookStatus)).toBe(false);
  });
});
