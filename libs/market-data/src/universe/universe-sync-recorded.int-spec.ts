import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test, TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { AppConfigModule, validateEnvironment } from '@app/common';
import { createMigratedDatabase, dropDatabase, REPO_ROOT } from '../../../../test/support/test-env';
import { parseJpxListing } from './listing';
import { ListingError } from './listing.error';
import { ListingOutdatedError } from './listing-outdated.error';
import { UniverseModule } from './universe.module';
import { UniverseSyncService } from './universe-sync.service';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'universe');
const JPX_MAY = join(FIXTURES, 'jpx', 'data_j-20250530.xls');
const JPX_SEP = join(FIXTURES, 'jpx', 'data_j-20250930.xls');

/** From test/fixtures/universe/README.md ("Changes from 2025-05-30 to 2025-09-30"). */
const ADDED_CODES =
  '362A 364A 365A 366A 367A 368A 369A 370A 371A 372A 373A 374A 375A 376A 378A 379A 380A 381A 382A 383A 385A 386A 387A 389A 392A 393A 394A 395A 396A 398A 399A 401A 402A 403A 404A 405A 407A 408A 409A 410A 411A 412A 413A 419A 424A 425A 8729';
const REMOVED_CODES =
  '1757 193A 2107 2397 260A 2850 3319 3328 3347 3497 3814 3978 4173 4257 4267 4298 4304 4435 4551 5009 5585 5881 6026 6048 6131 6550 6715 6755 6879 6967 7117 7163 7379 7386 7408 7451 7623 7958 8038 8208 8279 8886 8905 9070 9164 9224 9275 9377 9384 9479 9613 9696 9787';
const SEGMENT_CHANGES = '3446 3496 3690 4051 4936 5036 5698 5915 6090 7157 9248 9450';

