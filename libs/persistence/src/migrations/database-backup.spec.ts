import { backupFileName, libpqEnvironment, pgDumpInvocation } from './database-backup';

describe('pg_dump / pg_restore invocations', () => {
  it('carry the connection in libpq variables: the password only in PGPASSWORD, never in the arguments', () => {
    const url =
      'postgres://ingest%40app:p%40ss%3Aw0rd@db.internal:6543/market_ingest?sslmode=require&application_name=mi';
    const inv = pgDumpInvocation(url, '/backups/x.dump');
    expect(inv.command).toBe('pg_dump');
    expect(inv.args).toEqual(['--format=custom', '--no-password', '--file=/backups/x.dump']);
    expect(inv.args.join(' ')).not.toMatch(/p@ss|w0rd|postgres:\/\//);
    expect(inv.env).toEqual({
      PGHOST: 'db.internal',
      PGPORT: '6543',
      PGUSER: 'ingest@app',
      PGPASSWORD: 'p@ss:w0rd',
      PGDATABASE: 'market_ingest',
      PGSSLMODE: 'require',
      PGAPPNAME: 'mi',
    });
  });

  it('sets no PGPASSWORD without a password; takes a socket directory from ?host=', () => {
    expect(libpqEnvironment('postgres://postgres@127.0.0.1:5432/db')).toEqual({
      PGHOST: '127.0.0.1',
      PGPORT: '5432',
      PGUSER: 'postgres',
      PGDATABASE: 'db',
    });
    expect(libpqEnvironment('postgresql://u@localhost/db?host=/var/run/postgresql').PGHOST).toBe(
      '/var/run/postgresql',
    );
    expect(libpqEnvironment('postgres://u@[::1]:5432/db').PGHOST).toBe('::1');
  });

  it('names a backup after its database, schema revision and UTC time (sortable)', () => {
    const at = new Date('2026-12-05T06:07:08.009Z');
    expect(backupFileName('market_ingest', 'BatchSchedules1796412403422', at)).toBe(
      'market_ingest.BatchSchedules1796412403422.20261205T060708009Z.dump',
    );
    expect(backupFileName('market_ingest', null, at)).toBe(
      'market_ingest.base.20261205T060708009Z.dump',
    );
  });
});
