import { ImportUsageError } from '../errors/import-usage.error';
import { parseMappingFile } from './mapping-file';

describe('parseMappingFile', () => {
  it('reads renames, drops, casts, units, value maps and expressions', () => {
    const m = parseMappingFile(
      JSON.stringify({
        tables: {
          ohlcv_data: {
            target: 'ohlcv_data',
            columns: {
              timestamp: { to: 'ts', unit: 'ms' },
              timeframe: { to: 'interval', values: { '1D': '1d' } },
              notes: null,
              symbol: 'symbol',
              adj: { to: 'adj_close', sql: 'close * 1.0', cast: 'double precision' },
            },
          },
          settings: {},
        },
      }),
    );
    expect(m.tables.ohlcv_data.columns).toEqual({
      timestamp: { to: 'ts', unit: 'ms' },
      timeframe: { to: 'interval', values: { '1D': '1d' } },
      notes: { to: null },
      symbol: { to: 'symbol' },
      adj: { to: 'adj_close', sql: 'close * 1.0', cast: 'double precision' },
    });
    expect(m.tables.settings).toEqual({ target: 'settings', columns: {} });
  });

  it('names every problem at once', () => {
    let error: unknown;
    try {
      parseMappingFile(
        JSON.stringify({
          tables: {
            t: { target: 3, columns: { a: { to: 'x', unit: 'days', colour: 'red' }, b: 5 } },
            u: [],
          },
        }),
        'map.json',
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportUsageError);
    const message = (error as Error).message;
    expect(message).toContain('map.json');
    expect(message).toContain('tables.t.target: expected a table name');
    expect(message).toContain('tables.t.columns.a.unit: expected one of s, ms, us, auto');
    expect(message).toContain('tables.t.columns.a: unknown key "colour"');
    expect(message).toContain('tables.t.columns.b: expected a column name, null or an object');
    expect(message).toContain('tables.u: expected an object');
  });

  it('refuses text that is not JSON or not shaped like a mapping', () => {
    expect(() => parseMappingFile('{')).toThrow(/not valid JSON/);
    expect(() => parseMappingFile('{"ohlcv": {}}')).toThrow(/expected \{"tables"/);
  });
});
