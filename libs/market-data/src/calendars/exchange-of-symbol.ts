import type { Exchange } from './trading-calendar';

/**
 * Names a symbol registry (or a listing) may give an exchange, upper case, by calendar: MIC codes,
 * Yahoo's exchange codes and plain names. Every US equity venue follows NYSE's holidays.
 */
export const EXCHANGE_ALIASES: Readonly<Record<Exchange, readonly string[]>> = {
  TSE: ['TSE', 'XTKS', 'JPX', 'TYO', 'TOKYO'],
  NYSE: [
    'NYSE',
    'XNYS',
    'NYQ',
    'NASDAQ',
    'XNAS',
    'NMS',
    'NGM',
    'NCM',
    'NYSE ARCA',
    'NYSEARCA',
    'ARCX',
    'PCX',
    'NYSE AMERICAN',
    'AMEX',
    'XASE',
    'ASE',
    'BATS',
    'CBOE',
    'US',
  ],
  LSE: ['LSE', 'XLON', 'LON'],
  XETRA: ['XETRA', 'XETR', 'GER', 'ETR'],
  CRYPTO: ['CRYPTO', 'CCC', 'BINANCE', 'BYBIT'],
};

const BY_ALIAS = new Map<string, Exchange>(
  Object.entries(EXCHANGE_ALIASES).flatMap(([exchange, aliases]) =>
    aliases.map((alias) => [alias, exchange as Exchange] as const),
  ),
);

/**
 * Providers whose every symbol trades every day: the crypto-futures venues, and `synthetic`,
 * which makes a candle for every day whatever the symbol.
 */
export const EVERY_DAY_PROVIDERS: readonly string[] = ['binance', 'bybit', 'synthetic'];

/** Yahoo's crypto pairs: `BTC-USD`, `ETH-EUR`, `SOL-USDT`. */
const CRYPTO_PAIR = /^[A-Z0-9]{2,15}-(USD|USDT|USDC|EUR|GBP|JPY|BTC|ETH)$/;
/** A US ticker as Yahoo writes it: 1-5 letters, maybe a class (`BRK-B`, `BF.B`). */
const US_TICKER = /^[A-Z]{1,5}([.-][A-Z]{1,2})?$/;

/** The calendar a registry's exchange name stands for (any case), or null when unknown. */
export function exchangeOfName(name: string | null | undefined): Exchange | null {
  if (name === null || name === undefined) return null;
  return BY_ALIAS.get(name.trim().toUpperCase().replace(/\s+/g, ' ')) ?? null;
}

/**
 * The exchange whose calendar a symbol's daily candles follow, or null when none of ours fits
 * (indices such as `^N225`, FX `EURUSD=X`, futures `GC=F`, other exchanges' suffixes).
 * In order: the registry's exchange when it names one we know (see EXCHANGE_ALIASES); CRYPTO for
 * the EVERY_DAY_PROVIDERS; else the symbol's form: `.T` TSE, `.L` LSE, `.DE` XETRA, a Yahoo crypto
 * pair (`BTC-USD`) CRYPTO, a plain US ticker (`AAPL`, `BRK-B`) NYSE.
 */
export function exchangeOfSymbol(
  symbol: string,
  provider?: string | null,
  registryExchange?: string | null,
): Exchange | null {
  const registered = exchangeOfName(registryExchange);
  if (registered !== null) return registered;
  if (provider && EVERY_DAY_PROVIDERS.includes(provider.toLowerCase())) return 'CRYPTO';
  const s = symbol.trim().toUpperCase();
  if (s.endsWith('.T')) return 'TSE';
  if (s.endsWith('.L')) return 'LSE';
  if (s.endsWith('.DE')) return 'XETRA';
  if (CRYPTO_PAIR.test(s)) return 'CRYPTO';
  if (US_TICKER.test(s)) return 'NYSE';
  return null;
}
