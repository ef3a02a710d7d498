/** Longest ticker accepted by the Yahoo-style grammar. */
export const TICKER_MAX_LENGTH = 20;

/**
 * Yahoo-style tickers, upper case: `AAPL`, `BRK-B`, `7203.T`, `^N225`, `EURUSD=X`, `GC=F`,
 * `BTC-USD`, `M&M.NS`. An optional leading `^` (index), then a letter or digit, then letters,
 * digits and `. - = &`. Never a space, a control character, a slash or a backslash.
 * Returns why `symbol` breaks the grammar, or null.
 */
export function tickerProblem(symbol: string): string | null {
  if (symbol.length === 0) return 'symbol is empty';
  if (symbol.length > TICKER_MAX_LENGTH) {
    return `symbol is longer than ${TICKER_MAX_LENGTH} characters`;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(symbol)) return 'symbol contains a control character';
  if (/\s/.test(symbol)) return 'symbol contains white space';
  if (/[/\\]/.test(symbol)) return 'symbol contains a path separator';
  if (/[a-z]/.test(symbol)) return 'symbol must be upper case';
  if (!/^\^?[A-Z0-9][A-Z0-9.=&-]*$/.test(symbol)) {
    return 'symbol may hold A-Z, 0-9 and . - = & (an index may start with ^)';
  }
  return null;
}
