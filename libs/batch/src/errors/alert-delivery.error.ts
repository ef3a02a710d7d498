/**
 * An alert notification did not get through. `permanent`: no retry can help (a 4xx other than
 * 408 and 429, a refused target, an SMTP 5xx answer, no SMTP_URL); otherwise it is retried.
 */
export class AlertDeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AlertDeliveryError';
  }
}
