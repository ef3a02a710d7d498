import type { Queue } from 'bullmq';

/** Job-state lookups sent at once (ioredis writes them without waiting for each answer). */
const CONCURRENT = 200;

/**
 * Of these job ids, the ones with no live job: missing from Redis, or completed or failed (those
 * are removed, so that their id can be added again). Waiting, delayed, prioritized and active
 * jobs are left alone, and so is a job completed less than `completedGraceMs` ago (a worker may
 * still be writing its outcome: OutcomeRecorder.handOver). Lookups go in groups of 200 concurrent
 * calls instead of one by one.
 */
export async function finishedOrMissing(
  queue: Queue,
  jobIds: string[],
  completedGraceMs = 0,
): Promise<Set<string>> {
  const result = new Set<string>();
  for (let i = 0; i < jobIds.length; i += CONCURRENT) {
    const group = jobIds.slice(i, i + CONCURRENT);
    const states = await Promise.all(group.map((id) => queue.getJobState(id)));
    const finished: string[] = [];
    const completed: string[] = [];
    group.forEach((id, k) => {
      if (states[k] === 'unknown') result.add(id);
      else if (states[k] === 'failed') finished.push(id);
      else if (states[k] === 'completed') (completedGraceMs > 0 ? completed : finished).push(id);
    });
    if (completed.length > 0) {
      const jobs = await Promise.all(completed.map((id) => queue.getJob(id)));
      const since = Date.now() - completedGraceMs;
      completed.forEach((id, k) => {
        const finishedOn = jobs[k]?.finishedOn;
        if (finishedOn === undefined || finishedOn < since) finished.push(id);
      });
    }
    await Promise.all(finished.map((id) => queue.remove(id).catch(() => 0)));
    for (const id of finished) result.add(id);
  }
  return result;
}
