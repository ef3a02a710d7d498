import { Test, TestingModule } from '@nestjs/testing';
import { Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfigModule, validateEnvironment } from '@app/common';
import {
  createMigratedDatabase,
  dropDatabase,
  deleteRedisKeys,
  queuePrefix,
  TEST_REDIS_URL,
} from '../../../test/support/test-env';
import { BatchReconciler } from './batch-reconciler.service';
import { BatchModule } from './batch.module';
import { BatchService } from './batch.service';
import { FetchSymbolJobData } from './jobs/fetch-symbol.job';
import { FetchQueues } from './queue/fetch-queues';
import { SymbolFetchService } from './symbol-fetch.service';

const FROM = new Date('2024-01-01T00:00:00Z');
const TO = new Date('2024-02-01T00:00:00Z'); // 31 daily candles

describe('batches over real PostgreSQL and Redis (in-process jobs)', () => {
  let moduleRef: TestingModule;
  let service: BatchService;
  let fetcher: SymbolFetchService;
  let queue: Queue;
  let ds: DataSource;
  let url: string;
  let prefix: string;

  beforeAll(async () => {
    url = await createMigratedDatabase();
    prefix = queuePrefix();
    const config = validateEnvironment(
      {
        DATABASE_URL: url,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: prefix,
        MAX_SYMBOLS_PER_BATCH: '50',
        // The worker runs in this process and each check reads right after its write: no status
        // cache here (its bound is tested in fresh-cache.spec and api-batches.e2e-spec).
        STATUS_CACHE_MS: '0',
      },
      'worker',
    );
    moduleRef = await Test.createTestingModule({
      imports: [AppConfigModule.forRoot(config), BatchModule.forRoot('worker')],
    }).compile();
    await moduleRef.init();
    service = moduleRef.get(BatchService);
    fetcher = moduleRef.get(SymbolFetchService);
    queue = moduleRef.get(FetchQueues).queue('synthetic');
    ds = moduleRef.get(DataSource);
  });

  afterAll(async () => {
    await queue.obliterate({ force: true }).catch(() => undefined);
    await moduleRef.close();
    // The other queues under the prefix too (the alerts queue gets an event per ended batch).
    await deleteRedisKeys(TEST_REDIS_URL, prefix);
    await dropDatabase(url);
  });

  /** Runs every waiting job once, as a worker would (attempt 1, not the last). */
  async function drain(attempt = 1, lastAttempt = false): Promise<Job<FetchSymbolJobData>[]> {
    const jobs = (await queue.getWaiting(0, 10_000)) as Job<FetchSymbolJobData>[];
    for (const job of jobs) {
      await fetcher.run(job.data, { attempt, lastAttempt }).catch(() => undefined);
      await job.remove().catch(() => undefined);
    }
    return jobs;
  }

  async function rows(symbols: string[]): Promise<number> {
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM ohlcv_data WHERE symbol = ANY($1)`,
      [symbols],
    );
    return n;
  }

  it('creates the batch and its symbols, enqueues one job each, then counts every outcome once', async () => {
    const { batch, duplicatesRemoved } = await service.start({
      symbols: ['AAA', 'BBB', 'aaa', 'CCC', 'XNOTFOUND'],
      interval: '1d',
      provider: 'synthetic',
      from: FROM,
      to: TO,
      mode: 'full',
    });
    expect(duplicatesRemoved).toEqual(['AAA']);
    expect(batch.status).toBe('running');
    expect(batch.progress).toEqual({
      total: 4,
      processed: 0,
      successful: 0,
      failed: 0,
      percent: 0,
    });
    expect(await queue.getWaitingCount()).toBe(4);

    const jobs = await drain();
    expect(jobs).toHaveLength(4);
    const done = await service.get(batch.job_id);
    expect(done.status).toBe('completed_with_errors');
    expect(done.progress).toEqual({
      total: 4,
      processed: 4,
      successful: 3,
      failed: 1,
      percent: 100,
    });
    expect(done.end_time).not.toBeNull();
    expect(await rows(['AAA', 'BBB', 'CCC'])).toBe(93);

    // A duplicated delivery of every job changes nothing and counts nothing.
    for (const job of jobs) await fetcher.run(job.data, { attempt: 2, lastAttempt: false });
    expect((await service.get(String(batch.batch_db_id))).progress.processed).toBe(4);

    const details = await service.details(String(batch.batch_db_id), {
      status: ['failed'],
      page: 1,
      pageSize: 10,
    });
    expect(details.items).toEqual([
      expect.objectContaining({ symbol: 'XNOTFOUND', status: 'failed', attempts: 1 }),
    ]);
    expect(details.items[0].error_message).toContain('No data found, symbol may be delisted');
    const all = await service.details(String(batch.batch_db_id), { page: 1, pageSize: 10 });
    expect(all.items.reduce((s, d) => s + d.records_inserted, 0)).toBe(93);
  });

  it('the same symbols again: a second batch, candles stored once (0 new records)', async () => {
    const { batch } = await service.start({
      symbols: ['AAA', 'BBB'],
      interval: '1d',
      provider: 'synthetic',
      from: FROM,
      to: TO,
      mode: 'full',
    });
    await drain();
    const details = await service.details(String(batch.batch_db_id), { page: 1, pageSize: 10 });
    expect(details.items.map((d) => d.records_inserted)).toEqual([0, 0]);
    expect((await service.get(batch.job_id)).status).toBe('completed');
    expect(await rows(['AAA', 'BBB'])).toBe(62);
  });

  it('a transient failure is re-thrown until the last attempt, then recorded once', async () => {
    const { batch } = await service.start({
      symbols: ['FLAKY9'],
      interval: '1d',
      provider: 'synthetic',
      from: FROM,
      to: TO,
    });
    const [job] = (await queue.getWaiting()) as Job<FetchSymbolJobData>[];
    await expect(fetcher.run(job.data, { attempt: 1, lastAttempt: false })).rejects.toThrow(
      /synthetic 503/,
    );
    expect((await service.get(batch.job_id)).progress.processed).toBe(0);
    await expect(fetcher.run(job.data, { attempt: 2, lastAttempt: true })).rejects.toThrow(
      /synthetic 503/,
    );
    const after = await service.get(batch.job_id);
    expect(after.progress).toMatchObject({ processed: 1, failed: 1 });
    expect(after.status).toBe('completed_with_errors');
    await job.remove();

    const retried = await service.retryFailed(batch.job_id);
    expect(retried.retried).toBe(1);
    expect(retried.status).toBe('running');
    expect(retried.progress).toMatchObject({ processed: 0, failed: 0 });
    const [again] = (await queue.getWaiting()) as Job<FetchSymbolJobData>[];
    expect(again.id).toBe(`b${batch.batch_db_id}.${batch.job_id.slice(4)}-1d-r1-FLAKY9`);
    await fetcher.run(again.data, { attempt: 10, lastAttempt: false });
    await again.remove();
    expect((await service.get(batch.job_id)).status).toBe('completed');
  });

  it('stop cancels open symbols and blocks any later write of the batch', async () => {
    const { batch } = await service.start({
      symbols: ['S1', 'S2', 'S3'],
      interval: '1d',
      provider: 'synthetic',
      from: FROM,
      to: TO,
    });
    const jobs = (await queue.getWaiting()) as Job<FetchSymbolJobData>[];
    await fetcher.run(jobs[0].data, { attempt: 1, lastAttempt: false });
    await jobs[0].remove(); // as a worker completes it
    const stopped = await service.stop(batch.job_id);
    expect(stopped.status).toBe('stopped');
    expect(stopped.progress).toMatchObject({ processed: 1, successful: 1 });
    expect(await queue.getWaitingCount()).toBe(0);
    for (const job of jobs.slice(1)) {
      expect(await fetcher.run(job.data, { attempt: 1, lastAttempt: false })).toMatchObject({
        kind: 'skipped',
      });
    }
    expect(await rows(['S2', 'S3'])).toBe(0);
    const cancelled = await service.details(batch.job_id, {
      status: ['cancelled'],
      page: 1,
      pageSize: 10,
    });
    expect(cancelled.total).toBe(2);
    await expect(service.stop(batch.job_id)).rejects.toThrow(/is stopped; cannot stop it/);
    await expect(service.resume(batch.job_id)).rejects.toThrow(/cannot resume/);
  });

  it('pause takes the jobs out of Redis; resume puts them back; the reconciler refills a flushed Redis', async () => {
    const { batch } = await service.start({
      symbols: ['P1', 'P2', 'P3'],
      interval: '1d',
      provider: 'synthetic',
      from: FROM,
      to: TO,
    });
    const paused = await service.pause(batch.job_id);
    expect(paused.status).toBe('paused');
    expect(await queue.getWaitingCount()).toBe(0);
    expect(
      await service.details(batch.job_id, { status: ['pending'], page: 1, pageSize: 10 }),
    ).toMatchObject({
      total: 3,
    });
    const resumed = await service.resume(batch.job_id);
    expect(resumed.status).toBe('running');
    expect(await queue.getWaitingCount()).toBe(3);

    // Redis loses everything of this prefix.
    const redis = new Redis(TEST_REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    expect(await queue.getWaitingCount()).toBe(0);

    const added = await moduleRef.get(BatchReconciler).reconcile();
    expect(added).toBe(3);
    expect(await queue.getWaitingCount()).toBe(3);
    expect(await moduleRef.get(BatchReconciler).reconcile()).toBe(0);
    await drain();
    expect((await service.get(batch.job_id)).status).toBe('completed');
  });

  it('leaves a symbol whose job completed before its outcome committed (write-behind) to its worker for JOB_LOCK_MS, then enqueues it again', async () => {
    const { batch } = await service.start({
      symbols: ['WB1', 'WB2'],
      interval: '1d',
      provider: 'synthetic',
      from: FROM,
      to: TO,
    });
    // A worker took WB1's job and completed it with the outcome still to write, then died.
    const connection = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    const worker = new Worker(queue.name, undefined, {
      connection,
      prefix: queue.opts.prefix,
      autorun: false,
    });
    try {
      const job = (await worker.getNextJob('write-behind')) as Job<FetchSymbolJobData>;
      expect(job.data.symbol).toBe('WB1');
      await job.moveToCompleted({ kind: 'handed' }, 'write-behind', false);
      const reconciler = moduleRef.get(BatchReconciler);
      // Its symbol is still queued, its job completed a moment ago: the worker may be writing.
      expect(await reconciler.reconcile()).toBe(0);
      expect(await queue.getJobState(job.id!)).toBe('completed');
      // JOB_LOCK_MS (30 s here) later nobody wrote it: the job is replaced.
      await connection.hset(queue.toKey(job.id!), 'finishedOn', String(Date.now() - 31_000));
      expect(await reconciler.reconcile()).toBe(1);
      expect(await queue.getJobState(job.id!)).toBe('waiting');
    } finally {
      await worker.close();
      await connection.quit();
    }
    await drain();
    const done = await service.get(batch.job_id);
    expect(done.status).toBe('completed');
    expect(done.progress).toMatchObject({ processed: 2, successful: 2 });
    expect(await rows(['WB1', 'WB2'])).toBe(62);
  });

  it('a stop that races the reconciler leaves no job behind once it returned (issue 13 defect 7)', async () => {
    const { batch } = await service.start({
      symbols: ['RS1', 'RS2', 'RS3'],
      interval: '1d',
      provider: 'synthetic',
      from: FROM,
      to: TO,
    });
    const queues = moduleRef.get(FetchQueues);
    const template = service.template(await service.find(batch.job_id));
    // Redis lost the batch's jobs: the reconciler will re-enqueue them.
    const details = await service.details(batch.job_id, { page: 1, pageSize: 10 });
    const keys = details.items.map((d) => ({
      id: String(d.id),
      stockCode: d.symbol,
      retryRound: d.retry_round,
    }));
    await queues.remove(template, keys);
    expect(await queue.getWaitingCount()).toBe(0);

    // The stop runs after the reconciler has read the batch as running, before it enqueues.
    const lockWaits = async (): Promise<number> =>
      (
        await ds.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        )
      )[0].n;
    let stopping: Promise<unknown> | undefined;
    const original = queues.ensureEnqueued.bind(queues);
    const spy = jest.spyOn(queues, 'ensureEnqueued').mockImplementation(async (t, d, grace) => {
      if (t.batchId === batch.batch_db_id && !stopping) {
        stopping = service.stop(batch.job_id);
        let settled = false;
        void stopping.finally(() => (settled = true));
        // Either the stop completes (nothing serialises it with the reconciler) or it waits for
        // the reconciler's lock on the batch.
        const deadline = Date.now() + 10_000;
        while (!settled && (await lockWaits()) === 0 && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 20));
        }
      }
      return original(t, d, grace);
    });
    try {
      await moduleRef.get(BatchReconciler).reconcile();
      expect(stopping).toBeDefined();
      await stopping;
    } finally {
      spy.mockRestore();
    }
    expect((await service.get(batch.job_id)).status).toBe('stopped');
    const waiting = (await queue.getJobs(['waiting', 'delayed', 'prioritized'])).filter(
      (j) => (j.data as FetchSymbolJobData).batchId === batch.batch_db_id,
    );
    expect(waiting.map((j) => j.id)).toEqual([]);
  });

  it('rejects bad requests before writing anything', async () => {
    const [{ before }] = await ds.query(`SELECT count(*)::int AS before FROM batch_executions`);
    const bad = (request: Partial<Parameters<BatchService['start']>[0]>) =>
      service.start({ interval: '1d', provider: 'synthetic', ...request });
    await expect(bad({ symbols: [] })).rejects.toThrow('symbols must not be empty');
    await expect(bad({ symbols: Array.from({ length: 51 }, (_, i) => `S${i}`) })).rejects.toThrow(
      'too many symbols: 51 > MAX_SYMBOLS_PER_BATCH (50)',
    );
    // The grammar is checked on the symbol as sent, then the provider's own rule on the stored form.
    await expect(bad({ symbols: ['OK', 'bad symbol!'] })).rejects.toThrow(
      /invalid: "bad symbol!" \(symbol contains white space\)/,
    );
    await expect(bad({ symbols: ['OK', 'm&m'] })).rejects.toThrow(
      /invalid for provider synthetic: "M&M"/,
    );
    await expect(bad({ symbols: ['A'], from: TO, to: FROM })).rejects.toThrow(
      'from must be before to',
    );
    await expect(bad({ symbols: ['A'], provider: 'bloomberg' })).rejects.toThrow(
      /provider "bloomberg" is not available/,
    );
    await expect(bad({ symbols: ['A'], dataType: 'funding_rate' })).rejects.toThrow(
      /does not serve data_type/,
    );
    await expect(bad({ universe: 'all' })).rejects.toThrow(/universe "all" is empty/);
    const [{ after }] = await ds.query(`SELECT count(*)::int AS after FROM batch_executions`);
    expect(after).toBe(before);
  });

  it('incremental mode starts from the newest stored candle and stores only new rows', async () => {
    const first = await service.start({
      symbols: ['INC'],
      interval: '1d',
      provider: 'synthetic',
      from: FROM,
      to: TO,
    });
    await drain();
    expect(
      (await service.details(first.batch.job_id, { page: 1, pageSize: 1 })).items[0]
        .records_inserted,
    ).toBe(31);
    const later = new Date('2024-02-11T00:00:00Z');
    const second = await service.start({
      symbols: ['INC'],
      interval: '1d',
      provider: 'synthetic',
      to: later,
    });
    await drain();
    // From 2024-01-31 (re-fetched, unchanged) to 2024-02-10: 10 new candles.
    expect(
      (await service.details(second.batch.job_id, { page: 1, pageSize: 1 })).items[0]
        .records_inserted,
    ).toBe(10);
    expect(await rows(['INC'])).toBe(41);
  });
});
