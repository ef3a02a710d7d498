// Generates the dashboard's API types (apps/dashboard/src/api/schema.d.ts) from the API's OpenAPI
// document, the JSON /docs-json serves, printed by the built API without a database
// (dist/apps/api/src/openapi/print-openapi.js, Nest's preview mode). `npm run build` runs it
// before type-checking the dashboard, so a route or DTO change the pages do not follow fails the
// build instead of the page. Writes the file only when it changed.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';

const root = new URL('..', import.meta.url).pathname;
const target = join(root, 'apps', 'dashboard', 'src', 'api', 'schema.d.ts');

const documentJson = execFileSync(
  process.execPath,
  [join(root, 'dist', 'apps', 'api', 'src', 'openapi', 'print-openapi.js')],
  { cwd: root, maxBuffer: 64 * 1024 * 1024 },
).toString('utf8');
const ast = await openapiTS(JSON.parse(documentJson));
const text =
  "// Generated from the API's OpenAPI document (/docs-json) by scripts/dashboard-openapi.mjs.\n" +
  '// Do not edit: `npm run build` (or `npm run dashboard:openapi`) writes it.\n\n' +
  astToString(ast);

let current = '';
try {
  current = readFileSync(target, 'utf8');
} catch {
  // first run
}
if (current !== text) {
  writeFileSync(target, text);
  process.stderr.write(`wrote ${target}\n`);
}
