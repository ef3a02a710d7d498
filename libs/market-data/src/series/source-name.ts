/** Longest source name (a provider name, or the name an import gave its rows). */
export const SOURCE_MAX_LENGTH = 32;

/**
 * The grammar of a series' source, checked on the name as given (before lower-casing, so `İ`
 * never turns into `i`): 1-32 ASCII letters, digits and `_ . -`, a letter or a digit first. Every
 * provider name (`yahoo`, `binance`, …) passes it, and so do the names `import-sqlite --source`
 * gives its rows. Returns why `raw` breaks it, or null.
 */
export function sourceProblem(raw: string): string | null {
  if (raw.length === 0) return 'source is empty';
  if (raw.length > SOURCE_MAX_LENGTH)
    return `source is longer than ${SOURCE_MAX_LENGTH} characters`;
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(raw)) {
    return 'source may hold ASCII letters, digits and _ . - (starting with a letter or a digit)';
  }
  return null;
}

/** `raw` checked against the source grammar, then lower-cased (the stored form). */
export function parseSource(raw: string): { source: string } | { problem: string } {
  const problem = sourceProblem(raw);
  return problem === null ? { source: raw.toLowerCase() } : { problem };
}
