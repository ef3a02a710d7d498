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

/** Longest symbol any provider accepts (the synthetic provider's 32), so the longest one stored. */
export const SYMBOL_MAX_LENGTH = 32;

/**
 * The grammar every provider's symbols fall within, checked on the symbol *as the client sent it*
 * (before upper-casing, so `ı` or `ß` never turn into `I` or `SS`): 1-32 ASCII characters, a
 * letter, a digit or `^` first, then letters, digits and `. _ = ^ & -`. Every symbol a provider
 * accepts (and so every stored symbol, e.g. yahoo's `M&M.NS`) passes it; the provider's own
 * `symbolProblem` is stricter. Returns why `raw` breaks it, or null.
 */
export function symbolProblem(raw: string): string | null {
  if (raw.length === 0) return 'symbol is empty';
  if (raw.length > SYMBOL_MAX_LENGTH) {
    return `symbol is longer than ${SYMBOL_MAX_LENGTH} characters`;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(raw)) return 'symbol contains a control character';
  if (/[^\u0020-\u007e]/.test(raw)) return 'symbol contains a non-ASCII character';
  if (/\s/.test(raw)) return 'symbol contains white space';
  if (/[/\\]/.test(raw)) return 'symbol contains a path separator';
  if (!/^[A-Za-z0-9^][A-Za-z0-9._=^&-]*$/.test(raw)) {
    return 'symbol may hold letters, digits and . _ = ^ & - (starting with a letter, a digit or ^)';
  }
  return null;
}

/** The stored form of a symbol that passed `symbolProblem`: upper case. */
export function normaliseSymbol(raw: string): string {
  return raw.toUpperCase();
}

/** `raw` checked against the symbol grammar, then normalised; `problem` says why it is refused. */
export function parseSymbol(raw: string): { symbol: string } | { problem: string } {
  const problem = symbolProblem(raw);
  return problem === null ? { symbol: normaliseSymbol(raw) } : { problem };
}
