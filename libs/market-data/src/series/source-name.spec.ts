import { PROVIDER_NAMES } from '@app/common';
import { parseSource, SOURCE_MAX_LENGTH, sourceProblem } from './source-name';

describe('source names', () => {
  it('accepts every provider name and lower-cases what it accepts', () => {
    for (const name of PROVIDER_NAMES) expect(parseSource(name)).toEqual({ source: name });
    expect(parseSource('Binance')).toEqual({ source: 'binance' });
    expect(parseSource('legacy_db.v2-1')).toEqual({ source: 'legacy_db.v2-1' });
    expect(parseSource('x'.repeat(SOURCE_MAX_LENGTH))).toEqual({
      source: 'x'.repeat(SOURCE_MAX_LENGTH),
    });
  });

  it('refuses empty, long, non-ASCII and punctuated names, saying why', () => {
    expect(sourceProblem('')).toBe('source is empty');
    expect(sourceProblem('x'.repeat(SOURCE_MAX_LENGTH + 1))).toBe(
      `source is longer than ${SOURCE_MAX_LENGTH} characters`,
    );
    for (const bad of ['İnance', 'bin ance', '-binance', 'a/b', "b'", 'a\u0000']) {
      expect(parseSource(bad)).toEqual({ problem: expect.stringContaining('source may hold') });
    }
  });
});
