import { Logger } from '@nestjs/common';

const logger = new Logger('Health');
const last = new Map<string, string>();

/**
 * Logs why a check is down (driver errors name hosts and ports: they go to the logs, never into
 * the open probe's body), once per change, so a probe polled every few seconds does not flood the
 * log; a check that is up again is logged once too.
 */
export function logCheck(check: string, problem: string | null): void {
  const previous = last.get(check);
  if (problem === null) {
    if (previous !== undefined) logger.log(`${check} is up again`);
    last.delete(check);
    return;
  }
  if (previous !== problem) logger.warn(`${check} is down: ${problem}`);
  last.set(check, problem);
}
