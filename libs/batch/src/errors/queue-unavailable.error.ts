/**
 * Redis refused a queue operation. `message` (which may name hosts) is logged; `clientMessage`
 * is what an API client is told.
 */
export class QueueUnavailableError extends Error {
  constructor(
    message: string,
    options?: { cause?: unknown },
    readonly clientMessage = 'the job queue is unavailable; try again later',
  ) {
    super(message, options);
    this.name = 'QueueUnavailableError';
  }
}
