import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJpxListing } from '@app/market-data';
import { FakeProviderServer } from '../support/fake-provider-server';
import { api, sql, Stack, startStack, waitFor, waitForStatus } from '../support/stack';
import { createMigratedDatabase, dropDatabase, queuePrefix, REPO_ROOT } from '../support/test-env';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'universe');
const MAY = 'jpx/data_j-20250530.xls';
const SEP = 'jpx/data_j-20250930.xls';
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The active TSE Prime stocks of the September file, as its reader finds them. */
const PRIME_SEP = parseJpxListing(readFileSync(join(FIXTURES, SEP)))
  .instruments.filter((i) => i.marketSegment === 'Prime')
  .map((i) => i.symbol)
  .sort(byCode);

describe('the instrument universe: sync route, registry, batches over a universe, schedules (API + worker)', () => {
  let db: string;
  let stack: Stack;
  let fake: FakeProviderServer;

  /** Every registry row and sync record, hashed: equal means nothing changed. */
  const snapshot = async (): Promise<string> => {
    const [row] = await sql<{ s: string; n: string }>(
      db,
      `SELECT md5(coalesce(string_agg(s::text, E'\\n' ORDER BY s::text), '')) AS s,
              (SELECT count(*) FROM universe_syncs) AS n FROM symbols s`,
    );
    return `${row.s}/${row.n}`;
  };
  const serveJpx = (fixture: string) => fake.route('/data_j.xls', { fixture });

  beforeAll(async () => {
    db = await createMigratedDatabase();
    fake = await FakeProviderServer.start({ fixturesDir: FIXTURES });
    stack = await startStack({
      DATABASE_URL: db,
      QUEUE_PREFIX: queuePrefix(),
      JPX_LISTING_URL: `${fake.url}/data_j.xls`,
      BINANCE_BASE_URL: fake.url,
      // A yahoo batch of this test is stopped at once; any job that runs meets a 404 here.
      YAHOO_BASE_URL: fake.url,
      SCHEDULE_MIN_INTERVAL_S: '1',
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await fake?.close();
    await dropDatabase(db);
  });

  it('before any sync: an empty registry, and a universe batch is refused naming the filter', async () => {
    const list = await api(stack.base, 'GET', '/api/symbols');
    expect(list).toMatchObject({ status: 200, body: { success: true, items: [], total: 0 } });
    const refused = await api(stack.base, 'POST', '/api/bulk/start', {
      universe: { exchange: 'TSE', market_segment: ['Prime'] },
      interval: '1d',
      provider: 'yahoo',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({
      code: 'INVALID_BATCH',
      message:
        'universe {"exchange":"TSE","market_segment":["Prime"]} selects no active symbol of provider yahoo',
      details: { field: 'universe' },
    });
    const all = await api(stack.base, 'POST', '/api/bulk/start', {
      universe: 'all',
      interval: '1d',
    });
    expect(all.body.error).toMatchObject({
      code: 'INVALID_BATCH',
      message: expect.stringContaining('universe "all" is empty'),
    });
  });

  it('POST /api/universe/sync: the May listing adds 4,409; the September one adds 47 and delists 53', async () => {
    serveJpx(MAY);
    const first = await api(stack.base, 'POST', '/api/universe/sync', { source: 'jpx' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      success: true,
      source: 'jpx',
      as_of: '2025-05-30',
      added: 4409,
      updated: 0,
      delisted: 0,
      relisted: 0,
      unchanged: 0,
      active: 4409,
      symbols_truncated: true,
    });
    serveJpx(SEP);
    const second = await api(stack.base, 'POST', '/api/universe/sync', { source: 'jpx' });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({
      as_of: '2025-09-30',
      added: 47,
      delisted: 53,
      relisted: 0,
      active: 4403,
      symbols_truncated: false,
    });
    expect(second.body.added_symbols).toHaveLength(47);
    expect((second.body.added_symbols as string[]).slice(0, 3)).toEqual([
      '362A.T',
      '364A.T',
      '365A.T',
    ]);
    expect(second.body.delisted_symbols).toHaveLength(53);
    expect(second.body.updated_symbols).toEqual(expect.arrayContaining(['2331.T', '3446.T']));
    expect(fake.requestsTo('/data_j.xls')).toHaveLength(2);
  });

  it('the same listing again changes nothing; an older one is 409; an unreadable one is 502/422 and changes nothing', async () => {
    const before = await snapshot();
    const again = await api(stack.base, 'POST', '/api/universe/sync', { source: 'jpx' });
    expect(again.body).toMatchObject({ added: 0, updated: 0, delisted: 0, relisted: 0 });
    expect(again.body).toMatchObject({ unchanged: 4403, active: 4403 });
    expect(await snapshot()).toBe(before);

    serveJpx(MAY);
    const older = await api(stack.base, 'POST', '/api/universe/sync', { source: 'jpx' });
    expect(older.status).toBe(409);
    expect(older.body.error).toMatchObject({
      code: 'LISTING_OUTDATED',
      details: { as_of: '2025-05-30', last_as_of: '2025-09-30' },
    });

    const sep = readFileSync(join(FIXTURES, SEP));
    const faults: [string, Parameters<FakeProviderServer['route']>[1], number, string][] = [
      ['a 404', { status: 404, body: 'Not Found' }, 502, 'LISTING_NOT_FOUND'],
      ['a 503', { status: 503, body: 'busy' }, 502, 'LISTING_UNREACHABLE'],
      [
        'an HTML page instead of the file',
        {
          headers: { 'content-type': 'text/html' },
          body: '<!DOCTYPE html><html><head><title>日本取引所グループ</title></head><body></body></html>',
        },
        422,
        'LISTING_NOT_A_LISTING',
      ],
      [
        'a truncated file',
        {
          bytes: sep.subarray(0, 200_000),
          headers: { 'content-type': 'application/vnd.ms-excel' },
        },
        422,
        'LISTING_CORRUPT',
      ],
    ];
    const answers: [string, number, string][] = [];
    for (const [what, reply] of faults) {
      fake.route('/data_j.xls', reply);
      const res = await api(stack.base, 'POST', '/api/universe/sync', { source: 'jpx' });
      answers.push([what, res.status, (res.body.error as { code: string }).code]);
      expect((res.body.error as { message: string }).message).toMatch(
        /^jpx listing: .*nothing changed$/,
      );
    }
    expect(answers).toEqual(faults.map(([what, , status, code]) => [what, status, code]));
    expect(await snapshot()).toBe(before);
  });

  it('GET /api/symbols filters, searches and pages the registry', async () => {
    const prime = await api(
      stack.base,
      'GET',
      '/api/symbols?exchange=TSE&market_segment=Prime&active=true&page_size=2',
    );
    expect(prime.body).toMatchObject({
      success: true,
      total: PRIME_SEP.length,
      page: 1,
      page_size: 2,
    });
    expect(prime.body.items).toEqual([
      expect.objectContaining({
        provider: 'yahoo',
        symbol: PRIME_SEP[0],
        exchange: 'TSE',
        market_segment: 'Prime',
        asset_class: 'equity',
        currency: 'JPY',
        active: true,
        listing_source: 'jpx',
        delisted_date: null,
      }),
      expect.objectContaining({ symbol: PRIME_SEP[1] }),
    ]);
    const gone = await api(stack.base, 'GET', '/api/symbols?active=false&page_size=100');
    expect(gone.body.total).toBe(53);
    expect(
      (gone.body.items as { delisted_date: string }[]).every(
        (i) => i.delisted_date === '2025-09-30',
      ),
    ).toBe(true);
    const alsok = await api(stack.base, 'GET', '/api/symbols?q=alsok');
    expect((alsok.body.items as { symbol: string }[]).map((i) => i.symbol)).toEqual(['2331.T']);
    const etfs = await api(
      stack.base,
      'GET',
      '/api/symbols?asset_class=etf,reit&provider=yahoo&active=true',
    );
    expect(etfs.body.total).toBe(402 + 63);
    for (const [query, message] of [
      ['active=maybe', 'active must be true or false'],
      ['page_size=501', 'page_size must be at most 500'],
      ['provider=nasdaq', 'provider must be one of'],
      ['sector=x', 'property sector should not exist'],
    ]) {
      const bad = await api(stack.base, 'GET', `/api/symbols?${query}`);
      expect([bad.status, (bad.body.error as { message: string }).message]).toEqual([
        400,
        expect.stringContaining(message),
      ]);
    }
  });

  it('universe {exchange: "TSE", market_segment: ["Prime"]} starts a batch over exactly the active Prime stocks', async () => {
    const start = await api(stack.base, 'POST', '/api/bulk/start', {
      universe: { exchange: 'TSE', market_segment: ['Prime'] },
      interval: '1d',
      provider: 'yahoo',
    });
    expect(start.status).toBe(202);
    const id = start.body.batch_db_id as number;
    expect((await api(stack.base, 'POST', `/api/bulk/stop/${id}`)).status).toBe(200);
    expect(start.body.total_symbols).toBe(PRIME_SEP.length);
    const batch = await api(stack.base, 'GET', `/api/batches/${id}`);
    expect(batch.body).toMatchObject({ batch_type: 'universe', provider: 'yahoo' });
    const params = batch.body.params as { universe: unknown; universe_symbols: string[] };
    expect(params.universe).toEqual({ exchange: 'TSE', market_segment: ['Prime'] });
    expect(params.universe_symbols).toEqual(PRIME_SEP);
    const details = await sql<{ s: string }>(
      db,
      `SELECT stock_code AS s FROM batch_execution_details WHERE batch_execution_id = $1`,
      [id],
    );
    expect(details.map((d) => d.s).sort(byCode)).toEqual(PRIME_SEP);
    // The history list shows the count, not the 1,615 symbols.
    const history = await api(stack.base, 'GET', '/api/batches?type=universe');
    expect((history.body.items as { params: Record<string, unknown> }[])[0].params).toMatchObject({
      universe_count: PRIME_SEP.length,
    });
    expect(JSON.stringify(history.body)).not.toContain('universe_symbols');

    const all = await api(stack.base, 'POST', '/api/bulk/start', {
      universe: 'all',
      interval: '1d',
      provider: 'yahoo',
    });
    expect(all.body.total_symbols).toBe(4403);
    await api(stack.base, 'POST', `/api/bulk/stop/${all.body.batch_db_id as number}`);
  });

  it('a universe of the registry rows of another provider runs on the batch provider, first N by code', async () => {
    const start = await api(stack.base, 'POST', '/api/bulk/start', {
      universe: { provider: 'yahoo', exchange: 'TSE', market_segment: ['Prime'], limit: 5 },
      interval: '1d',
      provider: 'synthetic',
      mode: 'full',
      from: '2024-01-01',
      to: '2024-02-01',
    });
    expect(start.status).toBe(202);
    const done = await waitForStatus(stack.base, start.body.batch_db_id as number, (s) =>
      ['completed', 'completed_with_errors', 'failed'].includes(s.status),
    );
    expect(done).toMatchObject({ status: 'completed', progress: { total: 5, successful: 5 } });
    const batch = await api(stack.base, 'GET', `/api/batches/${done.batch_db_id}`);
    expect((batch.body.params as { universe_symbols: string[] }).universe_symbols).toEqual(
      PRIME_SEP.slice(0, 5),
    );
    const bad = await api(stack.base, 'POST', '/api/bulk/start', {
      universe: { exchange: 'TSE', segment: ['Prime'] },
      interval: '1d',
    });
    expect(bad.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('universe.segment is not a filter'),
    });
  });

  it('a schedule with universe_sync syncs on its ticks (last_sync), records a failing listing (last_error), starts no batch', async () => {
    fake.route('/fapi/v1/exchangeInfo', {
      fixture: 'binance/fapi-v1-exchangeInfo-2022-05-04.json',
    });
    const created = await api(stack.base, 'POST', '/api/schedules', {
      name: 'binance universe',
      cron: '* * * * * *',
      universe_sync: { source: 'binance' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      batch: null,
      universe_sync: { source: 'binance' },
      last_sync: null,
    });
    const id = created.body.id as number;
    const synced = await waitFor(
      'the schedule synced',
      async () => {
        const s = await api(stack.base, 'GET', `/api/schedules/${id}`);
        return s.body.last_sync ? s.body : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expect(synced).toMatchObject({
      last_error: null,
      last_sync: { source: 'binance', as_of: '2022-05-04', added: 152, active: 152 },
    });
    expect((await api(stack.base, 'GET', '/api/symbols?provider=binance')).body.total).toBe(152);

    fake.route('/fapi/v1/exchangeInfo', { status: 404, body: 'gone' });
    const failed = await waitFor(
      'the schedule recorded the failing listing',
      async () => {
        const s = await api(stack.base, 'GET', `/api/schedules/${id}`);
        return typeof s.body.last_error === 'string' ? s.body : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expect(failed.last_error).toMatch(/^binance listing: /);
    expect(failed.last_sync).toMatchObject({ as_of: '2022-05-04' });
    expect((await api(stack.base, 'DELETE', `/api/schedules/${id}`)).status).toBe(204);
    expect((await api(stack.base, 'GET', `/api/batches?schedule_id=${id}`)).body.total).toBe(0);
  });

  it('refuses bad sync requests and schedules with a 400 naming the problem', async () => {
    const cases: [string, unknown, string][] = [
      ['/api/universe/sync', { source: 'csv' }, 'source must be one of jpx, binance, bybit'],
      ['/api/universe/sync', {}, 'source is required'],
      [
        '/api/universe/sync',
        { source: 'jpx', file: '/etc/passwd' },
        'property file should not exist',
      ],
      [
        '/api/schedules',
        { cron: '0 7 * * 1-5', timezone: 'Asia/Tokyo' },
        'batch is required (the body of POST /api/bulk/start), unless universe_sync is given',
      ],
      [
        '/api/schedules',
        {
          cron: '0 7 * * 1-5',
          batch: { symbols: ['AAPL'], interval: '1d' },
          universe_sync: { source: 'jpx' },
        },
        'a schedule holds one of batch, universe_sync or backfill, exactly one of them',
      ],
      [
        '/api/schedules',
        { cron: '0 7 * * 1-5', universe_sync: { source: 'csv' } },
        'universe_sync.source must be one of jpx, binance, bybit',
      ],
    ];
    for (const [path, body, message] of cases) {
      const res = await api(stack.base, 'POST', path, body);
      expect([path, res.status, (res.body.error as { message: string }).message]).toEqual([
        path,
        400,
        expect.stringContaining(message),
      ]);
    }
    expect((await api(stack.base, 'GET', '/api/schedules')).body.total).toBe(0);
  });
});
