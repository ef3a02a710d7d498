import { sql, Stack, startStack, TEST_API_KEY } from '../support/stack';
import { createMigratedDatabase, dropDatabase, queuePrefix } from '../support/test-env';

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1); // a Monday

describe('candle routes (API process, real PostgreSQL)', () => {
  let db: string;
  let stack: Stack;
  let base: string;
  const get = async (path: string, key: string | null = TEST_API_KEY) =>
    fetch(`${base}${path}`, { headers: key ? { 'x-api-key': key } : {} });

  beforeAll(async () => {
    db = await createMigratedDatabase();
    // 100 daily candles of CAND (day 40-49 missing), values from the day number.
    await sql(
      db,
      `INSERT INTO ohlcv_data (source, symbol, interval, ts, open, high, low, close, adj_close, volume)
       SELECT 'yahoo', 'CAND', '1d', $1::timestamptz + d * interval '1 day', 100 + d, 102 + d, 99 + d, 101 + d, 101 + d, 1000 + d
       FROM generate_series(0, 99) d WHERE d NOT BETWEEN 40 AND 49`,
      [new Date(START)],
    );
    stack = await startStack({ DATABASE_URL: db, QUEUE_PREFIX: queuePrefix() }, { workers: 0 });
    base = stack.base;
  });
  afterAll(async () => {
    await stack?.stop();
    await dropDatabase(db);
  });

  it('a symbol a provider stores (yahoo M&M.NS) is read back by every route, in any case', async () => {
    const ts = new Date(START);
    await sql(
      db,
      `INSERT INTO ohlcv_data (source, symbol, interval, ts, open, high, low, close, adj_close, volume)
       VALUES ('yahoo', 'M&M.NS', '1d', $1, 1, 2, 0.5, 1.5, 1.5, 10)`,
      [ts],
    );
    await sql(
      db,
      `INSERT INTO funding_rate_data (source, symbol, ts, funding_rate, mark_price) VALUES ('yahoo', 'M&M.NS', $1, 0.0001, 10)`,
      [ts],
    );
    await sql(
      db,
      `INSERT INTO open_interest_data (source, symbol, interval, ts, open_interest, open_interest_value)
       VALUES ('yahoo', 'M&M.NS', '1d', $1, 5, 50)`,
      [ts],
    );
    for (const path of ['ohlcv', 'funding-rates', 'open-interest']) {
      for (const symbol of ['M%26M.NS', 'm%26m.ns']) {
        const res = await get(`/api/${path}/${symbol}?interval=1d`);
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
        const body = (await res.json()) as { symbol: string; count: number };
        expect(body).toMatchObject({ symbol: 'M&M.NS', count: 1 });
      }
      const csv = await get(`/api/${path}/M%26M.NS?interval=1d&format=csv`);
      expect(csv.status).toBe(200);
      expect((await csv.text()).trim().split('\n')).toHaveLength(2);
    }
    const coverage = await get('/api/symbols/M%26M.NS/coverage');
    expect(coverage.status).toBe(200);
    expect(await coverage.json()).toMatchObject({ symbol: 'M&M.NS', intervals: [{ candles: 1 }] });
    // Refused before upper-casing: the dotless ı would read as I.
    const dotless = await get(`/api/ohlcv/${encodeURIComponent('ı')}`);
    expect(dotless.status).toBe(400);
    expect(await dotless.json()).toMatchObject({
      error: { code: 'INVALID_SYMBOL', message: expect.stringContaining('"ı"') },
    });
  });

  it('reads the only source holding a symbol, or the one named (any case); another is empty', async () => {
    const page = async (path: string) =>
      (await (await get(path)).json()) as { source: string | null; count: number };
    expect(await page('/api/ohlcv/CAND?interval=1d&limit=5')).toMatchObject({
      source: 'yahoo',
      count: 5,
    });
    expect(await page('/api/ohlcv/CAND?interval=1d&limit=5&source=YAHOO')).toMatchObject({
      source: 'yahoo',
      count: 5,
    });
    expect(await page('/api/ohlcv/CAND?interval=1d&source=binance')).toMatchObject({
      source: 'binance',
      count: 0,
    });
    // No source holds it: an empty page, as for any symbol without rows.
    expect(await page('/api/ohlcv/NOWHERE?interval=1d')).toMatchObject({ source: null, count: 0 });
    const csv = await get('/api/ohlcv/CAND?interval=1d&format=csv&limit=1&source=yahoo');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="CAND-yahoo-1d.csv"');
  });

  it('pages with the cursor return every candle once, in order', async () => {
    const seen: string[] = [];
    let cursor = '';
    for (let i = 0; i < 20; i += 1) {
      const res = await get(
        `/api/ohlcv/cand?interval=1d&limit=25${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        items: { ts: string }[];
        next_cursor: string | null;
        symbol: string;
      };
      expect(body.symbol).toBe('CAND');
      seen.push(...body.items.map((c) => c.ts));
      if (!body.next_cursor) break;
      cursor = encodeURIComponent(body.next_cursor);
    }
    expect(seen).toHaveLength(90);
    expect(new Set(seen).size).toBe(90);
    expect(seen).toEqual([...seen].sort());
    expect(seen[0]).toBe(new Date(START).toISOString());
  });

  it('resamples to weeks (first open, max high, min low, last close, sum volume)', async () => {
    const res = await get(`/api/ohlcv/CAND?interval=1d&bucket=1wk&from=2024-01-01&to=2024-01-15`);
    const body = (await res.json()) as { items: Record<string, number | string>[] };
    expect(body.items).toEqual([
      {
        ts: '2024-01-01T00:00:00.000Z',
        open: 100,
        high: 108,
        low: 99,
        close: 107,
        adj_close: 107,
        volume: 7021,
      },
      {
        ts: '2024-01-08T00:00:00.000Z',
        open: 107,
        high: 115,
        low: 106,
        close: 114,
        adj_close: 114,
        volume: 7070,
      },
    ]);
  });

  it('streams CSV of the whole range', async () => {
    const res = await get(`/api/ohlcv/CAND?interval=1d&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text()).trim().split('\n');
    expect(lines[0]).toBe('ts,open,high,low,close,adj_close,volume');
    expect(lines).toHaveLength(91);
    expect(lines[1]).toBe('2024-01-01T00:00:00.000Z,100,102,99,101,101,1000');
  });

  it('funding rates and open interest: JSON pages and CSV', async () => {
    await sql(
      db,
      `INSERT INTO funding_rate_data (source, symbol, ts, funding_rate, mark_price) VALUES
         ('binance', 'PERP', '2024-01-01T00:00:00Z', 0.0001, 42000), ('binance', 'PERP', '2024-01-01T08:00:00Z', -0.0002, NULL)`,
    );
    await sql(
      db,
      `INSERT INTO open_interest_data (source, symbol, interval, ts, open_interest, open_interest_value)
       VALUES ('binance', 'PERP', '1h', '2024-01-01T00:00:00Z', 1500, 63000000)`,
    );
    const funding = (await (await get('/api/funding-rates/PERP?limit=1')).json()) as Record<
      string,
      unknown
    >;
    expect(funding).toEqual({
      success: true,
      source: 'binance',
      symbol: 'PERP',
      count: 1,
      items: [{ ts: '2024-01-01T00:00:00.000Z', funding_rate: 0.0001, mark_price: 42000 }],
      next_cursor: '2024-01-01T00:00:00.000Z',
    });
    const csv = await (await get('/api/funding-rates/PERP?format=csv')).text();
    expect(csv).toBe(
      'ts,funding_rate,mark_price\n2024-01-01T00:00:00.000Z,0.0001,42000\n2024-01-01T08:00:00.000Z,-0.0002,\n',
    );
    const oi = (await (await get('/api/open-interest/PERP?interval=1h')).json()) as Record<
      string,
      unknown
    >;
    expect(oi).toMatchObject({
      source: 'binance',
      symbol: 'PERP',
      interval: '1h',
      items: [
        { ts: '2024-01-01T00:00:00.000Z', open_interest: 1500, open_interest_value: 63000000 },
      ],
      next_cursor: null,
    });
  });

  it('coverage shows first, last, count and the gap', async () => {
    const body = (await (await get('/api/symbols/CAND/coverage')).json()) as {
      source: string;
      intervals: {
        interval: string;
        first: string;
        last: string;
        candles: number;
        gaps: unknown[];
      }[];
    };
    expect(body.source).toBe('yahoo');
    expect(body.intervals).toEqual([
      {
        interval: '1d',
        first: '2024-01-01T00:00:00.000Z',
        last: new Date(START + 99 * DAY).toISOString(),
        candles: 90,
        gaps: [
          {
            after: new Date(START + 39 * DAY).toISOString(),
            before: new Date(START + 50 * DAY).toISOString(),
            missing_ms: 11 * DAY,
          },
        ],
      },
    ]);
  });

  it('bad queries get a 400 naming the problem; no key gets 401', async () => {
    const problem = async (path: string) => {
      const res = await get(path);
      const body = (await res.json()) as {
        error: { message: string; details?: { messages?: string[] } };
      };
      return {
        status: res.status,
        text: [body.error.message, ...(body.error.details?.messages ?? [])].join(' '),
      };
    };
    expect(await problem('/api/ohlcv/CAND?interval=2h')).toMatchObject({
      status: 400,
      text: expect.stringContaining('interval must be one of'),
    });
    expect(await problem('/api/ohlcv/CAND?interval=1d&bucket=1h')).toMatchObject({
      status: 400,
      text: expect.stringContaining('bucket must be coarser than interval 1d'),
    });
    expect(await problem('/api/ohlcv/CAND?from=2024-02-01&to=2024-01-01')).toMatchObject({
      status: 400,
      text: expect.stringContaining('from must be before to'),
    });
    for (const path of ['ohlcv', 'funding-rates', 'open-interest']) {
      const range = await get(`/api/${path}/CAND?from=2024-02-01&to=2024-01-01`);
      expect({ path, status: range.status, body: await range.json() }).toMatchObject({
        path,
        status: 400,
        body: { success: false, error: { code: 'INVALID_RANGE' } },
      });
    }
    expect(await problem('/api/ohlcv/CAND?limit=60000')).toMatchObject({
      status: 400,
      text: expect.stringContaining('limit must be at most 50000'),
    });
    expect(await problem('/api/ohlcv/CAND?foo=1')).toMatchObject({
      status: 400,
      text: expect.stringContaining('foo'),
    });
    expect(await problem('/api/ohlcv/BAD%20SYMBOL')).toMatchObject({
      status: 400,
      text: expect.stringContaining('symbol must be'),
    });
    for (const path of [
      'ohlcv/CAND',
      'funding-rates/PERP',
      'open-interest/PERP',
      'symbols/CAND/coverage',
    ]) {
      expect(await problem(`/api/${path}?source=no%20such`)).toEqual({
        status: 400,
        text: expect.stringContaining('source must be a source name such as binance'),
      });
    }
    expect((await get('/api/ohlcv/CAND', null)).status).toBe(401);
    expect((await get('/metrics', null)).status).toBe(200);
  });
});
