/** The batch is in a status from which the requested action is not allowed. */
export class IllegalTransitionError extends Error {
  constructor(
    readonly batchId: number,
    readonly status: string,
    readonly action: string,
  ) {
    super(`batch ${batchId} is ${status}; cannot ${action} it`);
    this.name = 'IllegalTransitionError';
  }
}
