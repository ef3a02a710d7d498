import { ESLint } from 'eslint';
import { join } from 'node:path';

/**
 * The persistence door is kept by eslint.config.mjs (no-restricted-imports): this lints fixture
 * sources under fake paths with the project's own configuration, as `npm run lint` would.
 */
const ROOT = join(__dirname, '..', '..', '..');
const DOOR = /Only libs\/persistence and libs\/sqlite-import talk to the database driver/;

async function messagesFor(code: string, file: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return result.messages.map((m) => m.message);
}

describe('the persistence door (ESLint)', () => {
  jest.setTimeout(60_000);

  it.each([
    [
      'apps/api/src/fixture.ts',
      `import { DataSource } from 'typeorm';\nexport const d = DataSource;\n`,
    ],
    ['apps/cli/src/bench/fixture.ts', `import { Client } from 'pg';\nexport const c = Client;\n`],
    [
      'apps/cli/src/demo/fixture.ts',
      `import type { QueryRunner } from 'typeorm';\nexport type Q = QueryRunner;\n`,
    ],
    [
      'libs/batch/src/fixture.ts',
      `import { TypeOrmModule } from '@nestjs/typeorm';\nexport const m = TypeOrmModule;\n`,
    ],
    ['libs/market-data/src/fixture.ts', `import { Pool } from 'pg';\nexport const p = Pool;\n`],
    [
      'libs/common/src/fixture.ts',
      `import { QueryFailedError } from 'typeorm';\nexport const e = QueryFailedError;\n`,
    ],
  ])('fails %s importing the driver', async (file, code) => {
    const messages = await messagesFor(code, file);
    expect(messages.some((m) => DOOR.test(m))).toBe(true);
  });

  it.each([
    [
      'libs/persistence/src/fixture.ts',
      `import { DataSource } from 'typeorm';\nexport const d = DataSource;\n`,
    ],
    [
      'libs/sqlite-import/src/fixture.ts',
      `import { Client } from 'pg';\nexport const c = Client;\n`,
    ],
    [
      'apps/api/src/fixture.ts',
      `import { BatchRepository } from '@app/persistence';\nexport const r = BatchRepository;\n`,
    ],
  ])('lets %s through', async (file, code) => {
    expect(await messagesFor(code, file)).toEqual([]);
  });

  it('keeps migrations frozen: no live lib code', async () => {
    const messages = await messagesFor(
      `import { TIMESERIES_TABLES } from '@app/persistence';\nexport const t = TIMESERIES_TABLES;\n`,
      'migrations/1790000000000-Fixture.ts',
    );
    expect(messages.some((m) => /A migration never imports live code/.test(m))).toBe(true);
  });
});
