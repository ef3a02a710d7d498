import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * What an IP address is, as ipaddr.js names its special ranges ("loopback", "private",
 * "linkLocal", "uniqueLocal", "carrierGradeNat", "unspecified", "multicast", "broadcast",
 * "reserved", "6to4", "teredo", "rfc6052" …), with IPv4-mapped IPv6 addresses (::ffff:a.b.c.d)
 * classified as the IPv4 address they carry. "unicast" is an ordinary public address; an IPv6
 * address outside 2000::/3 (the global unicast space) that ipaddr.js has no name for is
 * "nonGlobal" (e.g. the deprecated IPv4-compatible ::a.b.c.d). Null when `address` is not an IP.
 */
export function addressClass(address: string): string | null {
  const literal = address.replace(/^\[(.*)\]$/, '$1');
  if (isIP(literal) === 0) return null;
  const parsed = ipaddr.parse(literal);
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().range();
    const range = v6.range();
    if (range === 'unicast' && !v6.match(GLOBAL_UNICAST_V6)) return 'nonGlobal';
    return range;
  }
  return parsed.range();
}

const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3') as [ipaddr.IPv6, number];

/**
 * Whether a connection to `address` leaves the operator's own networks: only ordinary public
 * unicast addresses are. Loopback, private (RFC 1918), carrier-grade NAT (100.64/10), link-local
 * (169.254/16, fe80::/10, cloud metadata services), unique-local (fc00::/7), unspecified,
 * multicast, broadcast, reserved and translation ranges are not.
 */
export function isPublicAddress(address: string): boolean {
  return addressClass(address) === 'unicast';
}

/** Whether `host` (a URL's hostname, brackets allowed) is an IP address rather than a name. */
export function isIpLiteral(host: string): boolean {
  return isIP(host.replace(/^\[(.*)\]$/, '$1')) !== 0;
}
