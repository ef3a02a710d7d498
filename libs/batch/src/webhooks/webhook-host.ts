/**
 * Whether `url`'s host is one of `allowed` ("hooks.example.com", or "*.example.com" for any
 * subdomain of example.com). An empty list allows every host.
 */
export function webhookHostAllowed(url: string, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return true;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/^\[|\]$/g, '');
  } catch {
    return false;
  }
  return allowed.some((pattern) =>
    pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) : host === pattern,
  );
}
