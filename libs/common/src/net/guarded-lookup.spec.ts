import type { LookupAddress, LookupAllOptions } from 'node:dns';
import { guardedLookup, NonPublicAddressError } from './guarded-lookup';

/** A resolver that answers from a table: no DNS, no socket. */
function fakeResolver(table: Record<string, LookupAddress[]>) {
  const calls: LookupAllOptions[] = [];
  const resolve = (
    hostname: string,
    options: LookupAllOptions,
    callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
  ) => {
    calls.push(options);
    const addresses = table[hostname];
    if (!addresses) {
      const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
      error.code = 'ENOTFOUND';
      callback(error, []);
    } else callback(null, addresses);
  };
  return { resolve, calls };
}

function run(
  lookup: ReturnType<typeof guardedLookup>,
  host: string,
  all: boolean,
): Promise<{ err: NodeJS.ErrnoException | null; address: unknown; family?: number }> {
  return new Promise((resolve) =>
    lookup(host, { all }, (err, address, family) => resolve({ err, address, family })),
  );
}

const v4 = (address: string): LookupAddress => ({ address, family: 4 });
const v6 = (address: string): LookupAddress => ({ address, family: 6 });

describe('guardedLookup (on addresses only: the resolver is a table)', () => {
  const { resolve, calls } = fakeResolver({
    'public.test': [v4('93.184.216.34'), v6('2606:2800:220:1::1')],
    'loopback.test': [v4('127.0.0.1')],
    'metadata.test': [v4('169.254.169.254')],
    'private.test': [v4('10.0.0.7')],
    'cgnat.test': [v4('100.64.1.1')],
    'ula.test': [v6('fd00::7')],
    'linklocal6.test': [v6('fe80::1')],
    'mapped.test': [v6('::ffff:192.168.1.1')],
    // Rebinding-style answer: one public and one private address.
    'mixed.test': [v4('93.184.216.34'), v4('192.168.1.1')],
    'empty.test': [],
  });
  const lookup = guardedLookup(resolve);

  it('passes public answers through, in the shape asked for (one address or all)', async () => {
    expect(await run(lookup, 'public.test', false)).toEqual({
      err: null,
      address: '93.184.216.34',
      family: 4,
    });
    const all = await run(lookup, 'public.test', true);
    expect(all.err).toBeNull();
    expect(all.address).toEqual([v4('93.184.216.34'), v6('2606:2800:220:1::1')]);
    expect(calls.every((c) => c.all === true)).toBe(true); // always classifies every address
  });

  it.each([
    ['loopback.test', '127.0.0.1', 'loopback'],
    ['metadata.test', '169.254.169.254', 'link-local'],
    ['private.test', '10.0.0.7', 'private (RFC 1918)'],
    ['cgnat.test', '100.64.1.1', 'carrier-grade NAT'],
    ['ula.test', 'fd00::7', 'unique-local'],
    ['linklocal6.test', 'fe80::1', 'link-local'],
    ['mapped.test', '::ffff:192.168.1.1', 'private (RFC 1918)'],
    ['mixed.test', '192.168.1.1', 'private (RFC 1918)'],
  ])('refuses %s (%s) with NonPublicAddressError', async (host, address, kind) => {
    for (const all of [false, true]) {
      const { err } = await run(lookup, host, all);
      expect(err).toBeInstanceOf(NonPublicAddressError);
      expect(err?.code).toBe('ENONPUBLIC');
      expect(err?.message).toContain(`${host} resolves to ${address}, a ${kind}`);
      expect(err?.message).toMatch(/WEBHOOK_ALLOW_PRIVATE=true/);
    }
  });

  it('passes resolver errors through and treats an empty answer as not found', async () => {
    expect((await run(lookup, 'nowhere.test', false)).err?.code).toBe('ENOTFOUND');
    expect((await run(lookup, 'empty.test', false)).err?.code).toBe('ENOTFOUND');
  });
});
