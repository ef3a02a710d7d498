/** What replaces a secret in a log line. */
export const REDACTED = '[redacted]';

/** Field names whose values never reach a log line (matched at any of the first two levels). */
const SECRET_FIELDS = [
  'api_key',
  'apiKey',
  'apiKeys',
  'authorization',
  'password',
  'secret',
  'token',
];

/**
 * pino `redact` paths: request/response headers carrying credentials, and secret-named fields at
 * the top level of a line or one level down (e.g. `{ body: { apiKey } }`).
 */
export const REDACT_PATHS: string[] = [
  'req.headers["x-api-key"]',
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((f) => `*.${f}`),
];

/** Query parameters whose values are replaced in logged URLs. */
const SECRET_PARAM = /^(api[-_]?key|apikey|key|token|access[-_]?token|password|secret|signature)$/i;

/**
 * A URL fit for a log line: the password of `scheme://user:pass@host` and the values of
 * secret-looking query parameters (`?api_key=…`) become `[redacted]`. Works on absolute URLs and
 * on request paths (`/api/x?api_key=…`); anything unparsable is cut at the `?`.
 */
export function redactUrl(url: string): string {
  // Neither a query nor user info: nothing to redact (most request paths), no parsing.
  if (!url.includes('?') && !url.includes('@')) return url;
  const relative = url.startsWith('/');
  let parsed: URL;
  try {
    parsed = new URL(url, relative ? 'http://relative.invalid' : undefined);
  } catch {
    return url.split('?')[0].replace(/\/\/[^/@]*@/, `//${REDACTED}@`);
  }
  if (parsed.password) parsed.password = REDACTED;
  for (const name of [...parsed.searchParams.keys()]) {
    if (SECRET_PARAM.test(name)) parsed.searchParams.set(name, REDACTED);
  }
  const text = parsed.toString().replaceAll(encodeURIComponent(REDACTED), REDACTED);
  return relative ? text.slice('http://relative.invalid'.length) : text;
}

/** `scheme://user:password@` anywhere in a text. */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s@/]+@/gi;

/** A message fit for a log line: passwords inside URLs (`postgres://user:pass@host`) are replaced. */
export function redactText(text: string): string {
  return text.replace(URL_CREDENTIALS, `$1${REDACTED}@`);
}
