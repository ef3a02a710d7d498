import { lookup as dnsLookup, LookupAddress, LookupAllOptions, LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { addressClass } from './address-class';
import { ALLOW_PRIVATE_HINT, describeClass } from './outbound-policy';

/** A name resolved to an address that is not public: the connection was never opened. */
export class NonPublicAddressError extends Error {
  readonly code = 'ENONPUBLIC';
  constructor(
    readonly host: string,
    readonly address: string,
    readonly addressClass: string | null,
  ) {
    super(
      `${host} resolves to ${address}, a ${describeClass(addressClass)} address: refused (${ALLOW_PRIVATE_HINT})`,
    );
    this.name = 'NonPublicAddressError';
  }
}

type AllLookup = (
  hostname: string,
  options: LookupAllOptions,
  callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/**
 * A `lookup` for net/tls connections (http(s).Agent, undici's connect) that resolves the name,
 * classifies every address it got and fails with NonPublicAddressError when any is not public:
 * the socket connects to exactly the addresses this returns, so what is checked is what is
 * reached (no second resolution an attacker's DNS could answer differently). `resolve` is
 * dns.lookup; tests pass their own. IP literals never reach a lookup: check them before
 * connecting (assertDeliverableUrl).
 */
export function guardedLookup(resolve: AllLookup = dnsLookup as AllLookup): LookupFunction {
  return (hostname: string, options: LookupOptions, callback) => {
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) {
        callback(err, '', 0);
        return;
      }
      for (const { address } of addresses) {
        const cls = addressClass(address);
        if (cls !== 'unicast') {
          callback(new NonPublicAddressError(hostname, address, cls), '', 0);
          return;
        }
      }
      if (options.all) callback(null, addresses);
      else if (addresses.length === 0) {
        const notFound: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
        notFound.code = 'ENOTFOUND';
        callback(notFound, '', 0);
      } else callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
