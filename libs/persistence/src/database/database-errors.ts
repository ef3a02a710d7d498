import { QueryRunnerAlreadyReleasedError } from 'typeorm';

/**
 * PostgreSQL's errors as domain errors: the one place where SQLSTATEs, driver error codes and
 * constraint names are read. Repositories throw these; callers never see a driver error's shape.
 */

/** The database cannot be reached or is shutting down/restarting: retry later (HTTP 503). */
export class DatabaseUnavailableError extends Error {
  /** Seconds a client should wait before retrying. */
  readonly retryAfterSeconds = 5;
  readonly clientMessage = 'the database is unavailable; retry later';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
  }
}

/** A unique constraint refused a row; `constraint` names which. */
export class UniqueViolationError extends Error {
  constructor(
    readonly constraint: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(`duplicate key (${constraint ?? 'unknown constraint'})`, options);
    this.name = 'UniqueViolationError';
  }
}

interface DriverErrorShape {
  code?: unknown;
  constraint?: unknown;
  message?: unknown;
  driverError?: DriverErrorShape;
  errors?: DriverErrorShape[];
}

/** Node socket errors of a connection that failed or broke. */
const CONNECTION_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
/** admin_shutdown, crash_shutdown, cannot_connect_now; class 08 is connection exceptions. */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** Messages of pg and its pool for a connection that timed out or ended under us. */
const CONNECTION_MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /Connection terminated/i,
  /Client has encountered a connection error/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /Client was closed and is not queryable/i,
];

function shapeOf(error: unknown): DriverErrorShape {
  if (typeof error !== 'object' || error === null) return {};
  const e = error as DriverErrorShape;
  return e.driverError ?? e;
}

/** True when the error means "the database is not reachable right now", not a faulty query. */
export function isConnectionFailure(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  // TypeORM releases a query runner when its connection raises an error (the server terminated
  // it, the socket broke); we only release ours after their last statement, so a statement on a
  // released runner (e.g. the COMMIT of a transaction) means its connection died under it.
  if (error instanceof QueryRunnerAlreadyReleasedError) return true;
  const e = shapeOf(error);
  const code = typeof e.code === 'string' ? e.code : '';
  if (CONNECTION_ERRNOS.has(code) || UNAVAILABLE_SQLSTATES.has(code) || /^08/.test(code)) {
    return true;
  }
  // An AggregateError (IPv4 and IPv6 both refused) carries the socket errors in `errors`.
  if (Array.isArray(e.errors) && e.errors.some((x) => isConnectionFailure(x))) return true;
  const message = typeof e.message === 'string' ? e.message : '';
  return CONNECTION_MESSAGES.some((re) => re.test(message));
}

/**
 * SQLSTATEs of a statement that failed for a reason of the moment, not of its rows: class 40
 * (serialization failure, deadlock), lock not available, query cancelled (statement_timeout, an
 * operator), and class 53 (insufficient resources: disk full, out of memory, too many connections).
 */
const TRANSIENT_SQLSTATE = /^(40|53)|^55P03$|^57014$/;

/**
 * True when running the same statement again later may well succeed: the database unavailable,
 * or one of the transient SQLSTATEs. False for a faulty query or rows the database refuses.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  if (isConnectionFailure(error)) return true;
  let e: unknown = error;
  // A domain error keeps the driver's error as its cause.
  while (e instanceof Error && typeof (e as DriverErrorShape).code !== 'string' && e.cause) {
    e = e.cause;
  }
  const code = shapeOf(e).code;
  return typeof code === 'string' && TRANSIENT_SQLSTATE.test(code);
}

/**
 * The domain error for a driver error (or the error itself when it is not one we name):
 * connection failures → DatabaseUnavailableError, 23505 → UniqueViolationError.
 */
export function toDomainError(error: unknown): unknown {
  if (error instanceof DatabaseUnavailableError || error instanceof UniqueViolationError) {
    return error;
  }
  if (isConnectionFailure(error)) {
    const e = shapeOf(error);
    const code = typeof e.code === 'string' ? e.code : '';
    const message = typeof e.message === 'string' && e.message ? e.message : String(error);
    return new DatabaseUnavailableError(
      `database unavailable${code ? ` (${code})` : ''}: ${message}`,
      {
        cause: error,
      },
    );
  }
  const e = shapeOf(error);
  if (e.code === '23505') {
    return new UniqueViolationError(typeof e.constraint === 'string' ? e.constraint : undefined, {
      cause: error,
    });
  }
  return error;
}

/** Runs `work`, re-throwing driver errors as domain errors. */
export async function mappingDatabaseErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toDomainError(error);
  }
}
