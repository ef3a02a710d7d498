import {
  assertDeliverableUrl,
  hostMatches,
  OutboundPolicy,
  privateAddressesAllowed,
  UndeliverableUrlError,
} from './outbound-policy';

const DEFAULT: OutboundPolicy = { allowPrivate: false, allowedHosts: [] };

function refusal(url: string, policy = DEFAULT): UndeliverableUrlError | null {
  try {
    assertDeliverableUrl(url, policy, 'webhook_url');
    return null;
  } catch (error) {
    if (error instanceof UndeliverableUrlError) return error;
    throw error;
  }
}

describe('assertDeliverableUrl (no resolution: literal hosts only)', () => {
  it.each([
    'http://127.0.0.1:6379/',
    'http://127.0.0.1:5432/',
    'http://[::1]:6379/',
    'http://169.254.169.254/latest/meta-data/',
    'http://10.0.0.1/hook',
    'http://172.20.1.1/hook',
    'http://192.168.0.1/hook',
    'http://100.64.0.1/hook',
    'http://[fd00::1]/hook',
    'http://[fe80::1]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://[::ffff:a00:1]/hook',
    'http://0.0.0.0:3000/',
    'http://[::]/',
    'http://224.0.0.1/',
    'http://255.255.255.255/',
    // The URL parser turns these IPv4 spellings into 127.0.0.1: refused the same.
    'http://2130706433/',
    'http://0x7f.1/',
    'http://127.1/',
    'http://0/',
  ])('refuses %s by default, naming the field and the kind of address', (url) => {
    const error = refusal(url);
    expect(error?.reason).toBe('private-address');
    expect(error?.message).toMatch(/^webhook_url names \S+, an? /);
    expect(error?.message).toMatch(/WEBHOOK_ALLOW_PRIVATE=true/);
  });

  it('accepts public literals and names (names are checked when connecting)', () => {
    for (const url of [
      'https://8.8.8.8/hook',
      'http://[2606:4700:4700::1111]/x',
      'https://hooks.example.com/x?token=abc',
      'http://localhost:9/x',
    ]) {
      expect(refusal(url)).toBeNull();
    }
  });

  it('WEBHOOK_ALLOW_PRIVATE allows every address; an allow-listed host allows its own', () => {
    expect(refusal('http://127.0.0.1:6379/', { allowPrivate: true, allowedHosts: [] })).toBeNull();
    const listed: OutboundPolicy = { allowPrivate: false, allowedHosts: ['127.0.0.1', '::1'] };
    expect(refusal('http://127.0.0.1:8080/', listed)).toBeNull();
    expect(refusal('http://[::1]:8080/', listed)).toBeNull();
    expect(refusal('http://10.0.0.1/', listed)?.reason).toBe('private-address');
  });

  it('refuses user info (user:password@) without echoing it, whatever the host', () => {
    for (const url of [
      'http://alice:s3cr3t-pw@hooks.example.com/x',
      'https://alice:s3cr3t-pw@8.8.8.8/x',
      'http://s3cr3t-token@hooks.example.com/x',
      'http://:s3cr3t-pw@hooks.example.com/x',
    ]) {
      for (const policy of [DEFAULT, { allowPrivate: true, allowedHosts: ['hooks.example.com'] }]) {
        const error = refusal(url, policy);
        expect(error?.reason).toBe('credentials');
        expect(error?.message).toMatch(/^webhook_url must not carry credentials/);
        expect(error?.message).not.toMatch(/s3cr3t|alice|hooks\.example|8\.8/);
      }
    }
  });

  it('refuses what is not an http(s) URL, without echoing it', () => {
    for (const url of ['ftp://example.com/x', 'not a url', 'file:///etc/passwd']) {
      const error = refusal(url);
      expect(error?.reason).toBe('invalid-url');
      expect(error?.message).toBe('webhook_url must be an http or https URL');
    }
  });

  it('never puts the path or query (tokens) in a message', () => {
    expect(refusal('http://10.1.2.3/hooks/tok-SECRET123?k=SECRET456')?.message).not.toMatch(
      /SECRET/,
    );
  });
});

describe('hostMatches / privateAddressesAllowed', () => {
  it('matches exact hosts and *. subdomains, case-insensitively, IPv6 with or without brackets', () => {
    const list = ['hooks.example.com', '*.corp.example', '::1'];
    expect(hostMatches('HOOKS.example.com', list)).toBe(true);
    expect(hostMatches('ci.corp.example', list)).toBe(true);
    expect(hostMatches('corp.example', list)).toBe(false);
    expect(hostMatches('evilcorp.example', list)).toBe(false);
    expect(hostMatches('[::1]', list)).toBe(true);
    expect(
      privateAddressesAllowed('ci.corp.example', { allowPrivate: false, allowedHosts: list }),
    ).toBe(true);
    expect(
      privateAddressesAllowed('other.example', { allowPrivate: false, allowedHosts: list }),
    ).toBe(false);
    expect(privateAddressesAllowed('other.example', { allowPrivate: true, allowedHosts: [] })).toBe(
      true,
    );
  });
});
