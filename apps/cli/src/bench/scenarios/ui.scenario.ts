import type { Page } from 'playwright-core';
import { launchChromium } from '../../processes/chromium';
import { BenchContext, round, Scenario } from '../bench-context';

/** ms from the document's start to a mark the page sets once it has drawn. */
async function timeToMark(page: Page, mark: string): Promise<number> {
  await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, mark, {
    timeout: 60_000,
  });
  return page.evaluate(
    (name) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN,
    mark,
  );
}

/**
 * `ui`: the dashboard in headless Chromium, timed by the page itself (Performance API): the first
 * load's JavaScript (bytes as sent, gzip: Chromium takes no brotli over plain HTTP), the batch
 * history with `uiBatches` batches stored (navigation start → rows on screen), and the coverage
 * heatmap of `uiHeatmapSymbols` symbols × `uiHeatmapYears` years (navigation start → canvas
 * painted), answered by the API's own `GET /api/coverage?format=matrix` over daily presence
 * bitmaps seeded for that universe (TSE symbols, so weekends and holidays are no session).
 * Judged: the page as it opens, with the API's default columns (weeks beyond a year). Reported:
 * the same universe by day (`granularity=day`, one column per calendar day), and the API's answer
 * alone (fetched here, not by the page).
 */
export const uiScenario: Scenario = {
  name: 'ui',
  description:
    'dashboard in Chromium: first-load JS (gzip), batches page with N batches, coverage heatmap N symbols × years',
  run: async (ctx: BenchContext) => {
    const { uiHeatmapSymbols: symbols, uiHeatmapYears: years } = ctx.sizes;
    await ctx.db.seedBatchHistory(ctx.sizes.uiBatches);
    const names = Array.from({ length: symbols }, (_, i) => `${1300 + i}.T`);
    await ctx.db.seedDailyPresence('yahoo', names, years);
    const stack = await ctx.startStack('ui', { workers: 0 });
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const url = (path: string) => `${stack.base}${path}`;

      await page.goto(url('/ui/'));
      await page.waitForURL(/\/ui\/login/);
      // Runs in the page: resource timings of the scripts the first load fetched.
      const firstLoadJs = await page.evaluate(() => {
        type Timing = { name: string; initiatorType: string; encodedBodySize: number };
        const entries = performance.getEntriesByType('resource') as unknown as Timing[];
        return entries
          .filter((e) => e.initiatorType === 'script' || e.name.endsWith('.js'))
          .reduce((sum, e) => sum + e.encodedBodySize, 0);
      });
      await page.getByLabel('API key').fill(ctx.apiKey);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/ui\/batches$/);

      // Each measure is a fresh document load (cached assets, as an operator's second visit).
      const batchesMs: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        await page.goto(url('/ui/batches'));
        batchesMs.push(await timeToMark(page, 'batches-rendered'));
      }
      const rows = await page.getByRole('progressbar').count();
      const total = await page.locator('.pager span').textContent();

      const to = new Date(Date.now() - 86_400_000);
      const from = new Date(to);
      from.setUTCFullYear(from.getUTCFullYear() - years);
      const range = `provider=yahoo&from=${from.toISOString().slice(0, 10)}&to=${to.toISOString().slice(0, 10)}&page_size=${symbols}`;
      const heatmap = async (granularity: '' | 'day') => {
        const query = `${range}${granularity ? `&granularity=${granularity}` : ''}`;
        // The API's answer alone: best of 3, and its size.
        const answerMs: number[] = [];
        let answer = '';
        for (let i = 0; i < 3; i += 1) {
          const t0 = performance.now();
          const res = await fetch(url(`/api/coverage?format=matrix&${query}`), {
            headers: ctx.headers,
          });
          answer = await res.text();
          if (res.status !== 200) throw new Error(`coverage answered ${res.status}: ${answer}`);
          answerMs.push(round(performance.now() - t0, 0));
        }
        const body = JSON.parse(answer) as { granularity: string; days: string[]; total: number };
        const total: number[] = [];
        const draw: number[] = [];
        for (let i = 0; i < 3; i += 1) {
          await page.goto(url(`/ui/coverage?${query}`));
          const painted = await timeToMark(page, 'coverage-heatmap-painted');
          total.push(round(painted, 0));
          draw.push(round(painted - (await timeToMark(page, 'coverage-answer')), 0));
        }
        const painted = await page.locator('.heatmap-labels li').count();
        return {
          granularity: body.granularity,
          symbols: painted,
          columns: body.days.length,
          cells: painted * body.days.length,
          answer_mb: round(answer.length / 1_048_576, 1),
          answer_ms: answerMs,
          // ms from navigation start to painted (total), and from the parsed answer (draw).
          total,
          draw,
        };
      };
      const opened = await heatmap('');
      const byDay = await heatmap('day');

      const batchesBest = round(Math.min(...batchesMs), 0);
      const heatmapBest = round(Math.min(...opened.total), 0);
      const firstLoadKb = round(firstLoadJs / 1024, 1);
      return {
        batches_in_history: ctx.sizes.uiBatches,
        batches_rows_on_page: rows,
        batches_pager: total,
        batches_render_ms: batchesMs.map((v) => round(v, 0)),
        heatmap_symbols: opened.symbols,
        heatmap_years: years,
        heatmap: opened,
        heatmap_by_day: byDay,
        heatmap_source:
          "GET /api/coverage?format=matrix of the API over seeded daily presence bitmaps; the target is judged on the page as it opens (the API's default columns)",
        first_load_js_kb_gzip: firstLoadKb,
        targets: [
          ctx.target('first load of /ui/: JavaScript KB gzipped', firstLoadKb, '<=', 300),
          ctx.target(
            `batches page, ${ctx.sizes.uiBatches} batches: ms to rows`,
            batchesBest,
            '<=',
            1000,
          ),
          ctx.target(
            `heatmap ${symbols} symbols × ${years} years: ms to painted`,
            heatmapBest,
            '<=',
            1000,
          ),
        ],
      };
    } finally {
      await browser.close();
      await stack.stop();
    }
  },
};
