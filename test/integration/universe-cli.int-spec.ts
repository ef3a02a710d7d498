import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  CliResult,
  createMigratedDatabase,
  dropDatabase,
  REPO_ROOT,
  runCli,
} from '../support/test-env';

const JPX = join(REPO_ROOT, 'test', 'fixtures', 'universe', 'jpx');

async function count(url: string, where: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(`SELECT count(*)::int AS n FROM symbols WHERE ${where}`)).rows[0]
      .n as number;
  } finally {
    await client.end();
  }
}

/** The printed JSON (the answer of POST /api/universe/sync). */
interface SyncJson {
  success: boolean;
  added_symbols: string[];
  delisted_symbols: string[];
  symbols_truncated: boolean;
  [field: string]: unknown;
}

/** `npm run universe -- sync …` as a user runs it (the built CLI), parsed when it printed JSON. */
async function universe(url: string, args: string[]): Promise<CliResult & { json: SyncJson }> {
  const result = await runCli(['universe', 'sync', ...args], { DATABASE_URL: url });
  let json = {} as SyncJson;
  try {
    json = JSON.parse(result.stdout) as SyncJson;
  } catch {
    // Not JSON: the failure cases print to stderr only.
  }
  return { ...result, json };
}

describe('npm run universe -- sync (the built CLI, real PostgreSQL)', () => {
  let url: string;
  let dir: string;

  beforeAll(async () => {
    url = await createMigratedDatabase();
    dir = await mkdtemp(join(tmpdir(), 'mi-universe-cli-'));
  });
  afterAll(async () => {
    await dropDatabase(url);
    await rm(dir, { recursive: true, force: true });
  });

  it('syncs a JPX file and prints the JSON of the route (symbol lists capped at 100)', async () => {
    const run = await universe(url, ['jpx', '--file', join(JPX, 'data_j-20250530.xls')]);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.json).toMatchObject({
      success: true,
      source: 'jpx',
      as_of: '2025-05-30',
      added: 4409,
      updated: 0,
      delisted: 0,
      relisted: 0,
      unchanged: 0,
      active: 4409,
      symbols_truncated: true,
    });
    expect(run.json.added_symbols).toHaveLength(100);
    expect(run.json.added_symbols.slice(0, 3)).toEqual(['1301.T', '1305.T', '1306.T']);
  });

  it('--verbose lists every symbol: the newer file adds 47 and delists 53', async () => {
    const run = await universe(url, [
      'jpx',
      '--file',
      join(JPX, 'data_j-20250930.xls'),
      '--verbose',
    ]);
    expect(run.code).toBe(0);
    expect(run.json).toMatchObject({ as_of: '2025-09-30', added: 47, delisted: 53, active: 4403 });
    expect(run.json.added_symbols).toHaveLength(47);
    expect(run.json.delisted_symbols).toHaveLength(53);
    expect(run.json.delisted_symbols[0]).toBe('1757.T');
    expect(run.json.symbols_truncated).toBe(false);
  });

  it('fails with a message and exit 1, changing nothing: missing file, older listing, csv without a file', async () => {
    const missing = await universe(url, ['jpx', '--file', join(dir, 'nope.xls')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /^universe sync: jpx listing: .*nope\.xls.* \[LISTING_NOT_FOUND\]; nothing changed\n$/,
    );
    const older = await universe(url, ['jpx', '--file', join(JPX, 'data_j-20250530.xls')]);
    expect(older.code).toBe(1);
    expect(older.stderr).toContain(
      'jpx listing of 2025-05-30 is older than the one already applied (2025-09-30); nothing changed',
    );
    const csv = await universe(url, ['csv']);
    expect(csv.code).toBe(1);
    expect(csv.stderr).toContain('[LISTING_FILE_REQUIRED]');
    const unknown = await universe(url, ['nasdaq']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('source must be one of jpx, binance, bybit, csv');
    expect(await count(url, 'active')).toBe(4403);
  });

  it('syncs a CSV listing from a file, beside the JPX stocks', async () => {
    const file = join(dir, 'us.csv');
    await writeFile(
      file,
      'symbol,name,exchange,asset_class,market_segment,industry_code,industry_name,provider\n' +
        'AAPL,Apple Inc.,NASDAQ,equity,,,,yahoo\n' +
        'MSFT,Microsoft,NASDAQ,equity,,,,yahoo\n',
    );
    const run = await universe(url, ['csv', '--file', file]);
    expect(run.code).toBe(0);
    expect(run.json).toMatchObject({ source: 'csv', added: 2, active: 2 });
    expect(run.json.added_symbols).toEqual(['AAPL', 'MSFT']);
    expect(await count(url, `exchange = 'NASDAQ' AND listing_source = 'csv'`)).toBe(2);
    expect(await count(url, `exchange = 'TSE' AND active`)).toBe(4403);
  });
});
