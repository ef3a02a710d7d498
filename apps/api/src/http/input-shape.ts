/** Deepest nesting a request body may have (the deepest DTO, a schedule's batch, is 3). */
export const MAX_BODY_DEPTH = 32;
/** Most object keys a request body may hold, all levels together. */
export const MAX_BODY_KEYS = 10_000;

/** Keys that name a prototype slot rather than data: refused like any unknown key. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

export type InputProblemCode =
  'BODY_TOO_DEEP' | 'BODY_TOO_WIDE' | 'CONTROL_CHARACTER' | 'VALIDATION_FAILED';

export interface InputProblem {
  code: InputProblemCode;
  message: string;
  /** Where: `symbols[2]`, `batch.webhook_url`, … (the key path; never the value). */
  at?: string;
}

/**
 * One iterative walk over a parsed input (body, query or a path parameter), before any
 * transformation: refuses nesting deeper than MAX_BODY_DEPTH, more than MAX_BODY_KEYS keys,
 * prototype keys, and control characters (U+0000-U+001F, U+007F) in any key or string. Costs
 * O(size) with no recursion, so an 800 KB body of 100,000 levels or 70,000 keys is refused at
 * once instead of running class-transformer's recursion into a stack overflow or seconds of CPU.
 */
export function inputProblem(input: unknown, label: string): InputProblem | null {
  const stack: { value: unknown; depth: number; at: string }[] = [
    { value: input, depth: 0, at: '' },
  ];
  const name = (at: string) => (at === '' ? label : at);
  let keys = 0;
  while (stack.length > 0) {
    const { value, depth, at } = stack.pop()!;
    if (typeof value === 'string') {
      if (CONTROL.test(value)) {
        return {
          code: 'CONTROL_CHARACTER',
          message: `${name(at)} contains a control character`,
          at,
        };
      }
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_BODY_DEPTH) {
      return {
        code: 'BODY_TOO_DEEP',
        message: `${label} is nested deeper than ${MAX_BODY_DEPTH} levels`,
        at,
      };
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        stack.push({ value: value[i], depth: depth + 1, at: `${at}[${i}]` });
      }
      continue;
    }
    for (const key of Object.keys(value)) {
      keys += 1;
      if (keys > MAX_BODY_KEYS) {
        return {
          code: 'BODY_TOO_WIDE',
          message: `${label} has more than ${MAX_BODY_KEYS} keys`,
        };
      }
      const path = at === '' ? key : `${at}.${key}`;
      if (PROTOTYPE_KEYS.has(key)) {
        return {
          code: 'VALIDATION_FAILED',
          message: `property ${path} should not exist`,
          at: path,
        };
      }
      if (CONTROL.test(key)) {
        return {
          code: 'CONTROL_CHARACTER',
          message: `a key of ${at} contains a control character`,
          at,
        };
      }
      stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1, at: path });
    }
  }
  return null;
}

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;

/**
 * The depth and key limits of inputProblem, read off a raw JSON body before it is parsed: one pass
 * over the bytes (brackets and colons outside strings), so a 760 KB body of 70,000 keys or 100,000
 * levels costs about a millisecond instead of JSON.parse building it first. Duplicate keys count
 * each time they are written. Malformed JSON is left to the parser.
 */
export function rawJsonShapeProblem(body: Buffer): InputProblem | null {
  let depth = 0;
  let keys = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (inString) {
      if (byte === BACKSLASH) i += 1;
      else if (byte === QUOTE) inString = false;
      continue;
    }
    if (byte === QUOTE) inString = true;
    else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      depth += 1;
      if (depth > MAX_BODY_DEPTH) {
        return {
          code: 'BODY_TOO_DEEP',
          message: `body is nested deeper than ${MAX_BODY_DEPTH} levels`,
        };
      }
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) depth -= 1;
    else if (byte === COLON && ++keys > MAX_BODY_KEYS) {
      return { code: 'BODY_TOO_WIDE', message: `body has more than ${MAX_BODY_KEYS} keys` };
    }
  }
  return null;
}
