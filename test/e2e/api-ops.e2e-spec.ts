import { PROVIDER_NAMES } from '@app/common';
import { Stack, startStack } from '../support/stack';
import { createMigratedDatabase, dropDatabase, queuePrefix } from '../support/test-env';

/**
 * Operational surface of the API process (built dist/, real PostgreSQL and Redis, no worker):
 * OpenAPI at /docs, security headers, the per-key rate limit and Bull Board at /admin/queues.
 */

const KEY = 'ops-test-key-0123456789abcdef';
const OTHER_KEY = 'ops-test-second-key-abcdefgh';
const RATE_LIMIT = 5;

interface OpenApiDoc {
  openapi: string;
  paths: Record<string, Record<string, { summary?: string; security?: unknown[] }>>;
  components: { securitySchemes?: Record<string, unknown>; schemas?: Record<string, unknown> };
}

const EXPECTED_ROUTES: [string, string][] = [
  ['post', '/api/bulk/start'],
  ['get', '/api/bulk/status/{id}'],
  ['post', '/api/bulk/stop/{id}'],
  ['post', '/api/bulk/pause/{id}'],
  ['post', '/api/bulk/resume/{id}'],
  ['get', '/api/batches'],
  ['get', '/api/batches/{id}'],
  ['get', '/api/batches/{id}/details'],
  ['post', '/api/batches/{id}/retry-failed'],
  ['get', '/api/batches/{id}/events'],
  ['get', '/api/ohlcv/{symbol}'],
  ['get', '/api/funding-rates/{symbol}'],
  ['get', '/api/open-interest/{symbol}'],
  ['get', '/api/symbols/{symbol}/coverage'],
  ['get', '/api/coverage'],
  ['post', '/api/backfill'],
  ['post', '/api/schedules'],
  ['get', '/api/schedules'],
  ['get', '/api/schedules/{id}'],
  ['delete', '/api/schedules/{id}'],
  ['get', '/api/batches/events'],
  ['get', '/api/calendars'],
  ['get', '/api/calendars/{exchange}'],
  ['get', '/api/symbols'],
  ['post', '/api/universe/sync'],
  ['get', '/api/corporate-actions/{symbol}'],
  ['get', '/api/anomalies'],
  ['post', '/api/alert-rules'],
  ['get', '/api/alert-rules'],
  ['get', '/api/alert-rules/{id}'],
  ['delete', '/api/alert-rules/{id}'],
  ['get', '/api/alerts'],
  ['get', '/api/alerts/{id}'],
  ['post', '/api/alerts/{id}/ack'],
  ['post', '/api/session'],
  ['get', '/api/session'],
  ['delete', '/api/session'],
  ['get', '/health'],
  ['get', '/health/live'],
  ['get', '/health/ready'],
  ['get', '/metrics'],
];

