import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProviderUnavailableError } from '../errors/provider-unavailable.error';
import { RateLimitedError } from '../errors/rate-limited.error';
import { FakeProviderServer } from '../../../../test/support/fake-provider-server';
import {
  DEFAULT_RETRY_AFTER_MS,
  parseRetryAfter,
  PROVIDER_USER_AGENT,
  ProviderHttpClient,
} from './provider-http';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-10-03T08:17:29Z');

  it('reads delta-seconds', () => {
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
  });

  it('reads an HTTP date relative to now (never negative)', () => {
    expect(parseRetryAfter('Sat, 03 Oct 2026 08:17:59 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sat, 03 Oct 2026 08:00:00 GMT', now)).toBe(0);
  });

  it('gives null when absent or unusable', () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('', now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-3', now)).toBeNull();
  });
});

describe('ProviderHttpClient', () => {
  let server: FakeProviderServer;
  let http: ProviderHttpClient;
  let quick: ProviderHttpClient;

  beforeAll(async () => {
    server = await FakeProviderServer.start();
    // Generous for the answering routes (a loaded machine can be slow); the timeout tests use a
    // client of their own with a short limit.
    http = new ProviderHttpClient({ provider: 'test', timeoutMs: 5000 });
    quick = new ProviderHttpClient({ provider: 'test', timeoutMs: 300 });
  });
  afterEach(() => server.reset());
  afterAll(() => server.close());

  it('returns the parsed JSON and sends our User-Agent', async () => {
    server.route('/ok', { json: { a: [1, 2] } });
    const response = await http.getJson(`${server.url}/ok?x=1`);
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ a: [1, 2] });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0].url).toBe('/ok?x=1');
    expect(server.requests[0].headers['user-agent']).toBe(PROVIDER_USER_AGENT);
    expect(PROVIDER_USER_AGENT).toBe('market-ingest/0.1 (+https://github.com/market-ingest)');
  });

  it('returns 4xx (other than 429/418) for the provider to map, JSON or not', async () => {
    server.route('/bad', { status: 400, json: { code: -1121, msg: 'Invalid symbol.' } });
    server.route('/gone', { status: 404, body: '<html>Not Found</html>' });
    const bad = await http.getJson(`${server.url}/bad`);
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ code: -1121, msg: 'Invalid symbol.' });
    const gone = await http.getJson(`${server.url}/gone`);
    expect(gone.status).toBe(404);
    expect(gone.json).toBeUndefined();
    expect(gone.text).toBe('<html>Not Found</html>');
  });

  it('maps 429 and 418 to RateLimitedError with Retry-After (seconds or date) or 5000 ms', async () => {
    server.route('/429', { status: 429, body: 'Too Many', headers: { 'Retry-After': '7' } });
    server.route('/418', { status: 418, json: { code: -1003, msg: 'banned' } });
    const retryDate = new Date(Date.now() + 60_000).toUTCString();
    server.route('/date', { status: 429, body: 'x', headers: { 'Retry-After': retryDate } });

    const e429 = await http.getJson(`${server.url}/429`).catch((e: unknown) => e);
    expect(e429).toBeInstanceOf(RateLimitedError);
    expect((e429 as RateLimitedError).retryAfterMs).toBe(7000);
    const e418 = await http.getJson(`${server.url}/418`).catch((e: unknown) => e);
    expect(e418).toBeInstanceOf(RateLimitedError);
    expect((e418 as RateLimitedError).retryAfterMs).toBe(DEFAULT_RETRY_AFTER_MS);
    const eDate = await http.getJson(`${server.url}/date`).catch((e: unknown) => e);
    expect((eDate as RateLimitedError).retryAfterMs).toBeGreaterThan(55_000);
    expect((eDate as RateLimitedError).retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it('maps 5xx to ProviderUnavailableError with the status', async () => {
    server.route('/503', { status: 503, body: 'Service Unavailable' });
    await expect(http.getJson(`${server.url}/503`)).rejects.toMatchObject({
      name: 'ProviderUnavailableError',
      message: 'test: HTTP 503 Service Unavailable',
    });
  });

  it('maps a malformed or empty 2xx body to ProviderUnavailableError', async () => {
    server.route('/malformed', { malformed: true });
    server.route('/empty', { body: '' });
    await expect(http.getJson(`${server.url}/malformed`)).rejects.toThrow(
      /^test: malformed body \(HTTP 200\)/,
    );
    await expect(http.getJson(`${server.url}/empty`)).rejects.toBeInstanceOf(
      ProviderUnavailableError,
    );
  });

  it('times out a request that never answers', async () => {
    server.route('/hang', { hang: true });
    const started = Date.now();
    const error = await quick.getJson(`${server.url}/hang`).catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect((error as Error).message).toBe('test: timeout after 300 ms');
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(2000);
  });

  it('times out a body that stops half way', async () => {
    const slow = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"a":');
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const { port } = slow.address() as AddressInfo;
    try {
      await expect(quick.getJson(`http://127.0.0.1:${port}/`)).rejects.toThrow(
        'test: timeout after 300 ms',
      );
    } finally {
      slow.closeAllConnections();
      await new Promise((resolve) => slow.close(resolve));
    }
  });

  it('honours the caller signal', async () => {
    server.route('/hang', { hang: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const slowClient = new ProviderHttpClient({ provider: 'test', timeoutMs: 10_000 });
    await expect(slowClient.getJson(`${server.url}/hang`, controller.signal)).rejects.toThrow(
      'test: request aborted',
    );
  });

  it('maps a refused connection to ProviderUnavailableError', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const error = await http.getJson(`http://127.0.0.1:${port}/`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect((error as Error).message).toMatch(/^test: connection failed: fetch failed/);
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
  });
});
