import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/common';
import {
  ListingError,
  ListingOutdatedError,
  toUniverseSyncView,
  URL_LISTING_SOURCES,
  UniverseSyncService,
  UrlListingSource,
  UniverseSyncView,
} from '@app/market-data';
import { ScheduleRecord, ScheduleRepository } from '@app/persistence';
import type { BackfillRequestBody } from '../backfill/backfill-request';
import { BackfillService } from '../backfill/backfill.service';
import { BatchService } from '../batch.service';
import { BatchRequestBody, compactBody, toStartBatchRequest } from '../batch-request';
import { BatchValidationError } from '../errors/batch-validation.error';
import { QueueUnavailableError } from '../errors/queue-unavailable.error';
import { ScheduleNotFoundError } from '../errors/schedule-not-found.error';
import { checkCron, checkCronPeriod, checkTimezone, nextRun } from './cron';
import { ScheduleQueue } from './schedule-queue';

export interface UniverseSyncAction {
  source: UrlListingSource;
}

/** What a tick does: start a batch, sync the universe from a listing, or backfill (exactly one). */
export interface NewSchedule {
  name?: string;
  cron: string;
  timezone?: string;
  batch?: BatchRequestBody;
  universe_sync?: UniverseSyncAction;
  backfill?: BackfillRequestBody;
}

/** A schedule as the API shows it. */
export interface ScheduleView {
  id: number;
  name: string | null;
  cron: string;
  timezone: string;
  /** The batch each tick starts; null for a universe sync. */
  batch: BatchRequestBody | null;
  /** The listing each tick syncs the universe from; null for a batch. */
  universe_sync: UniverseSyncAction | null;
  /** The backfill each tick plans and starts (e.g. the last 30 sessions of a universe). */
  backfill: BackfillRequestBody | null;
  next_run_at: string | null;
  last_run_at: string | null;
  last_batch_id: number | null;
  last_error: string | null;
  /** What the last successful universe sync changed. */
  last_sync: UniverseSyncView | null;
  created_at: string;
}

/** What one tick did. */
export type TickOutcome =
  | { kind: 'started'; batchId: number; alreadyStarted: boolean }
  | { kind: 'synced'; sync: UniverseSyncView }
  | { kind: 'refused'; reason: string }
  | { kind: 'nothing_to_do' }
  | { kind: 'gone' };

/** Symbols of each kind a schedule's `last_sync` keeps (the counts are exact). */
const LAST_SYNC_SYMBOLS = 20;

/**
 * Recurring batches. PostgreSQL holds the schedules; BullMQ job schedulers make the ticks; each
 * tick starts one batch, recorded with its (schedule, tick) under a unique index, so a tick that
 * runs twice (a worker died after starting the batch) never starts a second one.
 */
@Injectable()
export class ScheduleService {
  private readonly logger = new Logger(ScheduleService.name);

  constructor(
    private readonly schedules: ScheduleRepository,
    private readonly queue: ScheduleQueue,
    private readonly batches: BatchService,
    private readonly universe: UniverseSyncService,
    private readonly config: AppConfig,
    private readonly backfills: BackfillService,
  ) {}

