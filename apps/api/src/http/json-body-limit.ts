/** 1 MiB: far above any request of the API but the largest symbol lists. */
const BASE_LIMIT = 1024 * 1024;
/** A symbol in a JSON array: up to 32 characters, quotes, comma, some spacing. */
const BYTES_PER_SYMBOL = 40;

/** Largest JSON body accepted, in bytes: 1 MiB, or more when MAX_SYMBOLS_PER_BATCH needs it. */
export function jsonBodyLimit(maxSymbolsPerBatch: number): number {
  return Math.max(BASE_LIMIT, maxSymbolsPerBatch * BYTES_PER_SYMBOL + 64 * 1024);
}
