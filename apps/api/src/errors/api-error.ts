import { HttpException, HttpStatus } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { STATUS_CODES } from 'node:http';
import {
  AlertConflictError,
  AlertNotFoundError,
  AlertValidationError,
  AnomalyQueryError,
  BatchNotFoundError,
  BatchValidationError,
  IllegalTransitionError,
  QueueUnavailableError,
  ScheduleNotFoundError,
} from '@app/batch';
import {
  CalendarRangeError,
  ListingError,
  ListingErrorCode,
  ListingOutdatedError,
  SeriesQueryError,
  UnknownExchangeError,
  UnknownProviderError,
} from '@app/market-data';
import { DatabaseUnavailableError, toDomainError } from '@app/persistence';
import { SessionUnavailableError } from '../auth/session-unavailable.error';
import { CodedHttpException } from './coded-http.exception';
import { ApiErrorCode, isApiErrorCode } from './error-codes';
import { BODY_SHAPE_ERROR } from '../http/json-body-limit';

/** Body of every error answer of the API. */
export interface ApiErrorBody {
  success: false;
  error: { code: ApiErrorCode; message: string; details?: unknown };
}

/** What the filter sends for one exception; `log` marks a server fault worth an error log. */
export interface ApiError {
  status: number;
  body: ApiErrorBody;
  log: boolean;
  /** Response headers to set with the answer (e.g. Retry-After). */
  headers?: Record<string, string>;
}

const INTERNAL_MESSAGE = 'internal error; the server logged the details';

/**
 * A listing that could not be read: 502 when its host failed us (unreachable, timeout, 5xx, 404),
 * 422 when what came back is not a usable listing, 400 for a request that needs a file.
 */
const LISTING_STATUS: Record<ListingErrorCode, number> = {
  LISTING_UNREACHABLE: HttpStatus.BAD_GATEWAY,
  LISTING_NOT_FOUND: HttpStatus.BAD_GATEWAY,
  LISTING_NOT_A_LISTING: HttpStatus.UNPROCESSABLE_ENTITY,
  LISTING_CORRUPT: HttpStatus.UNPROCESSABLE_ENTITY,
  LISTING_EMPTY: HttpStatus.UNPROCESSABLE_ENTITY,
  LISTING_TOO_LARGE: HttpStatus.UNPROCESSABLE_ENTITY,
  LISTING_FILE_REQUIRED: HttpStatus.BAD_REQUEST,
};

function error(status: number, code: ApiErrorCode, message: string, details?: unknown): ApiError {
  return {
    status,
    body: {
      success: false,
      error: details === undefined ? { code, message } : { code, message, details },
    },
    log: status >= 500,
  };
}

/** `Payload Too Large` → `PAYLOAD_TOO_LARGE`; a status whose phrase is not a listed code → `ERROR`. */
export function codeForStatus(status: number): ApiErrorCode {
  const code = (STATUS_CODES[status] ?? 'ERROR').toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  return isApiErrorCode(code) ? code : 'ERROR';
}

/** A lib's domain code, when the API lists it (API_ERROR_CODES); `fallback` otherwise. */
function listed(code: string, fallback: ApiErrorCode): ApiErrorCode {
  return isApiErrorCode(code) ? code : fallback;
}

/** body-parser's errors reach the filter as HttpExceptions that carry them as `cause`. */
interface BodyParserError {
  type?: string;
  limit?: number;
  /** verifyJsonBody's shape errors: BODY_TOO_DEEP or BODY_TOO_WIDE. */
  code?: string;
}

function fromHttpException(exception: HttpException): ApiError {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const cause = (exception.cause ?? {}) as BodyParserError;
  const reported =
    typeof response === 'string' ? response : (response as { message?: unknown }).message;

  if (status === HttpStatus.BAD_REQUEST && Array.isArray(reported)) {
    const messages = reported.map(String);
    return error(status, 'VALIDATION_FAILED', messages.join('; '), { messages });
  }
  if (cause.type === BODY_SHAPE_ERROR && typeof cause.code === 'string') {
    return error(HttpStatus.BAD_REQUEST, listed(cause.code, 'INVALID_JSON'), exception.message);
  }
  if (cause.type === 'entity.parse.failed' || exception.cause instanceof SyntaxError) {
    return error(
      HttpStatus.BAD_REQUEST,
      'INVALID_JSON',
      `request body is not valid JSON: ${exception.message}`,
    );
  }
  if (status === HttpStatus.PAYLOAD_TOO_LARGE) {
    const limit = typeof cause.limit === 'number' ? ` of ${cause.limit} bytes` : '';
    return error(status, 'PAYLOAD_TOO_LARGE', `request body is larger than the limit${limit}`);
  }
  if (status === HttpStatus.INTERNAL_SERVER_ERROR) {
    return error(status, 'INTERNAL_ERROR', INTERNAL_MESSAGE);
  }
  const message = typeof reported === 'string' ? reported : exception.message;
  return error(status, codeForStatus(status), message);
}

