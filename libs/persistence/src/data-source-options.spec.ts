import { buildDataSourceOptions } from './data-source-options';

describe('buildDataSourceOptions', () => {
  it('one primary without a read URL', () => {
    const options = buildDataSourceOptions({ databaseUrl: 'postgres://p/db' }) as {
      url?: string;
      replication?: unknown;
      extra: Record<string, unknown>;
    };
    expect(options.url).toBe('postgres://p/db');
    expect(options.replication).toBeUndefined();
    expect(options.extra.application_name).toBe('market-ingest');
  });

  it('with a read URL: the replica serves only `slave` query runners; the default stays the primary', () => {
    const options = buildDataSourceOptions({
      databaseUrl: 'postgres://p/db',
      readUrl: 'postgres://r/db',
    }) as { url?: string; replication?: Record<string, unknown>; extra: Record<string, unknown> };
    expect(options.url).toBeUndefined();
    expect(options.replication).toEqual({
      master: { url: 'postgres://p/db', applicationName: 'market-ingest' },
      slaves: [{ url: 'postgres://r/db', applicationName: 'market-ingest-read' }],
      defaultMode: 'master',
    });
    // Per pool, so pg_stat_activity tells the two apart.
    expect(options.extra.application_name).toBeUndefined();
  });
});
