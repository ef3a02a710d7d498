import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildXls, type BuiltCell } from '../../../../test/support/xls-builder';
import { ListingError } from './listing.error';
import { parseJpxListing, type Listing } from './listing';

const JPX = path.join(__dirname, '../../../../test/fixtures/universe/jpx');
const MAY_FILE = readFileSync(path.join(JPX, 'data_j-20250530.xls'));
const SEPTEMBER_FILE = readFileSync(path.join(JPX, 'data_j-20250930.xls'));

const HEADER = [
  '日付',
  'コード',
  '銘柄名',
  '市場・商品区分',
  '33業種コード',
  '33業種区分',
  '17業種コード',
  '17業種区分',
  '規模コード',
  '規模区分',
];

// From test/fixtures/universe/README.md, "Changes from 2025-05-30 to 2025-09-30".
const ADDED =
  '362A, 364A, 365A, 366A, 367A, 368A, 369A, 370A, 371A, 372A, 373A, 374A, 375A, 376A, 378A, 379A, 380A, 381A, 382A, 383A, 385A, 386A, 387A, 389A, 392A, 393A, 394A, 395A, 396A, 398A, 399A, 401A, 402A, 403A, 404A, 405A, 407A, 408A, 409A, 410A, 411A, 412A, 413A, 419A, 424A, 425A, 8729';
const REMOVED =
  '1757, 193A, 2107, 2397, 260A, 2850, 3319, 3328, 3347, 3497, 3814, 3978, 4173, 4257, 4267, 4298, 4304, 4435, 4551, 5009, 5585, 5881, 6026, 6048, 6131, 6550, 6715, 6755, 6879, 6967, 7117, 7163, 7379, 7386, 7408, 7451, 7623, 7958, 8038, 8208, 8279, 8886, 8905, 9070, 9164, 9224, 9275, 9377, 9384, 9479, 9613, 9696, 9787';
const codes = (list: string) => list.split(', ').map((code) => `${code}.T`);

