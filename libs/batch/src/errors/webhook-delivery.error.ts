/**
 * A webhook POST did not succeed. `permanent`: a retry cannot help (the receiver answered a 4xx
 * other than 408 or 429, or the target was refused: a non-public address not allowed by the
 * operator); otherwise the delivery is retried with backoff.
 */
export class WebhookDeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'WebhookDeliveryError';
  }
}
