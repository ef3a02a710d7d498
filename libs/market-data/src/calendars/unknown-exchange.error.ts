import { EXCHANGES } from './trading-calendar';

/** An exchange without a trading calendar (answered 404 UNKNOWN_EXCHANGE). */
export class UnknownExchangeError extends Error {
  readonly supported: readonly string[] = EXCHANGES;

  /** The name asked for, cut to 40 characters (it is echoed in the answer). */
  readonly exchange: string;

  constructor(exchange: string) {
    const name = exchange.slice(0, 40);
    super(
      `no trading calendar for exchange ${JSON.stringify(name)}; supported: ${EXCHANGES.join(', ')}`,
    );
    this.name = 'UnknownExchangeError';
    this.exchange = name;
  }
}
