import { Test, TestingModule } from '@nestjs/testing';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AlertSignalsRepository } from '@app/persistence';
import { AppConfigModule, validateEnvironment } from '@app/common';
import {
  createMigratedDatabase,
  deleteRedisKeys,
  dropDatabase,
  queuePrefix,
  TEST_REDIS_URL,
} from '../../../../test/support/test-env';
import { BatchModule } from '../batch.module';
import { BatchService } from '../batch.service';
import { FetchSymbolJobData } from '../jobs/fetch-symbol.job';
import { FetchQueues } from '../queue/fetch-queues';
import { SymbolFetchService } from '../symbol-fetch.service';
import { AlertEvaluator } from './alert-evaluator.service';
import { AlertNotificationQueue } from './alert-notification-queue';
import { AlertQueue } from './alert-queue';
import { AlertRuleService } from './alert-rule.service';
import { AlertService } from './alert.service';
import { AnomalyService } from './anomaly.service';

const FROM = new Date('2024-01-01T00:00:00Z');
const TO = new Date('2024-01-10T00:00:00Z');
const HOOK = 'https://hooks.example.com/alerts';

/**
 * The evaluator over real PostgreSQL and Redis, jobs run in-process (no worker): each kind opens
 * and resolves alerts from the data, once, with one outbox row per channel and transition.
 */