const symbolsOf = (codes: string) => codes.split(' ').map((c) => `${c}.T`);
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('universe sync of the recorded listings (test/fixtures/universe) over real PostgreSQL', () => {
  let moduleRef: TestingModule;
  let sync: UniverseSyncService;
  let ds: DataSource;
  let url: string;
  let dir: string;

  beforeAll(async () => {
    url = await createMigratedDatabase();
    dir = await mkdtemp(join(tmpdir(), 'mi-listings-'));
    const config = validateEnvironment({ DATABASE_URL: url }, 'cli');
    moduleRef = await Test.createTestingModule({
      imports: [AppConfigModule.forRoot(config), UniverseModule],
    }).compile();
    await moduleRef.init();
    sync = moduleRef.get(UniverseSyncService);
    ds = moduleRef.get(DataSource);
  });

  afterAll(async () => {
    await moduleRef?.close();
    await dropDatabase(url);
    await rm(dir, { recursive: true, force: true });
  });

  async function snapshot(): Promise<string> {
    const [row] = (await ds.query(
      `SELECT md5(coalesce(string_agg(s::text, E'\\n' ORDER BY s::text), '')) AS symbols,
              (SELECT count(*) FROM universe_syncs) AS syncs FROM symbols s`,
    )) as { symbols: string; syncs: string }[];
    return `${row.symbols}/${row.syncs}`;
  }

  async function count(where: string): Promise<number> {
    const [{ n }] = (await ds.query(`SELECT count(*)::int AS n FROM symbols WHERE ${where}`)) as {
      n: number;
    }[];
    return n;
  }

  it('the JPX listing of 2025-05-30 adds its 4,409 instruments (1,630 active Prime stocks)', async () => {
    const result = await sync.sync('jpx', { file: JPX_MAY });
    expect(result).toMatchObject({ source: 'jpx', asOf: '2025-05-30', active: 4409, unchanged: 0 });
    expect(result.added).toHaveLength(4409);
    expect([result.updated, result.delisted, result.relisted]).toEqual([[], [], []]);
    expect(await count(`provider = 'yahoo' AND exchange = 'TSE' AND active`)).toBe(4409);
    expect(await count(`market_segment = 'Prime' AND active`)).toBe(1630);
  });

  it('a listing that cannot be read changes nothing: missing, truncated, HTML instead of the file', async () => {
    const before = await snapshot();
    const truncated = join(dir, 'truncated.xls');
    await writeFile(truncated, (await readFile(JPX_SEP)).subarray(0, 300_000));
    const html = join(dir, 'page.xls');
    await writeFile(
      html,
      '<!DOCTYPE html><html><head><title>JPX</title></head><body>moved</body></html>',
    );
    const empty = join(dir, 'empty.xls');
    await writeFile(empty, '');
    const codes: string[] = [];
    for (const file of [join(dir, 'missing.xls'), truncated, html, empty]) {
      const error = await sync.sync('jpx', { file }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ListingError);
      codes.push((error as ListingError).code);
    }
    expect(codes.slice(0, 3)).toEqual([
      'LISTING_NOT_FOUND',
      'LISTING_CORRUPT',
      'LISTING_NOT_A_LISTING',
    ]);
    expect(await snapshot()).toBe(before);
  });

  it('the listing of 2025-09-30 adds 47 and delists 53: the set differences of the two files', async () => {
    const result = await sync.sync('jpx', { file: JPX_SEP });
    expect(result.asOf).toBe('2025-09-30');
    expect(result.added).toEqual(symbolsOf(ADDED_CODES).sort(byCode));
    expect(result.delisted).toEqual(symbolsOf(REMOVED_CODES).sort(byCode));
    expect(result.relisted).toEqual([]);
    // The same as a diff of what the reader finds in the two files.
    const may = parseJpxListing(await readFile(JPX_MAY)).instruments.map((i) => i.symbol);
    const sep = parseJpxListing(await readFile(JPX_SEP)).instruments.map((i) => i.symbol);
    expect(result.added).toEqual(sep.filter((s) => !may.includes(s)).sort(byCode));
    expect(result.delisted).toEqual(may.filter((s) => !sep.includes(s)).sort(byCode));
    // Updated: every segment change among them (names changed too, e.g. 2331 → ＡＬＳＯＫ).
    expect(result.updated).toEqual(
      expect.arrayContaining([...symbolsOf(SEGMENT_CHANGES), '2331.T']),
    );
    expect(result.added.length + result.updated.length + result.unchanged).toBe(4403);
    expect(result.active).toBe(4403);
    expect(await count(`active`)).toBe(4403);
    expect(await count(`NOT active AND delisted_date = '2025-09-30'`)).toBe(53);
    expect(await count(`market_segment = 'Prime' AND active`)).toBe(1615);
  });

  it('the same listing again changes nothing; the older one is refused and changes nothing', async () => {
    const before = await snapshot();
    const again = await sync.sync('jpx', { file: JPX_SEP });
    expect(again).toMatchObject({ added: [], updated: [], delisted: [], relisted: [] });
    expect(again).toMatchObject({ unchanged: 4403, active: 4403 });
    expect(await snapshot()).toBe(before);
    await expect(sync.sync('jpx', { file: JPX_MAY })).rejects.toThrow(ListingOutdatedError);
    expect(await snapshot()).toBe(before);
  });

  it('Binance: 2022-05-04 then 2024-10-02 adds 199 and delists 27 perpetuals, next to the JPX stocks', async () => {
    const binance = join(FIXTURES, 'binance');
    const first = await sync.sync('binance', {
      file: join(binance, 'fapi-v1-exchangeInfo-2022-05-04.json'),
    });
    expect(first).toMatchObject({ asOf: '2022-05-04', active: 152 });
    const second = await sync.sync('binance', {
      file: join(binance, 'fapi-v1-exchangeInfo-2024-10-02.json'),
    });
    expect(second).toMatchObject({ asOf: '2024-10-02', active: 324 });
    expect([second.added.length, second.delisted.length]).toEqual([199, 27]);
    expect(second.delisted).toEqual(expect.arrayContaining(['FTTUSDT', 'WAVESUSDT', 'LUNAUSDT']));
    expect(await count(`provider = 'binance' AND active`)).toBe(324);
    expect(await count(`provider = 'yahoo' AND active`)).toBe(4403);
  });
});
