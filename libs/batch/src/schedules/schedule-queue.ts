import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { ScheduleRecord } from '@app/persistence';
import {
  jobSchedulerId,
  RUN_SCHEDULE_JOB,
  RUN_SCHEDULE_JOB_OPTIONS,
  RunScheduleJobData,
  SCHEDULES_QUEUE,
  scheduleIdOf,
} from '../jobs/run-schedule.job';
import { logQueueErrors } from '../queue/queue-errors';

/**
 * The BullMQ side of schedules: one job scheduler per schedule. BullMQ makes exactly one job per
 * tick (its id is the scheduler's id and the tick's time), however many processes run.
 */
@Injectable()
export class ScheduleQueue implements OnModuleInit {
  private readonly logger = new Logger(ScheduleQueue.name);

  constructor(@InjectQueue(SCHEDULES_QUEUE) readonly queue: Queue<RunScheduleJobData>) {}

  /** Redis errors show in health and 503s; an unheard 'error' event would end the process. */
  onModuleInit(): void {
    logQueueErrors(this.logger, [this.queue]);
  }

  async upsert(schedule: Pick<ScheduleRecord, 'id' | 'cron' | 'timezone'>): Promise<void> {
    await this.queue.upsertJobScheduler(
      jobSchedulerId(schedule.id),
      { pattern: schedule.cron, tz: schedule.timezone },
      {
        name: RUN_SCHEDULE_JOB,
        data: { scheduleId: schedule.id },
        opts: RUN_SCHEDULE_JOB_OPTIONS,
      },
    );
  }

  async remove(scheduleId: number): Promise<void> {
    await this.queue.removeJobScheduler(jobSchedulerId(scheduleId));
  }

  /**
   * Makes Redis hold exactly the schedules of PostgreSQL: adds missing or changed job schedulers
   * (Redis flushed or restarted without persistence), removes ones whose schedule is gone.
   */
  async sync(schedules: ScheduleRecord[]): Promise<{ restored: number; removed: number }> {
    const inRedis = new Map<string, { pattern?: string | null; tz?: string | null }>();
    for (let start = 0; ; start += 500) {
      const page = await this.queue.getJobSchedulers(start, start + 499, true);
      for (const s of page) inRedis.set(s.key, s);
      if (page.length < 500) break;
    }
    let restored = 0;
    for (const schedule of schedules) {
      const current = inRedis.get(jobSchedulerId(schedule.id));
      if (current?.pattern === schedule.cron && (current.tz ?? 'UTC') === schedule.timezone) {
        continue;
      }
      await this.upsert(schedule);
      restored += 1;
    }
    const wanted = new Set(schedules.map((s) => jobSchedulerId(s.id)));
    let removed = 0;
    for (const key of inRedis.keys()) {
      if (scheduleIdOf(key) !== null && !wanted.has(key)) {
        await this.queue.removeJobScheduler(key);
        removed += 1;
      }
    }
    return { restored, removed };
  }
}
