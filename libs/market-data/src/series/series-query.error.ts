/** Codes of a refused series query (all answered 400 by the API). */
export type SeriesQueryErrorCode =
  | 'INVALID_RANGE'
  | 'INVALID_BUCKET'
  | 'LIMIT_TOO_LARGE'
  | 'AMBIGUOUS_SOURCE'
  | 'UNSUPPORTED_INTERVAL';

/**
 * A query of stored series that breaks a rule (range, bucket, page size), or that names no source
 * for a symbol several sources hold (`candidates` lists them).
 */
export class SeriesQueryError extends Error {
  constructor(
    readonly code: SeriesQueryErrorCode,
    message: string,
    readonly field: string,
    readonly candidates?: string[],
  ) {
    super(message);
    this.name = 'SeriesQueryError';
  }
}
