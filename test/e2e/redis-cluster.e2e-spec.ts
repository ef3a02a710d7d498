import { Cluster } from 'ioredis';
import { createMigratedDatabase, dropDatabase, queuePrefix } from '../support/test-env';
import { api, isTerminal, sql, Stack, startStack, waitForStatus } from '../support/stack';
import { RedisCluster, startRedisCluster } from '../support/redis-cluster';

const SYMBOLS = Array.from({ length: 300 }, (_, i) => `CL${String(i).padStart(3, '0')}`);
/** Ten daily candles per symbol: 3,000 rows per batch. */
const RANGE = { from: '2024-01-01T00:00:00Z', to: '2024-01-11T00:00:00Z' };

/**
 * Issue 12 item 4: with REDIS_CLUSTER_NODES the API and two workers run every queue, lock,
 * rate limit and the throttler on a real 3-master Redis Cluster (REDIS_URL points at nothing),
 * complete a 300-symbol batch with exact counts, and finish a batch whose jobs were lost to a
 * FLUSHALL on every node (the reconciler re-enqueues them).
 */
describe('Redis Cluster (REDIS_CLUSTER_NODES)', () => {
  let cluster: RedisCluster;
  let databaseUrl: string;
  let stack: Stack;
  const prefix = queuePrefix();

  beforeAll(async () => {
    cluster = await startRedisCluster(3);
    databaseUrl = await createMigratedDatabase();
    stack = await startStack(
      {
        DATABASE_URL: databaseUrl,
        // Nothing listens here: every connection must go to the cluster.
        REDIS_URL: 'redis://127.0.0.1:1',
        REDIS_CLUSTER_NODES: cluster.nodes,
        QUEUE_PREFIX: prefix,
        RECONCILE_INTERVAL_MS: '1000',
        WORKER_CONCURRENCY: '4',
        SYNTHETIC_LATENCY_MS: '100',
        API_RATE_LIMIT: '100000',
      },
      2,
    );
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    await cluster?.stop();
    if (databaseUrl) await dropDatabase(databaseUrl);
  });

  async function counts(batchId: number) {
    const [row] = await sql<{ details: number; terminal: number; inserted: number; rows: number }>(
      databaseUrl,
      `SELECT count(*)::int AS details,
              count(*) FILTER (WHERE status = 'succeeded')::int AS terminal,
              coalesce(sum(records_inserted), 0)::int AS inserted,
              (SELECT count(*)::int FROM ohlcv_data WHERE symbol = ANY($2::text[])) AS rows
       FROM batch_execution_details WHERE batch_execution_id = $1`,
      [batchId, SYMBOLS],
    );
    return row;
  }

  /** Every key of the cluster under this test's prefix (SCAN on each master). */
  async function clusterKeys(): Promise<{
    keys: string[];
    slots: (key: string) => Promise<number>;
  }> {
    const client = new Cluster(
      cluster.ports.map((port) => ({ host: '127.0.0.1', port })),
      { lazyConnect: true },
    );
    await client.connect();
    try {
      const keys: string[] = [];
      for (const node of client.nodes('master')) keys.push(...(await node.keys(`*${prefix}*`)));
      const slots = new Map<string, number>();
      for (const key of keys) slots.set(key, (await client.cluster('KEYSLOT', key)) as number);
      return { keys, slots: async (key) => slots.get(key) ?? -1 };
    } finally {
      client.disconnect();
    }
  }

  it('is ready on the cluster; the rate limiter counts there', async () => {
    expect((await fetch(`${stack.base}/health/ready`)).status).toBe(200);
    for (const url of stack.workerUrls) {
      expect((await fetch(`${url}/health/ready`)).status).toBe(200);
    }
    expect((await api(stack.base, 'GET', '/api/batches')).status).toBe(200);
    const { keys } = await clusterKeys();
    expect(keys).toEqual(expect.arrayContaining([expect.stringMatching(`^throttle:${prefix}:`)]));
  });

  it('completes a 300-symbol batch with exact counts', async () => {
    const start = await api(stack.base, 'POST', '/api/bulk/start', {
      symbols: SYMBOLS,
      interval: '1d',
      mode: 'full',
      ...RANGE,
    });
    expect(start.status).toBe(202);
    const id = start.body.batch_db_id as number;
    const done = await waitForStatus(stack.base, id, isTerminal, 180_000);
    expect(done.status).toBe('completed');
    expect(done.progress).toMatchObject({
      total: 300,
      processed: 300,
      successful: 300,
      failed: 0,
    });
    expect(await counts(id)).toEqual({ details: 300, terminal: 300, inserted: 3000, rows: 3000 });

    // The queues' keys share the one slot of the {prefix} hash tag, and so does the reconciler's
    // lock (its key lives for less than RECONCILE_INTERVAL_MS: its slot is asked by name).
    const { keys, slots } = await clusterKeys();
    const queueKeys = keys.filter((k) => k.startsWith(`{${prefix}}:`));
    expect(queueKeys.some((k) => k.startsWith(`{${prefix}}:fetch-synthetic:`))).toBe(true);
    const queueSlots = new Set(await Promise.all(queueKeys.map(slots)));
    expect(queueSlots.size).toBe(1);
    const [lockSlot] = await cluster.onEveryNode(
      'CLUSTER',
      'KEYSLOT',
      `{${prefix}}:reconciler-lock`,
    );
    expect(queueSlots).toEqual(new Set([lockSlot]));
  });

  it('finishes a batch whose jobs a FLUSHALL on every node removed (reconciler)', async () => {
    await sql(databaseUrl, `DELETE FROM ohlcv_data WHERE symbol = ANY($1::text[])`, [SYMBOLS]);
    const start = await api(stack.base, 'POST', '/api/bulk/start', {
      symbols: SYMBOLS,
      interval: '1d',
      mode: 'full',
      ...RANGE,
    });
    expect(start.status).toBe(202);
    const id = start.body.batch_db_id as number;
    const midway = await waitForStatus(stack.base, id, (s) => s.progress.processed > 0, 60_000);
    expect(midway.progress.processed).toBeLessThan(300);
    await cluster.onEveryNode('FLUSHALL');

    const done = await waitForStatus(stack.base, id, isTerminal, 180_000);
    expect(done.status).toBe('completed');
    expect(done.progress).toMatchObject({ total: 300, processed: 300, successful: 300 });
    expect(await counts(id)).toEqual({ details: 300, terminal: 300, inserted: 3000, rows: 3000 });
    const logs = stack.workers.map((w) => w.output()).join('\n');
    expect(logs).toMatch(/re-enqueued \d+ symbol\(s\) that had no job in Redis/);
  });
});
