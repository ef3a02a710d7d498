import { AppConfig, validateEnvironment } from '@app/common';
import { ListingError, type UniverseSyncResult, type UniverseSyncService } from '@app/market-data';
import { ScheduleRecord, ScheduleRepository } from '@app/persistence';
import { BatchService } from '../batch.service';
import { ScheduleQueue } from './schedule-queue';
import type { BackfillService } from '../backfill/backfill.service';
import { ScheduleService } from './schedule.service';

/** A stored schedule and the calls the service makes, recorded in memory (no I/O in unit tests). */
function service(
  cron: string,
  config: AppConfig,
  action: Pick<ScheduleRecord, 'request' | 'universeSync'> = {
    request: { symbols: ['AAPL'], interval: '1d', provider: 'synthetic' },
    universeSync: null,
  },
  syncs: (() => Promise<UniverseSyncResult>)[] = [],
) {
  const schedule: ScheduleRecord = {
    id: 7,
    name: null,
    cron,
    timezone: 'UTC',
    ...action,
    lastRunAt: null,
    lastBatchId: null,
    lastError: null,
    lastSync: null,
    createdAt: new Date(),
  };
  const runs: unknown[] = [];
  const starts: unknown[] = [];
  const repository = {
    findById: async () => schedule,
    recordRun: async (id: number, at: Date, outcome: unknown) => void runs.push(outcome),
  } as unknown as ScheduleRepository;
  const batches = {
    start: async (request: unknown) => {
      starts.push(request);
      return { batch: { batch_db_id: 1 }, alreadyStarted: false };
    },
  } as unknown as BatchService;
  const queue = {} as ScheduleQueue;
  const synced: unknown[] = [];
  const universe = {
    sync: async (source: string) => {
      synced.push(source);
      const next = syncs.shift();
      if (!next) throw new Error('no sync outcome left');
      return next();
    },
  } as unknown as UniverseSyncService;
  return {
    svc: new ScheduleService(
      repository,
      queue,
      batches,
      universe,
      config,
      {} as unknown as BackfillService,
    ),
    runs,
    starts,
    synced,
  };
}

describe('ScheduleService.runTick and SCHEDULE_MIN_INTERVAL_S', () => {
  const tick = new Date('2026-12-04T00:00:00Z');

  it('a stored schedule more frequent than the minimum starts nothing and records why', async () => {
    const { svc, runs, starts } = service('* * * * * *', validateEnvironment({}, 'worker'));
    const outcome = await svc.runTick(7, tick);
    expect(outcome).toEqual({
      kind: 'refused',
      reason: expect.stringContaining('at most once every 60 s (SCHEDULE_MIN_INTERVAL_S)'),
    });
    expect(starts).toEqual([]);
    expect(runs).toEqual([{ error: expect.stringContaining('SCHEDULE_MIN_INTERVAL_S') }]);
  });

  it('the same schedule starts its batch where the minimum allows it', async () => {
    const config = validateEnvironment({ SCHEDULE_MIN_INTERVAL_S: '1' }, 'worker');
    const { svc, runs, starts } = service('* * * * * *', config);
    expect(await svc.runTick(7, tick)).toEqual({
      kind: 'started',
      batchId: 1,
      alreadyStarted: false,
    });
    expect(starts).toHaveLength(1);
    expect(runs).toEqual([{ batchId: 1 }]);
  });
});

describe('ScheduleService: schedules that sync the universe', () => {
  const tick = new Date('2026-12-07T22:00:00Z');
  const config = validateEnvironment({}, 'worker');
  const jpx = { request: null, universeSync: { source: 'jpx' } };
  const result: UniverseSyncResult = {
    source: 'jpx',
    asOf: '2025-09-30',
    added: Array.from({ length: 47 }, (_, i) => `${400 + i}A.T`),
    updated: [],
    delisted: ['1757.T'],
    relisted: [],
    unchanged: 4355,
    active: 4403,
  };

  it('a tick syncs its source and records the counts (symbol lists cut to 20), starting no batch', async () => {
    const { svc, runs, starts, synced } = service('0 7 * * 1-5', config, jpx, [async () => result]);
    const outcome = await svc.runTick(7, tick);
    expect(synced).toEqual(['jpx']);
    expect(starts).toEqual([]);
    const sync = {
      source: 'jpx',
      as_of: '2025-09-30',
      added: 47,
      updated: 0,
      delisted: 1,
      relisted: 0,
      unchanged: 4355,
      active: 4403,
      added_symbols: result.added.slice(0, 20),
      updated_symbols: [],
      delisted_symbols: ['1757.T'],
      relisted_symbols: [],
      symbols_truncated: true,
    };
    expect(outcome).toEqual({ kind: 'synced', sync });
    expect(runs).toEqual([{ sync }]);
  });

  it('a listing that cannot be read is recorded; only an unreachable one is thrown for a retry', async () => {
    const corrupt = new ListingError('LISTING_CORRUPT', 'jpx', 'the workbook is truncated');
    const down = new ListingError('LISTING_UNREACHABLE', 'jpx', 'connect ECONNREFUSED');
    const { svc, runs } = service('0 7 * * 1-5', config, jpx, [
      async () => Promise.reject(corrupt),
      async () => Promise.reject(down),
    ]);
    expect(await svc.runTick(7, tick)).toEqual({ kind: 'refused', reason: corrupt.message });
    await expect(svc.runTick(7, tick)).rejects.toBe(down);
    expect(runs).toEqual([{ error: corrupt.message }, { error: down.message }]);
  });

  it('create refuses a schedule with both batch and universe_sync, or a csv sync', async () => {
    const { svc } = service('0 7 * * 1-5', config);
    const batch = { symbols: ['AAPL'], interval: '1d' as const };
    await expect(
      svc.create({ cron: '0 7 * * 1-5', batch, universe_sync: { source: 'jpx' } }),
    ).rejects.toThrow(
      'a schedule holds one of batch, universe_sync or backfill, exactly one of them',
    );
    await expect(svc.create({ cron: '0 7 * * 1-5' })).rejects.toThrow(/exactly one/);
    await expect(
      svc.create({ cron: '0 7 * * 1-5', universe_sync: { source: 'csv' as 'jpx' } }),
    ).rejects.toThrow(/universe_sync.source must be one of jpx, binance, bybit/);
  });
});
