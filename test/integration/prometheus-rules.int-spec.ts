import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { Metrics } from '@app/common';
import { REPO_ROOT } from '../support/test-env';

const run = promisify(execFile);
const DIR = join(REPO_ROOT, 'docker', 'prometheus');
/** promtool from PATH (Debian's `prometheus` package), or PROMTOOL. */
const PROMTOOL = process.env.PROMTOOL ?? 'promtool';

async function promtool(args: string[], cwd = DIR): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(PROMTOOL, args, { cwd });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number | string; stdout?: string; stderr?: string };
    if (e.code === 'ENOENT') {
      throw new Error(
        `${PROMTOOL} not found: install Prometheus's tools (apt-get install -y prometheus; .ci/run does) or set PROMTOOL`,
        { cause: error },
      );
    }
    return { code: typeof e.code === 'number' ? e.code : 1, output: `${e.stdout}${e.stderr}` };
  }
}

/**
 * The Prometheus rules of docker/prometheus: valid, their promtool unit tests pass, they only
 * name metrics the processes export, and the unit tests catch a changed rule. Fails (never skips)
 * when promtool is missing: CI installs it.
 */
describe('Prometheus alerting rules (promtool)', () => {
  it('the rules and the compose Prometheus config are valid', async () => {
    expect(await promtool(['check', 'rules', 'alerts.yml'])).toMatchObject({ code: 0 });
    expect(await promtool(['check', 'config', 'prometheus.yml'])).toMatchObject({ code: 0 });
  });

  it('promtool test rules passes', async () => {
    const result = await promtool(['test', 'rules', 'alerts.test.yml']);
    expect(result).toEqual({ code: 0, output: expect.stringContaining('SUCCESS') });
  });

  it('every metric a rule reads is one the processes export', async () => {
    const doc = parse(await readFile(join(DIR, 'alerts.yml'), 'utf8')) as {
      groups: { rules: { alert: string; expr: string }[] }[];
    };
    const exported = new Set((await Metrics.get().registry.getMetricsAsJSON()).map((m) => m.name));
    const used = doc.groups.flatMap((g) =>
      g.rules.flatMap((r) => [...r.expr.matchAll(/\bmarket_ingest_[a-z_]+\b/g)].map((m) => m[0])),
    );
    expect(used.length).toBeGreaterThan(5);
    expect(used.filter((name) => !exported.has(name))).toEqual([]);
  });

  it('the unit tests fail when a rule changes (they can fail)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'promtool-'));
    try {
      const rules = await readFile(join(DIR, 'alerts.yml'), 'utf8');
      expect(rules).toContain('> 0.5');
      await writeFile(join(dir, 'alerts.yml'), rules.replace('> 0.5', '> 0.9'));
      await copyFile(join(DIR, 'alerts.test.yml'), join(dir, 'alerts.test.yml'));
      const result = await promtool(['test', 'rules', 'alerts.test.yml'], dir);
      expect(result.code).not.toBe(0);
      expect(result.output).toContain('MarketIngestProviderFailing');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