describe('alert evaluation (real PostgreSQL and Redis, in-process)', () => {
  let moduleRef: TestingModule;
  let url: string;
  let ds: DataSource;
  let batches: BatchService;
  let fetcher: SymbolFetchService;
  let evaluator: AlertEvaluator;
  let rules: AlertRuleService;
  let alerts: AlertService;
  let queues: Queue[];
  const prefix = queuePrefix();

  beforeAll(async () => {
    url = await createMigratedDatabase();
    const config = validateEnvironment(
      { DATABASE_URL: url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix },
      'worker',
    );
    moduleRef = await Test.createTestingModule({
      imports: [AppConfigModule.forRoot(config), BatchModule.forRoot('worker')],
    }).compile();
    await moduleRef.init();
    ds = moduleRef.get(DataSource);
    batches = moduleRef.get(BatchService);
    fetcher = moduleRef.get(SymbolFetchService);
    evaluator = moduleRef.get(AlertEvaluator);
    rules = moduleRef.get(AlertRuleService);
    alerts = moduleRef.get(AlertService);
    queues = [
      moduleRef.get(FetchQueues).queue('synthetic'),
      moduleRef.get(AlertQueue).queue,
      moduleRef.get(AlertNotificationQueue).queue,
    ];
  });

  afterAll(async () => {
    for (const q of queues ?? []) await q.obliterate({ force: true }).catch(() => undefined);
    await moduleRef?.close();
    await deleteRedisKeys(TEST_REDIS_URL, prefix);
    await dropDatabase(url);
  });

  /** Starts a batch and runs each job once, at `attempt`, as the last attempt (failures count). */
  async function runBatch(symbols: string[], attempt = 1): Promise<number> {
    const { batch } = await batches.start({
      symbols,
      interval: '1d',
      provider: 'synthetic',
      from: FROM,
      to: TO,
      mode: 'full',
    });
    const queue = queues[0];
    for (const job of await queue.getWaiting(0, 10_000)) {
      const data = job.data as FetchSymbolJobData;
      if (data.batchId !== batch.batch_db_id) continue;
      await fetcher.run(data, { attempt, lastAttempt: true }).catch(() => undefined);
      await job.remove().catch(() => undefined);
    }
    expect((await batches.get(String(batch.batch_db_id))).status).toMatch(/^completed/);
    return batch.batch_db_id;
  }

  async function notifications(ruleId: number) {
    return ds.query(
      `SELECT n.event, n.channel_type AS "channelType", a.subject FROM alert_notifications n
       JOIN alerts a ON a.id = n.alert_id WHERE a.rule_id = $1 ORDER BY n.id`,
      [ruleId],
    ) as Promise<{ event: string; channelType: string; subject: string }[]>;
  }

  // Each test deletes its rule at the end, so that later sweeps judge only their own rule.
  it('repeated_failures fires on the third consecutive failing batch of a symbol and resolves when it succeeds', async () => {
    const rule = await rules.create({
      name: 'flaky symbol',
      kind: 'repeated_failures',
      params: { count: 3 },
      channels: [{ type: 'webhook', url: HOOK }],
    });
    // FLAKY9 fails with a retryable error on its first 9 attempts: recorded failed at attempt 1.
    for (let i = 1; i <= 2; i += 1) {
      const id = await runBatch(['FLAKY9', 'STEADY']);
      expect(await evaluator.batchEnded(id)).toMatchObject({ opened: 0, resolved: 0 });
    }
    const third = await runBatch(['FLAKY9', 'STEADY']);
    expect(await evaluator.batchEnded(third)).toMatchObject({ opened: 1, resolved: 0 });
    const open = await alerts.list({ ruleId: rule.id, page: 1, pageSize: 10 });
    expect(open.items).toEqual([
      expect.objectContaining({
        kind: 'repeated_failures',
        subject: 'synthetic:FLAKY9',
        state: 'firing',
        details: expect.objectContaining({
          source: 'synthetic',
          symbol: 'FLAKY9',
          batch_id: third,
        }),
      }),
    ]);
    expect(open.items[0].message).toContain('failed in 3 consecutive batches');
    // The same ending evaluated again (an event and a sweep): nothing new.
    expect(await evaluator.batchEnded(third)).toMatchObject({ opened: 0 });
    expect(await evaluator.sweep()).toMatchObject({ opened: 0, resolved: 0 });

    // A fourth batch where FLAKY9 gets through (attempt 10): resolved.
    const fourth = await runBatch(['FLAKY9', 'STEADY'], 10);
    expect(await evaluator.batchEnded(fourth)).toMatchObject({ opened: 0, resolved: 1 });
    const after = await alerts.get(String(open.items[0].id));
    expect(after.state).toBe('resolved');
    expect(after.details.resolution).toBe(`FLAKY9 succeeded in batch ${fourth}`);
    expect((await notifications(rule.id)).map((n) => n.event)).toEqual(['firing', 'resolved']);
    await rules.delete(String(rule.id));
  });

  it('batch_failed: once per failing batch, per channel; not for a batch under the ratio', async () => {
    const rule = await rules.create({
      name: 'half failed',
      kind: 'batch_failed',
      params: { min_failed_ratio: 0.5 },
      channels: [
        { type: 'webhook', url: HOOK },
        { type: 'slack', url: 'https://hooks.slack.com/services/T/B/x' },
      ],
    });
    const bad = await runBatch(['ANOTFOUND', 'BNOTFOUND', 'OK1']);
    const fine = await runBatch(['CNOTFOUND', 'OK2', 'OK3']);
    await evaluator.batchEnded(bad);
    await evaluator.batchEnded(bad);
    await evaluator.batchEnded(fine);
    await evaluator.sweep();
    const list = await alerts.list({ ruleId: rule.id, page: 1, pageSize: 10 });
    expect(list.items.map((a) => a.subject)).toEqual([`batch:${bad}`]);
    expect(list.items[0].message).toContain('ended with 2 of 3 symbols failed (67%)');
    expect(await notifications(rule.id)).toEqual([
      { event: 'firing', channelType: 'webhook', subject: `batch:${bad}` },
      { event: 'firing', channelType: 'slack', subject: `batch:${bad}` },
    ]);
    // The deliveries are listed with the alert; the Slack URL shows only its origin.
    const detail = await alerts.get(String(list.items[0].id));
    expect(detail.deliveries.map((d) => [d.event, d.channel, d.status])).toEqual([
      ['firing', { type: 'webhook', url: HOOK }, 'pending'],
      ['firing', { type: 'slack', url: 'https://hooks.slack.com/…' }, 'pending'],
    ]);
    // Acknowledged: still open (a new evaluation does not fire it again), then deleting the rule
    // closes it without a notification.
    expect((await alerts.acknowledge(String(list.items[0].id))).state).toBe('acknowledged');
    expect((await alerts.acknowledge(String(list.items[0].id))).state).toBe('acknowledged');
    expect(await evaluator.batchEnded(bad)).toMatchObject({ opened: 0 });
    await rules.delete(String(rule.id));
    expect((await alerts.get(String(list.items[0].id))).state).toBe('resolved');
    expect(await notifications(rule.id)).toHaveLength(2);
    await expect(alerts.acknowledge(String(list.items[0].id))).rejects.toThrow(/resolved/);
  });

  it('batch_stalled: a running batch idle for the minutes fires; its ending resolves', async () => {
    const rule = await rules.create({
      name: 'stalled',
      kind: 'batch_stalled',
      params: { minutes: 10 },
      channels: [],
    });
    const { batch } = await batches.start({
      symbols: ['STALL1', 'STALL2'],
      interval: '1d',
      provider: 'synthetic',
      from: FROM,
      to: TO,
      mode: 'full',
    });
    const id = batch.batch_db_id;
    expect(await evaluator.sweep(new Date(Date.now() + 5 * 60_000))).toMatchObject({ opened: 0 });
    expect(await evaluator.sweep(new Date(Date.now() + 11 * 60_000))).toMatchObject({ opened: 1 });
    const [alert] = (await alerts.list({ ruleId: rule.id, page: 1, pageSize: 5 })).items;
    expect(alert).toMatchObject({ subject: `batch:${id}`, state: 'firing' });
    expect(alert.message).toMatch(/has made no progress for 1[01] min \(0 of 2 symbols done\)/);
    await batches.stop(String(id));
    expect(await evaluator.batchEnded(id)).toMatchObject({ resolved: 1 });
    expect((await alerts.get(String(alert.id))).details.resolution).toBe(`batch ${id} is stopped`);
    await rules.delete(String(rule.id));
  });

  it('symbol_stale counts TSE sessions: fires for a candle N sessions old, not for one older in days over a holiday weekend', async () => {
    const rule = await rules.create({
      name: 'stale tokyo',
      kind: 'symbol_stale',
      params: { sessions: 2, symbols: ['1111.T', '2222.T', '3333.T', 'TYO'] },
      channels: [],
    });
    const insert = (symbol: string, day: string, source = 'yahoo') =>
      ds.query(
        `INSERT INTO ohlcv_data (source, symbol, interval, ts, open, high, low, close, volume)
         VALUES ($1, $2, '1d', $3, 1, 1, 1, 1, 1)`,
        [source, symbol, `${day}T00:00:00Z`],
      );
    // Wednesday 10 Jan 2024, 10:00 in Tokyo. Monday 8 Jan was a holiday (Coming of Age Day).
    const now = new Date('2024-01-10T01:00:00Z');
    await insert('1111.T', '2024-01-04'); // Thursday: missed Fri 5 and Tue 9 → stale
    await insert('2222.T', '2024-01-05'); // Friday, 5 days old: missed only Tue 9 → not stale
    await insert('3333.T', '2024-01-09'); // yesterday → fresh
    await insert('1111.T', '2024-01-09', 'csv'); // the same symbol from another source: fresh
    // A plain ticker would follow NYSE (open on Monday 8: 2 sessions missed); the registry says
    // it trades in Tokyo, where it missed only Tuesday 9.
    await ds.query(
      `INSERT INTO symbols (provider, symbol, exchange) VALUES ('yahoo', 'TYO', 'TSE')`,
    );
    await insert('TYO', '2024-01-05');
    expect(await evaluator.sweep(now)).toMatchObject({ opened: 1 });
    const list = await alerts.list({ ruleId: rule.id, page: 1, pageSize: 10 });
    expect(list.items.map((a) => a.subject)).toEqual(['yahoo:1111.T']);
    expect(list.items[0].message).toBe(
      'yahoo:1111.T has no new 1d candle for 2 TSE session(s) (last 2024-01-04; limit 2)',
    );
    expect(list.items[0].details).toMatchObject({ exchange: 'TSE', missed_sessions: 2 });
    // Every series, when a rule lists no symbol: found along the primary key, per source.
    const every = await moduleRef.get(AlertSignalsRepository).latestCandles('1d', null, null);
    expect(every.map((c) => `${c.source}:${c.symbol} ${c.ts.toISOString().slice(0, 10)}`)).toEqual(
      expect.arrayContaining([
        'csv:1111.T 2024-01-09',
        'yahoo:1111.T 2024-01-04',
        'yahoo:2222.T 2024-01-05',
        'yahoo:3333.T 2024-01-09',
      ]),
    );
    // On Thursday 11 Jan, 2222.T and TYO have missed Tue 9 and Wed 10; a new candle resolves 1111.T.
    await insert('1111.T', '2024-01-10');
    const thursday = new Date('2024-01-11T01:00:00Z');
    expect(await evaluator.sweep(thursday)).toMatchObject({ opened: 2, resolved: 1 });
    const states = (await alerts.list({ ruleId: rule.id, page: 1, pageSize: 10 })).items.map(
      (a) => `${a.subject} ${a.state}`,
    );
    expect(states).toEqual(['yahoo:TYO firing', 'yahoo:2222.T firing', 'yahoo:1111.T resolved']);
    await rules.delete(String(rule.id));
  });

  it('data_anomaly fires on new anomalies recorded through AnomalyService and resolves when the window is quiet', async () => {
    const rule = await rules.create({
      name: 'jumps',
      kind: 'data_anomaly',
      params: { kinds: ['price_jump'], window_minutes: 30 },
      channels: [{ type: 'webhook', url: HOOK }],
    });
    const anomalies = moduleRef.get(AnomalyService);
    const row = {
      source: 'yahoo',
      symbol: '7203.T',
      interval: '1d',
      kind: 'price_jump' as const,
      ts: new Date('2024-01-05T00:00:00Z'),
      details: { ratio: 0.31 },
    };
    const recorded = await anomalies.recordAndAnnounce([
      row,
      { ...row, kind: 'zero_volume_run', ts: new Date('2024-01-04T00:00:00Z') },
    ]);
    expect(recorded).toHaveLength(2);
    // Recording the same finding again is not new.
    expect(await anomalies.recordAndAnnounce([row])).toEqual([]);
    // The event reached the alerts queue.
    const events = await moduleRef.get(AlertQueue).queue.getJobs(['waiting']);
    expect(events.map((j) => [j.name, j.data])).toContainEqual([
      'anomalies-recorded',
      { series: [{ source: 'yahoo', symbol: '7203.T' }] },
    ]);
    expect(
      await evaluator.anomaliesRecorded([{ source: 'yahoo', symbol: '7203.T' }]),
    ).toMatchObject({ opened: 1 });
    const [alert] = (await alerts.list({ ruleId: rule.id, page: 1, pageSize: 5 })).items;
    expect(alert).toMatchObject({ subject: 'yahoo:7203.T', state: 'firing' });
    expect(alert.message).toContain('1 anomaly (price_jump) in the last 30 min');
    expect(await evaluator.sweep()).toMatchObject({ opened: 0, resolved: 0 });
    expect(await evaluator.sweep(new Date(Date.now() + 31 * 60_000))).toMatchObject({
      resolved: 1,
    });
    await rules.delete(String(rule.id));
  });

  it('provider_errors fires when the attempts of a provider fail over the ratio', async () => {
    const rule = await rules.create({
      name: 'synthetic failing',
      kind: 'provider_errors',
      params: { ratio: 0.5, window_minutes: 60, min_attempts: 4, provider: 'synthetic' },
      channels: [],
    });
    await runBatch(['DNOTFOUND', 'ENOTFOUND', 'FNOTFOUND', 'OK4']);
    await evaluator.sweep();
    const [alert] = (await alerts.list({ ruleId: rule.id, page: 1, pageSize: 5 })).items;
    expect(alert).toMatchObject({ subject: 'provider:synthetic', state: 'firing' });
    expect(alert.details).toMatchObject({ provider: 'synthetic' });
  });
});
