import { sql, Stack, startStack, TEST_API_KEY } from '../support/stack';
import {
  createMigratedDatabase,
  dropDatabase,
  queuePrefix,
  TEST_REDIS_URL,
} from '../support/test-env';

/** `{"a":{"a":…"x"…}}`, `levels` deep, as JSON text. */
const nested = (levels: number): string => `${'{"a":'.repeat(levels)}"x"${'}'.repeat(levels)}`;

/**
 * The API's edge (issue 13 defects 4, 6, 10 and 11): bad shapes of input are 400s naming the
 * problem, nothing is written, no 500; unknown /api routes answer 401 before 404.
 */
describe('API edge: deep, wide, NUL, prototype keys, time zones, 401 before 404 (API process)', () => {
  let db: string;
  let stack: Stack;
  let base: string;
  const prefix = queuePrefix();

  const send = async (
    method: string,
    path: string,
    body?: string,
    key: string | null = TEST_API_KEY,
  ) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(key === null ? {} : { 'x-api-key': key }),
      },
      body,
    });
    const text = await res.text();
    let json: { success?: boolean; error?: { code?: string; message?: string } } = {};
    try {
      json = JSON.parse(text) as typeof json;
    } catch {
      json = {};
    }
    return { status: res.status, code: json.error?.code, message: json.error?.message ?? '' };
  };

  beforeAll(async () => {
    db = await createMigratedDatabase();
    stack = await startStack(
      { DATABASE_URL: db, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix },
      { workers: 0 },
    );
    base = stack.base;
  });
  afterAll(async () => {
    await stack?.stop();
    await dropDatabase(db);
  });

  it('deep bodies (1,500 and 100,000 levels) are 400 BODY_TOO_DEEP on start and schedules', async () => {
    for (const levels of [1500, 100_000]) {
      const start = await send(
        'POST',
        '/api/bulk/start',
        `{"symbols":["A"],"interval":"1d","x":${nested(levels)}}`,
      );
      expect({ levels, ...start }).toMatchObject({ levels, status: 400, code: 'BODY_TOO_DEEP' });
      const batch = `{"symbols":["A"],"interval":"1d","webhook_url":${nested(levels)}}`;
      const schedule = await send(
        'POST',
        '/api/schedules',
        `{"cron":"0 9 * * *","batch":${batch}}`,
      );
      expect({ levels, ...schedule }).toMatchObject({ levels, status: 400, code: 'BODY_TOO_DEEP' });
    }
    expect((await send('POST', '/api/bulk/start', `{"x":${nested(1500)}}`, null)).status).toBe(401);
  });

  it('wide bodies (70,000 unknown keys) are 400 BODY_TOO_WIDE', async () => {
    const keys = Array.from({ length: 70_000 }, (_, i) => `"k${i}":1`).join(',');
    const res = await send('POST', '/api/bulk/start', `{"symbols":["A"],"interval":"1d",${keys}}`);
    expect(res).toMatchObject({ status: 400, code: 'BODY_TOO_WIDE' });
    expect(res.message).toContain('more than 10000 keys');
  });

  it('control characters in a query, a path or a body string are 400 CONTROL_CHARACTER', async () => {
    const cases: [string, string, string?][] = [
      ['GET', '/api/batches?type=a%00b'],
      ['GET', '/api/batches?provider=a%00'],
      ['GET', '/api/bulk/status/1%00'],
      ['GET', '/api/ohlcv/AAPL%01'],
      [
        'POST',
        '/api/schedules',
        '{"name":"a\\u0000b","cron":"0 9 * * *","batch":{"symbols":["A"],"interval":"1d"}}',
      ],
      [
        'POST',
        '/api/schedules',
        '{"cron":"0 9 * * *","batch":{"symbols":["A"],"interval":"1d","webhook_url":"http://h.example/\\u0000"}}',
      ],
      [
        'POST',
        '/api/bulk/start',
        '{"symbols":["A"],"interval":"1d","webhook_url":"http://h.example/\\u0000"}',
      ],
      ['POST', '/api/bulk/start', '{"symbols":["A\\u0000"],"interval":"1d"}'],
    ];
    for (const [method, path, body] of cases) {
      const res = await send(method, path, body);
      expect({ method, path, body, status: res.status, code: res.code }).toEqual({
        method,
        path,
        body,
        status: 400,
        code: 'CONTROL_CHARACTER',
      });
    }
  });

  it('__proto__ and constructor keys are 400 like any unknown key', async () => {
    for (const key of ['__proto__', 'constructor']) {
      const start = await send(
        'POST',
        '/api/bulk/start',
        `{"symbols":["A"],"interval":"1d","${key}":{"x":1}}`,
      );
      expect({ key, ...start }).toMatchObject({ key, status: 400, code: 'VALIDATION_FAILED' });
      expect(start.message).toContain(`property ${key} should not exist`);
      const schedule = await send(
        'POST',
        '/api/schedules',
        `{"cron":"0 9 * * *","batch":{"symbols":["A"],"interval":"1d","${key}":{"polluted":true}}}`,
      );
      expect({ key, ...schedule }).toMatchObject({ key, status: 400, code: 'VALIDATION_FAILED' });
    }
  });

  it('time zones are IANA names: an offset is 400 INVALID_TIMEZONE', async () => {
    const batch = '{"symbols":["A"],"interval":"1d"}';
    for (const tz of ['+09:00', '-05:00']) {
      const res = await send(
        'POST',
        '/api/schedules',
        `{"cron":"0 9 * * *","timezone":"${tz}","batch":${batch}}`,
      );
      expect({ tz, ...res }).toMatchObject({ tz, status: 400, code: 'INVALID_TIMEZONE' });
    }
  });

  it('unknown routes under /api answer 401 without a valid key, 404 with one', async () => {
    expect(await send('GET', '/api/nope', undefined, null)).toMatchObject({
      status: 401,
      code: 'UNAUTHORIZED',
    });
    expect(await send('POST', '/api/bulk/nope', '{}', 'wrong-key')).toMatchObject({
      status: 401,
      code: 'UNAUTHORIZED',
    });
    expect(await send('GET', '/api/nope')).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect((await send('GET', '/nope', undefined, null)).status).toBe(404);
  });

  it('nothing was written and no answer was a 5xx', async () => {
    expect(await sql(db, 'SELECT count(*)::int AS n FROM batch_executions')).toEqual([{ n: 0 }]);
    expect(await sql(db, 'SELECT count(*)::int AS n FROM batch_schedules')).toEqual([{ n: 0 }]);
    expect(stack.api.output()).not.toMatch(/→ 5\d\d/);
  });
});
