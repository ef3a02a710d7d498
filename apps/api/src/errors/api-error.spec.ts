import {
  BadRequestException,
  HttpException,
  NotFoundException,
  PayloadTooLargeException,
  ServiceUnavailableException,
} from '@nestjs/common';
import {
  AlertConflictError,
  AlertNotFoundError,
  AlertValidationError,
  AnomalyQueryError,
  BatchNotFoundError,
  BatchValidationError,
  IllegalTransitionError,
  QueueUnavailableError,
} from '@app/batch';
import { ThrottlerException } from '@nestjs/throttler';
import {
  CalendarRangeError,
  LISTING_ERROR_CODES,
  ListingError,
  ListingOutdatedError,
  SeriesQueryError,
  UnknownExchangeError,
  UnknownProviderError,
} from '@app/market-data';
import { isApiErrorCode } from './error-codes';
import { codeForStatus, toApiError } from './api-error';

const summary = (e: unknown) => {
  const { status, body } = toApiError(e);
  return { status, ...body.error };
};

describe('toApiError', () => {
  it('answers 503 DATABASE_UNAVAILABLE with Retry-After for a database that cannot be reached', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
    });
    const mapped = toApiError(refused);
    expect(mapped.status).toBe(503);
    expect(mapped.body.error.code).toBe('DATABASE_UNAVAILABLE');
    expect(mapped.body.error.message).not.toMatch(/5432|127\.0\.0\.1/);
    expect(mapped.headers).toEqual({ 'Retry-After': '5' });
    expect(mapped.log).toBe(true);
    const restarting = Object.assign(new Error('terminating connection'), {
      driverError: Object.assign(new Error('terminating connection'), { code: '57P01' }),
    });
    expect(toApiError(restarting).body.error.code).toBe('DATABASE_UNAVAILABLE');
  });

  it('maps the domain errors of the libs', () => {
    expect(
      summary(new BatchValidationError('too many', { max: 5000 }, 'TOO_MANY_SYMBOLS')),
    ).toEqual({
      status: 400,
      code: 'TOO_MANY_SYMBOLS',
      message: 'too many',
      details: { max: 5000 },
    });
    expect(summary(new BatchNotFoundError('7'))).toEqual({
      status: 404,
      code: 'NOT_FOUND',
      message: 'batch 7 not found',
    });
    expect(summary(new IllegalTransitionError(7, 'stopped', 'resume'))).toMatchObject({
      status: 409,
      code: 'CONFLICT',
      message: 'batch 7 is stopped; cannot resume it',
      details: { batch_db_id: 7, status: 'stopped', action: 'resume' },
    });
    expect(summary(new UnknownProviderError('nope', ['synthetic']))).toMatchObject({
      status: 400,
      code: 'UNKNOWN_PROVIDER',
    });
    const queue = toApiError(new QueueUnavailableError('connect ECONNREFUSED 10.0.0.5:6379'));
    expect(queue).toMatchObject({
      status: 503,
      log: true,
      body: { error: { code: 'QUEUE_UNAVAILABLE' } },
    });
    expect(queue.body.error.message).not.toContain('10.0.0.5');
    expect(
      summary(new SeriesQueryError('INVALID_RANGE', 'from must be before to', 'from')),
    ).toEqual({
      status: 400,
      code: 'INVALID_RANGE',
      message: 'from must be before to',
      details: { field: 'from' },
    });
    expect(
      summary(new SeriesQueryError('AMBIGUOUS_SOURCE', 'several', 'source', ['binance', 'bybit'])),
    ).toEqual({
      status: 400,
      code: 'AMBIGUOUS_SOURCE',
      message: 'several',
      details: { field: 'source', candidates: ['binance', 'bybit'] },
    });
  });

  it('maps the anomaly query errors to 400 with their listed code and field', () => {
    expect(
      summary(new AnomalyQueryError('INVALID_RANGE', 'from must be before to', 'from')),
    ).toEqual({
      status: 400,
      code: 'INVALID_RANGE',
      message: 'from must be before to',
      details: { field: 'from' },
    });
    expect(summary(new AnomalyQueryError('INVALID_SYMBOL', 'bad', 'symbol'))).toMatchObject({
      status: 400,
      code: 'INVALID_SYMBOL',
    });
  });

  it('maps the alert errors: 400 naming the field, 404, 409', () => {
    expect(
      summary(new AlertValidationError('params.minutes must be a number', 'params.minutes')),
    ).toEqual({
      status: 400,
      code: 'INVALID_ALERT_RULE',
      message: 'params.minutes must be a number',
      details: { field: 'params.minutes' },
    });
    expect(
      summary(
        new AlertValidationError('host refused', 'channels[0].url', 'WEBHOOK_HOST_NOT_ALLOWED'),
      ),
    ).toMatchObject({
      status: 400,
      code: 'WEBHOOK_HOST_NOT_ALLOWED',
      details: { field: 'channels[0].url' },
    });
    expect(summary(new AlertNotFoundError('alert', '9'))).toEqual({
      status: 404,
      code: 'NOT_FOUND',
      message: 'alert 9 not found',
    });
    expect(summary(new AlertConflictError('9', 'resolved', 'acknowledge'))).toMatchObject({
      status: 409,
      code: 'CONFLICT',
      details: { alert_id: 9, state: 'resolved', action: 'acknowledge' },
    });
  });

  it('maps HTTP exceptions: validation messages, body-parser errors, plain statuses', () => {
    expect(
      summary(
        new BadRequestException(['interval must be one of 1m', 'property x should not exist']),
      ),
    ).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      message: 'interval must be one of 1m; property x should not exist',
      details: { messages: ['interval must be one of 1m', 'property x should not exist'] },
    });
    const parse = Object.assign(new SyntaxError('Unexpected end of JSON input'), {
      status: 400,
      type: 'entity.parse.failed',
    });
    expect(summary(new BadRequestException(parse.message, { cause: parse }))).toEqual({
      status: 400,
      code: 'INVALID_JSON',
      message: 'request body is not valid JSON: Unexpected end of JSON input',
    });
    const tooLarge = Object.assign(new Error('request entity too large'), {
      type: 'entity.too.large',
      limit: 1024,
    });
    expect(
      summary(new HttpException('request entity too large', 413, { cause: tooLarge })),
    ).toEqual({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
      message: 'request body is larger than the limit of 1024 bytes',
    });
    expect(summary(new PayloadTooLargeException())).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(summary(new NotFoundException('Cannot GET /x'))).toEqual({
      status: 404,
      code: 'NOT_FOUND',
      message: 'Cannot GET /x',
    });
    expect(summary(new ServiceUnavailableException('later'))).toMatchObject({
      status: 503,
      code: 'SERVICE_UNAVAILABLE',
    });
  });

  it('answers anything else with a generic 500 that reveals nothing', () => {
    const mapped = toApiError(new TypeError("Cannot read properties of undefined (reading 'x')"));
    expect(mapped).toEqual({
      status: 500,
      log: true,
      body: {
        success: false,
        error: { code: 'INTERNAL_ERROR', message: 'internal error; the server logged the details' },
      },
    });
    expect(toApiError(new HttpException('db password is x', 500)).body.error.message).not.toContain(
      'password',
    );
  });

  it('maps the rate limiter to 429 RATE_LIMITED', () => {
    expect(summary(new ThrottlerException('rate limit of 5 requests per minute exceeded'))).toEqual(
      {
        status: 429,
        code: 'RATE_LIMITED',
        message: 'rate limit of 5 requests per minute exceeded',
      },
    );
  });

  it('maps listing errors: 502 when the host failed, 422 when it sent no usable listing, 409 when older', () => {
    const status = (code: (typeof LISTING_ERROR_CODES)[number]) => {
      const mapped = toApiError(new ListingError(code, 'jpx', 'what went wrong'));
      expect(isApiErrorCode(mapped.body.error.code)).toBe(true);
      expect(mapped.body.error).toEqual({
        code,
        message: 'jpx listing: what went wrong; nothing changed',
        details: { source: 'jpx' },
      });
      expect(mapped.log).toBe(false);
      return mapped.status;
    };
    expect(Object.fromEntries(LISTING_ERROR_CODES.map((c) => [c, status(c)]))).toEqual({
      LISTING_UNREACHABLE: 502,
      LISTING_NOT_FOUND: 502,
      LISTING_NOT_A_LISTING: 422,
      LISTING_CORRUPT: 422,
      LISTING_EMPTY: 422,
      LISTING_TOO_LARGE: 422,
      LISTING_FILE_REQUIRED: 400,
    });
    expect(summary(new ListingOutdatedError('jpx', '2025-05-30', '2025-09-30'))).toEqual({
      status: 409,
      code: 'LISTING_OUTDATED',
      message:
        'jpx listing of 2025-05-30 is older than the one already applied (2025-09-30); nothing changed',
      details: { source: 'jpx', as_of: '2025-05-30', last_as_of: '2025-09-30' },
    });
  });

  it('maps the calendar errors: 400 INVALID_RANGE naming the field, 404 UNKNOWN_EXCHANGE', () => {
    expect(
      summary(new CalendarRangeError('to (2024-01-01) is before from (2024-02-01)', 'to')),
    ).toEqual({
      status: 400,
      code: 'INVALID_RANGE',
      message: 'to (2024-01-01) is before from (2024-02-01)',
      details: { field: 'to' },
    });
    expect(summary(new UnknownExchangeError('HKEX'))).toEqual({
      status: 404,
      code: 'UNKNOWN_EXCHANGE',
      message: 'no trading calendar for exchange "HKEX"; supported: TSE, NYSE, LSE, XETRA, CRYPTO',
      details: { exchange: 'HKEX', supported: ['TSE', 'NYSE', 'LSE', 'XETRA', 'CRYPTO'] },
    });
    expect(new UnknownExchangeError('X'.repeat(500)).exchange).toHaveLength(40);
  });

  it('derives codes from status texts', () => {
    expect(codeForStatus(429)).toBe('TOO_MANY_REQUESTS');
    expect(codeForStatus(415)).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(codeForStatus(599)).toBe('ERROR');
  });
});
