/**
 * Subjects of alerts: what one alert is about, unique per rule while open. A batch
 * (`batch:42`), a series by source and symbol (`yahoo:7203.T`; symbols never hold ":"), a
 * provider (`provider:yahoo`). The alert's `details` carry the same parts as fields (batch_id;
 * source, symbol; provider), which links and the dashboard use.
 */
export function batchSubject(batchId: number): string {
  return `batch:${batchId}`;
}

/** A series with no known source (a rule over every source of a symbol) is `*:<symbol>`. */
export function seriesSubject(source: string | null, symbol: string): string {
  return `${source ?? '*'}:${symbol}`;
}

export function providerSubject(provider: string): string {
  return `provider:${provider}`;
}

/** The batch id of a `batch:<id>` subject, or null. */
export function batchIdOfSubject(subject: string): number | null {
  const m = /^batch:(\d{1,9})$/.exec(subject);
  return m ? Number(m[1]) : null;
}

/** The (source, symbol) of a series subject, or null. */
export function seriesOfSubject(subject: string): { source: string | null; symbol: string } | null {
  const i = subject.indexOf(':');
  if (i <= 0 || subject.startsWith('batch:') || subject.startsWith('provider:')) return null;
  const source = subject.slice(0, i);
  return { source: source === '*' ? null : source, symbol: subject.slice(i + 1) };
}

/** The provider of a `provider:<name>` subject, or null. */
export function providerOfSubject(subject: string): string | null {
  return subject.startsWith('provider:') ? subject.slice('provider:'.length) : null;
}

/** A link for people: where the dashboard shows what the alert is about. */
export interface AlertLink {
  label: string;
  url: string;
}

/**
 * The dashboard pages of an alert under PUBLIC_URL (none without it): the batch
 * (`/ui/batches/<id>`), the symbol (`/ui/symbols/<symbol>?source=&interval=`) or the batches of
 * a provider, then the alerts page (`/ui/alerts`).
 */
export function alertLinks(
  details: Record<string, unknown>,
  publicUrl: string,
): { subject: AlertLink | null; alerts: AlertLink } | null {
  if (publicUrl === '') return null;
  const base = publicUrl.replace(/\/+$/, '');
  let subject: AlertLink | null = null;
  if (typeof details.batch_id === 'number') {
    subject = {
      label: `Open batch ${details.batch_id}`,
      url: `${base}/ui/batches/${details.batch_id}`,
    };
  } else if (typeof details.symbol === 'string') {
    const query = new URLSearchParams();
    if (typeof details.source === 'string') query.set('source', details.source);
    if (typeof details.interval === 'string') query.set('interval', details.interval);
    const q = query.toString();
    subject = {
      label: `Open ${details.symbol}`,
      url: `${base}/ui/symbols/${encodeURIComponent(details.symbol)}${q ? `?${q}` : ''}`,
    };
  } else if (typeof details.provider === 'string') {
    subject = {
      label: `Batches of ${details.provider}`,
      url: `${base}/ui/batches?provider=${encodeURIComponent(details.provider)}`,
    };
  }
  return { subject, alerts: { label: 'All alerts', url: `${base}/ui/alerts` } };
}
