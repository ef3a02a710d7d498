import { queuePrefix, runCli } from '../support/test-env';
import { api, isTerminal, Stack, startRedis, startStack, waitForStatus } from '../support/stack';
import { PgServer, query, startPrimaryWithReplica } from '../support/pg-replica';

const DATABASE = 'market_ingest';
const RANGE = { from: '2024-01-01T00:00:00Z', to: '2024-01-11T00:00:00Z' };

/**
 * Issue 12 item 5: with DATABASE_READ_URL the candle, funding, open-interest, CSV and coverage
 * reads go to a real streaming replica while batches write to (and their status is read from)
 * the primary. Proof: with WAL replay paused on the replica, a batch's new candles are in the
 * status route (primary) but not in the candle, CSV and coverage routes; resuming replay makes
 * them appear. Readiness checks both servers.
 */
describe('read replica (DATABASE_READ_URL)', () => {
  let primary: PgServer;
  let replica: PgServer;
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let stack: Stack;

  beforeAll(async () => {
    ({ primary, replica } = await startPrimaryWithReplica());
    const migrated = await runCli(['migrate', 'up'], {
      DATABASE_URL: primary.url(DATABASE),
      TIMESCALEDB: 'off',
    });
    expect(migrated).toMatchObject({ code: 0 });
    redis = await startRedis();
    stack = await startStack(
      {
        DATABASE_URL: primary.url(DATABASE),
        DATABASE_READ_URL: replica.url(DATABASE),
        REDIS_URL: redis.url,
        QUEUE_PREFIX: queuePrefix(),
        TIMESCALEDB: 'off',
      },
      1,
    );
  }, 180_000);

  afterAll(async () => {
    if (replica)
      await query(replica.url('postgres'), 'SELECT pg_wal_replay_resume()').catch(() => 0);
    await stack?.stop();
    await redis?.stop();
    await replica?.stop();
    await primary?.stop();
  });

  const candles = async (symbol: string): Promise<number> => {
    const res = await api(stack.base, 'GET', `/api/ohlcv/${symbol}?interval=1d&limit=1000`);
    expect(res.status).toBe(200);
    return (res.body.items as unknown[]).length;
  };
  const csvLines = async (symbol: string): Promise<number> => {
    const res = await fetch(`${stack.base}/api/ohlcv/${symbol}?interval=1d&format=csv`, {
      headers: { 'x-api-key': stack.env.API_KEYS },
    });
    expect(res.status).toBe(200);
    return (await res.text()).trim().split('\n').length - 1; // minus the header
  };
  const waitUntil = async (what: string, check: () => Promise<boolean>, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  it('readiness checks the primary and the replica', async () => {
    const res = await fetch(`${stack.base}/health/ready`);
    expect(res.status).toBe(200);
    expect(JSON.stringify(await res.json())).toContain('database_read');
    // The replica really is one (in recovery), fed from the primary.
    const [{ recovering }] = await query<{ recovering: boolean }>(
      replica.url('postgres'),
      'SELECT pg_is_in_recovery() AS recovering',
    );
    expect(recovering).toBe(true);
  });

  it('candle, CSV and coverage reads come from the replica; batch state from the primary', async () => {
    const first = await api(stack.base, 'POST', '/api/bulk/start', {
      symbols: ['REPA'],
      interval: '1d',
      mode: 'full',
      ...RANGE,
    });
    expect(first.status).toBe(202);
    await waitForStatus(stack.base, first.body.batch_db_id as number, isTerminal);
    await waitUntil('REPA reached the replica', async () => (await candles('REPA')) === 10);

    await query(replica.url('postgres'), 'SELECT pg_wal_replay_pause()');
    await waitUntil('replay paused', async () => {
      const [{ state }] = await query<{ state: string }>(
        replica.url('postgres'),
        'SELECT pg_get_wal_replay_pause_state() AS state',
      );
      return state === 'paused';
    });

    // A batch writes to the primary while the replica stands still.
    const second = await api(stack.base, 'POST', '/api/bulk/start', {
      symbols: ['REPB'],
      interval: '1d',
      mode: 'full',
      ...RANGE,
    });
    expect(second.status).toBe(202);
    const done = await waitForStatus(stack.base, second.body.batch_db_id as number, isTerminal);
    expect(done).toMatchObject({ status: 'completed', progress: { successful: 1 } });
    const details = await api(
      stack.base,
      'GET',
      `/api/batches/${second.body.batch_db_id as number}/details`,
    );
    expect((details.body.items as { records_inserted: number }[])[0].records_inserted).toBe(10);
    const [{ stored }] = await query<{ stored: number }>(
      primary.url(DATABASE),
      `SELECT count(*)::int AS stored FROM ohlcv_data WHERE symbol = 'REPB'`,
    );
    expect(stored).toBe(10);

    // The read routes do not see it: they read the paused replica.
    expect(await candles('REPB')).toBe(0);
    expect(await csvLines('REPB')).toBe(0);
    const coverage = await api(stack.base, 'GET', '/api/symbols/REPB/coverage');
    expect(JSON.stringify(coverage.body)).not.toContain('"candles":10');
    expect(await candles('REPA')).toBe(10);

    await query(replica.url('postgres'), 'SELECT pg_wal_replay_resume()');
    await waitUntil('REPB reached the replica', async () => (await candles('REPB')) === 10);
    expect(await csvLines('REPB')).toBe(10);
  });

  it('readiness fails when the replica is down', async () => {
    await replica.stop();
    await waitUntil('ready turned 503', async () => {
      const res = await fetch(`${stack.base}/health/ready`);
      return res.status === 503;
    });
  });
});
