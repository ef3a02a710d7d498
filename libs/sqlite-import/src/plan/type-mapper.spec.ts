import { SqliteColumn, SqliteTable } from '../schema/sqlite-schema';
import { mapSqliteColumn } from './type-mapper';

function column(
  name: string,
  declaredType: string,
  extra: Partial<SqliteColumn> = {},
): SqliteColumn {
  return {
    name,
    declaredType,
    notNull: false,
    defaultSql: null,
    pkOrdinal: 0,
    booleanCheck: false,
    ...extra,
  };
}

function table(columns: SqliteColumn[], primaryKey: string[] = []): SqliteTable {
  return {
    name: 't',
    sql: '',
    withoutRowid: false,
    columns,
    primaryKey,
    foreignKeys: [],
    indexes: [],
    rowCount: 0,
    generatedColumns: [],
    rowidName: 'rowid',
    rowidAlias: null,
    autoincrementSeq: null,
  };
}

const typeOf = (declared: string, extra: Partial<SqliteColumn> = {}, pk: string[] = []): string => {
  const c = column('c', declared, extra);
  const m = mapSqliteColumn(c, table([c], pk));
  return m.identity ? `${m.pgType} identity` : m.pgType;
};

describe('mapSqliteColumn', () => {
  it('keeps a sequence on integer primary keys only', () => {
    expect(typeOf('INTEGER', { pkOrdinal: 1 }, ['c'])).toBe('bigint identity');
    expect(typeOf('BIGINT', { pkOrdinal: 1 }, ['c'])).toBe('bigint identity');
    expect(typeOf('INTEGER')).toBe('bigint');
    expect(typeOf('TEXT', { pkOrdinal: 1 }, ['c'])).toBe('text');
    const a = column('a', 'INTEGER', { pkOrdinal: 1 });
    const b = column('b', 'INTEGER', { pkOrdinal: 2 });
    expect(mapSqliteColumn(a, table([a, b], ['a', 'b'])).identity).toBe(false);
  });

  it.each([
    ['INT', 'bigint'],
    ['UNSIGNED BIG INT', 'bigint'],
    ['REAL', 'double precision'],
    ['DOUBLE PRECISION', 'double precision'],
    ['FLOAT', 'double precision'],
    ['TEXT', 'text'],
    ['CLOB', 'text'],
    ['CHARACTER(20)', 'text'],
    ['VARCHAR(40)', 'character varying(40)'],
    ['NVARCHAR(10)', 'character varying(10)'],
    ['VARCHAR', 'text'],
    ['BLOB', 'bytea'],
    ['NUMERIC', 'numeric'],
    ['DECIMAL(12,2)', 'numeric'],
    ['MONEY', 'numeric'],
    ['BOOLEAN', 'boolean'],
    ['BOOL', 'boolean'],
    ['TINYINT(1)', 'boolean'],
    ['DATE', 'timestamp with time zone'],
    ['DATETIME', 'timestamp with time zone'],
    ['TIMESTAMP', 'timestamp with time zone'],
    ['TIME', 'text'],
    ['JSON', 'jsonb'],
    ['JSONB', 'jsonb'],
    ['UUID', 'uuid'],
  ])('%s → %s', (declared, pgType) => {
    expect(typeOf(declared)).toBe(pgType);
  });

  it('treats integers restricted to 0 and 1 by a CHECK as booleans', () => {
    expect(typeOf('INTEGER', { booleanCheck: true })).toBe('boolean');
    expect(typeOf('TEXT', { booleanCheck: true })).toBe('text');
  });

  it('gives untyped columns the type of their values', () => {
    expect(typeOf('', { observedTypes: ['integer', 'null'] })).toBe('bigint');
    expect(typeOf('', { observedTypes: ['integer', 'real'] })).toBe('double precision');
    expect(typeOf('', { observedTypes: ['blob'] })).toBe('bytea');
    expect(typeOf('', { observedTypes: ['integer', 'text'] })).toBe('text');
    expect(typeOf('', { observedTypes: [] })).toBe('text');
  });
});
