/** A `GET /api/anomalies` query that breaks a rule: `code` is the API error code, `field` the part at fault. */
export class AnomalyQueryError extends Error {
  constructor(
    readonly code: 'INVALID_SYMBOL' | 'INVALID_RANGE',
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'AnomalyQueryError';
  }
}
