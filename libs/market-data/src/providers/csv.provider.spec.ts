import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { InvalidRequestError } from '../errors/invalid-request.error';
import { SymbolNotFoundError } from '../errors/symbol-not-found.error';
import type { Interval } from '../interval';
import { CsvProvider } from './csv.provider';

// AAPL daily bars as Yahoo's download page wrote them (values of the recorded chart fixture).
const YAHOO_FORMAT = [
  'Date,Open,High,Low,Close,Adj Close,Volume',
  '2020-08-31,127.580002,131.000000,126.000000,129.039993,125.057533,225702700',
  '2020-09-01,132.759995,134.800003,130.529999,134.179993,130.038879,151948100',
  '2020-09-02,137.589996,137.979996,127.000000,131.399994,127.344650,200119000',
  '2020-09-03,126.910004,128.839996,120.500000,120.879997,117.149040,257599600',
  '',
].join('\r\n');

describe('CsvProvider', () => {
  let dir: string;
  let csv: CsvProvider;

  const fetch = (symbol: string, from: string | null, to: string, interval: Interval = '1d') =>
    csv.fetchCandles({
      symbol,
      interval,
      from: from === null ? null : new Date(from),
      to: new Date(to),
      attempt: 1,
    });

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'csv-provider-'));
    csv = new CsvProvider({ dataDir: dir });
    writeFileSync(path.join(dir, 'AAPL.csv'), `\uFEFF${YAHOO_FORMAT}`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the Yahoo download format within [from, to)', async () => {
    const all = await fetch('AAPL', null, '2030-01-01');
    expect(all.rejected).toBe(0);
    expect(all.actions).toEqual([]);
    expect(all.candles).toHaveLength(4);
    expect(all.candles[0]).toEqual({
      ts: new Date('2020-08-31T00:00:00Z'),
      open: 127.580002,
      high: 131,
      low: 126,
      close: 129.039993,
      adjClose: 125.057533,
      volume: 225702700,
    });
    const some = await fetch('AAPL', '2020-09-01', '2020-09-03');
    expect(some.candles.map((c) => c.ts.toISOString().slice(0, 10))).toEqual([
      '2020-09-01',
      '2020-09-02',
    ]);
    expect(some.candles[1].close).toBe(131.399994);
  });

  it('reads a plain header in any case and order, a lower-case file, and every date form', async () => {
    writeFileSync(
      path.join(dir, 'btc-usd.csv'),
      [
        'VOLUME,close,Timestamp,open,LOW,high',
        '10,1.5,1577836800,1,0.5,2', // unix seconds
        '11,2.5,1577923200000,2,1.5,3', // unix ms
        '12,3.5,2020-01-03T00:00:00Z,3,2.5,4',
        '13,4.5,2020-01-04 01:30,4,3.5,5', // no zone: UTC
        '14,5.5,2020-01-05T09:00:00+09:00,5,4.5,6',
      ].join('\n'),
    );
    const { candles, rejected } = await fetch('BTC-USD', null, '2030-01-01', '1h');
    expect(rejected).toBe(0);
    expect(candles.map((c) => c.ts.toISOString())).toEqual([
      '2020-01-01T00:00:00.000Z',
      '2020-01-02T00:00:00.000Z',
      '2020-01-03T00:00:00.000Z',
      '2020-01-04T01:30:00.000Z',
      '2020-01-05T00:00:00.000Z',
    ]);
    expect(candles[1]).toEqual({
      ts: new Date('2020-01-02T00:00:00Z'),
      open: 2,
      high: 3,
      low: 1.5,
      close: 2.5,
      adjClose: null,
      volume: 11,
    });
  });

  it('skips and counts rows that do not parse', async () => {
    writeFileSync(
      path.join(dir, 'BAD.csv'),
      [
        'Date,Open,High,Low,Close,Adj Close,Volume',
        '2021-01-04,10,11,9,10.5,10.4,100',
        '2021-01-05,null,null,null,null,null,null', // Yahoo's empty row
        '2021-01-06,10,11,9', // too few fields
        '2021-02-30,10,11,9,10.5,10.4,100', // no such day
        'yesterday,10,11,9,10.5,10.4,100',
        '2021-01-07,10,11,9,abc,10.4,100',
        '2021-01-04,10,11,9,10.5,10.4,100', // repeated timestamp
        '2021-01-08,12,13,11,12.5,,200', // empty adj close is fine
        '1999-01-01,x,x,x,x,x,x', // outside the range: left out, not counted
      ].join('\n'),
    );
    const series = await fetch('BAD', '2021-01-01', '2021-02-01');
    expect(series.candles.map((c) => c.ts.toISOString().slice(0, 10))).toEqual([
      '2021-01-04',
      '2021-01-08',
    ]);
    expect(series.candles[1].adjClose).toBeNull();
    expect(series.rejected).toBe(6);
    expect(series.rejectedRows).toEqual([
      { line: 3, reason: 'open is not a number: "null"' },
      { line: 4, reason: 'expected 7 fields, got 4' },
      { line: 5, reason: 'unreadable date "2021-02-30"' },
      { line: 6, reason: 'unreadable date "yesterday"' },
      { line: 7, reason: 'close is not a number: "abc"' },
      { line: 8, reason: 'repeats the timestamp of line 2' },
    ]);
  });

  it('a header without the needed columns → InvalidRequestError', async () => {
    writeFileSync(path.join(dir, 'NOHDR.csv'), 'when,price\n2021-01-01,1\n');
    await expect(fetch('NOHDR', null, '2030-01-01')).rejects.toThrow(
      /NOHDR\.csv header lacks date, open, high, low, close, volume/,
    );
  });

  it('a missing file → SymbolNotFoundError', async () => {
    const error = await fetch('MISSING', null, '2030-01-01').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SymbolNotFoundError);
    expect((error as SymbolNotFoundError).symbol).toBe('MISSING');
  });

  it('never lets a symbol escape the directory', async () => {
    for (const bad of [
      '../etc/passwd',
      '../ETC/PASSWD',
      '..',
      'A/B',
      'A\\B',
      '/ETC/PASSWD',
      'A..B',
    ]) {
      expect(csv.symbolProblem(bad)).not.toBeNull();
    }
    expect(csv.symbolProblem('7203.T')).toBeNull();
    expect(csv.symbolProblem('^N225')).toBeNull();
    await expect(fetch('../etc/passwd', null, '2030-01-01')).rejects.toBeInstanceOf(
      InvalidRequestError,
    );
  });
});
