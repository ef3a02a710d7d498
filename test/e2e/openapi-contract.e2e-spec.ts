import { execFile } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { responseChecker } from '../support/openapi-check';
import {
  api,
  freePort,
  Stack,
  startStack,
  TEST_API_KEY,
  waitFor,
  waitForStatus,
} from '../support/stack';
import {
  createMigratedDatabase,
  dropDatabase,
  queuePrefix,
  REPO_ROOT,
  TEST_REDIS_URL,
} from '../support/test-env';

const run = promisify(execFile);

/** A port nothing listens on (free now, and not taken by this test). */
const closedPort = (): Promise<number> => freePort();
const NODE_MODULES = join(REPO_ROOT, 'node_modules');

type Doc = {
  servers?: { url: string }[];
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
};

/**
 * A client generated from the live document types every answer the program reads (no `never`,
 * no `unknown`), so a route whose response schema goes missing fails the type check.
 */
const PROGRAM = `import createClient from 'openapi-fetch';
import type { paths } from './schema.ts';

type Responses<Op> = Op extends { responses: infer R } ? R : never;
type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Typed<T> = [T] extends [never] ? false : unknown extends T ? false : true;
type Body<P extends keyof paths, M extends keyof paths[P], S extends keyof Responses<paths[P][M]>> =
  Json<Responses<paths[P][M]>[S]>;

export const typed: {
  start: Typed<Body<'/api/bulk/start', 'post', 202>>;
  startError: Typed<Body<'/api/bulk/start', 'post', 400>>;
  status: Typed<Body<'/api/bulk/status/{id}', 'get', 200>>;
  stop: Typed<Body<'/api/bulk/stop/{id}', 'post', 200>>;
  pause: Typed<Body<'/api/bulk/pause/{id}', 'post', 200>>;
  resume: Typed<Body<'/api/bulk/resume/{id}', 'post', 200>>;
  batches: Typed<Body<'/api/batches', 'get', 200>>;
  batch: Typed<Body<'/api/batches/{id}', 'get', 200>>;
  details: Typed<Body<'/api/batches/{id}/details', 'get', 200>>;
  retry: Typed<Body<'/api/batches/{id}/retry-failed', 'post', 202>>;
  candles: Typed<Body<'/api/ohlcv/{symbol}', 'get', 200>>;
  funding: Typed<Body<'/api/funding-rates/{symbol}', 'get', 200>>;
  openInterest: Typed<Body<'/api/open-interest/{symbol}', 'get', 200>>;
  coverage: Typed<Body<'/api/symbols/{symbol}/coverage', 'get', 200>>;
  coverageList: Typed<Body<'/api/coverage', 'get', 200>>;
  backfillPlan: Typed<Body<'/api/backfill', 'post', 200>>;
  backfillStarted: Typed<Body<'/api/backfill', 'post', 202>>;
  createSchedule: Typed<Body<'/api/schedules', 'post', 201>>;
  schedules: Typed<Body<'/api/schedules', 'get', 200>>;
  schedule: Typed<Body<'/api/schedules/{id}', 'get', 200>>;
  symbols: Typed<Body<'/api/symbols', 'get', 200>>;
  signIn: Typed<Body<'/api/session', 'post', 201>>;
  session: Typed<Body<'/api/session', 'get', 200>>;
  corporateActions: Typed<Body<'/api/corporate-actions/{symbol}', 'get', 200>>;
  universeSync: Typed<Body<'/api/universe/sync', 'post', 200>>;
  universeSyncFailed: Typed<Body<'/api/universe/sync', 'post', 502>>;
  calendars: Typed<Body<'/api/calendars', 'get', 200>>;
  createAlertRule: Typed<Body<'/api/alert-rules', 'post', 201>>;
  alertRules: Typed<Body<'/api/alert-rules', 'get', 200>>;
  alertRule: Typed<Body<'/api/alert-rules/{id}', 'get', 200>>;
  alerts: Typed<Body<'/api/alerts', 'get', 200>>;
  alert: Typed<Body<'/api/alerts/{id}', 'get', 200>>;
  ack: Typed<Body<'/api/alerts/{id}/ack', 'post', 200>>;
  calendar: Typed<Body<'/api/calendars/{exchange}', 'get', 200>>;
  unknownCalendar: Typed<Body<'/api/calendars/{exchange}', 'get', 404>>;
  anomalies: Typed<Body<'/api/anomalies', 'get', 200>>;
  anomaliesError: Typed<Body<'/api/anomalies', 'get', 400>>;
  health: Typed<Body<'/health', 'get', 200>>;
  live: Typed<Body<'/health/live', 'get', 200>>;
  ready: Typed<Body<'/health/ready', 'get', 200>>;
  notReady: Typed<Body<'/health/ready', 'get', 503>>;
} = {
  start: true,
  startError: true,
  status: true,
  stop: true,
  pause: true,
  resume: true,
  batches: true,
  batch: true,
  details: true,
  retry: true,
  candles: true,
  funding: true,
  openInterest: true,
  coverage: true,
  coverageList: true,
  backfillPlan: true,
  backfillStarted: true,
  createSchedule: true,
  schedules: true,
  schedule: true,
  symbols: true,
  signIn: true,
  session: true,
  corporateActions: true,
  universeSync: true,
  universeSyncFailed: true,
  calendars: true,
  createAlertRule: true,
  alertRules: true,
  alertRule: true,
  alerts: true,
  alert: true,
  ack: true,
  calendar: true,
  unknownCalendar: true,
  anomalies: true,
  anomaliesError: true,
  health: true,
  live: true,
  ready: true,
  notReady: true,
};

// The error code is an enum of the API's codes, not a plain string.
type ErrorCode = Body<'/api/bulk/start', 'post', 400>['error']['code'];
export const codeIsEnum: string extends ErrorCode ? false : true = true;

const [base, key] = process.argv.slice(2);
if (base === undefined || key === undefined) throw new Error('usage: program <base> <key>');
const client = createClient<paths>({ baseUrl: base, headers: { 'x-api-key': key } });

const started = await client.POST('/api/bulk/start', {
  body: {
    symbols: ['OAPI'],
    interval: '1d',
    provider: 'synthetic',
    from: '2024-01-01',
    to: '2024-03-01',
    mode: 'full',
  },
});
if (started.data === undefined) throw new Error('start refused: ' + started.error.error.code);
const id: number = started.data.batch_db_id;

const ended: readonly string[] = ['completed', 'completed_with_errors', 'failed', 'stopped'];
let status = '';
for (let i = 0; i < 300 && !ended.includes(status); i++) {
  const read = await client.GET('/api/bulk/status/{id}', { params: { path: { id: String(id) } } });
  if (read.data === undefined) throw new Error('status: ' + read.error.error.code);
  status = read.data.status;
  if (!ended.includes(status)) await new Promise((done) => setTimeout(done, 100));
}

// A universe filter is typed: "all" or an object whose lists are string arrays.
type StartBody = NonNullable<paths['/api/bulk/start']['post']['requestBody']>['content']['application/json'];
const universe: StartBody['universe'] = { exchange: 'TSE', market_segment: ['Prime'] };
const exchange = typeof universe === 'object' ? universe.exchange : undefined;
const registry = await client.GET('/api/symbols', { params: { query: { exchange, active: true } } });
if (registry.data === undefined) throw new Error('symbols: ' + registry.error.error.code);
const registered: number = registry.data.total;
const calendar = await client.GET('/api/calendars/{exchange}', {
  params: { path: { exchange: 'TSE' }, query: { from: '2024-01-01', to: '2024-01-10' } },
});
if (calendar.data === undefined) throw new Error('calendar: ' + calendar.error.error.code);
const sessions: string[] = calendar.data.sessions;

const page = await client.GET('/api/ohlcv/{symbol}', {
  params: { path: { symbol: 'oapi' }, query: { interval: '1d', limit: 10 } },
});
if (page.data === undefined) throw new Error('candles: ' + page.error.error.code);
const first = page.data.items[0];
const close: number | null = first === undefined ? null : first.close;
console.log(
  JSON.stringify({
    id,
    status,
    symbol: page.data.symbol,
    count: page.data.count,
    next_cursor: page.data.next_cursor,
    close,
    registered,
    sessions,
  }),
);
`;

