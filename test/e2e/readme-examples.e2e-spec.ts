import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { FakeProviderServer } from '../support/fake-provider-server';
import { startStack, Stack, TEST_API_KEY } from '../support/stack';
import {
  createMigratedDatabase,
  dropDatabase,
  queuePrefix,
  REPO_ROOT,
  TEST_REDIS_URL,
} from '../support/test-env';

interface Example {
  title: string;
  script: string;
  /** The statuses of the `# → NNN` comments, in order. */
  documented: number[];
}

/** The README's runnable examples: ```sh blocks whose first line is `# example: <title>`. */
function readmeExamples(readme: string): Example[] {
  return [...readme.matchAll(/^```sh\n# example: (.+)\n([\s\S]*?)^```$/gm)].map((m) => ({
    title: m[1],
    script: m[2],
    documented: [...m[2].matchAll(/^# → (\d{3})\b/gm)].map((s) => Number(s[1])),
  }));
}

/** Consecutive repeats as one: a polling loop's many 200s stand for its one documented 200. */
const collapse = (codes: number[]): number[] => codes.filter((c, i) => c !== codes[i - 1]);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  statuses: number[];
}

/**
 * Runs one example with bash as a reader would paste it (errexit, pipefail), with `API` and `KEY`
 * set and the variables of the examples before it. `curl` is wrapped only to write each answer's
 * status to stderr (`%{stderr}` of --write-out), which is how the test reads them.
 */
function runExample(script: string, env: Record<string, string>, state: string): Promise<Run> {
  const program = [
    'set -euo pipefail',
    `[ -f '${state}' ] && source '${state}'`,
    'curl() { command curl --write-out \'%{stderr}HTTP-STATUS %{http_code}\\n\' "$@"; }',
    'set -a',
    script,
    'set +a',
    `declare -p $(compgen -e | grep -E '^[A-Z][A-Z0-9_]*$' | grep -vE '^(PATH|HOME|API|KEY|PWD|OLDPWD|SHLVL)$') > '${state}' 2>/dev/null || true`,
  ].join('\n');
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['-c', program],
      { env: { ...env }, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        const statuses = [...stderr.matchAll(/^HTTP-STATUS (\d{3})$/gm)].map((m) => Number(m[1]));
        resolve({ code, stdout, stderr, statuses });
      },
    );
  });
}

describe("the README's examples, run with bash against a fresh stack", () => {
  const examples = readmeExamples(readFileSync(join(REPO_ROOT, 'README.md'), 'utf8'));
  let db: string;
  let prefix: string;
  let stack: Stack;
  let dir: string;
  /** Stands in for JPX: the universe examples sync its recorded listing of 2025-09-30. */
  let jpx: FakeProviderServer;

  beforeAll(async () => {
    db = await createMigratedDatabase();
    prefix = queuePrefix();
    dir = mkdtempSync(join(tmpdir(), 'mi-readme-'));
    jpx = await FakeProviderServer.start({
      fixturesDir: join(REPO_ROOT, 'test', 'fixtures', 'universe'),
    });
    jpx.route('/data_j.xls', { fixture: 'jpx/data_j-20250930.xls' });
    stack = await startStack({
      DATABASE_URL: db,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      // The alert examples add an e-mail channel, which needs an SMTP server configured (no mail
      // is sent: their rules are deleted before anything fires).
      SMTP_URL: 'smtp://mailer:secret@127.0.0.1:2525',
      JPX_LISTING_URL: `${jpx.url}/data_j.xls`,
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await jpx?.close();
    const redis = new Redis(TEST_REDIS_URL);
    try {
      // Queue keys live under `<prefix>:`, the API's rate-limit counters under `throttle:<prefix>:`.
      const keys = [
        ...(await redis.keys(`${prefix}:*`)),
        ...(await redis.keys(`throttle:${prefix}:*`)),
      ];
      if (keys.length > 0) await redis.del(...keys);
    } finally {
      redis.disconnect();
    }
    await dropDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds the examples, each documenting the status of its requests', () => {
    expect(examples.map((e) => e.title)).toEqual(
      expect.arrayContaining([
        'start a batch, follow it, read what it stored',
        'a rejected request writes nothing and says why',
        "sync the TSE universe from JPX's listing, browse it, run a batch over TSE Prime",
        'sync the TSE universe every weekday at 07:00 Tokyo time',
      ]),
    );
    for (const example of examples) expect(example.documented.length).toBeGreaterThan(0);
  });

  // One after the other, in README order: later examples use variables set by earlier ones.
  it.each(examples.map((e) => [e.title, e] as const))('%s', async (_title, example) => {
    const run = await runExample(
      example.script,
      {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        API: stack.base,
        KEY: TEST_API_KEY,
      },
      join(dir, 'state.sh'),
    );
    const report = { exit: run.code, statuses: collapse(run.statuses) };
    expect({ ...report, stderr: run.code === 0 ? '' : run.stderr }).toEqual({
      exit: 0,
      statuses: collapse(example.documented),
      stderr: '',
    });
  });
});
