import { AppConfig, validateEnvironment } from '@app/common';
import type { UniverseSyncService } from '@app/market-data';
import { ScheduleRecord, ScheduleRepository } from '@app/persistence';
import { BatchService } from '../batch.service';
import { ScheduleQueue } from './schedule-queue';
import { ScheduleService } from './schedule.service';

/** A stored schedule and the calls the service makes, recorded in memory (no I/O in unit tests). */
function service(cron: string, config: AppConfig) {
  const schedule: ScheduleRecord = {
    id: 7,
    name: null,
    cron,
    timezone: 'UTC',
    request: { symbols: ['AAPL'], interval: '1d', provider: 'synthetic' },
    universeSync: null,
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
  const universe = {} as UniverseSyncService;
  return { svc: new ScheduleService(repository, queue, batches, universe, config), runs, starts };
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
