import { createMigratedDatabase, dropDatabase, queuePrefix } from '../support/test-env';
import {
  isTerminal,
  Stack,
  startStack,
  TEST_API_KEY,
  waitFor,
  waitForStatus,
} from '../support/stack';

const RANGE = { from: '2024-01-01T00:00:00Z', to: '2024-01-11T00:00:00Z' }; // 10 daily candles
const SYMBOLS = ['LOGA', 'LOGB', 'LOGFLAKY1C'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Line = Record<string, unknown>;

/** Every line of a process's output, parsed; lines that are not JSON objects are returned apart. */
function parse(output: string): { lines: Line[]; notJson: string[] } {
  const lines: Line[] = [];
  const notJson: string[] = [];
  for (const text of output.split('\n').filter((l) => l.trim() !== '')) {
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value === 'object' && value !== null && !Array.isArray(value))
        lines.push(value as Line);
      else notJson.push(text);
    } catch {
      notJson.push(text);
    }
  }
  return { lines, notJson };
}

describe('logs: JSON lines; job ids on every job line; request ids; no API key', () => {
  let db: string;
  let stack: Stack;

  beforeAll(async () => {
    db = await createMigratedDatabase();
    stack = await startStack(
      {
        DATABASE_URL: db,
        QUEUE_PREFIX: queuePrefix(),
        JOB_BACKOFF_MS: '100',
        LOG_LEVEL: 'debug',
      },
      { workers: 1, redis: 'private' },
    );
  });
  afterAll(async () => {
    await stack?.stop();
    await dropDatabase(db);
  });

  it('a batch through API and worker: every line is JSON with its ids, and the key appears nowhere', async () => {
    // The key in its header, in the query string and as a bearer token: none may be echoed.
    const start = await fetch(`${stack.base}/api/bulk/start?api_key=${TEST_API_KEY}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': TEST_API_KEY,
        authorization: `Bearer ${TEST_API_KEY}`,
        'x-request-id': 'logs-test.start_1',
      },
      body: JSON.stringify({ symbols: SYMBOLS, interval: '1d', mode: 'full', ...RANGE }),
    });
    expect(start.status).toBe(202);
    expect(start.headers.get('x-request-id')).toBe('logs-test.start_1');
    const started = (await start.json()) as { batch_db_id: number; job_id: string };
    const id = started.batch_db_id;
    const done = await waitForStatus(stack.base, id, isTerminal);
    expect(done.status).toBe('completed');

    // A request id that is not a sane token is replaced by a UUID, which is echoed.
    const status = await fetch(`${stack.base}/api/bulk/status/${id}`, {
      headers: { 'x-api-key': TEST_API_KEY, 'x-request-id': 'not a token; <script>' },
    });
    expect(status.status).toBe(200);
    const generated = status.headers.get('x-request-id') ?? '';
    expect(generated).toMatch(UUID);

    const worker = stack.workers[0];
    // Output reaches the test through pipes: wait for every job's completion line and its
    // outcome's line (written after the job, when the outcome commits: OUTCOME_WRITE_BEHIND), and
    // for the API's line of the last request (request lines are written when the response finishes).
    const lines = (context: string, msg: RegExp) =>
      parse(worker.output()).lines.filter(
        (l) => l.batch_id === id && l.context === context && msg.test(String(l.msg)),
      );
    await waitFor(
      'the completion line of every job, and its outcome line',
      () =>
        (lines('FetchSyntheticProcessor', /^job handed/).length >= SYMBOLS.length &&
          lines('SymbolFetchService', /^outcome stored/).length >= SYMBOLS.length) ||
        undefined,
      { timeoutMs: 10_000 },
    );
    await waitFor(
      'the request line of the last request',
      () => parse(stack.api.output()).lines.some((l) => l.req_id === generated) || undefined,
      { timeoutMs: 10_000 },
    );

    const apiLog = parse(stack.api.output());
    const workerLog = parse(worker.output());
    expect(apiLog.notJson).toEqual([]);
    expect(workerLog.notJson).toEqual([]);
    for (const line of [...apiLog.lines, ...workerLog.lines]) {
      expect(line).toEqual(
        expect.objectContaining({
          level: expect.stringMatching(/^(trace|debug|info|warn|error|fatal)$/),
          time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
          pid: expect.any(Number),
          msg: expect.any(String),
        }),
      );
    }

    // Worker: every line of this batch's jobs names the batch, its symbol and its job id.
    const ms = started.job_id.replace(/^job-/, '');
    const jobLines = workerLog.lines.filter((l) => l.batch_id !== undefined);
    expect(new Set(jobLines.map((l) => l.symbol))).toEqual(new Set(SYMBOLS));
    for (const line of jobLines) {
      expect(line).toEqual(
        expect.objectContaining({
          app: 'worker',
          batch_id: id,
          job_id: `b${id}.${ms}-1d-r0-${String(line.symbol)}`,
          provider: 'synthetic',
          attempt: expect.any(Number),
        }),
      );
    }
    // Lines of the job's own classes (processor, fetch service) never lack the ids.
    const jobClasses = ['FetchSyntheticProcessor', 'SymbolFetchService'];
    const ofJobClasses = workerLog.lines.filter((l) => jobClasses.includes(String(l.context)));
    expect(ofJobClasses.length).toBeGreaterThanOrEqual(2 * SYMBOLS.length);
    expect(ofJobClasses.filter((l) => l.batch_id !== id)).toEqual([]);
    for (const symbol of SYMBOLS) {
      const contexts = jobLines.filter((l) => l.symbol === symbol).map((l) => l.context);
      expect(new Set(contexts)).toEqual(new Set(jobClasses));
    }
    // The flaky symbol failed once: its warning is attempt 1, its success attempt 2.
    const flaky = jobLines.filter(
      (l) => l.symbol === 'LOGFLAKY1C' && l.context === 'FetchSyntheticProcessor',
    );
    expect(flaky.map((l) => [l.level, l.attempt, String(l.msg).split(':')[0]])).toEqual([
      ['warn', 1, 'attempt 1/5 failed'],
      ['debug', 2, 'job handed'],
    ]);

    // API: the request line and the lines written while handling it carry the request id.
    const ofStart = apiLog.lines.filter((l) => l.req_id === 'logs-test.start_1');
    expect(ofStart.map((l) => l.context ?? 'request')).toEqual(['BatchService', 'request']);
    expect(ofStart[0].msg).toContain(`batch ${id} (${started.job_id}) started`);
    expect(ofStart[1]).toEqual(
      expect.objectContaining({
        level: 'info',
        app: 'api',
        msg: expect.stringMatching(/^POST \/api\/bulk\/start 202 in \d+ ms$/),
        req: expect.objectContaining({
          id: 'logs-test.start_1',
          method: 'POST',
          url: '/api/bulk/start?api_key=[redacted]',
          headers: expect.objectContaining({
            'x-api-key': '[redacted]',
            authorization: '[redacted]',
          }),
        }),
        res: { statusCode: 202 },
      }),
    );
    expect(apiLog.lines.find((l) => l.req_id === generated)).toEqual(
      expect.objectContaining({
        msg: expect.stringMatching(new RegExp(`^GET /api/bulk/status/${id} 200`)),
      }),
    );
    // Health probes of the test harness are debug lines, not info.
    const probes = apiLog.lines.filter((l) => /^GET \/health\//.test(String(l.msg)));
    expect(probes.length).toBeGreaterThan(0);
    expect(new Set(probes.map((l) => l.level))).toEqual(new Set(['debug']));

    expect(stack.api.output()).not.toContain(TEST_API_KEY);
    expect(worker.output()).not.toContain(TEST_API_KEY);
    // Nor does a database URL with its password (none here, but the whole URL never appears).
    expect(stack.api.output()).not.toContain(db);
    expect(worker.output()).not.toContain(db);
  });
});
