/** Codes of a refused series query (all answered 400 by the API). */
export type SeriesQueryErrorCode = 'INVALID_RANGE' | 'INVALID_BUCKET' | 'LIMIT_TOO_LARGE';

/** A query of stored series that breaks a rule (range, bucket, page size). */
export class SeriesQueryError extends Error {
  constructor(
    readonly code: SeriesQueryErrorCode,
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'SeriesQueryError';
  }
}
