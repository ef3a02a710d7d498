/** No such alert rule (or a deleted one), or no such alert. */
export class AlertNotFoundError extends Error {
  constructor(
    readonly what: 'alert rule' | 'alert',
    readonly id: string,
  ) {
    super(`${what} ${id} not found`);
    this.name = 'AlertNotFoundError';
  }
}
