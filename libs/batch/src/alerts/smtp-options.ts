import type { SMTPTransportOptions } from 'nodemailer/lib/smtp-transport';

/**
 * nodemailer's options from SMTP_URL: `smtp://user:pass@host:port` (plain, upgraded by STARTTLS
 * when the server offers it), `smtps://…` (TLS from the first byte, port 465 by default).
 * Query options: `requireTLS=true` (fail unless STARTTLS works), `ignoreTLS=true`,
 * `tls.rejectUnauthorized=false` (a relay with a self-signed certificate), `tls.servername`.
 * User and password are URL-decoded (`%40` → `@`). Nothing is logged: nodemailer's logger is off.
 */
export function smtpTransportOptions(smtpUrl: string, timeoutMs: number): SMTPTransportOptions {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  if (!secure && url.protocol !== 'smtp:') {
    throw new Error(`SMTP_URL must use smtp: or smtps:, got ${url.protocol}`);
  }
  const options: SMTPTransportOptions = {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs * 3,
    logger: false,
    debug: false,
  };
  if (url.username || url.password) {
    options.auth = {
      user: decodeURIComponent(url.username),
      pass: decodeURIComponent(url.password),
    };
  }
  const flag = (name: string): boolean | undefined => {
    const v = url.searchParams.get(name);
    return v === null ? undefined : v === 'true' || v === '1';
  };
  if (flag('requireTLS') !== undefined) options.requireTLS = flag('requireTLS');
  if (flag('ignoreTLS') !== undefined) options.ignoreTLS = flag('ignoreTLS');
  const rejectUnauthorized = flag('tls.rejectUnauthorized');
  const servername = url.searchParams.get('tls.servername');
  if (rejectUnauthorized !== undefined || servername) {
    options.tls = {
      ...(rejectUnauthorized !== undefined ? { rejectUnauthorized } : {}),
      ...(servername ? { servername } : {}),
    };
  }
  return options;
}

/** Where the server is, for logs and errors: host and port, never the user or password. */
export function smtpEndpoint(smtpUrl: string): string {
  try {
    const url = new URL(smtpUrl);
    return `${url.protocol}//${url.host}`;
  } catch {
    return '<invalid SMTP_URL>';
  }
}
