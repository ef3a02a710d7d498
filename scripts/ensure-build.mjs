// Builds dist/ when it is missing or older than any source file, so that `npm run start:api`,
// `start:worker`, `migrate`, `demo`… work straight after `npm ci`: the Nest apps (nest build),
// then the dashboard: its API types generated from the built API's OpenAPI document, a strict
// type check of its pages against them, and its Vite build into dist/dashboard (served at /ui/).
// A lock directory keeps two scripts started at once from building over each other.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const stamp = join(root, 'dist', '.build-stamp');
const lock = join(root, '.build-lock');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|tsx|css|html|svg)$/.test(entry.name))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function builtAt() {
  try {
    return statSync(stamp).mtimeMs;
  } catch {
    return 0;
  }
}

function stale() {
  const sources = ['apps', 'libs', 'migrations'].map((d) => newestSource(join(root, d)));
  const configs = [
    'tsconfig.json',
    'tsconfig.build.json',
    'nest-cli.json',
    'apps/dashboard/tsconfig.json',
    'apps/dashboard/index.html',
  ].map((f) => statSync(join(root, f)).mtimeMs);
  return Math.max(...sources, ...configs) > builtAt();
}

const deadline = Date.now() + 120_000;
for (;;) {
  try {
    mkdirSync(lock);
    break;
  } catch {
    if (Date.now() > deadline) rmSync(lock, { recursive: true, force: true });
    else await new Promise((r) => setTimeout(r, 200));
  }
}
try {
  if (process.argv.includes('--force') || stale()) {
    process.stderr.write('building (nest build) ...\n');
    const bin = (name) => join(root, 'node_modules', '.bin', name);
    execFileSync(bin('nest'), ['build'], { cwd: root, stdio: 'inherit' });
    process.stderr.write('building the dashboard (types from /docs-json, tsc, vite) ...\n');
    execFileSync(process.execPath, [join(root, 'scripts', 'dashboard-openapi.mjs')], {
      cwd: root,
      stdio: 'inherit',
    });
    execFileSync(bin('tsc'), ['-p', join(root, 'apps', 'dashboard', 'tsconfig.json'), '--noEmit'], {
      cwd: root,
      stdio: 'inherit',
    });
    execFileSync(
      bin('vite'),
      [
        'build',
        '--config',
        join(root, 'apps', 'dashboard', 'vite.config.mts'),
        '--logLevel',
        'warn',
      ],
      { cwd: root, stdio: 'inherit' },
    );
    execFileSync('touch', [stamp]);
  }
} finally {
  rmSync(lock, { recursive: true, force: true });
}
