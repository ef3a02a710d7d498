import { rawJsonShapeProblem } from './input-shape';

/** 1 MiB: far above any request of the API but the largest symbol lists. */
const BASE_LIMIT = 1024 * 1024;
/** A symbol in a JSON array: up to 32 characters, quotes, comma, some spacing. */
const BYTES_PER_SYMBOL = 40;

/** Largest JSON body accepted, in bytes: 1 MiB, or more when MAX_SYMBOLS_PER_BATCH needs it. */
export function jsonBodyLimit(maxSymbolsPerBatch: number): number {
  return Math.max(BASE_LIMIT, maxSymbolsPerBatch * BYTES_PER_SYMBOL + 64 * 1024);
}

/**
 * body-parser's `verify` hook, run on the raw bytes before JSON.parse:
 * - JSON is UTF-8 (RFC 8259). body-parser itself refuses only charsets not starting with "utf-",
 *   so `charset=utf-7` would be decoded and accepted: 415 UNSUPPORTED_MEDIA_TYPE instead.
 * - Nesting and key limits (rawJsonShapeProblem): 400 BODY_TOO_DEEP / BODY_TOO_WIDE before the
 *   parser spends the event loop on a body that would be refused anyway.
 * The thrown errors follow body-parser's conventions (status, type); the exception filter maps them
 * (and answers 401 first when the request has no valid key).
 */
export function verifyJsonBody(
  _req: unknown,
  _res: unknown,
  body: Buffer,
  encoding: string | undefined,
): void {
  if (encoding !== undefined && !/^utf-?8$/i.test(encoding)) {
    throw Object.assign(new Error(`JSON bodies must be UTF-8, not ${encoding}`), {
      status: 415,
      statusCode: 415,
      expose: true,
      type: 'charset.unsupported',
      charset: encoding,
    });
  }
  const problem = rawJsonShapeProblem(body);
  if (problem !== null) {
    throw Object.assign(new Error(problem.message), {
      status: 400,
      statusCode: 400,
      expose: true,
      type: BODY_SHAPE_ERROR,
      code: problem.code,
    });
  }
}

/** body-parser error `type` of a body refused by verifyJsonBody's shape check. */
export const BODY_SHAPE_ERROR = 'entity.shape';
