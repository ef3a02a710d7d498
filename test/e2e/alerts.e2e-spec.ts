import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  api,
  holdsFor,
  LaunchedProcess,
  sql,
  Stack,
  startStack,
  waitFor,
  waitForStatus,
} from '../support/stack';
import { createMigratedDatabase, dropDatabase, queuePrefix } from '../support/test-env';

const SECRET = 'alerts-e2e-webhook-secret';
const PUBLIC_URL = 'https://ingest.example.test';
const RANGE = { from: '2024-01-01T00:00:00Z', to: '2024-02-01T00:00:00Z' };

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  raw: string;
  body: Record<string, unknown>;
}

/** A local receiver of Slack and webhook POSTs: records each, answers 200. */
async function startReceiver() {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      received.push({
        path: req.url ?? '',
        headers: req.headers,
        raw,
        body: JSON.parse(raw) as Record<string, unknown>,
      });
      res.end('ok');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    at: (path: string) => received.filter((r) => r.path === path),
    stop: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

interface SlackBody {
  text: string;
  blocks: { type: string; elements?: { url?: string }[] }[];
}

/** Button URLs of a Slack message. */
const buttons = (body: Record<string, unknown>): string[] =>
  (body as unknown as SlackBody).blocks
    .filter((b) => b.type === 'actions')
    .flatMap((b) => (b.elements ?? []).map((e) => e.url ?? ''));

/** A sample of a counter summed over the workers' /metrics. */
async function counterSum(urls: string[], name: string, labels: string): Promise<number> {
  let total = 0;
  for (const url of urls) {
    const text = await (await fetch(`${url}/metrics`)).text();
    for (const line of text.split('\n')) {
      if (line.startsWith(`${name}{`) && line.includes(labels))
        total += Number(line.split(' ').pop());
    }
  }
  return total;
}

/**
 * Alerts across processes: the API, workers that evaluate and deliver, a local receiver standing
 * for Slack and a webhook target. PUBLIC_URL makes the Slack button open the batch's page.
 */
describe('alerts end to end (API and workers as processes, local Slack and webhook receivers)', () => {
  let db: string;
  let stack: Stack;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    db = await createMigratedDatabase();
    receiver = await startReceiver();
    stack = await startStack(
      {
        DATABASE_URL: db,
        QUEUE_PREFIX: queuePrefix(),
        PUBLIC_URL,
        WEBHOOK_SECRET: SECRET,
        // The receivers are local: 127.0.0.1 is listed; any other host is refused.
        WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
        ALERT_SWEEP_INTERVAL_MS: '1000',
        ALERT_BACKOFF_MS: '200',
        RECONCILE_INTERVAL_MS: '1000',
        // A killed worker's job runs again elsewhere about 2 s later.
        JOB_LOCK_MS: '2000',
      },
      { workers: 0 },
    );
  });
  afterAll(async () => {
    await stack?.stop();
    await receiver?.stop();
    await dropDatabase(db);
  });

  it('refuses bad rules with 400 naming the field, and channel hosts outside WEBHOOK_ALLOWED_HOSTS', async () => {
    const post = (body: unknown) => api(stack.base, 'POST', '/api/alert-rules', body);
    const bad = [
      [{ name: 'x', kind: 'batch_exploded', channels: [] }, 'VALIDATION_FAILED', null],
      [
        { name: 'x', kind: 'batch_stalled', params: { minutes: -1 }, channels: [] },
        'INVALID_ALERT_RULE',
        'params.minutes',
      ],
      [
        { name: 'x', kind: 'batch_failed', channels: [{ type: 'pager', url: 'x' }] },
        'INVALID_ALERT_RULE',
        'channels[0].type',
      ],
      [
        {
          name: 'x',
          kind: 'batch_failed',
          channels: [{ type: 'slack', url: 'https://hooks.slack.com/services/T/B/x' }],
        },
        'WEBHOOK_HOST_NOT_ALLOWED',
        'channels[0].url',
      ],
      [
        { name: 'x', kind: 'batch_failed', channels: [{ type: 'email', to: ['ops@example.com'] }] },
        'INVALID_ALERT_RULE',
        'channels[0].type',
      ],
    ] as const;
    for (const [body, code, field] of bad) {
      const res = await post(body);
      const error = res.body.error as {
        code: string;
        message: string;
        details?: { field?: string };
      };
      expect({ status: res.status, code: error.code }).toEqual({ status: 400, code });
      if (field) expect(error.details?.field).toBe(field);
      else expect(error.message).toContain('kind must be one of');
    }
    expect((await api(stack.base, 'GET', '/api/alert-rules')).body.total).toBe(0);
  });

  it('batch_stalled: Slack hears of a batch whose only worker stopped, then that it resolved once a worker is back and the batch ended', async () => {
    // The synthetic provider's only worker answers slowly; a second worker takes no fetch job of
    // synthetic (WORKER_PROVIDERS=csv) but evaluates alerts and delivers notifications.
    const fetcher: LaunchedProcess = await stack.startWorker({ SYNTHETIC_LATENCY_MS: '600000' });
    await stack.startWorker({ WORKER_PROVIDERS: 'csv' });
    const rule = await api(stack.base, 'POST', '/api/alert-rules', {
      name: 'stalled batches',
      kind: 'batch_stalled',
      params: { minutes: 0.05 },
      channels: [{ type: 'slack', url: `${receiver.url}/slack` }],
    });
    expect(rule.status).toBe(201);
    expect(rule.body).toMatchObject({
      success: true,
      kind: 'batch_stalled',
      params: { minutes: 0.05 },
      channels: [{ type: 'slack', url: receiver.url + '/…' }],
    });
    const start = await api(stack.base, 'POST', '/api/bulk/start', {
      symbols: ['STALLA', 'STALLB'],
      interval: '1d',
      provider: 'synthetic',
      mode: 'full',
      ...RANGE,
    });
    const id = start.body.batch_db_id as number;
    await waitFor('both symbols taken by the slow worker', async () => {
      const rows = await sql<{ n: number }>(
        db,
        `SELECT count(*)::int AS n FROM batch_execution_details WHERE batch_execution_id = $1 AND status = 'running'`,
        [id],
      );
      return rows[0].n === 2 ? true : undefined;
    });
    await fetcher.stop('SIGKILL');

    const firing = await waitFor(
      'the Slack message of the stalled batch',
      () =>
        receiver
          .at('/slack')
          .find((r) => String((r.body as unknown as SlackBody).text).includes('FIRING')),
      { timeoutMs: 30_000 },
    );
    const text = (firing.body as unknown as SlackBody).text;
    expect(text).toContain(`FIRING batch_stalled: batch ${id} (${String(start.body.job_id)})`);
    expect(text).toContain('has made no progress');
    // One click from the message to the batch's page.
    expect(buttons(firing.body)).toEqual([
      `${PUBLIC_URL}/ui/batches/${id}`,
      `${PUBLIC_URL}/ui/alerts`,
    ]);
    expect(text).toContain(`<${PUBLIC_URL}/ui/batches/${id}|Open batch ${id}>`);
    const firingList = await api(stack.base, 'GET', '/api/alerts?state=firing');
    expect(firingList.body).toMatchObject({
      total: 1,
      items: [{ kind: 'batch_stalled', subject: `batch:${id}`, state: 'firing' }],
    });
    const alertId = (firingList.body.items as { id: number }[])[0].id;

    // A worker comes back: it takes the jobs the killed one held (after JOB_LOCK_MS), the batch ends.
    await stack.startWorker();
    await waitForStatus(stack.base, id, (s) => s.status === 'completed', 60_000);
    const resolved = await waitFor(
      'the resolved Slack message',
      () =>
        receiver
          .at('/slack')
          .find((r) => String((r.body as unknown as SlackBody).text).includes('RESOLVED')),
      { timeoutMs: 30_000 },
    );
    expect((resolved.body as unknown as SlackBody).text).toContain(
      `RESOLVED batch_stalled: batch ${id}`,
    );
    // The receiver hears the message before the worker records the attempt: wait for the record.
    const detail = await waitFor('the resolved delivery recorded', async () => {
      const answer = await api(stack.base, 'GET', `/api/alerts/${alertId}`);
      const recorded = (answer.body.deliveries as { status: string }[]).every(
        (d) => d.status !== 'pending',
      );
      return recorded ? answer : undefined;
    });
    // Resolved by whichever evaluation saw it first: the sweep (progress again) or the ending.
    expect(detail.body).toMatchObject({ state: 'resolved', details: { batch_id: id } });
    expect([`batch ${id} is completed`, `batch ${id} is making progress again`]).toContain(
      (detail.body as { details: { resolution: string } }).details.resolution,
    );
    const deliveries = detail.body.deliveries as {
      event: string;
      status: string;
      delivery_id: string;
      attempt_log: { outcome: string }[];
    }[];
    expect(deliveries.map((d) => [d.event, d.status])).toEqual([
      ['firing', 'delivered'],
      ['resolved', 'delivered'],
    ]);
    expect(deliveries[0].attempt_log.at(-1)?.outcome).toBe('delivered');
    // Exactly one message each, carrying its delivery id.
    expect(receiver.at('/slack').map((r) => r.headers['x-market-ingest-delivery'])).toEqual(
      deliveries.map((d) => d.delivery_id),
    );
    expect(
      (await api(stack.base, 'DELETE', `/api/alert-rules/${String(rule.body.id)}`)).status,
    ).toBe(204);
  });

  it('two worker replicas evaluating: one alert, one notification per channel', async () => {
    // Now two workers run (the csv-only one and the one that came back); both evaluate.
    const live = stack.workerUrls.filter((_, i) => stack.workers[i].running());
    expect(live).toHaveLength(2);
    const rule = await api(stack.base, 'POST', '/api/alert-rules', {
      name: 'failed batches',
      kind: 'batch_failed',
      params: { min_failed_ratio: 0.5 },
      channels: [
        { type: 'slack', url: `${receiver.url}/slack2` },
        { type: 'webhook', url: `${receiver.url}/hook2` },
      ],
    });
    expect(rule.status).toBe(201);
    const sweepsBefore = await counterSum(
      live,
      'market_ingest_alert_evaluations_total',
      'trigger="sweep",outcome="ok"',
    );
    const start = await api(stack.base, 'POST', '/api/bulk/start', {
      symbols: ['TWONOTFOUND', 'TWOBNOTFOUND', 'TWOOK'],
      interval: '1d',
      provider: 'synthetic',
      mode: 'full',
      ...RANGE,
    });
    const id = start.body.batch_db_id as number;
    await waitForStatus(stack.base, id, (s) => s.status === 'completed_with_errors');
    await waitFor('both notifications', () =>
      receiver.at('/slack2').length >= 1 && receiver.at('/hook2').length >= 1 ? true : undefined,
    );
    // Sweeps keep running on the replicas: no second alert, no second notification.
    await holdsFor(
      'one notification per channel',
      () => receiver.at('/slack2').length === 1 && receiver.at('/hook2').length === 1,
      4000,
    );
    const sweepsAfter = await counterSum(
      live,
      'market_ingest_alert_evaluations_total',
      'trigger="sweep",outcome="ok"',
    );
    expect(sweepsAfter - sweepsBefore).toBeGreaterThanOrEqual(3);
    const list = await api(stack.base, 'GET', `/api/alerts?rule_id=${String(rule.body.id)}`);
    expect(list.body).toMatchObject({
      total: 1,
      items: [{ subject: `batch:${id}`, state: 'firing' }],
    });
    expect(
      await counterSum(
        live,
        'market_ingest_alert_transitions_total',
        'kind="batch_failed",event="firing"',
      ),
    ).toBe(1);

    // The webhook is signed like batch webhooks, with its own event and delivery id.
    const [hook] = receiver.at('/hook2');
    expect(hook.headers['x-market-ingest-event']).toBe('alert.firing');
    expect(hook.headers['x-market-ingest-signature']).toBe(
      `sha256=${createHmac('sha256', SECRET).update(hook.raw).digest('hex')}`,
    );
    expect(hook.body).toMatchObject({
      event: 'alert.firing',
      delivery_id: hook.headers['x-market-ingest-delivery'],
      alert: { kind: 'batch_failed', subject: `batch:${id}`, state: 'firing' },
      links: { subject: `${PUBLIC_URL}/ui/batches/${id}`, alerts: `${PUBLIC_URL}/ui/alerts` },
    });

    // Acknowledged: still open, told once.
    const alertId = (list.body.items as { id: number }[])[0].id;
    const ack = await api(stack.base, 'POST', `/api/alerts/${alertId}/ack`);
    expect(ack.body).toMatchObject({ success: true, state: 'acknowledged' });
    expect((await api(stack.base, 'GET', '/api/alerts?state=acknowledged')).body.total).toBe(1);
    // The gauge of alerts by kind and state, read at scrape time.
    const metrics = await (await fetch(`${stack.base}/metrics`)).text();
    expect(metrics).toContain('market_ingest_alerts{kind="batch_failed",state="acknowledged"} 1');
    expect(metrics).toMatch(/market_ingest_ready\{check="database"\} 1/);
  });
});