const TSCONFIG = {
  compilerOptions: {
    module: 'nodenext',
    moduleResolution: 'nodenext',
    target: 'es2023',
    lib: ['es2023', 'dom'],
    types: ['node'],
    strict: true,
    noEmit: true,
    allowImportingTsExtensions: true,
    skipLibCheck: true,
  },
  files: ['program.ts'],
};

describe('OpenAPI contract (API and worker processes, real PostgreSQL and Redis)', () => {
  let db: string;
  let stack: Stack;
  let doc: Doc;
  let dir: string;
  const prefix = queuePrefix();

  beforeAll(async () => {
    db = await createMigratedDatabase();
    stack = await startStack({
      DATABASE_URL: db,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      JPX_LISTING_URL: `http://127.0.0.1:${await closedPort()}/data_j.xls`,
    });
    doc = (await (await fetch(`${stack.base}/docs-json`)).json()) as Doc;
    dir = await mkdtemp(join(tmpdir(), 'openapi-client-'));
    await symlink(NODE_MODULES, join(dir, 'node_modules'), 'dir');
    await writeFile(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    await writeFile(join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG));
    await writeFile(join(dir, 'program.ts'), PROGRAM);
  });
  afterAll(async () => {
    await stack?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
    await dropDatabase(db);
  });

  /** openapi-typescript on `document`, then tsc --noEmit --strict on the program. */
  async function typecheck(document: unknown): Promise<{ ok: boolean; output: string }> {
    await writeFile(join(dir, 'openapi.json'), JSON.stringify(document));
    await run(process.execPath, [
      join(NODE_MODULES, 'openapi-typescript', 'bin', 'cli.js'),
      join(dir, 'openapi.json'),
      '--output',
      join(dir, 'schema.ts'),
    ]);
    try {
      await run(process.execPath, [
        join(NODE_MODULES, 'typescript', 'bin', 'tsc'),
        '-p',
        dir,
        '--noEmit',
        '--strict',
      ]);
      return { ok: true, output: '' };
    } catch (error) {
      return { ok: false, output: String((error as { stdout?: string }).stdout ?? error) };
    }
  }

  it('a client generated from /docs-json types a program that starts a batch, reads its status and candles', async () => {
    expect(doc.servers?.length).toBeGreaterThan(0);
    expect(PROGRAM).not.toMatch(/\bany\b|\bas [A-Za-z{[]/);
    const checked = await typecheck(doc);
    expect(checked).toEqual({ ok: true, output: '' });

    const { stdout } = await run(process.execPath, [
      join(dir, 'program.ts'),
      stack.base,
      TEST_API_KEY,
    ]);
    const result = JSON.parse(stdout.trim()) as Record<string, unknown>;
    expect(result).toMatchObject({ status: 'completed', symbol: 'OAPI', count: 10, registered: 0 });
    expect(result.sessions).toEqual(['2024-01-04', '2024-01-05', '2024-01-09', '2024-01-10']);
    expect(typeof result.close).toBe('number');
    expect(typeof result.next_cursor).toBe('string');
  });

  it("the document the dashboard's types are generated from (the built API, no database) is /docs-json", async () => {
    const { stdout } = await run(
      process.execPath,
      [join(REPO_ROOT, 'dist', 'apps', 'api', 'src', 'openapi', 'print-openapi.js')],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    expect(JSON.parse(stdout)).toEqual(doc);
  });

  it('the program no longer type-checks when a route loses its response schema', async () => {
    const broken = JSON.parse(JSON.stringify(doc)) as Doc;
    const status = broken.paths['/api/bulk/status/{id}'].get.responses['200'] as {
      content?: unknown;
    };
    delete status.content;
    const checked = await typecheck(broken);
    expect(checked.ok).toBe(false);
    expect(checked.output).toContain('status');
  });

  it('real answers match their schemas in /docs-json (ajv)', async () => {
    const check = responseChecker(doc);
    const ok = (path: string, method: string, status: number, body: unknown) =>
      expect(check(path, method, status, body)).toEqual({
        path,
        method,
        status,
        valid: true,
        errors: null,
      });

    const start = await api(stack.base, 'POST', '/api/bulk/start', {
      symbols: ['AJV1', 'AJV2'],
      interval: '1d',
      provider: 'synthetic',
      from: '2024-01-01',
      to: '2024-02-01',
      mode: 'full',
    });
    expect(start.status).toBe(202);
    ok('/api/bulk/start', 'post', 202, start.body);
    const id = start.body.batch_db_id as number;
    await waitForStatus(stack.base, id, (s) => s.status === 'completed');

    const status = await api(stack.base, 'GET', `/api/bulk/status/${id}`);
    ok('/api/bulk/status/{id}', 'get', 200, status.body);
    const one = await api(stack.base, 'GET', `/api/batches/${id}`);
    ok('/api/batches/{id}', 'get', 200, one.body);
    const page = await api(stack.base, 'GET', '/api/batches?page_size=5&status=completed');
    expect(page.status).toBe(200);
    ok('/api/batches', 'get', 200, page.body);
    const details = await api(stack.base, 'GET', `/api/batches/${id}/details`);
    ok('/api/batches/{id}/details', 'get', 200, details.body);
    const candles = await api(stack.base, 'GET', '/api/ohlcv/AJV1?interval=1d&limit=5');
    expect((candles.body.items as unknown[]).length).toBe(5);
    ok('/api/ohlcv/{symbol}', 'get', 200, candles.body);
    const weeks = await api(stack.base, 'GET', '/api/ohlcv/AJV1?interval=1d&bucket=1wk');
    ok('/api/ohlcv/{symbol}', 'get', 200, weeks.body);
    const coverage = await api(stack.base, 'GET', '/api/symbols/AJV1/coverage');
    ok('/api/symbols/{symbol}/coverage', 'get', 200, coverage.body);
    const list = await api(stack.base, 'GET', '/api/coverage?provider=synthetic&symbols=AJV1');
    expect(list.status).toBe(200);
    ok('/api/coverage', 'get', 200, list.body);
    const matrix = await api(stack.base, 'GET', '/api/coverage?format=matrix&symbols=AJV1');
    expect(matrix.status).toBe(200);
    ok('/api/coverage', 'get', 200, matrix.body);
    const plan = await api(stack.base, 'POST', '/api/backfill', {
      symbols: ['AJV1', 'AJV2'],
      interval: '1d',
      provider: 'synthetic',
      from: '2024-01-01',
      to: '2024-01-31',
      dry_run: true,
    });
    expect(plan.status).toBe(200);
    ok('/api/backfill', 'post', 200, plan.body);
    const funding = await api(stack.base, 'GET', '/api/funding-rates/AJV1');
    ok('/api/funding-rates/{symbol}', 'get', 200, funding.body);

    const created = await api(stack.base, 'POST', '/api/schedules', {
      name: 'contract',
      cron: '0 0 1 1 *',
      timezone: 'Asia/Tokyo',
      batch: { symbols: ['AJV1'], interval: '1d', provider: 'synthetic' },
    });
    expect(created.status).toBe(201);
    ok('/api/schedules', 'post', 201, created.body);
    const schedules = await api(stack.base, 'GET', '/api/schedules');
    ok('/api/schedules', 'get', 200, schedules.body);
    const schedule = await api(stack.base, 'GET', `/api/schedules/${String(created.body.id)}`);
    ok('/api/schedules/{id}', 'get', 200, schedule.body);
    expect(
      (await api(stack.base, 'DELETE', `/api/schedules/${String(created.body.id)}`)).status,
    ).toBe(204);

    // Alerts: a rule with no channel, fired by a failing batch, acknowledged.
    const rule = await api(stack.base, 'POST', '/api/alert-rules', {
      name: 'contract',
      kind: 'batch_failed',
      params: { min_failed_ratio: 0.1 },
      channels: [],
    });
    expect(rule.status).toBe(201);
    ok('/api/alert-rules', 'post', 201, rule.body);
    ok('/api/alert-rules', 'get', 200, (await api(stack.base, 'GET', '/api/alert-rules')).body);
    const ruleId = String(rule.body.id);
    ok(
      '/api/alert-rules/{id}',
      'get',
      200,
      (await api(stack.base, 'GET', `/api/alert-rules/${ruleId}`)).body,
    );
    const badRule = await api(stack.base, 'POST', '/api/alert-rules', {
      name: 'bad',
      kind: 'batch_stalled',
      params: { minutes: 'soon' },
      channels: [],
    });
    expect(badRule.status).toBe(400);
    ok('/api/alert-rules', 'post', 400, badRule.body);
    const failing = await api(stack.base, 'POST', '/api/bulk/start', {
      symbols: ['AJVNOTFOUND', 'AJV3'],
      interval: '1d',
      provider: 'synthetic',
      from: '2024-01-01',
      to: '2024-02-01',
    });
    await waitForStatus(
      stack.base,
      failing.body.batch_db_id as number,
      (s) => s.status === 'completed_with_errors',
    );
    const alerts = await waitFor('the alert', async () => {
      const res = await api(stack.base, 'GET', `/api/alerts?rule_id=${ruleId}`);
      return res.body.total === 1 ? res : undefined;
    });
    ok('/api/alerts', 'get', 200, alerts.body);
    const alertId = String((alerts.body.items as { id: number }[])[0].id);
    ok(
      '/api/alerts/{id}',
      'get',
      200,
      (await api(stack.base, 'GET', `/api/alerts/${alertId}`)).body,
    );
    ok(
      '/api/alerts/{id}/ack',
      'post',
      200,
      (await api(stack.base, 'POST', `/api/alerts/${alertId}/ack`)).body,
    );
    const noAlert = await api(stack.base, 'GET', '/api/alerts/999999');
    expect(noAlert.status).toBe(404);
    ok('/api/alerts/{id}', 'get', 404, noAlert.body);
    expect((await api(stack.base, 'DELETE', `/api/alert-rules/${ruleId}`)).status).toBe(204);

    const symbols = await api(stack.base, 'GET', '/api/symbols?exchange=TSE&page_size=5');
    expect(symbols.status).toBe(200);
    ok('/api/symbols', 'get', 200, symbols.body);
    const badSymbols = await api(stack.base, 'GET', '/api/symbols?active=maybe');
    ok('/api/symbols', 'get', 400, badSymbols.body);
    // No listing host answers this stack (JPX_LISTING_URL points at a closed port): 502.
    const unreachable = await api(stack.base, 'POST', '/api/universe/sync', { source: 'jpx' });
    expect(unreachable.status).toBe(502);
    ok('/api/universe/sync', 'post', 502, unreachable.body);
    const syncView = {
      success: true,
      source: 'jpx',
      as_of: '2025-09-30',
      added: 47,
      updated: 35,
      delisted: 53,
      relisted: 0,
      unchanged: 4321,
      active: 4403,
      added_symbols: ['362A.T'],
      updated_symbols: [],
      delisted_symbols: ['1757.T'],
      relisted_symbols: [],
      symbols_truncated: false,
    };
    ok('/api/universe/sync', 'post', 200, syncView);
    expect(check('/api/universe/sync', 'post', 200, { ...syncView, added: '47' }).valid).toBe(
      false,
    );
    const calendars = await api(stack.base, 'GET', '/api/calendars');
    ok('/api/calendars', 'get', 200, calendars.body);
    const calendar = await api(
      stack.base,
      'GET',
      '/api/calendars/nyse?from=2024-01-01&to=2024-03-31',
    );
    expect(calendar.status).toBe(200);
    ok('/api/calendars/{exchange}', 'get', 200, calendar.body);
    const badRange = await api(
      stack.base,
      'GET',
      '/api/calendars/NYSE?from=2024-02-01&to=2024-01-01',
    );
    expect(badRange.status).toBe(400);
    ok('/api/calendars/{exchange}', 'get', 400, badRange.body);
    const noCalendar = await api(stack.base, 'GET', '/api/calendars/HKEX');
    expect(noCalendar.status).toBe(404);
    ok('/api/calendars/{exchange}', 'get', 404, noCalendar.body);
    expect(
      check('/api/calendars/{exchange}', 'get', 200, { ...calendar.body, exchange: 'HKEX' }).valid,
    ).toBe(false);

    const anomalies = await api(
      stack.base,
      'GET',
      '/api/anomalies?symbol=ajv1&kind=price_jump,stale',
    );
    expect(anomalies.status).toBe(200);
    ok('/api/anomalies', 'get', 200, anomalies.body);
    const anomalyRange = await api(
      stack.base,
      'GET',
      '/api/anomalies?from=2024-02-01&to=2024-01-01',
    );
    expect(anomalyRange.body).toMatchObject({ error: { code: 'INVALID_RANGE' } });
    ok('/api/anomalies', 'get', 400, anomalyRange.body);

    for (const path of ['/health', '/health/live', '/health/ready']) {
      const res = await fetch(`${stack.base}${path}`);
      expect(res.status).toBe(200);
      ok(path, 'get', 200, await res.json());
    }

    // Error answers: their code is one of the enum.
    const refused = await api(stack.base, 'POST', '/api/bulk/start', {
      symbols: ['ı'],
      interval: '1d',
    });
    expect(refused.status).toBe(400);
    ok('/api/bulk/start', 'post', 400, refused.body);
    const missing = await api(stack.base, 'GET', '/api/bulk/status/999999');
    expect(missing.status).toBe(404);
    ok('/api/bulk/status/{id}', 'get', 404, missing.body);
    const range = await api(stack.base, 'GET', '/api/ohlcv/AJV1?from=2024-02-01&to=2024-01-01');
    ok('/api/ohlcv/{symbol}', 'get', 400, range.body);
    // A schema that cannot fail is no test: a wrong answer is refused.
    expect(
      check('/api/bulk/status/{id}', 'get', 200, { ...status.body, status: 'nope' }).valid,
    ).toBe(false);
  });
});
