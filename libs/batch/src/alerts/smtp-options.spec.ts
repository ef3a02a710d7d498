import { smtpEndpoint, smtpTransportOptions } from './smtp-options';

describe('smtpTransportOptions', () => {
  it('smtp: plain with STARTTLS when offered, port 587 by default, decoded credentials', () => {
    expect(
      smtpTransportOptions('smtp://alerts%40example.com:p%40ss@mail.example.com', 5000),
    ).toEqual({
      host: 'mail.example.com',
      port: 587,
      secure: false,
      auth: { user: 'alerts@example.com', pass: 'p@ss' },
      connectionTimeout: 5000,
      greetingTimeout: 5000,
      socketTimeout: 15000,
      logger: false,
      debug: false,
    });
  });

  it('smtps: TLS from the first byte, port 465 by default; query options', () => {
    const o = smtpTransportOptions(
      'smtps://u:p@[::1]?tls.rejectUnauthorized=false&tls.servername=mail.internal',
      1000,
    );
    expect(o).toMatchObject({
      host: '::1',
      port: 465,
      secure: true,
      tls: { rejectUnauthorized: false, servername: 'mail.internal' },
    });
    expect(smtpTransportOptions('smtp://relay:25?requireTLS=true', 1000)).toMatchObject({
      port: 25,
      secure: false,
      requireTLS: true,
    });
    expect(smtpTransportOptions('smtp://relay:25', 1000).auth).toBeUndefined();
  });

  it('names the server without the credentials', () => {
    expect(smtpEndpoint('smtps://user:secret@mail.example.com:465')).toBe(
      'smtps://mail.example.com:465',
    );
  });
});
