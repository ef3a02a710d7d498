/** Base of every provider error. `permanent` errors cannot succeed on retry. */
export abstract class MarketDataError extends Error {
  abstract readonly permanent: boolean;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}
