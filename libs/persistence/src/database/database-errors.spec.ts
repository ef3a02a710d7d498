import { QueryRunnerAlreadyReleasedError } from 'typeorm';
import {
  DatabaseUnavailableError,
  isConnectionFailure,
  isTransientDatabaseError,
  toDomainError,
  UniqueViolationError,
} from './database-errors';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });
/** TypeORM's QueryFailedError carries the driver's error as `driverError`. */
const queryFailed = (driverError: Error) =>
  Object.assign(new Error(driverError.message), { driverError });

describe('database errors', () => {
  it.each([
    ['ECONNREFUSED', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['ECONNRESET', withCode('ECONNRESET', 'read ECONNRESET')],
    ['57P01 admin_shutdown', queryFailed(withCode('57P01', 'terminating connection'))],
    ['57P02 crash_shutdown', withCode('57P02')],
    ['57P03 cannot_connect_now', withCode('57P03', 'the database system is starting up')],
    ['08006 connection_failure', withCode('08006')],
    ['08001 unable to connect', queryFailed(withCode('08001'))],
    ['pool timeout', new Error('timeout exceeded when trying to connect')],
    ['connection timeout', new Error('Connection terminated due to connection timeout')],
    ['ended connection', new Error('Connection terminated unexpectedly')],
    [
      'IPv4 and IPv6 refused',
      Object.assign(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]), {
        code: 'ECONNREFUSED',
      }),
    ],
    ['AggregateError without code', new AggregateError([withCode('ECONNREFUSED')])],
    // The COMMIT of a transaction whose connection the server terminated (chaos postgres-outage).
    ['runner released by its connection error', new QueryRunnerAlreadyReleasedError()],
  ])('%s → DatabaseUnavailableError', (_name, error) => {
    expect(isConnectionFailure(error)).toBe(true);
    const mapped = toDomainError(error);
    expect(mapped).toBeInstanceOf(DatabaseUnavailableError);
    expect((mapped as Error).cause).toBe(error);
  });

  it('transient: unavailable, deadlock, serialization, lock and statement timeouts, resources; not a refused row', () => {
    for (const code of [
      '40P01',
      '40001',
      '55P03',
      '57014',
      '53100',
      '53200',
      'ECONNREFUSED',
      '57P01',
    ]) {
      expect([code, isTransientDatabaseError(withCode(code))]).toEqual([code, true]);
      expect([code, isTransientDatabaseError(queryFailed(withCode(code)))]).toEqual([code, true]);
    }
    // Through a domain error's cause, too.
    const wrapped = new Error('outcome failed', { cause: withCode('40P01') });
    expect(isTransientDatabaseError(wrapped)).toBe(true);
    expect(isTransientDatabaseError(new DatabaseUnavailableError('down'))).toBe(true);
    for (const code of ['23505', '23503', '23514', '22003', '42P01', '42703']) {
      expect([code, isTransientDatabaseError(withCode(code))]).toEqual([code, false]);
    }
    expect(isTransientDatabaseError(new Error('a bug'))).toBe(false);
  });

  it('23505 → UniqueViolationError with the constraint name', () => {
    const e = queryFailed(
      Object.assign(withCode('23505', 'duplicate key'), {
        constraint: 'batch_executions_job_id_key',
      }),
    );
    const mapped = toDomainError(e);
    expect(mapped).toBeInstanceOf(UniqueViolationError);
    expect((mapped as UniqueViolationError).constraint).toBe('batch_executions_job_id_key');
  });

  it.each([
    ['syntax error', withCode('42601')],
    ['check violation', withCode('23514')],
    ['plain bug', new TypeError('x is undefined')],
    ['not an error', 'boom'],
  ])('leaves %s as it is', (_name, error) => {
    expect(isConnectionFailure(error)).toBe(false);
    expect(toDomainError(error)).toBe(error);
  });
});
