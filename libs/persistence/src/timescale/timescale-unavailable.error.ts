/** TIMESCALEDB=required and the server does not offer the extension. */
export class TimescaleUnavailableError extends Error {
  constructor() {
    super(
      'TIMESCALEDB=required but the timescaledb extension is not available on this PostgreSQL server ' +
        '(not listed in pg_available_extensions). Install TimescaleDB or set TIMESCALEDB=auto|off.',
    );
    this.name = 'TimescaleUnavailableError';
  }
}
