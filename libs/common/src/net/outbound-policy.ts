import { addressClass, isIpLiteral, isPublicAddress } from './address-class';

/**
 * Which targets an outbound notification (batch webhooks, later alert channels) may reach.
 * By default only public addresses: loopback, private, link-local, unique-local … are refused,
 * on the literal host at request time and on the resolved address at connection time.
 */
export interface OutboundPolicy {
  /** WEBHOOK_ALLOW_PRIVATE=true: any address may be reached. */
  allowPrivate: boolean;
  /**
   * WEBHOOK_ALLOWED_HOSTS: hosts the operator named ("hooks.example.com", "*.example.com");
   * a URL whose host matches one may reach non-public addresses (the operator chose it).
   */
  allowedHosts: readonly string[];
}

/** Why a URL cannot be a notification target. */
export type UndeliverableReason = 'invalid-url' | 'credentials' | 'private-address';

/**
 * A URL refused as a notification target. The message never contains the URL itself (its path
 * or user info may carry a token or a password); it names the host only for address refusals.
 */
export class UndeliverableUrlError extends Error {
  constructor(
    message: string,
    readonly reason: UndeliverableReason,
  ) {
    super(message);
    this.name = 'UndeliverableUrlError';
  }
}

/** How to let an operator allow a refused address: said in every refusal. */
export const ALLOW_PRIVATE_HINT =
  'set WEBHOOK_ALLOW_PRIVATE=true or list the host in WEBHOOK_ALLOWED_HOSTS to allow it';

/** Hostname of a URL as compared with allow-lists: lower case, IPv6 without brackets. */
export function normalHost(hostname: string): string {
  return hostname.toLowerCase().replace(/^\[|\]$/g, '');
}

/** Whether `host` is one of `patterns` (exact, or `*.example.com` for any subdomain). */
export function hostMatches(host: string, patterns: readonly string[]): boolean {
  const h = normalHost(host);
  return patterns.some((pattern) =>
    pattern.startsWith('*.') ? h.endsWith(pattern.slice(1)) : h === pattern,
  );
}

/** Whether connections for `hostname` may reach non-public addresses under `policy`. */
export function privateAddressesAllowed(hostname: string, policy: OutboundPolicy): boolean {
  return policy.allowPrivate || hostMatches(hostname, policy.allowedHosts);
}

/**
 * Checks what can be checked without resolving a name: an http(s) URL without user info
 * (`user:password@`: stored with the batch, echoed in its params, never deliverable) whose
 * host, when it is an IP address, is public (or allowed by `policy`). Returns the parsed URL; throws UndeliverableUrlError naming `field`. A host name is resolved
 * and checked when connecting (guardedLookup), so DNS rebinding cannot get around this.
 */
export function assertDeliverableUrl(url: string, policy: OutboundPolicy, field: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UndeliverableUrlError(`${field} must be an http or https URL`, 'invalid-url');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UndeliverableUrlError(`${field} must be an http or https URL`, 'invalid-url');
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new UndeliverableUrlError(
      `${field} must not carry credentials (user:password@): the URL is stored and shown with the batch; put a token in the path, or verify the X-Market-Ingest-Signature header`,
      'credentials',
    );
  }
  const host = normalHost(parsed.hostname);
  if (isIpLiteral(host) && !isPublicAddress(host) && !privateAddressesAllowed(host, policy)) {
    throw new UndeliverableUrlError(
      `${field} names ${host}, a ${describeClass(addressClass(host))} address: only public addresses are reached by default (${ALLOW_PRIVATE_HINT})`,
      'private-address',
    );
  }
  return parsed;
}

/** "loopback", "private (RFC 1918)" … for messages. */
export function describeClass(cls: string | null): string {
  switch (cls) {
    case 'private':
      return 'private (RFC 1918)';
    case 'carrierGradeNat':
      return 'carrier-grade NAT (100.64.0.0/10)';
    case 'linkLocal':
      return 'link-local';
    case 'uniqueLocal':
      return 'unique-local (fc00::/7)';
    case 'nonGlobal':
      return 'non-global IPv6';
    case null:
      return 'unknown';
    default:
      return cls;
  }
}
