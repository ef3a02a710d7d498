import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { DestinationStream } from 'pino';
import { LogContext } from './log-context';
import { createHttpLogger, createRootLogger, requestIdOf } from './logger-options';
import { redactText, redactUrl } from './redaction';
import { formatText } from './text-format';

const KEY = 'unit-secret-key-0123456789';

/** A pino destination keeping lines in memory. */
function memory(): DestinationStream & {
  lines: () => Record<string, unknown>[];
  raw: () => string;
} {
  const chunks: string[] = [];
  return {
    write: (chunk: string) => void chunks.push(chunk),
    raw: () => chunks.join(''),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('pino logger: context fields (mixin over AsyncLocalStorage)', () => {
  it('every line logged inside LogContext.run carries its fields, across awaits; none outside', async () => {
    const out = memory();
    const log = createRootLogger({ logLevel: 'debug' }, 'worker', out);
    const job = async (batch: number, symbol: string, delay: number): Promise<void> =>
      LogContext.run({ batch_id: batch, symbol, job_id: `b${batch}-${symbol}` }, async () => {
        log.debug('start');
        await new Promise((r) => setTimeout(r, delay));
        log.child({ context: 'Repo' }).info('written');
      });
    await Promise.all([job(7, 'AAA', 20), job(8, 'BBB', 5)]);
    log.info('outside');

    const lines = out.lines();
    expect(lines).toHaveLength(5);
    for (const line of lines.slice(0, 4)) {
      expect(line).toMatchObject({ app: 'worker', pid: process.pid });
      expect(line.job_id).toBe(`b${String(line.batch_id)}-${String(line.symbol)}`);
      expect(typeof line.time).toBe('string');
      expect(new Date(line.time as string).toISOString()).toBe(line.time);
    }
    expect(lines.find((l) => l.msg === 'written' && l.symbol === 'AAA')).toMatchObject({
      level: 'info',
      context: 'Repo',
      batch_id: 7,
      job_id: 'b7-AAA',
    });
    expect(lines.filter((l) => l.symbol === 'BBB').map((l) => l.batch_id)).toEqual([8, 8]);
    expect(lines[4]).toEqual({
      level: 'info',
      time: expect.any(String),
      pid: process.pid,
      app: 'worker',
      msg: 'outside',
    });
  });

  it('nested runs add fields; the inner value wins', () => {
    LogContext.run({ batch_id: 1, attempt: 1 }, () =>
      LogContext.run({ attempt: 2, symbol: 'X' }, () =>
        expect(LogContext.current()).toEqual({ batch_id: 1, attempt: 2, symbol: 'X' }),
      ),
    );
    expect(LogContext.current()).toEqual({});
  });

  it('LOG_LEVEL filters: debug lines are dropped at info', () => {
    const out = memory();
    const log = createRootLogger({ logLevel: 'info' }, 'api', out);
    log.debug('hidden');
    log.warn('shown');
    expect(out.lines().map((l) => [l.level, l.msg])).toEqual([['warn', 'shown']]);
  });
});

describe('redaction', () => {
  it('API keys, authorization, cookies and secret-named fields never reach a line', () => {
    const out = memory();
    const log = createRootLogger({ logLevel: 'info' }, 'api', out);
    log.info(
      {
        req: {
          headers: {
            'x-api-key': KEY,
            authorization: `Bearer ${KEY}`,
            cookie: `session=${KEY}`,
            accept: 'application/json',
          },
        },
        api_key: KEY,
        body: { apiKey: KEY, password: KEY, secret: KEY, symbol: 'AAPL' },
      },
      'request',
    );
    expect(out.raw()).not.toContain(KEY);
    const [line] = out.lines();
    expect(line).toMatchObject({
      req: {
        headers: {
          'x-api-key': '[redacted]',
          authorization: '[redacted]',
          cookie: '[redacted]',
          accept: 'application/json',
        },
      },
      api_key: '[redacted]',
      body: { apiKey: '[redacted]', password: '[redacted]', secret: '[redacted]', symbol: 'AAPL' },
    });
  });

  it('passwords inside URLs in messages are replaced', () => {
    const out = memory();
    const log = createRootLogger({ logLevel: 'info' }, 'worker', out);
    log.error('connect to postgres://app:hunter2@db:5432/mi failed');
    log.info({ context: 'X' }, 'redis at redis://:pw0rd@cache:6379');
    expect(out.raw()).not.toMatch(/hunter2|pw0rd/);
    expect(out.lines().map((l) => l.msg)).toEqual([
      'connect to postgres://app:[redacted]@db:5432/mi failed',
      'redis at redis://:[redacted]@cache:6379',
    ]);
    expect(redactText('no url here: a:b@c')).toBe('no url here: a:b@c');
  });

  it.each([
    ['/api/bulk/start?api_key=K&x=1', '/api/bulk/start?api_key=[redacted]&x=1'],
    ['/api/ohlcv/AAPL?from=2024-01-01', '/api/ohlcv/AAPL?from=2024-01-01'],
    ['/health/live', '/health/live'],
    ['postgres://app:hunter2@db:5432/mi', 'postgres://app:[redacted]@db:5432/mi'],
    ['redis://:pw@cache:6379', 'redis://:[redacted]@cache:6379'],
    [
      'https://x.example/v1?apikey=K&token=T',
      'https://x.example/v1?apikey=[redacted]&token=[redacted]',
    ],
  ])('redactUrl(%s) = %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});

describe('HTTP request logger', () => {
  function request(
    headers: Record<string, string>,
    url: string,
  ): [IncomingMessage, ServerResponse] {
    const req = new IncomingMessage(new Socket());
    req.method = 'GET';
    req.url = url;
    req.headers = headers;
    const res = new ServerResponse(req);
    return [req, res];
  }

  it('keeps a sane X-Request-Id, echoes it, logs req_id on the request line; no key anywhere', () => {
    const out = memory();
    const middleware = createHttpLogger(createRootLogger({ logLevel: 'info' }, 'api', out));
    const [req, res] = request(
      { 'x-api-key': KEY, 'x-request-id': 'trace-1.a_b' },
      `/api/batches?api_key=${KEY}`,
    );
    middleware(req, res, () => req.log.info('inside the handler'));
    res.writeHead(200);
    res.emit('finish');

    expect(res.getHeader('X-Request-Id')).toBe('trace-1.a_b');
    const lines = out.lines();
    expect(lines.map((l) => [l.req_id, l.msg])).toEqual([
      ['trace-1.a_b', 'inside the handler'],
      ['trace-1.a_b', expect.stringMatching(/^GET \/api\/batches 200 in \d+ ms$/)],
    ]);
    expect(lines[1]).toMatchObject({
      level: 'info',
      req: { id: 'trace-1.a_b', url: '/api/batches?api_key=[redacted]' },
      res: { statusCode: 200 },
    });
    expect(out.raw()).not.toContain(KEY);
  });

  it('health probes are debug lines (hidden at info); 5xx are errors', () => {
    const out = memory();
    const middleware = createHttpLogger(createRootLogger({ logLevel: 'info' }, 'worker', out));
    for (const [url, status] of [
      ['/health/live', 200],
      ['/metrics', 200],
      ['/api/batches/1', 500],
    ] as const) {
      const [req, res] = request({}, url);
      middleware(req, res, () => undefined);
      res.writeHead(status);
      res.emit('finish');
    }
    expect(out.lines().map((l) => [l.level, l.msg])).toEqual([
      ['error', 'GET /api/batches/1 500 failed'],
    ]);
  });

  it.each([
    ['abc-123', 'abc-123'],
    ['x'.repeat(128), 'x'.repeat(128)],
    ['x'.repeat(129), null],
    ['has space', null],
    ['<script>', null],
    ['', null],
  ])('requestIdOf(%j)', (given, kept) => {
    const id = requestIdOf(given);
    if (kept) expect(id).toBe(kept);
    else expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
});

describe('LOG_FORMAT=text', () => {
  it('one readable line: time, level, context, message, then the other fields', () => {
    expect(
      formatText({
        level: 'warn',
        time: '2026-01-02T03:04:05.000Z',
        pid: 1,
        app: 'worker',
        context: 'FetchSyntheticProcessor',
        msg: 'attempt 1/5 failed',
        batch_id: 3,
        symbol: 'AAPL',
      }),
    ).toBe(
      '2026-01-02T03:04:05.000Z WARN  [FetchSyntheticProcessor] attempt 1/5 failed batch_id=3 symbol=AAPL',
    );
  });
});
