/**
 * An alert rule (or an alerts query) that breaks a rule: `field` names the part at fault
 * (`kind`, `params.minutes`, `channels[1].url`), `code` the API error code.
 */
export class AlertValidationError extends Error {
  constructor(
    message: string,
    readonly field: string,
    readonly code = 'INVALID_ALERT_RULE',
  ) {
    super(message);
    this.name = 'AlertValidationError';
  }
}