describe('API process: OpenAPI, security headers, rate limit, Bull Board', () => {
  let stack: Stack;
  let base: string;
  let databaseUrl: string;

  beforeAll(async () => {
    databaseUrl = await createMigratedDatabase();
    stack = await startStack(
      {
        API_KEYS: `${KEY},${OTHER_KEY}`,
        DATABASE_URL: databaseUrl,
        QUEUE_PREFIX: queuePrefix(),
        API_RATE_LIMIT: String(RATE_LIMIT),
      },
      { workers: 0 },
    );
    base = stack.base;
  });

  afterAll(async () => {
    await stack?.stop();
    if (databaseUrl) await dropDatabase(databaseUrl);
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, { headers });
  const basic = (user: string, password: string) =>
    `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

  it('/docs-json documents every route, with summaries, DTO schemas and the API-key scheme', async () => {
    const res = await get('/docs-json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as OpenApiDoc;
    expect(doc.openapi).toMatch(/^3\./);

    const listed = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => [method, path]),
    );
    expect(listed.sort()).toEqual([...EXPECTED_ROUTES].sort());
    const unsummarised = EXPECTED_ROUTES.filter(([m, p]) => !doc.paths[p][m].summary);
    expect(unsummarised).toEqual([]);
    for (const [method, path] of EXPECTED_ROUTES) {
      const { security } = doc.paths[path][method];
      // An API route takes the key header or the dashboard's session cookie; signing in takes
      // the key in its body, and the session routes read or end the cookie's session.
      if (method === 'post' && path === '/api/session')
        expect({ path, security: security ?? [] }).toEqual({ path, security: [] });
      else if (path === '/api/session')
        expect(security?.map((r) => Object.keys(r as object)[0])).toContain('session');
      else if (path.startsWith('/api/'))
        expect({ path, schemes: security?.map((r) => Object.keys(r as object)[0]).sort() }).toEqual(
          {
            path,
            schemes: ['apiKey', 'session'],
          },
        );
      else expect({ path, security: security ?? [] }).toEqual({ path, security: [] });
    }

    expect(doc.components.securitySchemes).toEqual({
      apiKey: { type: 'apiKey', in: 'header', name: 'X-API-KEY' },
      session: { type: 'apiKey', in: 'cookie', name: 'mi_session' },
    });
    expect(doc.components.schemas).toHaveProperty('StartBatchDto');
    expect(doc.components.schemas).toHaveProperty('CreateScheduleDto');
    expect(doc.components.schemas).toHaveProperty('ApiErrorResponseDto');
    const start = doc.components.schemas?.StartBatchDto as {
      properties: Record<string, { example?: unknown }>;
      required?: string[];
    };
    expect(start.properties.symbols.example).toEqual(['7203.T', '6758.T', '^N225']);
    expect(start.required).toEqual(['interval']);
  });

  it('/docs serves the Swagger UI without a key, with helmet headers', async () => {
    const res = await get('/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('swagger-ui');
    // The page's own assets load (same origin, allowed by the CSP's 'self').
    for (const asset of ['swagger-ui-bundle.js', 'swagger-ui-init.js', 'swagger-ui.css']) {
      expect({ asset, status: (await get(`/docs/${asset}`)).status }).toEqual({
        asset,
        status: 200,
      });
    }
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('x-powered-by')).toBeNull();
    // CORS is off unless CORS_ORIGINS is set.
    const api = await get('/health/live', { origin: 'https://evil.example' });
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    expect(api.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('Bull Board answers with the key (header) or basic auth admin:<key>, 401 without', async () => {
    const none = await get('/admin/queues');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Basic /);
    expect(await none.json()).toMatchObject({ success: false, error: { code: 'UNAUTHORIZED' } });
    expect((await get('/admin/queues', { 'x-api-key': `${KEY}x` })).status).toBe(401);
    expect((await get('/admin/queues', { authorization: basic('root', KEY) })).status).toBe(401);
    expect((await get('/admin/queues', { authorization: basic('admin', 'nope') })).status).toBe(
      401,
    );

    const byHeader = await get('/admin/queues', { 'x-api-key': KEY });
    expect(byHeader.status).toBe(200);
    expect(byHeader.headers.get('content-type')).toContain('text/html');
    const byBasic = await get('/admin/queues', { authorization: basic('admin', OTHER_KEY) });
    expect(byBasic.status).toBe(200);

    const queues = await get('/admin/queues/api/queues', { 'x-api-key': KEY });
    expect(queues.status).toBe(200);
    const names = ((await queues.json()) as { queues: { name: string }[] }).queues.map(
      (q) => q.name,
    );
    expect(names.sort()).toEqual(
      [
        ...PROVIDER_NAMES.map((p) => `fetch-${p}`),
        'schedules',
        'webhooks',
        'alerts',
        'alert-notifications',
      ].sort(),
    );
  });

  it(`allows ${RATE_LIMIT} requests a minute per key, then 429 RATE_LIMITED with Retry-After`, async () => {
    for (let i = 0; i < RATE_LIMIT; i += 1) {
      const ok = await get('/api/batches', { 'x-api-key': KEY });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('x-ratelimit-limit')).toBe(String(RATE_LIMIT));
    }
    // Counted per key across routes: any /api route is now refused for this key.
    const limited = await get('/api/symbols/AAPL/coverage', { 'x-api-key': KEY });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(await limited.json()).toEqual({
      success: false,
      error: { code: 'RATE_LIMITED', message: expect.stringContaining('5 requests per minute') },
    });

    // Another key has its own budget; probes, metrics and docs are never throttled.
    expect((await get('/api/batches', { 'x-api-key': OTHER_KEY })).status).toBe(200);
    for (let i = 0; i < RATE_LIMIT + 2; i += 1) {
      expect((await get('/health/live')).status).toBe(200);
      expect((await get('/metrics')).status).toBe(200);
    }
    expect((await get('/docs-json')).status).toBe(200);
    // A wrong key is refused by the key check (401), not counted against a valid key.
    expect((await get('/api/batches', { 'x-api-key': `${OTHER_KEY}x` })).status).toBe(401);
  });
});

describe('API rate limit across replicas (private Redis)', () => {
  const LIMIT = 4;
  let stack: Stack;
  let databaseUrl: string;

  beforeAll(async () => {
    databaseUrl = await createMigratedDatabase();
    stack = await startStack(
      {
        API_KEYS: KEY,
        DATABASE_URL: databaseUrl,
        QUEUE_PREFIX: queuePrefix(),
        API_RATE_LIMIT: String(LIMIT),
      },
      { workers: 0, redis: 'private' },
    );
    await stack.startApi();
  });

  afterAll(async () => {
    await stack?.stop();
    if (databaseUrl) await dropDatabase(databaseUrl);
  });

  const hit = (i: number) =>
    fetch(`${stack.bases[i]}/api/batches`, { headers: { 'x-api-key': KEY } }).then((r) => r);

  it('counts one budget per key over every API process, and keeps answering when Redis is down', async () => {
    const statuses: number[] = [];
    for (const i of [0, 1, 0, 1]) statuses.push((await hit(i)).status);
    expect(statuses).toEqual([200, 200, 200, 200]);
    // The budget of 4 is spent over both processes: each refuses the next one.
    const refused = [await hit(0), await hit(1)];
    expect(refused.map((r) => r.status)).toEqual([429, 429]);
    expect(Number(refused[0].headers.get('retry-after'))).toBeGreaterThan(0);

    // Redis gone: each process counts on its own instead of failing the request.
    await stack.redis?.stop();
    const local: number[] = [];
    for (let n = 0; n < LIMIT + 1; n += 1) local.push((await hit(0)).status);
    expect(local).toEqual([200, 200, 200, 200, 429]);
  });
});
