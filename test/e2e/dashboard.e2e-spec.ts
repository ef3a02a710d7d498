/// <reference lib="dom" />
// (page.evaluate callbacks run in the browser)
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PRESENCE_REBUILD_SQL } from '@app/persistence';
import { launchChromium } from '../support/browser';
import { api, sql, Stack, startStack, TEST_API_KEY, waitFor } from '../support/stack';
import { createMigratedDatabase, dropDatabase, queuePrefix, REPO_ROOT } from '../support/test-env';

const ADMIN_KEY = 'dashboard-admin-key-0123456789';
const READ_KEY = 'dashboard-read-key-0123456789';
const SESSION_SECRET = 'dashboard-test-session-secret-0123456789abcdef';
const DAY_MS = 86_400_000;
/** YYYY-MM-DD `n` days before today (UTC). */
const daysAgo = (n: number): string =>
  new Date(Math.floor(Date.now() / DAY_MS - n) * DAY_MS).toISOString().slice(0, 10);

/**
 * Screenshots of every page, from the real app: into docs/screenshots with
 * UPDATE_SCREENSHOTS=1 (what the README shows), else into a temporary folder.
 */
const SHOTS = process.env.UPDATE_SCREENSHOTS
  ? join(REPO_ROOT, 'docs', 'screenshots')
  : mkdtempSync(join(tmpdir(), 'dashboard-shots-'));
mkdirSync(SHOTS, { recursive: true });

async function shoot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
}