/** Maps any exception to the API's error answer (domain errors of the libs, HTTP errors, bugs). */
export function toApiError(thrown: unknown): ApiError {
  // Repositories throw domain errors; a driver error that reached here unmapped (a query outside
  // the Database helper) is mapped by the same persistence function.
  const exception = toDomainError(thrown);
  if (exception instanceof DatabaseUnavailableError) {
    // Its message names the driver error (host, port): logged by the filter, not sent.
    return {
      ...error(HttpStatus.SERVICE_UNAVAILABLE, 'DATABASE_UNAVAILABLE', exception.clientMessage),
      headers: { 'Retry-After': String(exception.retryAfterSeconds) },
    };
  }
  if (exception instanceof BatchValidationError) {
    return error(
      HttpStatus.BAD_REQUEST,
      listed(exception.code, 'INVALID_BATCH'),
      exception.message,
      exception.details,
    );
  }
  if (exception instanceof BatchNotFoundError || exception instanceof ScheduleNotFoundError) {
    return error(HttpStatus.NOT_FOUND, 'NOT_FOUND', exception.message);
  }
  if (exception instanceof IllegalTransitionError) {
    return error(HttpStatus.CONFLICT, 'CONFLICT', exception.message, {
      batch_db_id: exception.batchId,
      status: exception.status,
      action: exception.action,
    });
  }
  if (exception instanceof AlertValidationError) {
    return error(
      HttpStatus.BAD_REQUEST,
      listed(exception.code, 'INVALID_ALERT_RULE'),
      exception.message,
      { field: exception.field },
    );
  }
  if (exception instanceof AnomalyQueryError) {
    return error(HttpStatus.BAD_REQUEST, exception.code, exception.message, {
      field: exception.field,
    });
  }
  if (exception instanceof AlertNotFoundError) {
    return error(HttpStatus.NOT_FOUND, 'NOT_FOUND', exception.message);
  }
  if (exception instanceof AlertConflictError) {
    return error(HttpStatus.CONFLICT, 'CONFLICT', exception.message, {
      alert_id: Number(exception.alertId),
      state: exception.state,
      action: exception.action,
    });
  }
  if (exception instanceof QueueUnavailableError) {
    // Its message (a Redis error) names hosts: the filter logs it, the client gets this.
    return error(HttpStatus.SERVICE_UNAVAILABLE, 'QUEUE_UNAVAILABLE', exception.clientMessage);
  }
  if (exception instanceof SessionUnavailableError) {
    return error(HttpStatus.SERVICE_UNAVAILABLE, 'SERVICE_UNAVAILABLE', exception.clientMessage);
  }
  if (exception instanceof UnknownProviderError) {
    return error(HttpStatus.BAD_REQUEST, 'UNKNOWN_PROVIDER', exception.message, {
      field: 'provider',
    });
  }
  if (exception instanceof SeriesQueryError) {
    return error(HttpStatus.BAD_REQUEST, exception.code, exception.message, {
      field: exception.field,
      ...(exception.candidates ? { candidates: exception.candidates } : {}),
    });
  }
  if (exception instanceof CalendarRangeError) {
    return error(HttpStatus.BAD_REQUEST, exception.code, exception.message, {
      field: exception.field,
    });
  }
  if (exception instanceof UnknownExchangeError) {
    return error(HttpStatus.NOT_FOUND, 'UNKNOWN_EXCHANGE', exception.message, {
      exchange: exception.exchange,
      supported: exception.supported,
    });
  }
  if (exception instanceof ListingError) {
    const mapped = error(
      LISTING_STATUS[exception.code] ?? HttpStatus.BAD_GATEWAY,
      listed(exception.code, 'BAD_GATEWAY'),
      `${exception.message}; nothing changed`,
      { source: exception.source },
    );
    // The listing's host failed, not this server: a warning in the request log line is enough.
    return { ...mapped, log: false };
  }
  if (exception instanceof ListingOutdatedError) {
    return error(HttpStatus.CONFLICT, 'LISTING_OUTDATED', exception.message, {
      source: exception.source,
      as_of: exception.asOf,
      last_as_of: exception.lastAsOf,
    });
  }
  if (exception instanceof ThrottlerException) {
    // ApiKeyThrottlerGuard set Retry-After on the response before throwing.
    return error(HttpStatus.TOO_MANY_REQUESTS, 'RATE_LIMITED', exception.message);
  }
  if (exception instanceof CodedHttpException) {
    return error(exception.getStatus(), exception.code, exception.message, exception.details);
  }
  if (exception instanceof HttpException) return fromHttpException(exception);
  return error(HttpStatus.INTERNAL_SERVER_ERROR, 'INTERNAL_ERROR', INTERNAL_MESSAGE);
}
