/** An action the alert's state does not allow (acknowledging a resolved alert). */
export class AlertConflictError extends Error {
  constructor(
    readonly alertId: string,
    readonly state: string,
    readonly action: string,
  ) {
    super(`alert ${alertId} is ${state}: cannot ${action} it`);
    this.name = 'AlertConflictError';
  }
}
