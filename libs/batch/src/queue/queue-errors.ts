import type { Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';

/** One line every 10 s at most: health checks and 503s report a Redis outage in full. */
const QUIET_MS = 10_000;

/**
 * Listens to the 'error' events of queues (an unheard one would end the process) and logs them
 * as one warning per 10 s, shared by the queues given.
 */
export function logQueueErrors(logger: Logger, queues: Queue[]): void {
  let last = 0;
  for (const queue of queues) {
    queue.on('error', (error: Error) => {
      if (Date.now() - last < QUIET_MS) return;
      last = Date.now();
      logger.warn(`redis (queue ${queue.name}): ${error.message}`);
    });
  }
}
