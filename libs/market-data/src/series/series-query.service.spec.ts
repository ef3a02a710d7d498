import type { OhlcvQueryRepository, RangeQuery, StoredSeriesKind } from '@app/persistence';
import { SeriesQueryError } from './series-query.error';
import { SeriesQuery, SeriesQueryService } from './series-query.service';

/** Sources per stored series, and what was read; the repository's SQL is tested against PostgreSQL. */
function service(held: Record<string, string[]>) {
  const asked: string[] = [];
  const read: RangeQuery[] = [];
  const repository = {
    sources: async (kind: StoredSeriesKind, symbol: string, interval?: string) => {
      const key = [kind, symbol, interval].filter(Boolean).join(' ');
      asked.push(key);
      return held[key] ?? [];
    },
    range: async (q: RangeQuery) => {
      read.push(q);
      return [
        { ts: new Date(0), open: 1, high: 2, low: 0.5, close: 1.5, adj_close: null, volume: 3 },
      ];
    },
    fundingRates: async (q: RangeQuery) => {
      read.push(q);
      return [];
    },
  } as unknown as OhlcvQueryRepository;
  return { svc: new SeriesQueryService(repository), asked, read };
}

const candles = (extra: Partial<SeriesQuery> = {}): SeriesQuery => ({
  kind: 'ohlcv',
  symbol: 'BTCUSDT',
  interval: '1h',
  format: 'json',
  ...extra,
});

async function refusal(work: Promise<unknown>): Promise<SeriesQueryError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof SeriesQueryError) return error;
    throw error;
  }
  throw new Error('expected a SeriesQueryError');
}

describe('SeriesQueryService: which source a query reads', () => {
  it('reads the source the query names, without looking for others', async () => {
    const { svc, asked, read } = service({ 'ohlcv BTCUSDT 1h': ['binance', 'bybit'] });
    const page = await svc.page(candles({ source: 'bybit' }));
    expect(page).toMatchObject({ source: 'bybit', symbol: 'BTCUSDT', count: 1 });
    expect(asked).toEqual([]);
    expect(read).toEqual([expect.objectContaining({ source: 'bybit', symbol: 'BTCUSDT' })]);
  });

  it('reads the only source holding the series when none is named', async () => {
    const { svc, read } = service({ 'ohlcv BTCUSDT 1h': ['binance'] });
    expect(await svc.page(candles())).toMatchObject({ source: 'binance', count: 1 });
    expect(read[0].source).toBe('binance');
  });

  it('refuses with AMBIGUOUS_SOURCE naming the candidates when several hold it', async () => {
    const both = ['binance', 'bybit'];
    const { svc, read } = service({ 'ohlcv BTCUSDT 1h': both, 'ohlcv BTCUSDT': both });
    const error = await refusal(svc.page(candles()));
    expect(error).toMatchObject({
      code: 'AMBIGUOUS_SOURCE',
      field: 'source',
      candidates: ['binance', 'bybit'],
    });
    expect(error.message).toBe(
      'BTCUSDT is stored from several sources (binance, bybit): name one with source=',
    );
    // CSV too, before any line is produced.
    expect((await refusal(svc.csv(candles({ format: 'csv' })))).code).toBe('AMBIGUOUS_SOURCE');
    expect((await refusal(svc.coverage('BTCUSDT'))).code).toBe('AMBIGUOUS_SOURCE');
    expect(read).toEqual([]);
  });

  it('answers an empty page (source null) when no source holds the symbol', async () => {
    const { svc, read } = service({});
    expect(await svc.page(candles())).toEqual({
      source: null,
      symbol: 'BTCUSDT',
      interval: '1h',
      bucket: null,
      count: 0,
      items: [],
      next_cursor: null,
    });
    const csv = await svc.csv(candles({ format: 'csv' }));
    const lines: string[] = [];
    for await (const line of csv.lines) lines.push(line);
    expect(csv.filename).toBe('BTCUSDT-1h.csv');
    expect(lines).toEqual(['ts,open,high,low,close,adj_close,volume\n']);
    expect(read).toEqual([]);
  });

  it('scopes the search: candles at the interval, funding by symbol, coverage over intervals', async () => {
    const { svc, asked } = service({
      'funding BTCUSDT': ['binance'],
      'ohlcv BTCUSDT': ['binance', 'bybit'],
    });
    await svc.page(candles({ kind: 'funding' }));
    expect(await svc.page(candles())).toMatchObject({ source: null });
    expect(asked).toEqual(['funding BTCUSDT', 'ohlcv BTCUSDT 1h']);
    const named = await svc.csv(candles({ format: 'csv', source: 'binance' }));
    expect(named.filename).toBe('BTCUSDT-binance-1h.csv');
  });

  it('checks the rules before looking for sources', async () => {
    const { svc, asked } = service({ 'ohlcv BTCUSDT 1h': ['binance', 'bybit'] });
    const bad = candles({ from: '2024-02-01T00:00:00Z', to: '2024-01-01T00:00:00Z' });
    expect((await refusal(svc.page(bad))).code).toBe('INVALID_RANGE');
    expect(asked).toEqual([]);
  });
});
