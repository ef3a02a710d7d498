/** Queue of schedule ticks: BullMQ job schedulers put one `run-schedule` job here per tick. */
export const SCHEDULES_QUEUE = 'schedules';

/** Job name of a tick (explicit kebab-case string, never a class name). */
export const RUN_SCHEDULE_JOB = 'run-schedule';

export interface RunScheduleJobData {
  scheduleId: number;
}

/** BullMQ job scheduler id of a schedule. */
export function jobSchedulerId(scheduleId: number): string {
  return `schedule-${scheduleId}`;
}

/** The schedule id of a job scheduler id of ours, or null. */
export function scheduleIdOf(schedulerId: string): number | null {
  const m = /^schedule-(\d{1,9})$/.exec(schedulerId);
  return m ? Number(m[1]) : null;
}

/** Options of every tick job: a few retries (PostgreSQL or Redis briefly down), bounded history. */
export const RUN_SCHEDULE_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential' as const, delay: 1000 },
  removeOnComplete: { age: 7 * 86_400, count: 1000 },
  removeOnFail: { age: 30 * 86_400, count: 1000 },
};
