import { inputProblem, MAX_BODY_DEPTH, MAX_BODY_KEYS, rawJsonShapeProblem } from './input-shape';

const nested = (levels: number): unknown => {
  let value: unknown = 'x';
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
};

describe('inputProblem (one walk before any transformation)', () => {
  it('accepts ordinary bodies, queries and parameters', () => {
    expect(
      inputProblem({ symbols: ['AAPL'], interval: '1d', batch: { x: [1, 2] } }, 'b'),
    ).toBeNull();
    expect(inputProblem({ status: ['running', 'paused'], page: '2' }, 'query')).toBeNull();
    expect(inputProblem('job-1795457971739', 'path parameter id')).toBeNull();
    expect(inputProblem(nested(MAX_BODY_DEPTH - 1), 'request body')).toBeNull();
  });

  it('refuses depth past the limit, without recursion (100,000 levels)', () => {
    expect(inputProblem(nested(MAX_BODY_DEPTH + 1), 'request body')).toMatchObject({
      code: 'BODY_TOO_DEEP',
      message: `request body is nested deeper than ${MAX_BODY_DEPTH} levels`,
    });
    expect(inputProblem(nested(100_000), 'request body')?.code).toBe('BODY_TOO_DEEP');
    const arrays: unknown = JSON.parse(`${'['.repeat(40)}1${']'.repeat(40)}`);
    expect(inputProblem(arrays, 'request body')?.code).toBe('BODY_TOO_DEEP');
  });

  it('refuses more keys than the limit, all levels counted', () => {
    const wide = Object.fromEntries(
      Array.from({ length: MAX_BODY_KEYS + 1 }, (_, i) => [`k${i}`, 1]),
    );
    expect(inputProblem(wide, 'request body')).toEqual({
      code: 'BODY_TOO_WIDE',
      message: `request body has more than ${MAX_BODY_KEYS} keys`,
    });
    const spread = Array.from({ length: 11 }, () =>
      Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, 1])),
    );
    expect(inputProblem({ items: spread }, 'request body')?.code).toBe('BODY_TOO_WIDE');
  });

  it('refuses control characters in any string or key, naming where', () => {
    expect(inputProblem({ batch: { webhook_url: 'http://h/\u0000' } }, 'request body')).toEqual({
      code: 'CONTROL_CHARACTER',
      message: 'batch.webhook_url contains a control character',
      at: 'batch.webhook_url',
    });
    expect(inputProblem({ symbols: ['A', 'B\u001f'] }, 'b')?.at).toBe('symbols[1]');
    expect(inputProblem({ type: 'a\u0000b' }, 'query')?.message).toBe(
      'type contains a control character',
    );
    expect(inputProblem('a\u007f', 'path parameter id')?.message).toBe(
      'path parameter id contains a control character',
    );
    expect(inputProblem({ 'a\u0000': 1 }, 'request body')?.code).toBe('CONTROL_CHARACTER');
  });

  it('refuses prototype keys like any unknown property', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const body: unknown = JSON.parse(`{"symbols":["A"],"batch":{"${key}":{"x":1}}}`);
      expect(inputProblem(body, 'request body')).toEqual({
        code: 'VALIDATION_FAILED',
        message: `property batch.${key} should not exist`,
        at: `batch.${key}`,
      });
    }
  });
});

describe('rawJsonShapeProblem (before JSON.parse)', () => {
  const raw = (text: string) => rawJsonShapeProblem(Buffer.from(text, 'utf8'));

  it('takes bodies within the limits, brackets and colons inside strings not counted', () => {
    expect(raw('{"symbols":["A"],"interval":"1d"}')).toBeNull();
    expect(raw(`{"a":"${'{['.repeat(500)}:::\\"{{"}`)).toBeNull();
    expect(raw(`${'['.repeat(MAX_BODY_DEPTH)}${']'.repeat(MAX_BODY_DEPTH)}`)).toBeNull();
  });

  it('refuses nesting deeper than the limit, objects or arrays', () => {
    expect(raw(`${'{"a":'.repeat(MAX_BODY_DEPTH + 1)}1${'}'.repeat(MAX_BODY_DEPTH + 1)}`)).toEqual(
      expect.objectContaining({ code: 'BODY_TOO_DEEP' }),
    );
    expect(raw(`{"x":${'['.repeat(100_000)}`)?.code).toBe('BODY_TOO_DEEP');
  });

  it('refuses more keys than the limit, at any level', () => {
    const keys = (n: number) =>
      `{${Array.from({ length: n }, (_, i) => `"k${i}":{"v":1}`).join(',')}}`;
    expect(raw(keys(MAX_BODY_KEYS / 2))).toBeNull();
    expect(raw(keys(MAX_BODY_KEYS / 2 + 1))?.code).toBe('BODY_TOO_WIDE');
  });

  it('agrees with the parsed walk on the depth limit', () => {
    for (const levels of [MAX_BODY_DEPTH - 1, MAX_BODY_DEPTH, MAX_BODY_DEPTH + 1]) {
      const text = `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
      expect(raw(text)?.code).toBe(inputProblem(JSON.parse(text), 'body')?.code);
    }
  });
});
