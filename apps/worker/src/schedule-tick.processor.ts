import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { LogContext } from '@app/common';
import {
  RUN_SCHEDULE_JOB,
  RunScheduleJobData,
  SCHEDULES_QUEUE,
  ScheduleService,
  TickOutcome,
} from '@app/batch';

/**
 * Processes the ticks of schedules: one call into ScheduleService.runTick with the tick's time
 * (BullMQ's `prevMillis`, the same in every retry of the tick), which starts the schedule's batch
 * or syncs its universe. Errors are thrown so that BullMQ retries the tick; the unique
 * (schedule, tick) index keeps a retried tick from starting twice, and a sync run twice applies the
 * same listing again, which changes nothing.
 */
@Processor(SCHEDULES_QUEUE, { concurrency: 2 })
export class ScheduleTickProcessor extends WorkerHost {
  private readonly logger = new Logger(ScheduleTickProcessor.name);

  constructor(private readonly schedules: ScheduleService) {
    super();
  }

  async process(job: Job<RunScheduleJobData>): Promise<TickOutcome> {
    if (job.name !== RUN_SCHEDULE_JOB || !Number.isInteger(job.data?.scheduleId)) {
      throw new UnrecoverableError(`invalid schedule job ${job.id}: ${JSON.stringify(job.data)}`);
    }
    const tick = new Date(job.opts.prevMillis ?? job.timestamp);
    const fields = { schedule_id: job.data.scheduleId, tick: tick.toISOString(), job_id: job.id };
    return LogContext.run(fields, async () => {
      const outcome = await this.schedules.runTick(job.data.scheduleId, tick);
      if (outcome.kind === 'started' && !outcome.alreadyStarted) {
        this.logger.log(
          `schedule ${job.data.scheduleId} tick ${tick.toISOString()}: started batch ${outcome.batchId}`,
        );
      }
      if (outcome.kind === 'synced') {
        const s = outcome.sync;
        this.logger.log(
          `schedule ${job.data.scheduleId} tick ${tick.toISOString()}: synced ${s.source} (${s.as_of}): ` +
            `${s.added} added, ${s.updated} updated, ${s.delisted} delisted, ${s.relisted} relisted, ${s.active} active`,
        );
      }
      return outcome;
    });
  }
}