function countBy(listing: Listing, key: (i: Listing['instruments'][number]) => string | null) {
  const counts: Record<string, number> = {};
  for (const instrument of listing.instruments) {
    const k = String(key(instrument));
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

function failure(run: () => unknown): ListingError {
  try {
    run();
  } catch (error) {
    if (error instanceof ListingError) return error;
    throw error;
  }
  throw new Error('expected a ListingError');
}

describe('parseJpxListing', () => {
  const may = parseJpxListing(MAY_FILE);
  const september = parseJpxListing(SEPTEMBER_FILE);

  it('reads every row of both files, dated by 日付', () => {
    expect(may.source).toBe('jpx');
    expect(may.asOf).toBe('2025-05-30');
    expect(may.instruments).toHaveLength(4409);
    expect(september.asOf).toBe('2025-09-30');
    expect(september.instruments).toHaveLength(4403);
  });

  it('maps 市場・商品区分 to market segments with the README counts', () => {
    expect(countBy(may, (i) => i.marketSegment)).toEqual({
      Prime: 1630,
      Standard: 1572,
      Growth: 612,
      'ETF/ETN': 385,
      'PRO Market': 141,
      'REIT/Fund': 62,
      'Standard (Foreign)': 2,
      'Growth (Foreign)': 2,
      'Equity Contribution': 2,
      'Prime (Foreign)': 1,
    });
    expect(countBy(september, (i) => i.marketSegment)).toEqual({
      Prime: 1615,
      Standard: 1565,
      Growth: 602,
      'ETF/ETN': 402,
      'PRO Market': 149,
      'REIT/Fund': 63,
      'Standard (Foreign)': 2,
      'Growth (Foreign)': 2,
      'Equity Contribution': 2,
      'Prime (Foreign)': 1,
    });
  });

  it('gives asset classes equity / etf / reit / other', () => {
    expect(countBy(may, (i) => i.assetClass)).toEqual({
      equity: 1630 + 1572 + 612 + 141 + 2 + 2 + 1,
      etf: 385,
      reit: 62,
      other: 2,
    });
    expect(may.instruments.find((i) => i.symbol === '8301.T')).toMatchObject({
      name: '日本銀行　出資証券',
      assetClass: 'other',
      marketSegment: 'Equity Contribution',
    });
  });

  it('finds the added and removed codes of the README between the two files', () => {
    const before = new Set(may.instruments.map((i) => i.symbol));
    const after = new Set(september.instruments.map((i) => i.symbol));
    const added = [...after].filter((s) => !before.has(s)).sort();
    const removed = [...before].filter((s) => !after.has(s)).sort();
    expect(added).toEqual(codes(ADDED).sort());
    expect(removed).toEqual(codes(REMOVED).sort());
    expect(added).toHaveLength(47);
    expect(removed).toHaveLength(53);

    const segmentBefore = new Map(may.instruments.map((i) => [i.symbol, i.marketSegment]));
    const moved = september.instruments.filter(
      (i) => segmentBefore.has(i.symbol) && segmentBefore.get(i.symbol) !== i.marketSegment,
    );
    expect(moved).toHaveLength(12);
  });

  it('writes every instrument as a yahoo symbol <code>.T on TSE in JPY, letters and 5 digits included', () => {
    for (const listing of [may, september]) {
      const odd = listing.instruments.filter(
        (i) =>
          i.provider !== 'yahoo' ||
          i.exchange !== 'TSE' ||
          i.currency !== 'JPY' ||
          i.listedDate !== null ||
          !/^(\d{4}|\d{3}A|\d{5})\.T$/.test(i.symbol),
      );
      expect(odd).toEqual([]);
    }
    expect(may.instruments.find((i) => i.symbol === '130A.T')).toEqual({
      provider: 'yahoo',
      symbol: '130A.T',
      name: 'Ｖｅｒｉｔａｓ　Ｉｎ　Ｓｉｌｉｃｏ',
      exchange: 'TSE',
      assetClass: 'equity',
      marketSegment: 'Growth',
      industryCode: '3250',
      industryName: '医薬品',
      currency: 'JPY',
      listedDate: null,
    });
    expect(may.instruments.filter((i) => /^\d{3}A\.T$/.test(i.symbol))).toHaveLength(213);
    expect(september.instruments.filter((i) => /^\d{3}A\.T$/.test(i.symbol))).toHaveLength(257);
    const fiveDigits = may.instruments.filter((i) => /^\d{5}\.T$/.test(i.symbol));
    expect(fiveDigits.map((i) => i.symbol)).toEqual(['25935.T', '50765.T', '94345.T', '94346.T']);
    expect(fiveDigits[0].name).toBe('伊藤園第１種優先株式');
  });

  it('zero-pads 33業種コード to 4 digits and maps "-" to null', () => {
    expect(may.instruments[0]).toMatchObject({
      symbol: '1301.T',
      industryCode: '0050',
      industryName: '水産・農林業',
    });
    const noIndustry = (listing: Listing) =>
      listing.instruments.filter((i) => i.industryCode === null);
    expect(noIndustry(may)).toHaveLength(449);
    expect(noIndustry(september)).toHaveLength(467);
    for (const i of noIndustry(may)) {
      expect(i.industryName).toBeNull();
      expect(['ETF/ETN', 'REIT/Fund', 'Equity Contribution']).toContain(i.marketSegment);
    }
    expect(
      may.instruments.every((i) => i.industryCode === null || /^\d{4}$/.test(i.industryCode)),
    ).toBe(true);
    expect(new Set(may.instruments.map((i) => i.industryCode)).size).toBe(34); // 33 + null
  });

  describe('refuses what is not a usable listing', () => {
    const row = (code: BuiltCell, segment: BuiltCell = 'プライム（内国株式）'): BuiltCell[] => [
      20250530,
      code,
      '名前',
      segment,
      3050,
      '食料品',
      2,
      '食品',
      '-',
      '-',
    ];

    it('an HTML page: LISTING_NOT_A_LISTING naming its title', () => {
      const html = Buffer.from(
        '<!DOCTYPE html>\n<html><head><title>ページが見つかりません | 日本取引所グループ</title></head><body></body></html>',
      );
      const error = failure(() => parseJpxListing(html));
      expect(error.code).toBe('LISTING_NOT_A_LISTING');
      expect(error.message).toBe(
        'jpx listing: an HTML page titled "ページが見つかりません | 日本取引所グループ" instead of data_j.xls',
      );
    });

    it('an .xlsx (ZIP) or other bytes: LISTING_NOT_A_LISTING', () => {
      expect(failure(() => parseJpxListing(Buffer.from('PK\u0003\u0004rest'))).message).toMatch(
        /ZIP file/,
      );
      expect(failure(() => parseJpxListing(Buffer.from('hello'))).code).toBe(
        'LISTING_NOT_A_LISTING',
      );
    });

    it('the real file cut in half: LISTING_CORRUPT', () => {
      const error = failure(() => parseJpxListing(MAY_FILE.subarray(0, MAY_FILE.length / 2)));
      expect(error.code).toBe('LISTING_CORRUPT');
      expect(error.message).toMatch(
        /^jpx listing: data_j\.xls: damaged OLE2 compound file: .*truncated/,
      );
    });

    it('an empty file, or a sheet with the header and no rows: LISTING_EMPTY', () => {
      expect(failure(() => parseJpxListing(Buffer.alloc(0))).code).toBe('LISTING_EMPTY');
      const error = failure(() => parseJpxListing(buildXls([HEADER])));
      expect(error.code).toBe('LISTING_EMPTY');
      expect(error.message).toBe('jpx listing: data_j.xls sheet "Sheet1" has a header but no rows');
      expect(failure(() => parseJpxListing(buildXls([HEADER, [], [null, '']]))).code).toBe(
        'LISTING_EMPTY',
      );
    });

    it('a workbook of other columns (or no rows at all): LISTING_NOT_A_LISTING naming them', () => {
      const error = failure(() =>
        parseJpxListing(
          buildXls([
            ['Date', 'Code', '銘柄名'],
            [1, 2, 3],
          ]),
        ),
      );
      expect(error.code).toBe('LISTING_NOT_A_LISTING');
      expect(error.message).toMatch(
        /lacks the column\(s\) 日付, コード, 市場・商品区分, 33業種コード, 33業種区分$/,
      );
      expect(failure(() => parseJpxListing(buildXls([]))).code).toBe('LISTING_NOT_A_LISTING');
    });

    it('a row with a bad code, date or industry code, or a code twice: LISTING_CORRUPT naming the row', () => {
      const cases: [BuiltCell[][], RegExp][] = [
        [[HEADER, row(1301), row('13/1')], /row 3: コード "13\/1" is not a listing code/],
        [[HEADER, row(13.5)], /row 2: コード 13.5/],
        [[HEADER, row(1301), row(1301)], /row 3: コード 1301 appears again \(first on row 2\)/],
        [[HEADER, [20250231, ...row(1301).slice(1)]], /row 2: 日付 20250231 is not a date/],
        [[HEADER, [...row(1301).slice(0, 4), 'x', ...row(1301).slice(5)]], /33業種コード "x"/],
      ];
      for (const [rows, message] of cases) {
        const error = failure(() => parseJpxListing(buildXls(rows)));
        expect(error.code).toBe('LISTING_CORRUPT');
        expect(error.message).toMatch(message);
      }
    });
  });

  it('reads columns by header (any order), full-width codes and a segment it does not know', () => {
    const header = ['コード', '市場・商品区分', '日付', '銘柄名', '33業種区分', '33業種コード'];
    const listing = parseJpxListing(
      buildXls([
        header,
        ['１３０Ａ', 'グロース(内国株式)', 20260130, ' 名前 ', '-', '-'],
        [9999, '新市場', '20260131', '別', '情報・通信業', '5250'],
      ]),
    );
    expect(listing.asOf).toBe('2026-01-31');
    expect(listing.instruments).toEqual([
      expect.objectContaining({
        symbol: '130A.T',
        name: '名前',
        marketSegment: 'Growth',
        assetClass: 'equity',
        industryCode: null,
        industryName: null,
      }),
      expect.objectContaining({
        symbol: '9999.T',
        marketSegment: '新市場',
        assetClass: 'other',
        industryCode: '5250',
        industryName: '情報・通信業',
      }),
    ]);
  });
});
