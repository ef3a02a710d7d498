import { MarketDataError } from './market-data.error';

/** The provider asked us to slow down; retry after `retryAfterMs` without spending an attempt. */
export class RateLimitedError extends MarketDataError {
  readonly permanent = false;
  constructor(
    readonly retryAfterMs: number,
    message = `rate limited; retry after ${retryAfterMs} ms`,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
