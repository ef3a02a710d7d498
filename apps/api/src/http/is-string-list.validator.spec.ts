import 'reflect-metadata';
import { validateSync } from 'class-validator';
import { IsStringList, stringListProblem } from './is-string-list.validator';

class Body {
  @IsStringList('symbol', 1, 32)
  symbols!: unknown;
}

function messages(symbols: unknown): string[] {
  const body = Object.assign(new Body(), { symbols });
  return validateSync(body).flatMap((e) => Object.values(e.constraints ?? {}));
}

describe('IsStringList', () => {
  it('accepts strings of 1 to max characters', () => {
    expect(messages(['AAPL', 'A', 'X'.repeat(32)])).toEqual([]);
    expect(stringListProblem([], 'symbol', 1, 32)).toBeNull();
  });

  it('names the first problem: not an array, not a string, too short or too long', () => {
    expect(messages('AAPL')).toEqual(['symbols must be an array of strings']);
    expect(messages(['AAPL', 7, ''])).toEqual(['each symbol must be a string']);
    expect(messages(['AAPL', ''])).toEqual(['each symbol must be 1 to 32 characters long']);
    expect(messages(['X'.repeat(33)])).toEqual(['each symbol must be 1 to 32 characters long']);
  });

  it('checks a list far longer than any batch in one pass', () => {
    const list = Array.from({ length: 15_000 }, (_, i) => `S${i}`);
    expect(stringListProblem(list, 'symbol', 1, 32)).toBeNull();
    list[14_999] = 'X'.repeat(40);
    expect(stringListProblem(list, 'symbol', 1, 32)).toBe(
      'each symbol must be 1 to 32 characters long',
    );
  });
});