describe('dashboard in headless Chromium (API and worker as processes)', () => {
  let db: string;
  let stack: Stack;
  let browser: Browser;
  let admin: BrowserContext;
  let page: Page;
  let completedBatch: number;

  const ui = (path: string) => `${stack.base}${path}`;

  async function signIn(context: BrowserContext, key: string): Promise<Page> {
    const p = await context.newPage();
    await p.goto(ui('/ui/'));
    await p.waitForURL(/\/ui\/login/);
    await p.getByLabel('API key').fill(key);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.waitForURL(/\/ui\/batches$/);
    return p;
  }

  /** Non-background pixels of the canvases inside "Price chart". */
  const chartInk = (p: Page): Promise<number> =>
    p.getByLabel('Price chart').evaluate((figure) => {
      let ink = 0;
      for (const canvas of Array.from(figure.querySelectorAll<HTMLCanvasElement>('canvas'))) {
        const ctx = canvas.getContext('2d');
        if (ctx === null || canvas.width === 0 || canvas.height === 0) continue;
        const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
        const [r, g, b] = [data[0], data[1], data[2]];
        for (let i = 0; i < data.length; i += 4) {
          if (data[i + 3] > 0 && (data[i] !== r || data[i + 1] !== g || data[i + 2] !== b)) {
            ink += 1;
          }
        }
      }
      return ink;
    });

  beforeAll(async () => {
    db = await createMigratedDatabase();
    stack = await startStack(
      {
        DATABASE_URL: db,
        QUEUE_PREFIX: queuePrefix(),
        // TEST_API_KEY: the api() helper's checks beside the browser.
        API_KEYS: `${TEST_API_KEY},${ADMIN_KEY},read:${READ_KEY}`,
        SESSION_SECRET,
        WORKER_CONCURRENCY: '8',
        // The alert rule below notifies a local address nobody listens on: it fires all the same.
        WEBHOOK_ALLOW_PRIVATE: 'true',
      },
      1,
    );
    browser = await launchChromium();
    admin = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    if (db) await dropDatabase(db);
  });

  it('an unauthenticated /ui/ goes to the sign-in page; a wrong key shows an error and sets no cookie', async () => {
    const context = await browser.newContext();
    const p = await context.newPage();
    await p.goto(ui('/ui/batches/42'));
    await p.waitForURL(/\/ui\/login\?next=/);
    await shoot(p, 'login');
    await p.getByLabel('API key').fill('not-a-key-of-this-server-000');
    await p.getByRole('button', { name: 'Sign in' }).click();
    await expect(p.getByRole('alert').textContent()).resolves.toContain('not one of the API keys');
    expect(p.url()).toMatch(/\/ui\/login/);
    expect(await context.cookies()).toEqual([]);
    await context.close();
  });

  it('serves /ui/: hashed assets cached for a year (precompressed), every page address as index.html', async () => {
    const index = await fetch(ui('/ui/batches/42?x=1'));
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    expect(html).toContain('<div id="app">');
    const script = /src="(\/ui\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(ui(script ?? ''), { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-encoding')).toBe('gzip');
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(ui('/ui'), { redirect: 'manual' })).headers.get('location')).toBe('/ui/');
    expect((await fetch(ui('/ui/assets/missing-0000.js'))).status).toBe(404);
    expect((await fetch(ui('/ui/..%2F..%2Fpackage.json'))).status).not.toBe(500);
    const traversal = await (await fetch(ui('/ui/..%2F..%2Fpackage.json'))).text();
    expect(traversal).not.toContain('"name": "market-ingest"');
  });

  it('GET /api/batches/events: one stream follows several batches, and refuses a bad id list', async () => {
    const a = await api(stack.base, 'POST', '/api/bulk/start', {
      symbols: ['EVA', 'EVB'],
      interval: '1d',
      provider: 'synthetic',
      from: '2024-01-01',
    });
    const b = await api(stack.base, 'POST', '/api/bulk/start', {
      symbols: ['EVC'],
      interval: '1d',
      provider: 'synthetic',
      from: '2024-01-01',
    });
    const ids = [a.body.batch_db_id as number, b.body.batch_db_id as number];
    const controller = new AbortController();
    const res = await fetch(ui(`/api/batches/events?ids=${ids.join(',')}`), {
      headers: { 'x-api-key': ADMIN_KEY },
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    const ended = new Set<number>();
    let text = '';
    try {
      await waitFor('both batches to end on the one stream', async () => {
        const { value, done } = await reader.read();
        if (done) throw new Error('the stream ended');
        text += new TextDecoder().decode(value);
        // Events are blocks separated by a blank line: `event: progress`, `id: …`, `data: {…}`.
        const blocks = text.split('\n\n');
        blocks.pop(); // the last one may still be arriving
        for (const block of blocks) {
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (!/^event: progress$/m.test(block) || data === undefined) continue;
          const body = JSON.parse(data) as { batch_db_id: number; status: string };
          if (body.status === 'completed') ended.add(body.batch_db_id);
        }
        return ended.size === 2 ? true : undefined;
      });
    } finally {
      controller.abort();
    }
    expect([...ended].sort()).toEqual([...ids].sort());
    const bad = await api(stack.base, 'GET', '/api/batches/events?ids=1,abc');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
  });

  it('signs in with an admin key, starts a 50-symbol batch from the form, and follows it to 100 % and "completed" without a reload', async () => {
    page = await signIn(admin, ADMIN_KEY);
    await shoot(page, 'batches-empty');
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    await page.getByRole('link', { name: 'Start a batch' }).first().click();
    await page.waitForURL(/\/ui\/batches\/new$/);
    const symbols = Array.from({ length: 50 }, (_, i) => `DASH${i}`).join(' ');
    await page.getByLabel('Symbols').fill(symbols);
    await page.getByLabel('Provider').selectOption('synthetic');
    await page.getByLabel('Interval').selectOption('1d');
    await page.getByLabel('From').fill('2016-01-01');
    await shoot(page, 'start-batch');
    await page.getByRole('button', { name: 'Start batch' }).click();
    await page.waitForURL(/\/ui\/batches\/\d+$/);
    completedBatch = Number(/\/(\d+)$/.exec(page.url())?.[1]);

    const bar = page.getByRole('progressbar');
    await page.waitForFunction(
      () =>
        document.querySelector('[role=progressbar]')?.getAttribute('aria-valuenow') === '100' &&
        document.querySelector('#batch-status')?.textContent === 'completed',
      undefined,
      { timeout: 60_000 },
    );
    expect(await bar.getAttribute('aria-valuenow')).toBe('100');
    expect(await page.locator('#batch-status').textContent()).toBe('completed');
    // The page followed the batch over its event stream: the document is the one signed in.
    expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBe(
      true,
    );
    const status = await api(stack.base, 'GET', `/api/bulk/status/${completedBatch}`);
    expect(status.body).toMatchObject({ status: 'completed', progress: { total: 50, failed: 0 } });
    await shoot(page, 'batch');

    // The history shows it, with its bar at 100.
    await page.getByRole('link', { name: 'Batches', exact: true }).click();
    await page.waitForURL(/\/ui\/batches$/);
    const row = page.getByRole('progressbar', { name: `Batch ${completedBatch} progress` });
    await row.waitFor();
    expect(await row.getAttribute('aria-valuenow')).toBe('100');
  });

  it('shows NOTFOUND symbols failed with their error, and "Retry failed" starts a new round', async () => {
    // A batch ending with half its symbols failed fires this rule (see the alerts page below).
    const rule = await api(stack.base, 'POST', '/api/alert-rules', {
      name: 'Half a batch failed',
      kind: 'batch_failed',
      params: { min_failed_ratio: 0.5 },
      channels: [{ type: 'webhook', url: 'http://127.0.0.1:9/alerts' }],
      enabled: true,
    });
    expect(rule.status).toBe(201);
    await page.goto(ui('/ui/batches/new'));
    await page.getByLabel('Symbols').fill('OKA OKB XNOTFOUND1 YNOTFOUND2');
    await page.getByLabel('Provider').selectOption('synthetic');
    await page.getByRole('button', { name: 'Start batch' }).click();
    await page.waitForURL(/\/ui\/batches\/\d+$/);
    const id = Number(/\/(\d+)$/.exec(page.url())?.[1]);
    await page.locator('#batch-status', { hasText: /^completed_with_errors$/ }).waitFor({
      timeout: 60_000,
    });
    const failedTable = page.getByRole('table', { name: 'Failed symbols and their errors' });
    for (const symbol of ['XNOTFOUND1', 'YNOTFOUND2']) {
      const row = failedTable.getByRole('row').filter({ hasText: symbol });
      await row.waitFor();
      expect(await row.textContent()).toMatch(/failed.*not found/);
    }
    expect(await failedTable.getByRole('row').filter({ hasText: 'OKA' }).count()).toBe(0);
    await shoot(page, 'batch-failures', true);

    await page.getByRole('button', { name: 'Retry failed' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'Retrying' }).textContent(),
    ).resolves.toContain('Retrying 2 failed symbols in a new round');
    const details = await waitFor('the retried round to fail again', async () => {
      const res = await api(stack.base, 'GET', `/api/batches/${id}/details?status=failed`);
      const items = (res.body.items ?? []) as { retry_round: number; end_time: string | null }[];
      return items.length === 2 && items.every((d) => d.retry_round === 1 && d.end_time)
        ? items
        : undefined;
    });
    expect(details).toHaveLength(2);
    // The page shows the new round without a reload.
    await page.waitForFunction(
      () =>
        Array.from(document.querySelectorAll('tr.row-failed td:nth-child(5)')).some(
          (td) => td.textContent === '1',
        ),
      undefined,
      { timeout: 30_000 },
    );
  });

  it("draws a symbol's chart with its splits and dividends, and its CSV download equals GET /api/ohlcv/…&format=csv", async () => {
    // The synthetic provider reports no corporate actions: two stored as Yahoo's would be.
    await sql(
      db,
      `INSERT INTO corporate_actions (source, symbol, type, ts, amount, numerator, denominator)
       VALUES ('synthetic', 'DASH1', 'split', '2020-06-01', NULL, 2, 1),
              ('synthetic', 'DASH1', 'dividend', '2022-03-01', 0.42, NULL, NULL)`,
    );
    const actions = await api(stack.base, 'GET', '/api/corporate-actions/DASH1?from=2021-01-01');
    expect(actions.body).toMatchObject({
      source: 'synthetic',
      items: [{ type: 'dividend', amount: 0.42, ts: '2022-03-01T00:00:00.000Z' }],
    });
    await page.goto(ui('/ui/symbols/DASH1?range=all'));
    await page.getByText('2 splits and dividends marked').waitFor();
    const figure = page.getByLabel('Price chart');
    await figure.locator('canvas').first().waitFor();
    await waitFor('the chart to draw', async () =>
      (await chartInk(page)) > 500 ? true : undefined,
    );
    await shoot(page, 'symbol');

    const link = page.getByRole('link', { name: 'Download CSV' });
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/api\/ohlcv\/DASH1\?.*format=csv/);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const file = await download.path();
    const downloaded = readFileSync(file, 'utf8');
    const direct = await fetch(`${stack.base}${href}`, { headers: { 'x-api-key': ADMIN_KEY } });
    expect(direct.status).toBe(200);
    const expected = await direct.text();
    expect(expected.split('\n').length).toBeGreaterThan(1000);
    expect(downloaded).toBe(expected);

    // The weekly bucket redraws from resampled candles.
    await page.getByLabel('Bucket').selectOption('1wk');
    await page.waitForURL(/bucket=1wk/);
    await waitFor('the weekly chart to draw', async () =>
      (await chartInk(page)) > 500 ? true : undefined,
    );
  });

  it('the coverage heatmap draws the stored candles from GET /api/coverage: a deleted day is a missing cell, a partly stored week a partial one; a row opens its symbol', async () => {
    // Holes deleted behind the API's back (then the presence bitmaps rebuilt with the statements
    // the SQLite import uses): DASH3 a day, DASH16 8 days, DASH12 a month, DASH20 100 days years ago,
    // DASH25 its last 3 weeks (as a symbol no batch updates any more). [symbol, days ago from, to]
    const holes: [string, number, number][] = [
      ['DASH3', 40, 40],
      ['DASH16', 100, 93],
      ['DASH12', 250, 221],
      ['DASH20', 2900, 2801],
      ['DASH25', 20, 0],
    ];
    for (const [symbol, first, last] of holes) {
      await sql(
        db,
        `DELETE FROM ohlcv_data WHERE source = 'synthetic' AND symbol = $1 AND interval = '1d'
           AND ts >= $2::date AND ts < $3::date + 1`,
        [symbol, daysAgo(first), daysAgo(last)],
      );
    }
    for (const statement of PRESENCE_REBUILD_SQL) await sql(db, statement, ['synthetic']);
    const hole = daysAgo(40);
    const direct = await api(
      stack.base,
      'GET',
      `/api/coverage?format=matrix&provider=synthetic&symbols=DASH3&from=${daysAgo(41)}&to=${daysAgo(39)}`,
    );
    expect(direct.body).toMatchObject({
      granularity: 'day',
      days: [daysAgo(41), hole, daysAgo(39)],
      symbols: [{ symbol: 'DASH3', source: 'synthetic', exchange: 'CRYPTO' }],
      cells: [
        [
          [1, 1],
          [0, 1],
          [1, 1],
        ],
      ],
    });

    // A year by day, 30 symbols a page: one pixel column per day (the canvas is wider than 365).
    const from = daysAgo(365);
    await page.goto(
      ui(`/ui/coverage?provider=synthetic&from=${from}&to=${daysAgo(1)}&page_size=30`),
    );
    await page.waitForFunction(
      () => performance.getEntriesByName('coverage-heatmap-painted').length > 0,
    );
    const canvas = page.locator('.heatmap canvas');
    expect(await canvas.getAttribute('aria-label')).toMatch(
      /^Coverage of 30 symbols over 365 days/,
    );
    // 50 DASH, 3 EV and 2 OK symbols, ordered by symbol.
    await page
      .getByRole('navigation', { name: 'Coverage pages' })
      .getByText('Page 1 of 2')
      .waitFor();
    const labels = await page.locator('.heatmap-labels li').allTextContents();
    expect(labels.slice(0, 4)).toEqual(['DASH0', 'DASH1', 'DASH10', 'DASH11']);
    const row = labels.indexOf('DASH3');
    const col = Math.round((Date.parse(hole) - Date.parse(from)) / DAY_MS);
    // The pixels: the deleted day in "none stored", the days around it and the next row full.
    const colour = (x: number, y: number) =>
      canvas.evaluate(
        (el: HTMLCanvasElement, [px, py]) =>
          Array.from(el.getContext('2d')!.getImageData(px, py, 1, 1).data.slice(0, 3)),
        [x, y] as const,
      );
    const css = (name: string) =>
      page.evaluate((n) => getComputedStyle(document.documentElement).getPropertyValue(n), name);
    const rgbOf = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.trim().slice(i, i + 2), 16));
    const none = rgbOf(await css('--cov-none'));
    const full = rgbOf(await css('--cov-full'));
    expect(await colour(col, row)).toEqual(none);
    expect(await colour(col - 1, row)).toEqual(full);
    expect(await colour(col + 1, row)).toEqual(full);
    expect(await colour(col, row + 1)).toEqual(full);
    // Pointing at the cell says what it holds.
    const box = (await canvas.boundingBox())!;
    const columns = await canvas.evaluate((el: HTMLCanvasElement) => el.width);
    expect(columns).toBe(365);
    await page.mouse.move(box.x + ((col + 0.5) * box.width) / columns, box.y + row * 14 + 7);
    await page
      .locator('.heatmap-hover', {
        hasText: `DASH3 (synthetic) · ${hole}: 0 of 1 session stored, 1 missing`,
      })
      .waitFor();
    await shoot(page, 'coverage-heatmap');
    await page.mouse.move(0, 0);

    // Since 2016, by week: the week of the deleted day is partly stored.
    await page.goto(ui('/ui/coverage?provider=synthetic&from=2016-01-01&page_size=30'));
    await page.waitForFunction(
      () => performance.getEntriesByName('coverage-heatmap-painted').length > 0,
    );
    expect(await canvas.getAttribute('aria-label')).toMatch(/over \d{3} weeks/);
    const weekly = await api(
      stack.base,
      'GET',
      `/api/coverage?format=matrix&provider=synthetic&symbols=DASH3&from=${hole}&to=${hole}&granularity=week`,
    );
    const monday = (weekly.body.days as string[])[0]!;
    const weeks = await canvas.evaluate((el: HTMLCanvasElement) => el.width);
    const week = Math.round((Date.parse(monday) - Date.parse('2015-12-28')) / (7 * DAY_MS));
    const weekBox = (await canvas.boundingBox())!;
    await page.mouse.move(
      weekBox.x + ((week + 0.5) * weekBox.width) / weeks,
      weekBox.y + row * 14 + 7,
    );
    await page
      .locator('.heatmap-hover', {
        hasText: `DASH3 (synthetic) · week of ${monday}: 6 of 7 sessions stored, 1 missing`,
      })
      .waitFor();
    expect(await colour(week, row)).toEqual(rgbOf(await css('--cov-partial')));
    await shoot(page, 'coverage');
    await page.mouse.move(0, 0);

    // A row's label opens the symbol of its source; its strip counts the hole.
    await page.getByRole('link', { name: 'DASH16', exact: true }).click();
    await page.waitForURL(/\/ui\/symbols\/DASH16\?source=synthetic$/);
    await page
      .getByRole('img', { name: /^Coverage 2016-01-01 to .*8 missing sessions in 1 hole$/ })
      .waitFor();
  });

  it('a read key sees no stop or start controls; its forged POST answers 403; a change without the CSRF token answers 403', async () => {
    const reader = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const p = await signIn(reader, READ_KEY);
    expect(await p.getByRole('link', { name: 'Start a batch' }).count()).toBe(0);
    await p.goto(ui(`/ui/batches/${completedBatch}`));
    await p.locator('#batch-status').waitFor();
    for (const name of ['Stop', 'Pause', 'Resume', 'Retry failed']) {
      expect(await p.getByRole('button', { name }).count()).toBe(0);
    }
    // A forged change with the read session's cookie and its own CSRF token: 403 FORBIDDEN.
    const session = (await (await reader.request.get(ui('/api/session'))).json()) as {
      role: string;
      csrf_token: string;
    };
    expect(session.role).toBe('read');
    const forged = await reader.request.post(ui('/api/bulk/start'), {
      headers: { 'x-csrf-token': session.csrf_token },
      data: { symbols: ['FORGED'], interval: '1d', provider: 'synthetic' },
    });
    expect(forged.status()).toBe(403);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    await reader.close();

    // The admin's cookie without the CSRF token: 403, nothing started.
    const before = await api(stack.base, 'GET', '/api/batches');
    const noToken = await admin.request.post(ui(`/api/batches/${completedBatch}/retry-failed`));
    expect(noToken.status()).toBe(403);
    expect(((await noToken.json()) as { error: { code: string } }).error.code).toBe(
      'CSRF_TOKEN_INVALID',
    );
    const after = await api(stack.base, 'GET', '/api/batches');
    expect(after.body.total).toBe(before.body.total);
  });

  it('screenshots the other pages: symbols, alerts, schedules; dark theme; phone width', async () => {
    await page.goto(ui('/ui/schedules'));
    await page.getByLabel('Name').fill('Nightly DASH');
    await page.getByLabel('Symbols of each run').fill('DASH0 DASH1 DASH2');
    await page.getByRole('button', { name: 'Create schedule' }).click();
    await page.getByRole('cell', { name: 'Nightly DASH' }).waitFor();
    await shoot(page, 'schedules');
    // Alerts: firing first, and an admin acknowledges one.
    await page.goto(ui('/ui/alerts'));
    const firing = page.locator('.alert-firing').filter({ hasText: 'Half a batch failed' }).first();
    await waitFor('the batch_failed alert to fire', async () => {
      if ((await firing.count()) > 0) return true;
      await page.getByRole('button', { name: 'Refresh' }).click();
      return undefined;
    });
    await shoot(page, 'alerts');
    await firing.getByRole('button', { name: 'Acknowledge' }).click();
    await page
      .locator('.alert-acknowledged')
      .filter({ hasText: 'Half a batch failed' })
      .first()
      .waitFor();
    await page.goto(ui('/ui/symbols'));
    await page.locator('.state:not(.state-loading), table').first().waitFor();
    await shoot(page, 'symbols');
    await page.goto(ui('/ui/batches'));
    await page.getByRole('progressbar').first().waitFor();
    await shoot(page, 'batches');
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await page.goto(ui(`/ui/symbols/DASH2`));
    await waitFor('the dark chart to draw', async () =>
      (await chartInk(page)) > 500 ? true : undefined,
    );
    await shoot(page, 'symbol-dark');
    await page.getByRole('button', { name: 'Switch to light theme' }).click();

    const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const small = await signIn(phone, ADMIN_KEY);
    await small.getByRole('progressbar').first().waitFor();
    // Nothing wider than the screen but the tables, which scroll in their own box.
    const overflow = await small.evaluate(() => document.documentElement.scrollWidth);
    expect(overflow).toBeLessThanOrEqual(390);
    await shoot(small, 'batches-phone');
    await phone.close();
  });

  it('signing out revokes the cookie at once', async () => {
    const cookie = (await admin.cookies()).find((c) => c.name === 'mi_session');
    expect(cookie).toBeDefined();
    const withOld = () =>
      fetch(`${stack.base}/api/session`, { headers: { cookie: `mi_session=${cookie?.value}` } });
    expect((await withOld()).status).toBe(200);
    await page.goto(ui('/ui/batches'));
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/ui\/login/);
    expect((await admin.cookies()).filter((c) => c.name === 'mi_session')).toEqual([]);
    const replayed = await withOld();
    expect(replayed.status).toBe(401);
    // The page still knows nothing secret: the sign-in form again.
    await page.getByLabel('API key').waitFor();
  });
});
