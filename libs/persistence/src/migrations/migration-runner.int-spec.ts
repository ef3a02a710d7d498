import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Column, DataSource, Entity, MigrationInterface, QueryRunner } from 'typeorm';
import { dropDatabase, freshDatabaseUrl } from '../../../../test/support/test-env';
import { buildDataSourceOptions, MIGRATIONS_DIR } from '../data-source-options';
import { ensureDatabase } from '../ensure-database';
import { ENTITIES, SymbolEntity } from '../entities';
import { MigrationRunner } from './migration-runner';

class AddSymbolNote1900000000001 implements MigrationInterface {
  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`CREATE TABLE t_note (id int PRIMARY KEY)`);
  }
  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE t_note`);
  }
}
class AddSymbolTag1900000000002 implements MigrationInterface {
  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`CREATE TABLE t_tag (id int PRIMARY KEY)`);
  }
  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE t_tag`);
  }
}
class Broken1900000000003 implements MigrationInterface {
  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`CREATE TABLE t_broken (id int PRIMARY KEY)`);
    await qr.query(`SELECT * FROM no_such_table`);
  }
  async down(): Promise<void> {}
}

/** The symbols entity after a developer added a column. */
@Entity({ name: 'symbols' })
class SymbolWithSector extends SymbolEntity {
  @Column({ type: 'text', nullable: true })
  sector!: string | null;
}

async function tables(ds: DataSource): Promise<string[]> {
  const rows: { tablename: string }[] = await ds.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 't\\_%' ORDER BY 1`,
  );
  return rows.map((r) => r.tablename);
}

describe('MigrationRunner', () => {
  const urls: string[] = [];
  const sources: DataSource[] = [];
  async function open(
    migrations: (string | (new () => MigrationInterface))[],
    entities = ENTITIES,
  ) {
    const url = urls.at(-1) as string;
    const ds = new DataSource({
      ...buildDataSourceOptions({ databaseUrl: url, poolSize: 2 }),
      migrations,
      entities,
    });
    await ds.initialize();
    sources.push(ds);
    return new MigrationRunner(ds);
  }
  beforeEach(async () => {
    urls.push(freshDatabaseUrl());
    await ensureDatabase(urls.at(-1) as string);
  });
  afterEach(async () => {
    for (const ds of sources.splice(0)) await ds.destroy();
  });
  afterAll(async () => {
    for (const url of urls) await dropDatabase(url);
  });

  const real = join(MIGRATIONS_DIR, '[0-9]*-*.ts');

  it('up <target>, down N and down <name> land exactly where asked', async () => {
    const runner = await open([real, AddSymbolNote1900000000001, AddSymbolTag1900000000002]);
    const names = (await runner.list()).map((m) => m.name);
    const realNames = names.slice(0, -2);
    const lastReal = realNames[realNames.length - 1];
    expect(names.slice(-2)).toEqual(['AddSymbolNote1900000000001', 'AddSymbolTag1900000000002']);

    const first = await runner.up('AddSymbolNote');
    expect(first.map((r) => r.name)).toEqual([...realNames, 'AddSymbolNote1900000000001']);
    expect((await runner.current())?.name).toBe('AddSymbolNote1900000000001');

    await runner.up();
    expect((await runner.current())?.name).toBe('AddSymbolTag1900000000002');
    const ds = sources[0];
    expect(await tables(ds)).toEqual(['t_note', 't_tag']);

    const one = await runner.down('1');
    expect(one.map((r) => r.name)).toEqual(['AddSymbolTag1900000000002']);
    expect(await tables(ds)).toEqual(['t_note']);

    await runner.up('+1');
    const back = await runner.down(lastReal);
    expect(back.map((r) => r.name)).toEqual([
      'AddSymbolTag1900000000002',
      'AddSymbolNote1900000000001',
    ]);
    expect((await runner.current())?.name).toBe(lastReal);
    expect(await tables(ds)).toEqual([]);

    await expect(runner.down('AddSymbolTag')).rejects.toThrow(/is not applied/);
    await runner.down('base');
    expect(await runner.current()).toBeNull();
  });

  it('a failing migration rolls back alone and leaves earlier ones applied', async () => {
    const runner = await open([real, AddSymbolNote1900000000001, Broken1900000000003]);
    await expect(runner.up()).rejects.toThrow(
      /migration Broken1900000000003 failed: .*no_such_table/,
    );
    expect((await runner.current())?.name).toBe('AddSymbolNote1900000000001');
    expect(await tables(sources[0])).toEqual(['t_note']);
  });

  it('generate writes the new column; check fails before it is applied and passes after', async () => {
    const base = await open([real]);
    await base.up();
    expect(await base.diff()).toEqual({ up: [], down: [] });

    const dir = await mkdtemp(join(tmpdir(), 'mi-gen-'));
    try {
      const changed = ENTITIES.map((e) => (e === SymbolEntity ? SymbolWithSector : e));
      const runner = await open([real], changed);
      expect((await runner.diff()).up).toEqual(['ALTER TABLE "symbols" ADD "sector" text']);

      const path = await runner.generate('AddSymbolSector', dir, 1_900_000_000_000);
      expect(path).toBe(join(dir, '1900000000000-AddSymbolSector.ts'));
      const text = await readFile(path as string, 'utf8');
      expect(text).toContain(
        'export class AddSymbolSector1900000000000 implements MigrationInterface',
      );
      expect(text).toContain('ALTER TABLE "symbols" ADD "sector" text');
      expect(text).toContain('ALTER TABLE "symbols" DROP COLUMN "sector"');

      const withNew = await open([real, join(dir, '*.ts')], changed);
      expect((await withNew.pending()).map((m) => m.name)).toEqual([
        'AddSymbolSector1900000000000',
      ]);
      await withNew.up();
      expect(await withNew.diff()).toEqual({ up: [], down: [] });
      await withNew.down('1');
      expect((await withNew.diff()).up).toEqual(['ALTER TABLE "symbols" ADD "sector" text']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
