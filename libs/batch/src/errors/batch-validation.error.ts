/** A batch request that breaks a domain rule; `details` names each problem. */
export class BatchValidationError extends Error {
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly code = 'INVALID_BATCH',
  ) {
    super(message);
    this.name = 'BatchValidationError';
  }
}
