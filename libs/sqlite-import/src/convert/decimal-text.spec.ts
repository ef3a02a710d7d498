import { canonicalDecimal } from './decimal-text';

describe('canonicalDecimal', () => {
  it.each([
    ['0', '0'],
    ['-0.000', '0'],
    ['+5', '5'],
    ['007.2300', '7.23'],
    ['-001.2300e+3', '-1230'],
    ['1e-7', '0.0000001'],
    ['1.5E2', '150'],
    ['.5', '0.5'],
    ['5.', '5'],
    ['123456789012345678901234567890', '123456789012345678901234567890'],
  ])('%s → %s', (input, output) => {
    expect(canonicalDecimal(input)).toBe(output);
  });

  it.each(['', '.', 'abc', '1.2.3', '1e', '--1', 'NaN'])('%j is not a decimal', (input) => {
    expect(canonicalDecimal(input)).toBeNull();
  });
});