  /**
   * Validates the cron expression (syntax, and no two ticks closer than SCHEDULE_MIN_INTERVAL_S),
   * the time zone and the batch request (or the sync's source), stores, schedules.
   */
  async create(input: NewSchedule): Promise<ScheduleView> {
    const timezone = input.timezone ?? 'UTC';
    checkTimezone(timezone);
    const cron = input.cron.trim().replace(/\s+/g, ' ');
    checkCron(cron, timezone);
    checkCronPeriod(cron, timezone, this.config.scheduleMinIntervalSeconds);
    const actions = [input.batch, input.universe_sync, input.backfill].filter(
      (a) => a !== undefined,
    );
    if (actions.length !== 1) {
      throw new BatchValidationError(
        'a schedule holds one of batch, universe_sync or backfill, exactly one of them',
        {
          field:
            actions.length === 0
              ? 'batch'
              : input.backfill !== undefined
                ? 'backfill'
                : 'universe_sync',
        },
        'VALIDATION_FAILED',
      );
    }
    let request: Record<string, unknown> | null = null;
    let universeSync: UniverseSyncAction | null = null;
    if (input.backfill !== undefined) {
      const backfill = compactBody(
        input.backfill as unknown as BatchRequestBody,
      ) as unknown as BackfillRequestBody;
      if (backfill.from !== undefined || backfill.to !== undefined) {
        throw new BatchValidationError(
          'a scheduled backfill plans the last `sessions` sessions at every tick; from and to would ask for the same days every time',
          { field: backfill.from !== undefined ? 'backfill.from' : 'backfill.to' },
          'VALIDATION_FAILED',
        );
      }
      // Checks the request as a tick would (a dry run: reads coverage, starts nothing).
      await this.backfills.run(backfill, { dryRun: true });
      // Stored in the schedule's request, under a key of its own (toScheduleView tells them apart).
      request = { backfill } as unknown as Record<string, unknown>;
    } else if (input.batch !== undefined) {
      const batch = compactBody(input.batch);
      await this.batches.validate(toStartBatchRequest(batch));
      request = batch as unknown as Record<string, unknown>;
    } else {
      const source = input.universe_sync?.source as string;
      if (!(URL_LISTING_SOURCES as readonly string[]).includes(source)) {
        throw new BatchValidationError(
          `universe_sync.source must be one of ${URL_LISTING_SOURCES.join(', ')} (a csv listing syncs from a file, with the CLI)`,
          { field: 'universe_sync.source' },
          'VALIDATION_FAILED',
        );
      }
      universeSync = { source: source as UrlListingSource };
    }
    const schedule = await this.schedules.create({
      name: input.name ?? null,
      cron,
      timezone,
      request,
      universeSync,
    });
    try {
      await this.queue.upsert(schedule);
    } catch (error) {
      await this.schedules.purge(schedule.id);
      throw new QueueUnavailableError(
        `could not create the job scheduler: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
        'the job queue is unavailable; the schedule was not created, try again later',
      );
    }
    this.logger.log(`schedule ${schedule.id} created: "${cron}" (${timezone})`);
    return toScheduleView(schedule);
  }

  async list(): Promise<ScheduleView[]> {
    return (await this.schedules.all()).map(toScheduleView);
  }

  async get(id: string): Promise<ScheduleView> {
    return toScheduleView(await this.find(id));
  }

  /**
   * Deletes the schedule from PostgreSQL, then its job scheduler from Redis. If Redis is down the
   * delete still holds: a tick of a schedule that is gone starts nothing, and the reconciler
   * removes the job scheduler later. Batches it started stay.
   */
  async delete(id: string): Promise<void> {
    const schedule = await this.find(id);
    if (!(await this.schedules.delete(schedule.id))) throw new ScheduleNotFoundError(id);
    try {
      await this.queue.remove(schedule.id);
    } catch (error) {
      this.logger.warn(
        `schedule ${schedule.id} deleted; its job scheduler will be removed by the reconciler (${
          error instanceof Error ? error.message : String(error)
        })`,
      );
    }
    this.logger.log(`schedule ${schedule.id} deleted`);
  }

  /**
   * One tick: starts the schedule's batch for `tick` unless it exists already, or syncs its
   * universe. A request that no longer passes validation (provider gone, empty universe, a cron
   * more frequent than a SCHEDULE_MIN_INTERVAL_S raised since it was stored) is recorded on the
   * schedule and not retried; other errors (PostgreSQL or Redis down) are thrown so that BullMQ
   * retries the tick.
   */
  async runTick(scheduleId: number, tick: Date): Promise<TickOutcome> {
    const schedule = await this.schedules.findById(scheduleId);
    if (!schedule) {
      await this.queue.remove(scheduleId).catch(() => undefined);
      return { kind: 'gone' };
    }
    if (schedule.universeSync) return this.syncTick(schedule, tick);
    try {
      checkCronPeriod(schedule.cron, schedule.timezone, this.config.scheduleMinIntervalSeconds);
      const backfill = backfillOf(schedule);
      if (backfill) {
        const outcome = await this.backfills.run(backfill, {
          dryRun: false,
          schedule: { id: schedule.id, tick },
        });
        if (outcome.kind !== 'started') {
          await this.schedules.recordRun(schedule.id, tick, {});
          return { kind: 'nothing_to_do' };
        }
        const batchId = outcome.started.batch.batch_db_id;
        await this.schedules.recordRun(schedule.id, tick, { batchId });
        return {
          kind: 'started',
          batchId,
          alreadyStarted: outcome.started.alreadyStarted === true,
        };
      }
      const started = await this.batches.start({
        ...toStartBatchRequest(schedule.request as unknown as BatchRequestBody),
        batchType: 'scheduled',
        schedule: { id: schedule.id, tick },
      });
      await this.schedules.recordRun(schedule.id, tick, { batchId: started.batch.batch_db_id });
      return {
        kind: 'started',
        batchId: started.batch.batch_db_id,
        alreadyStarted: started.alreadyStarted === true,
      };
    } catch (error) {
      if (!(error instanceof BatchValidationError)) throw error;
      await this.schedules.recordRun(schedule.id, tick, { error: error.message });
      this.logger.warn(
        `schedule ${schedule.id}: tick ${tick.toISOString()} refused: ${error.message}`,
      );
      return { kind: 'refused', reason: error.message };
    }
  }

  /**
   * A universe-sync tick: the sync's counts go to the schedule's `last_sync`. A listing that cannot
   * be read or is older than the last applied is recorded in `last_error`; an unreachable one
   * (timeout, 5xx) is thrown too, so that BullMQ retries the tick. A tick that runs twice syncs
   * the same listing again, which changes nothing.
   */
  private async syncTick(schedule: ScheduleRecord, tick: Date): Promise<TickOutcome> {
    const source = (schedule.universeSync as UniverseSyncAction).source;
    try {
      checkCronPeriod(schedule.cron, schedule.timezone, this.config.scheduleMinIntervalSeconds);
      const sync = toUniverseSyncView(await this.universe.sync(source), LAST_SYNC_SYMBOLS);
      await this.schedules.recordRun(schedule.id, tick, {
        sync: sync as unknown as Record<string, unknown>,
      });
      return { kind: 'synced', sync };
    } catch (error) {
      const refused =
        error instanceof ListingError ||
        error instanceof ListingOutdatedError ||
        error instanceof BatchValidationError;
      if (!refused) throw error;
      await this.schedules.recordRun(schedule.id, tick, { error: error.message });
      this.logger.warn(
        `schedule ${schedule.id}: universe sync of ${source} at tick ${tick.toISOString()} failed: ${error.message}`,
      );
      if (error instanceof ListingError && error.transient) throw error;
      return { kind: 'refused', reason: error.message };
    }
  }

  /** Restores Redis from PostgreSQL (see ScheduleQueue.sync); run by the reconciler. */
  async restore(): Promise<{ restored: number; removed: number }> {
    const result = await this.queue.sync(await this.schedules.all());
    if (result.restored > 0 || result.removed > 0) {
      this.logger.warn(
        `schedules: restored ${result.restored} job scheduler(s) missing from Redis, removed ${result.removed} stray one(s)`,
      );
    }
    return result;
  }

  private async find(id: string): Promise<ScheduleRecord> {
    if (!/^\d{1,9}$/.test(id)) {
      throw new BatchValidationError(
        `schedule id must be a number, got "${id.slice(0, 40)}"`,
        { field: 'id' },
        'INVALID_ID',
      );
    }
    const schedule = await this.schedules.findById(Number(id));
    if (!schedule) throw new ScheduleNotFoundError(id);
    return schedule;
  }
}

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

/** The backfill a schedule holds (kept in its request as `{backfill: …}`), or null. */
function backfillOf(s: ScheduleRecord): BackfillRequestBody | null {
  const request = s.request as { backfill?: BackfillRequestBody } | null;
  return request?.backfill ?? null;
}

export function toScheduleView(s: ScheduleRecord): ScheduleView {
  let next: Date | null;
  try {
    next = nextRun(s.cron, s.timezone, new Date());
  } catch {
    next = null; // stored before a cron-parser upgrade that reads it differently
  }
  return {
    id: s.id,
    name: s.name,
    cron: s.cron,
    timezone: s.timezone,
    batch: backfillOf(s) ? null : (s.request as unknown as BatchRequestBody | null),
    universe_sync: s.universeSync as UniverseSyncAction | null,
    backfill: backfillOf(s),
    next_run_at: iso(next),
    last_run_at: iso(s.lastRunAt),
    last_batch_id: s.lastBatchId,
    last_error: s.lastError,
    last_sync: s.lastSync as unknown as UniverseSyncView | null,
    created_at: iso(s.createdAt) as string,
  };
}
