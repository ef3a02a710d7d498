// Writes .env.example and the README's configuration table from the environment schema
// (libs/common/src/config/environment.ts). `--check` writes nothing and exits 1 when either differs.
// Run through `npm run docs:config`, which builds dist/ first.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const docs = require(join(root, 'dist/libs/common/src/config/config-docs.js'));
const check = process.argv.includes('--check');

const files = [
  ['.env.example', () => docs.renderEnvExample()],
  ['README.md', (current) => docs.withConfigTable(current)],
];
let stale = 0;
for (const [file, render] of files) {
  const path = join(root, file);
  const current = readFileSync(path, 'utf8');
  const wanted = render(current);
  if (current === wanted) continue;
  stale += 1;
  if (check) console.error(`${file} differs from the environment schema: run npm run docs:config`);
  else {
    writeFileSync(path, wanted);
    console.log(`wrote ${file}`);
  }
}
if (check && stale > 0) process.exit(1);
if (!check && stale === 0) console.log('.env.example and README.md already match the schema');
