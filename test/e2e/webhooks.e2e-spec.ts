import { createHmac, timingSafeEqual } from 'node:crypto';
import { once } from 'node:events';
import { createServer, IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  api,
  freePort,
  holdsFor,
  isTerminal,
  sql,
  Stack,
  startStack,
  waitFor,
  waitForStatus,
} from '../support/stack';
import { createMigratedDatabase, dropDatabase, queuePrefix } from '../support/test-env';

const SECRET = 's3cret-webhook-test-key';
const RANGE = { from: '2024-01-01T00:00:00Z', to: '2024-02-01T00:00:00Z' };

interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  raw: Buffer;
  body: {
    event: string;
    delivery_id: string;
    batch: { batch_db_id: number; status: string; params: Record<string, unknown> };
    sent_at: string;
  };
}

interface DeliveryRow {
  id: string;
  url: string;
  batch_status: string;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  failed_at: Date | null;
}

/**
 * A local webhook receiver: records every request; `/flaky/*` answers 500 to the first two
 * requests of each path, `/hang/*` never answers, everything else 200.
 */
async function startReceiver(): Promise<{
  url: string;
  received: Received[];
  stop: () => Promise<void>;
}> {
  const received: Received[] = [];
  const hits = new Map<string, number>();
  const hanging: ServerResponse[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const path = req.url ?? '';
      received.push({
        method: req.method ?? '',
        path,
        headers: req.headers,
        raw,
        body: JSON.parse(raw.toString('utf8')) as Received['body'],
      });
      const n = (hits.get(path) ?? 0) + 1;
      hits.set(path, n);
      if (path.startsWith('/hang/')) {
        hanging.push(res);
        return;
      }
      res.statusCode = path.startsWith('/flaky/') && n <= 2 ? 500 : 200;
      res.end('ok');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    stop: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/** A duplicate POST would show up within this window (the reconciler runs every second). */
const NO_DUPLICATE_MS = 1500;

describe('webhooks: one signed POST per ended batch, retried, never blocking the batch', () => {
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
        WEBHOOK_URL: `${receiver.url}/hook`,
        WEBHOOK_SECRET: SECRET,
        // The receivers of this test are local: listing 127.0.0.1 allows its loopback address
        // (WEBHOOK_ALLOW_PRIVATE stays unset); any other host is refused.
        WEBHOOK_ALLOWED_HOSTS: '127.0.0.1,*.example.test',
        WEBHOOK_ATTEMPTS: '3',
        WEBHOOK_BACKOFF_MS: '200',
        WEBHOOK_TIMEOUT_MS: '1000',
        RECONCILE_INTERVAL_MS: '1000',
        // A FLAKY symbol waits long between its attempts: its batch stays running until stopped.
        JOB_BACKOFF_MS: '30000',
      },
      1,
    );
  });
  afterAll(async () => {
    await stack?.stop();
    await receiver?.stop();
    await dropDatabase(db);
  });

  const postsOf = (batchId: number, pathPrefix: string): Received[] =>
    receiver.received.filter(
      (r) => r.body.batch.batch_db_id === batchId && r.path.startsWith(pathPrefix),
    );

  const deliveriesOf = (batchId: number): Promise<DeliveryRow[]> =>
    sql<DeliveryRow>(
      db,
      `SELECT id::text AS id, url, batch_status, attempts, last_status_code, last_error, delivered_at, failed_at
       FROM webhook_deliveries WHERE batch_execution_id = $1 ORDER BY id`,
      [batchId],
    );

  async function startBatch(symbols: string[], extra: Record<string, unknown> = {}) {
    const res = await api(stack.base, 'POST', '/api/bulk/start', {
      symbols,
      interval: '1d',
      mode: 'full',
      ...RANGE,
      ...extra,
    });
    expect(res.status).toBe(202);
    return res.body.batch_db_id as number;
  }

  it('a webhook_url outside WEBHOOK_ALLOWED_HOSTS is refused (400) and nothing is written', async () => {
    const count = async () =>
      (await sql<{ n: number }>(db, 'SELECT count(*)::int AS n FROM batch_executions'))[0].n;
    const before = await count();
    for (const url of ['http://169.254.169.254/latest/meta-data', 'https://example.test/x']) {
      const res = await api(stack.base, 'POST', '/api/bulk/start', {
        symbols: ['WHNO'],
        interval: '1d',
        webhook_url: url,
      });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        code: 'WEBHOOK_HOST_NOT_ALLOWED',
        details: { field: 'webhook_url' },
      });
    }
    const scheduled = await api(stack.base, 'POST', '/api/schedules', {
      cron: '0 0 * * *',
      batch: { symbols: ['WHNO'], interval: '1d', webhook_url: 'http://10.0.0.1/hook' },
    });
    expect(scheduled.status).toBe(400);
    expect(await count()).toBe(before);
    const ok = await api(stack.base, 'POST', '/api/bulk/start', {
      symbols: ['WHYES'],
      interval: '1d',
      ...RANGE,
      webhook_url: 'https://hooks.example.test/ok',
    });
    expect(ok.status).toBe(202);
    await waitForStatus(stack.base, ok.body.batch_db_id as number, isTerminal);
  });

  it('a completed batch: exactly one POST, signed over the raw body, status completed', async () => {
    const id = await startBatch(['WHA', 'WHB', 'WHC']);
    expect((await waitForStatus(stack.base, id, isTerminal)).status).toBe('completed');
    const post = await waitFor('the POST', () => postsOf(id, '/hook')[0]);
    await holdsFor('one POST', () => postsOf(id, '/hook').length === 1, NO_DUPLICATE_MS);

    expect(post.method).toBe('POST');
    expect(post.headers['content-type']).toBe('application/json');
    expect(post.headers['user-agent']).toBe('market-ingest-webhooks');
    expect(post.headers['x-market-ingest-event']).toBe('batch.ended');
    expect(post.headers['x-market-ingest-delivery']).toBe(post.body.delivery_id);
    const expected = `sha256=${createHmac('sha256', SECRET).update(post.raw).digest('hex')}`;
    const signature = String(post.headers['x-market-ingest-signature']);
    expect(signature).toBe(expected);
    expect(timingSafeEqual(Buffer.from(signature), Buffer.from(expected))).toBe(true);

    expect(post.body.event).toBe('batch.ended');
    expect(post.body.batch).toMatchObject({
      batch_db_id: id,
      status: 'completed',
      progress: { total: 3, processed: 3, successful: 3, failed: 0, percent: 100 },
    });
    expect(new Date(post.body.sent_at).toISOString()).toBe(post.body.sent_at);
    expect(JSON.stringify(post.body)).not.toContain(SECRET);

    const rows = await deliveriesOf(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: post.body.delivery_id,
      url: `${receiver.url}/hook`,
      batch_status: 'completed',
      attempts: 1,
      last_status_code: 200,
      failed_at: null,
    });
    expect(rows[0].delivered_at).not.toBeNull();
  });

  it('a stopped batch: one POST with status stopped', async () => {
    const id = await startBatch(['WHSTOP1', 'FLAKY3']);
    await waitForStatus(stack.base, id, (s) => s.progress.processed >= 1);
    const stopped = await api(stack.base, 'POST', `/api/bulk/stop/${id}`);
    expect(stopped.status).toBe(200);
    expect(stopped.body.status).toBe('stopped');
    const post = await waitFor('the POST', () => postsOf(id, '/hook')[0]);
    await holdsFor('one POST', () => postsOf(id, '/hook').length === 1, NO_DUPLICATE_MS);
    expect(post.body.batch.status).toBe('stopped');
    expect((await deliveriesOf(id)).map((r) => r.batch_status)).toEqual(['stopped']);
  });

  it("a batch's own webhook_url gets its own POST besides WEBHOOK_URL, and the view shows it", async () => {
    const own = `${receiver.url}/own/c`;
    const id = await startBatch(['WHOWN1'], { webhook_url: own });
    const view = await waitForStatus(stack.base, id, isTerminal);
    expect(view.status).toBe('completed');
    expect((view as unknown as { params: Record<string, unknown> }).params.webhook_url).toBe(own);
    await waitFor('both POSTs', () =>
      postsOf(id, '/hook').length === 1 && postsOf(id, '/own/c').length === 1 ? true : undefined,
    );
    await holdsFor('two POSTs', () => postsOf(id, '/').length === 2, NO_DUPLICATE_MS);
    const [global] = postsOf(id, '/hook');
    const [mine] = postsOf(id, '/own/c');
    expect(postsOf(id, '/')).toHaveLength(2);
    expect(mine.body.delivery_id).not.toBe(global.body.delivery_id);
    expect(mine.body.batch.status).toBe('completed');
    expect(String(mine.headers['x-market-ingest-signature'])).toBe(
      `sha256=${createHmac('sha256', SECRET).update(mine.raw).digest('hex')}`,
    );
  });

  it('rejects a webhook_url that is not an http(s) URL', async () => {
    for (const webhook_url of [
      'ftp://example.com/x',
      'not a url',
      `http://x/${'a'.repeat(2050)}`,
    ]) {
      const res = await api(stack.base, 'POST', '/api/bulk/start', {
        symbols: ['WHBAD'],
        interval: '1d',
        webhook_url,
      });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain('webhook_url');
    }
  });

  it('a receiver answering 500 twice is retried: 3 POSTs, same delivery id, identical body', async () => {
    const id = await startBatch(['WH500A'], { webhook_url: `${receiver.url}/flaky/d` });
    expect((await waitForStatus(stack.base, id, isTerminal)).status).toBe('completed');
    await waitFor('3 POSTs', () => (postsOf(id, '/flaky/d').length >= 3 ? true : undefined));
    await holdsFor('3 POSTs', () => postsOf(id, '/flaky/d').length === 3, NO_DUPLICATE_MS);
    const posts = postsOf(id, '/flaky/d');
    expect(posts).toHaveLength(3);
    expect(new Set(posts.map((p) => p.headers['x-market-ingest-delivery'])).size).toBe(1);
    expect(new Set(posts.map((p) => p.raw.toString('base64'))).size).toBe(1);
    expect(new Set(posts.map((p) => p.headers['x-market-ingest-signature'])).size).toBe(1);
    const row = (await deliveriesOf(id)).find((r) => r.url.endsWith('/flaky/d'));
    expect(row).toMatchObject({ attempts: 3, last_status_code: 200, failed_at: null });
    expect(row?.delivered_at).not.toBeNull();
  });

  it('dead and silent receivers do not hold the batch; their deliveries fail after WEBHOOK_ATTEMPTS', async () => {
    const deadUrl = `http://127.0.0.1:${await freePort()}/dead`; // nothing listens there
    const hangUrl = `${receiver.url}/hang/e`; // accepts, never answers
    const dead = await startBatch(['WHDEAD1', 'WHDEAD2'], { webhook_url: deadUrl });
    const hang = await startBatch(['WHHANG1', 'WHHANG2'], { webhook_url: hangUrl });

    // The batch is completed while its delivery to the silent receiver is still open: nothing in
    // the batch path waited for it (each of its attempts takes WEBHOOK_TIMEOUT_MS).
    expect((await waitForStatus(stack.base, hang, isTerminal)).status).toBe('completed');
    const open = (await deliveriesOf(hang)).find((r) => r.url === hangUrl);
    expect(open).toMatchObject({ delivered_at: null, failed_at: null });
    expect((await waitForStatus(stack.base, dead, isTerminal)).status).toBe('completed');
    // The global receiver still got its POSTs for both batches.
    await waitFor('global POSTs', () =>
      postsOf(dead, '/hook').length === 1 && postsOf(hang, '/hook').length === 1 ? true : undefined,
    );

    for (const [batchId, url] of [
      [dead, deadUrl],
      [hang, hangUrl],
    ] as const) {
      const row = await waitFor(`the delivery to ${url} to fail`, async () =>
        (await deliveriesOf(batchId)).find((r) => r.url === url && r.failed_at !== null),
      );
      expect(row).toMatchObject({ attempts: 3, delivered_at: null, last_status_code: null });
      expect(row.last_error).toEqual(expect.any(String));
    }
    expect(postsOf(hang, '/hang/e')).toHaveLength(3);
    const hangRow = (await deliveriesOf(hang)).find((r) => r.url === hangUrl);
    expect(hangRow?.last_error).toMatch(/no answer within 1000 ms/);
  });

  it('a batch re-opened by retry-failed and ending again gets a new delivery', async () => {
    const id = await startBatch(['WHRETRY1', 'XNOTFOUND1']);
    expect((await waitForStatus(stack.base, id, isTerminal)).status).toBe('completed_with_errors');
    await waitFor('the first POST', () => postsOf(id, '/hook')[0]);
    const retried = await api(stack.base, 'POST', `/api/batches/${id}/retry-failed`);
    expect(retried.status).toBe(202);
    await waitFor('the second POST', () => (postsOf(id, '/hook').length >= 2 ? true : undefined));
    await holdsFor('2 POSTs', () => postsOf(id, '/hook').length === 2, NO_DUPLICATE_MS);
    const posts = postsOf(id, '/hook');
    expect(posts).toHaveLength(2);
    expect(posts.map((p) => p.body.batch.status)).toEqual([
      'completed_with_errors',
      'completed_with_errors',
    ]);
    expect(posts[0].body.delivery_id).not.toBe(posts[1].body.delivery_id);
    expect(await deliveriesOf(id)).toHaveLength(2);
  });

  it('the reconciler delivers an open delivery that never reached Redis (process died after commit)', async () => {
    const id = await startBatch(['WHRECON1']);
    expect((await waitForStatus(stack.base, id, isTerminal)).status).toBe('completed');
    await waitFor('the POST', () => postsOf(id, '/hook')[0]);
    await sql(
      db,
      `INSERT INTO webhook_deliveries (batch_execution_id, url, batch_status, created_at)
       VALUES ($1, $2, 'completed', now() - interval '10 seconds')`,
      [id, `${receiver.url}/recon/f`],
    );
    const post = await waitFor('the reconciled POST', () => postsOf(id, '/recon/f')[0]);
    expect(post.body.batch.status).toBe('completed');
    await holdsFor('one POST', () => postsOf(id, '/recon/f').length === 1, NO_DUPLICATE_MS);
    const row = (await deliveriesOf(id)).find((r) => r.url.endsWith('/recon/f'));
    expect(row?.delivered_at).not.toBeNull();
  });
});

