import { API_KEYS_PLACEHOLDER } from '@app/common';
import { admin, dropDatabase, freshDatabaseUrl, runCli } from '../support/test-env';

const exists = (url: string): Promise<boolean> =>
  admin(async (c) => {
    const found = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      new URL(url).pathname.slice(1),
    ]);
    return found.rowCount === 1;
  });

describe('config check, and the demo with the .env.example placeholder', () => {
  const url = freshDatabaseUrl();
  afterAll(() => dropDatabase(url));

  it('config check <role> validates as that process would, without starting it', async () => {
    const refused = await runCli(['config', 'check', 'api'], { API_KEYS: API_KEYS_PLACEHOLDER });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('market-ingest api: Invalid configuration');
    expect(refused.stderr).toContain('API_KEYS still holds the placeholder of .env.example');
    const ok = await runCli(['config', 'check', 'worker'], { API_KEYS: API_KEYS_PLACEHOLDER });
    expect({ code: ok.code, out: ok.stdout.trim() }).toEqual({
      code: 0,
      out: 'configuration is valid for worker',
    });
    const bad = await runCli(['config', 'check', 'web'], {});
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('role must be one of api, worker, cli');
  });

  it('npm run demo refuses the API_KEYS placeholder before migrating', async () => {
    const demo = await runCli(['demo', '--symbols', '1'], {
      DATABASE_URL: url,
      API_KEYS: API_KEYS_PLACEHOLDER,
    });
    expect(demo.code).toBe(1);
    expect(demo.stderr).toContain('API_KEYS still holds the placeholder of .env.example');
    expect(await exists(url)).toBe(false);
  });
});
