import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { api, holdsFor, sql, Stack, startStack, waitFor } from '../support/stack';
import { createMigratedDatabase, dropDatabase, queuePrefix } from '../support/test-env';

const BATCH = {
  symbols: ['SCHA', 'SCHB'],
  interval: '1d',
  from: '2024-01-01T00:00:00Z',
  to: '2024-01-11T00:00:00Z',
};
const EVERY_2S = '*/2 * * * * *';

interface TickRow {
  id: number;
  scheduled_for: Date;
  created_at: Date;
  batch_type: string;
  status: string;
}

describe('schedules (two API processes, two workers, private Redis)', () => {
  let db: string;
  let stack: Stack;
  let base2: string;
  let prefix: string;

  const ticksOf = (scheduleId: number): Promise<TickRow[]> =>
    sql<TickRow>(
      db,
      `SELECT id, scheduled_for, created_at, batch_type, status FROM batch_executions
       WHERE schedule_id = $1 ORDER BY scheduled_for`,
      [scheduleId],
    );

  beforeAll(async () => {
    db = await createMigratedDatabase();
    prefix = queuePrefix();
    stack = await startStack(
      {
        DATABASE_URL: db,
        QUEUE_PREFIX: prefix,
        RECONCILE_INTERVAL_MS: '1000',
        // Lets this test fire every 2 s (the default minimum period is 60 s); 1 s stays refused.
        SCHEDULE_MIN_INTERVAL_S: '2',
      },
      { workers: 2, redis: 'private' },
    );
    base2 = (await stack.startApi()).base;
  });
  afterAll(async () => {
    await stack?.stop();
    await dropDatabase(db);
  });

  it('refuses bad schedules with a 400 naming the field, and stores nothing', async () => {
    const cases: [unknown, string, string][] = [
      [{ cron: '* * *', batch: BATCH }, 'INVALID_CRON', 'cron'],
      [{ cron: '61 * * * *', batch: BATCH }, 'INVALID_CRON', 'cron'],
      [{ cron: '0 0 31 2 *', batch: BATCH }, 'INVALID_CRON', 'cron'],
      [
        { cron: '0 9 * * *', timezone: 'Mars/Olympus', batch: BATCH },
        'INVALID_TIMEZONE',
        'timezone',
      ],
      [{ cron: '0 9 * * *' }, 'VALIDATION_FAILED', 'batch is required'],
      [
        { cron: '0 9 * * *', batch: { ...BATCH, interval: '7x' } },
        'VALIDATION_FAILED',
        'batch.interval',
      ],
      [{ cron: '0 9 * * *', batch: { ...BATCH, provider: 'nope' } }, 'UNKNOWN_PROVIDER', 'nope'],
      [
        { cron: '0 9 * * *', batch: { ...BATCH, symbols: ['bad symbol!'] } },
        'INVALID_SYMBOL',
        'bad symbol!',
      ],
      [{ cron: '0 9 * * *', batch: BATCH, extra: 1 }, 'VALIDATION_FAILED', 'extra'],
      // Shorter than SCHEDULE_MIN_INTERVAL_S (2 s here): every second, or two ticks 1 s apart.
      [
        { cron: '* * * * * *', batch: BATCH },
        'SCHEDULE_TOO_FREQUENT',
        'at most once every 2 s (SCHEDULE_MIN_INTERVAL_S)',
      ],
      [
        { cron: '0,1 * * * * *', timezone: 'Asia/Tokyo', batch: BATCH },
        'SCHEDULE_TOO_FREQUENT',
        'at most once every 2 s',
      ],
    ];
    for (const [body, code, needle] of cases) {
      const res = await api(stack.base, 'POST', '/api/schedules', body);
      const error = res.body.error as { code: string; message: string };
      expect({ status: res.status, code: error?.code }).toEqual({ status: 400, code });
      expect(error.message).toContain(needle);
    }
    const [{ n }] = await sql<{ n: number }>(db, 'SELECT count(*)::int AS n FROM batch_schedules');
    expect(n).toBe(0);
    expect((await api(stack.base, 'DELETE', '/api/schedules/999')).status).toBe(404);
    expect((await api(stack.base, 'GET', '/api/schedules/abc')).status).toBe(400);
  });

  it('starts exactly one batch per tick, survives a Redis flush, stops when deleted', async () => {
    const created = await api(stack.base, 'POST', '/api/schedules', {
      name: 'every two seconds',
      cron: EVERY_2S,
      timezone: 'Asia/Tokyo',
      batch: BATCH,
    });
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    expect(created.body).toMatchObject({
      success: true,
      cron: EVERY_2S,
      timezone: 'Asia/Tokyo',
      batch: BATCH,
      last_run_at: null,
    });
    expect(Date.parse(created.body.next_run_at as string)).toBeGreaterThan(Date.now() - 2000);

    // The other API process sees it too (PostgreSQL is the source of truth).
    const listed = await api(base2, 'GET', '/api/schedules');
    expect((listed.body.items as { id: number }[]).map((s) => s.id)).toEqual([id]);

    const before = await waitFor(
      'two ticks of the schedule',
      async () => {
        const rows = await ticksOf(id);
        return rows.length >= 2 ? rows : undefined;
      },
      { timeoutMs: 15_000, intervalMs: 250 },
    );
    expect(before.length).toBeGreaterThanOrEqual(2);
    const ticks = before.map((b) => new Date(b.scheduled_for).getTime());
    expect(new Set(ticks).size).toBe(ticks.length); // never two batches for one tick
    for (const t of ticks) expect(t % 2000).toBe(0); // each one is a tick of the cron expression
    expect(before.every((b) => b.batch_type === 'scheduled')).toBe(true);

    // A tick delivered twice (a worker died after starting its batch) starts nothing new.
    const queue = new Queue('schedules', { connection: { url: stack.redis!.url }, prefix });
    await queue.add(
      'run-schedule',
      { scheduleId: id },
      { prevMillis: ticks[0], jobId: 'dup-tick' },
    );
    await waitFor('the duplicate tick handled', async () =>
      (await queue.getJobState('dup-tick')) === 'completed' ? true : undefined,
    );
    const afterDuplicate = await ticksOf(id);
    expect(
      afterDuplicate.filter((b) => new Date(b.scheduled_for).getTime() === ticks[0]),
    ).toHaveLength(1);
    const dupState = await queue.getJobState('dup-tick');
    expect(dupState).toBe('completed');
    await queue.close();

    // Redis loses everything: the reconciler restores the job scheduler from PostgreSQL.
    const flush = new Redis(stack.redis!.url);
    await flush.flushall();
    flush.disconnect();
    const flushedAt = Date.now();
    const afterFlush = await waitFor(
      'a tick after the flush',
      async () => {
        const rows = (await ticksOf(id)).filter(
          (b) => new Date(b.scheduled_for).getTime() > flushedAt,
        );
        return rows.length >= 1 ? rows : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 250 },
    );
    expect(afterFlush.length).toBeGreaterThanOrEqual(1);

    // Every batch it started completes (2 symbols each).
    const shown = await api(stack.base, 'GET', `/api/schedules/${id}`);
    expect(shown.body.last_batch_id).toEqual(expect.any(Number));
    expect(shown.body.last_error).toBeNull();

    // Deleted through the other API process: no batch starts for a later tick.
    expect((await api(base2, 'DELETE', `/api/schedules/${id}`)).status).toBe(204);
    const deletedAt = Date.now();
    // A claim that nothing happens needs a window: two and a half periods of the cron.
    await holdsFor(
      'no batch started after the delete',
      async () =>
        (await ticksOf(id)).every((b) => new Date(b.created_at).getTime() <= deletedAt + 500),
      5_000,
    );
    expect((await api(stack.base, 'GET', '/api/schedules')).body.items).toEqual([]);
    expect((await api(stack.base, 'GET', `/api/schedules/${id}`)).status).toBe(404);
    // Its batches stay listed under it.
    const history = await api(stack.base, 'GET', `/api/batches?schedule_id=${id}&page_size=500`);
    expect(history.body.total).toBe((await ticksOf(id)).length);
    const statuses = await sql<{ status: string }>(
      db,
      `SELECT DISTINCT status FROM batch_executions WHERE schedule_id = $1 AND created_at < now() - interval '3 seconds'`,
      [id],
    );
    expect(statuses.map((s) => s.status)).toEqual(['completed']);
  }, 60_000);
});
