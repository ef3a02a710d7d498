/**
 * Every `error.code` the API answers with: the enum of ApiErrorDetailDto in the OpenAPI document.
 * Codes of the libs' domain errors (BatchValidationError, SeriesQueryError, CalendarRangeError,
 * UnknownExchangeError, AlertValidationError) are listed here too;
 * api-error.spec checks that every code toApiError produces for them is one of these.
 */
export const API_ERROR_CODES = [
  // 400
  'VALIDATION_FAILED',
  'INVALID_JSON',
  'BODY_TOO_DEEP',
  'BODY_TOO_WIDE',
  'CONTROL_CHARACTER',
  'INVALID_BATCH',
  'INVALID_SYMBOL',
  'EMPTY_SYMBOLS',
  'TOO_MANY_SYMBOLS',
  'INVALID_RANGE',
  'INVALID_BUCKET',
  'LIMIT_TOO_LARGE',
  'AMBIGUOUS_SOURCE',
  'UNSUPPORTED_INTERVAL',
  'INVALID_ID',
  'INVALID_CRON',
  'INVALID_TIMEZONE',
  'UNKNOWN_PROVIDER',
  'WEBHOOK_HOST_NOT_ALLOWED',
  'WEBHOOK_PRIVATE_ADDRESS',
  'WEBHOOK_URL_CREDENTIALS',
  'SCHEDULE_TOO_FREQUENT',
  'INVALID_ALERT_RULE',
  'BAD_REQUEST',
  'LISTING_FILE_REQUIRED',
  // 401, 404, 405, 409, 413, 415, 422, 429, 502 (403 below)
  'LISTING_OUTDATED',
  'LISTING_NOT_A_LISTING',
  'LISTING_CORRUPT',
  'LISTING_EMPTY',
  'LISTING_TOO_LARGE',
  'LISTING_UNREACHABLE',
  'LISTING_NOT_FOUND',
  'UNAUTHORIZED',
  'NOT_FOUND',
  'UNKNOWN_EXCHANGE',
  'METHOD_NOT_ALLOWED',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  // 403
  'FORBIDDEN',
  'CSRF_TOKEN_INVALID',
  // Other statuses Nest or body-parser may answer (code from the reason phrase)
  'NOT_ACCEPTABLE',
  'REQUEST_TIMEOUT',
  'UNPROCESSABLE_ENTITY',
  'TOO_MANY_REQUESTS',
  'NOT_IMPLEMENTED',
  'BAD_GATEWAY',
  'GATEWAY_TIMEOUT',
  // 5xx
  'INTERNAL_ERROR',
  'QUEUE_UNAVAILABLE',
  'DATABASE_UNAVAILABLE',
  'SERVICE_UNAVAILABLE',
  /** A status without a code of its own (its reason phrase is not listed above). */
  'ERROR',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export function isApiErrorCode(code: string): code is ApiErrorCode {
  return (API_ERROR_CODES as readonly string[]).includes(code);
}
