import { lseClosures } from './lse-closures';
import { nyseClosures } from './nyse-closures';
import { SessionCalendar, SessionCalendarRules } from './session-calendar';
import { EXCHANGE_TIMEZONES, Exchange, EXCHANGES, TradingCalendar } from './trading-calendar';
import { tseClosures } from './tse-closures';
import { UnknownExchangeError } from './unknown-exchange.error';
import { xetraClosures } from './xetra-closures';

const RULES: Readonly<Record<Exchange, Omit<SessionCalendarRules, 'exchange' | 'timezone'>>> = {
  TSE: { weekendsClosed: true, holidays: tseClosures },
  NYSE: { weekendsClosed: true, holidays: nyseClosures },
  LSE: { weekendsClosed: true, holidays: lseClosures },
  XETRA: { weekendsClosed: true, holidays: xetraClosures },
  CRYPTO: { weekendsClosed: false, holidays: () => [] },
};

/** One calendar per exchange for the process: their year tables are shared by every caller. */
const CALENDARS = new Map<Exchange, TradingCalendar>();
/** The calendars by the names they were asked by (`tse`, `TSE`), so that a lookup is one get. */
const BY_NAME = new Map<string, TradingCalendar>();

/**
 * The trading calendar of `exchange` (one of EXCHANGES, any case). Throws UnknownExchangeError
 * for any other name.
 */
export function calendarFor(exchange: string): TradingCalendar {
  const named = BY_NAME.get(exchange);
  if (named !== undefined) return named;
  const code = exchange.toUpperCase();
  const known = EXCHANGES.find((e) => e === code);
  if (known === undefined) throw new UnknownExchangeError(exchange);
  let calendar = CALENDARS.get(known);
  if (calendar === undefined) {
    calendar = new SessionCalendar({
      exchange: known,
      timezone: EXCHANGE_TIMEZONES[known],
      ...RULES[known],
    });
    CALENDARS.set(known, calendar);
  }
  if (BY_NAME.size < 100) BY_NAME.set(exchange, calendar);
  return calendar;
}
