import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { renderConfigTable, renderEnvExample, withConfigTable } from './config-docs';
import { COMPOSE_VARIABLES, ENVIRONMENT_VARIABLES } from './environment';

// The two documents generated from the schema, as committed. Reading them is this test's point:
// CI fails when someone edits the schema without `npm run docs:config` (or edits the files by hand).
const ROOT = join(__dirname, '..', '..', '..', '..');
const committed = (file: string): string => readFileSync(join(ROOT, file), 'utf8');

describe('configuration documents generated from the schema', () => {
  it('.env.example is what `npm run docs:config` writes', () => {
    expect(committed('.env.example')).toBe(renderEnvExample());
  });

  it("the README's configuration table is what `npm run docs:config` writes", () => {
    const readme = committed('README.md');
    expect(readme).toBe(withConfigTable(readme));
  });

  it('every variable has one row and one line, with its default or placeholder', () => {
    const all = [...ENVIRONMENT_VARIABLES, ...COMPOSE_VARIABLES];
    const example = parseEnv(renderEnvExample());
    const table = renderConfigTable();
    expect(Object.keys(example).sort()).toEqual(all.map((v) => v.name).sort());
    for (const spec of all) {
      expect(example[spec.name]).toBe(spec.placeholder ?? spec.default ?? '');
      expect(table).toContain(`| \`${spec.name}\` `);
    }
  });

  it('refuses a README that lost its table markers instead of writing a second table', () => {
    expect(() => withConfigTable('# no markers here\n')).toThrow(/config-table:start/);
  });
});