describe('webhook targets: non-public addresses are refused unless the operator allows them', () => {
  let db: string;
  let stack: Stack;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let port: string;

  beforeAll(async () => {
    db = await createMigratedDatabase();
    receiver = await startReceiver();
    port = new URL(receiver.url).port;
    // Neither WEBHOOK_ALLOW_PRIVATE nor WEBHOOK_ALLOWED_HOSTS: the defaults are under test.
    stack = await startStack(
      {
        DATABASE_URL: db,
        QUEUE_PREFIX: queuePrefix(),
        WEBHOOK_SECRET: SECRET,
        WEBHOOK_ATTEMPTS: '3',
        WEBHOOK_BACKOFF_MS: '100',
        WEBHOOK_TIMEOUT_MS: '1000',
        RECONCILE_INTERVAL_MS: '1000',
      },
      1,
    );
  });
  afterAll(async () => {
    await stack?.stop();
    await receiver?.stop();
    await dropDatabase(db);
  });

  const batchCount = async () =>
    (await sql<{ n: number }>(db, 'SELECT count(*)::int AS n FROM batch_executions'))[0].n;

  it('a literal loopback, private, link-local or unspecified webhook_url is a 400 naming the field; nothing is written or sent', async () => {
    const before = await batchCount();
    // Only the loopback ones point at a listening receiver; the others are never contacted
    // (refused before anything is stored), and nothing here resolves a name.
    const refused = [
      `http://127.0.0.1:${port}/lit`,
      `http://127.9.9.9:${port}/lit`,
      `http://[::1]:${port}/lit`,
      `http://[::ffff:127.0.0.1]:${port}/lit`,
      `http://[::7f00:1]:${port}/lit`, // IPv4-compatible form, outside global unicast
      'http://0.0.0.0:6379/',
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.1/hook',
      'http://192.168.1.10/hook',
      'http://100.64.0.1/hook',
      'http://[fd00::1]/hook',
      'http://[fe80::1]/hook',
    ];
    for (const webhook_url of refused) {
      const res = await api(stack.base, 'POST', '/api/bulk/start', {
        symbols: ['WHPRIV'],
        interval: '1d',
        webhook_url,
      });
      expect({ webhook_url, status: res.status }).toEqual({ webhook_url, status: 400 });
      expect(res.body.error).toMatchObject({
        code: 'WEBHOOK_PRIVATE_ADDRESS',
        details: { field: 'webhook_url' },
      });
      expect((res.body.error as { message: string }).message).toMatch(/webhook_url/);
    }
    // Other spellings of 127.0.0.1 are refused too (by the URL check of the request, before
    // any domain rule); the URL parser would turn them into 127.0.0.1.
    for (const webhook_url of [`http://2130706433:${port}/n`, `http://0x7f.1:${port}/n`]) {
      const res = await api(stack.base, 'POST', '/api/bulk/start', {
        symbols: ['WHPRIV'],
        interval: '1d',
        webhook_url,
      });
      expect({ webhook_url, status: res.status }).toEqual({ webhook_url, status: 400 });
      expect(JSON.stringify(res.body.error)).toContain('webhook_url');
    }
    const scheduled = await api(stack.base, 'POST', '/api/schedules', {
      cron: '0 0 * * *',
      batch: { symbols: ['WHPRIV'], interval: '1d', webhook_url: `http://127.0.0.1:${port}/s` },
    });
    expect(scheduled.status).toBe(400);
    expect(scheduled.body.error).toMatchObject({ code: 'WEBHOOK_PRIVATE_ADDRESS' });
    expect(
      (await sql<{ n: number }>(db, 'SELECT count(*)::int AS n FROM batch_schedules'))[0].n,
    ).toBe(0);
    expect(await batchCount()).toBe(before);
    expect(receiver.received).toHaveLength(0);
  });

  it('a webhook_url with credentials (user:password@) is a 400 that does not echo them; nothing is written', async () => {
    const before = await batchCount();
    for (const webhook_url of [
      'http://user:s3cr3t-pw@hooks.example.com/x',
      'https://s3cr3t-token@hooks.example.com/x',
    ]) {
      const res = await api(stack.base, 'POST', '/api/bulk/start', {
        symbols: ['WHCRED'],
        interval: '1d',
        webhook_url,
      });
      expect({ webhook_url, status: res.status }).toEqual({ webhook_url, status: 400 });
      expect(res.body.error).toMatchObject({
        code: 'WEBHOOK_URL_CREDENTIALS',
        details: { field: 'webhook_url' },
      });
      expect(JSON.stringify(res.body)).not.toContain('s3cr3t');
    }
    const scheduled = await api(stack.base, 'POST', '/api/schedules', {
      cron: '0 0 * * *',
      batch: {
        symbols: ['WHCRED'],
        interval: '1d',
        webhook_url: 'http://u:s3cr3t-pw@hooks.example.com/',
      },
    });
    expect(scheduled.status).toBe(400);
    expect(scheduled.body.error).toMatchObject({ code: 'WEBHOOK_URL_CREDENTIALS' });
    expect(JSON.stringify(scheduled.body)).not.toContain('s3cr3t');
    expect(await batchCount()).toBe(before);
    expect(
      (await sql<{ n: number }>(db, 'SELECT count(*)::int AS n FROM batch_schedules'))[0].n,
    ).toBe(0);
  });

  it('a name that resolves to loopback (localhost) is accepted, then refused at delivery: nothing sent, the row says why, no retry', async () => {
    const url = `http://localhost:${port}/rebind`;
    const res = await api(stack.base, 'POST', '/api/bulk/start', {
      symbols: ['WHLOCAL1'],
      interval: '1d',
      mode: 'full',
      ...RANGE,
      webhook_url: url,
    });
    expect(res.status).toBe(202);
    const id = res.body.batch_db_id as number;
    expect((await waitForStatus(stack.base, id, isTerminal)).status).toBe('completed');
    const row = await waitFor('the delivery to be given up', async () => {
      const rows = await sql<DeliveryRow>(
        db,
        `SELECT id::text AS id, url, batch_status, attempts, last_status_code, last_error, delivered_at, failed_at
         FROM webhook_deliveries WHERE batch_execution_id = $1`,
        [id],
      );
      return rows.find((r) => r.failed_at !== null);
    });
    expect(row).toMatchObject({ url, attempts: 1, last_status_code: null, delivered_at: null });
    expect(row.last_error).toMatch(/localhost/);
    expect(row.last_error).toMatch(/loopback/);
    expect(row.last_error).toMatch(/WEBHOOK_ALLOW_PRIVATE/);
    // A retry (WEBHOOK_BACKOFF_MS 100) or a reconciled job would show within the window.
    await holdsFor(
      'one attempt, nothing received',
      async () => {
        const [again] = await sql<DeliveryRow>(
          db,
          'SELECT attempts FROM webhook_deliveries WHERE id = $1',
          [row.id],
        );
        return again.attempts === 1 && receiver.received.length === 0;
      },
      NO_DUPLICATE_MS,
    );
  });
});
