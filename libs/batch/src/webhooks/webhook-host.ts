import {
  AppConfig,
  assertDeliverableUrl,
  hostMatches,
  OutboundPolicy,
  UndeliverableUrlError,
} from '@app/common';
import { BatchValidationError } from '../errors/batch-validation.error';

/**
 * Whether `url`'s host is one of `allowed` ("hooks.example.com", or "*.example.com" for any
 * subdomain of example.com). An empty list allows every host.
 */
export function webhookHostAllowed(url: string, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return true;
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return false;
  }
  return hostMatches(host, allowed);
}

/** The outbound policy of webhooks (WEBHOOK_ALLOW_PRIVATE, WEBHOOK_ALLOWED_HOSTS). */
export function webhookPolicy(config: AppConfig): OutboundPolicy {
  return {
    allowPrivate: config.webhookAllowPrivate,
    allowedHosts: config.webhookAllowedHosts,
  };
}

/** Error codes of a refused webhook_url, by reason. */
const CODES: Record<UndeliverableUrlError['reason'], string> = {
  'invalid-url': 'INVALID_BATCH',
  credentials: 'WEBHOOK_URL_CREDENTIALS',
  'private-address': 'WEBHOOK_PRIVATE_ADDRESS',
};

/**
 * A batch's own webhook_url, checked when the batch (or schedule) is requested: no user info
 * (it would be stored and shown in the batch's params), a host of WEBHOOK_ALLOWED_HOSTS when the
 * list is set, and a literal IP host only when it is public or allowed. Names resolve at delivery, where the resolved address is checked again.
 */
export function assertWebhookUrlAccepted(
  url: string,
  config: AppConfig,
  field = 'webhook_url',
): void {
  let refusal: UndeliverableUrlError | null = null;
  try {
    assertDeliverableUrl(url, webhookPolicy(config), field);
  } catch (error) {
    if (!(error instanceof UndeliverableUrlError)) throw error;
    refusal = error;
  }
  const refuse = (error: UndeliverableUrlError) =>
    new BatchValidationError(error.message, { field }, CODES[error.reason]);
  // Credentials first: that answer never names the host (the URL's user info is a secret).
  if (refusal?.reason === 'credentials') throw refuse(refusal);
  if (!webhookHostAllowed(url, config.webhookAllowedHosts)) {
    throw new BatchValidationError(
      `${field} may only name a host of WEBHOOK_ALLOWED_HOSTS (${config.webhookAllowedHosts.join(', ')})`,
      { field },
      'WEBHOOK_HOST_NOT_ALLOWED',
    );
  }
  if (refusal) throw refuse(refusal);
}
