import { nodeSqlite } from './node-sqlite';
import { hasBooleanCheck, SqliteSchemaReader } from './sqlite-schema-reader';

describe('SqliteSchemaReader', () => {
  const db = new (nodeSqlite().DatabaseSync)(':memory:');
  db.exec(`
    PRAGMA foreign_keys = OFF;
    CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent ON DELETE CASCADE,
      flag INTEGER NOT NULL DEFAULT 0 CHECK (flag IN (0, 1)), loose);
    CREATE TABLE parent (a TEXT, b INTEGER, note VARCHAR(20), PRIMARY KEY (a, b)) WITHOUT ROWID;
    CREATE TABLE "odd name" ("rowid" TEXT, "the key" TEXT UNIQUE, g INTEGER GENERATED ALWAYS AS (1) VIRTUAL);
    CREATE INDEX child_loose ON child (loose DESC);
    CREATE INDEX child_partial ON child (flag) WHERE flag = 1;
    CREATE INDEX child_expr ON child (lower(loose));
    INSERT INTO child VALUES (1, NULL, 1, 5), (2, NULL, 0, 'x');
    CREATE VIEW v AS SELECT * FROM child;
    CREATE TABLE seq (id INTEGER PRIMARY KEY AUTOINCREMENT);
    INSERT INTO seq VALUES (7); DELETE FROM seq;
  `);
  const schema = new SqliteSchemaReader(db).read();
  const byName = new Map(schema.tables.map((t) => [t.name, t]));
  afterAll(() => db.close());

  it('reads tables in declaration order with their row counts', () => {
    expect(schema.tables.map((t) => [t.name, t.rowCount])).toEqual([
      ['child', 2],
      ['parent', 0],
      ['odd name', 0],
      ['seq', 0],
    ]);
    expect(schema.unsupported).toEqual([{ name: 'v', reason: 'view (not imported)' }]);
    expect(byName.get('seq')!.autoincrementSeq).toBe(7);
    expect(byName.get('child')!.autoincrementSeq).toBeNull();
  });

  it('reads columns, declared types, NOT NULL, defaults, keys and boolean checks', () => {
    const child = byName.get('child')!;
    expect(
      child.columns.map((c) => [
        c.name,
        c.declaredType,
        c.notNull,
        c.defaultSql,
        c.pkOrdinal,
        c.booleanCheck,
      ]),
    ).toEqual([
      ['id', 'INTEGER', false, null, 1, false],
      ['parent_id', 'INTEGER', false, null, 0, false],
      ['flag', 'INTEGER', true, '0', 0, true],
      ['loose', '', false, null, 0, false],
    ]);
    expect(child.columns[3].observedTypes!.sort()).toEqual(['integer', 'text']);
    expect(child.primaryKey).toEqual(['id']);
    expect(child.rowidAlias).toBe('id');
    expect(byName.get('parent')!.primaryKey).toEqual(['a', 'b']);
  });

  it('knows WITHOUT ROWID tables and finds a free name for the rowid', () => {
    expect(byName.get('parent')!.withoutRowid).toBe(true);
    expect(byName.get('parent')!.rowidName).toBeNull();
    expect(byName.get('child')!.rowidName).toBe('rowid');
    expect(byName.get('odd name')!.rowidName).toBe('_rowid_');
  });

  it('reads foreign keys (the parent key when no column is named) and indexes', () => {
    expect(byName.get('child')!.foreignKeys).toEqual([
      {
        table: 'parent',
        from: ['parent_id'],
        to: [null],
        onUpdate: 'NO ACTION',
        onDelete: 'CASCADE',
      },
    ]);
    const indexes = byName.get('child')!.indexes;
    expect(indexes.find((i) => i.name === 'child_loose')).toMatchObject({
      unique: false,
      origin: 'c',
      partial: false,
      columns: [{ name: 'loose', desc: true }],
    });
    expect(indexes.find((i) => i.name === 'child_partial')!.partial).toBe(true);
    expect(indexes.find((i) => i.name === 'child_expr')!.columns).toEqual([
      { name: null, desc: false },
    ]);
    const odd = byName.get('odd name')!;
    expect(odd.indexes).toEqual([
      expect.objectContaining({
        unique: true,
        origin: 'u',
        columns: [{ name: 'the key', desc: false }],
      }),
    ]);
    expect(odd.generatedColumns).toEqual(['g']);
    expect(odd.columns.map((c) => c.name)).toEqual(['rowid', 'the key']);
  });

  it('recognises 0/1 checks in their usual spellings', () => {
    expect(hasBooleanCheck('CREATE TABLE t (x INT CHECK (x IN (1,0)))', 'x')).toBe(true);
    expect(
      hasBooleanCheck('CREATE TABLE t ("is on" INT CHECK ("is on" BETWEEN 0 AND 1))', 'is on'),
    ).toBe(true);
    expect(hasBooleanCheck('CREATE TABLE t (x INT CHECK (x IN (0,1,2)))', 'x')).toBe(false);
    expect(hasBooleanCheck('CREATE TABLE t (xx INT CHECK (x IN (0,1)))', 'xx')).toBe(false);
  });
});
