import { addressClass, isIpLiteral, isPublicAddress } from './address-class';

// Classification only: nothing here opens a socket or resolves a name.
describe('addressClass / isPublicAddress', () => {
  const cases: [string, string][] = [
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.10', 'private'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.127.255.255', 'carrierGradeNat'],
    ['169.254.169.254', 'linkLocal'],
    ['fe80::1', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456:789a::1', 'uniqueLocal'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['2001:db8::1', 'reserved'],
    // IPv4-mapped IPv6: the IPv4 address it carries decides.
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.1.2.3', 'private'],
    ['::ffff:169.254.169.254', 'linkLocal'],
    ['::ffff:8.8.8.8', 'unicast'],
    // Translation and tunnel prefixes that embed an IPv4 address are not trusted either.
    ['64:ff9b::7f00:1', 'rfc6052'],
    ['2002:7f00:1::1', '6to4'],
    ['2001::1', 'teredo'],
    // Deprecated IPv4-compatible form (how the URL parser writes [::127.0.0.1]), outside 2000::/3.
    ['::7f00:1', 'nonGlobal'],
    ['::a00:1', 'nonGlobal'],
    ['100::1', 'discard'],
    ['4000::1', 'nonGlobal'],
    ['8.8.8.8', 'unicast'],
    ['1.1.1.1', 'unicast'],
    ['172.32.0.1', 'unicast'],
    ['100.128.0.1', 'unicast'],
    ['2606:4700:4700::1111', 'unicast'],
  ];

  it.each(cases)('%s is %s', (address, expected) => {
    expect(addressClass(address)).toBe(expected);
    expect(isPublicAddress(address)).toBe(expected === 'unicast');
  });

  it('is null (and not public) for what is not an IP address', () => {
    for (const x of ['localhost', 'example.com', '127.1', '0x7f000001', '', '1.2.3.4.5']) {
      expect(addressClass(x)).toBeNull();
      expect(isPublicAddress(x)).toBe(false);
    }
  });

  it('tells IP literals (with or without brackets) from names', () => {
    expect(isIpLiteral('127.0.0.1')).toBe(true);
    expect(isIpLiteral('[::1]')).toBe(true);
    expect(isIpLiteral('::ffff:7f00:1')).toBe(true);
    expect(isIpLiteral('localhost')).toBe(false);
    expect(isIpLiteral('hooks.example.com')).toBe(false);
  });
});
