/** One OHLCV candle in our own shape; every provider converts to this. `ts` is the candle's open time (UTC). */
export interface Candle {
  ts: Date;
  open: number;
  high: number;
  low: number;
  close: number;
  adjClose: number | null;
  volume: number;
}
