// Builds dist/ (nest build) when it is missing or older than any source file, so that
// `npm run start:api`, `start:worker`, `migrate`, `demo`… work straight after `npm ci`.
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
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
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
  const configs = ['tsconfig.json', 'tsconfig.build.json', 'nest-cli.json'].map(
    (f) => statSync(join(root, f)).mtimeMs,
  );
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
    execFileSync(join(root, 'node_modules', '.bin', 'nest'), ['build'], {
      cwd: root,
      stdio: 'inherit',
    });
    execFileSync('touch', [stamp]);
  }
} finally {
  rmSync(lock, { recursive: true, force: true });
}
