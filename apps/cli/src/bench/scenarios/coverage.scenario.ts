import { BenchContext, percentile, round, Scenario } from '../bench-context';

/** `YYYY-MM-DD` of a UTC day `days` days after `day` (negative: before). */
function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The day `years` years after `day` (negative: before), UTC. */
function shiftYears(day: string, years: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}

/** ms samples → p50/p95/max (rounded to 0.1 ms). */
function spread(samples: number[]): { p50_ms: number; p95_ms: number; max_ms: number } {
  return {
    p50_ms: round(percentile(samples, 50)),
    p95_ms: round(percentile(samples, 95)),
    max_ms: round(Math.max(...samples)),
  };
}

interface CoverageItem {
  symbol: string;
  expected_sessions: number;
  stored_sessions: number;
  missing_sessions: number;
}

/**
 * `coverage`: calendar-aware coverage of daily candles over HTTP against the API process, on a
 * universe seeded set-based into the bench's database (`sizes.coverageSymbols` TSE symbols ×
 * `sizes.coverageYears` years of weekday candles, one symbol in ten missing a week; at full size
 * ≈ 10.4 M rows, the "4,000 symbols × 10 years"): `GET /api/coverage` pages of
 * `sizes.coveragePageSize` symbols (the default window, the last year, and the whole span), the
 * weekly heatmap of a page over the span (`format=matrix&granularity=week`), and one symbol's
 * coverage. Every page is asked `sizes.coverageRounds` times after one warm-up request per route;
 * each sample is the time to the whole answer read. Targets: p95 ≤ 1 s for the page and the
 * heatmap (the requirement).
 */
export const coverageScenario: Scenario = {
  name: 'coverage',
  description:
    'GET /api/coverage: page of 500 symbols and weekly heatmap of 500 over 4,000 symbols × 10 years of daily candles',
  run: async (ctx: BenchContext) => {
    const { coverageSymbols: n, coverageYears: years, coveragePageSize: pageSize } = ctx.sizes;
    const today = new Date().toISOString().slice(0, 10);
    const lastDay = shiftDay(today, -1);
    const spanFrom = shiftDay(shiftYears(lastDay, -years), 1);
    const yearsText = `${years} year${years === 1 ? '' : 's'}`;
    const seed = await ctx.db.seedDailyCoverage({ symbols: n, years, lastDay });

    const stack = await ctx.startStack('coverage', { workers: 0 });
    try {
      const get = async (path: string): Promise<{ ms: number; bytes: number; body: string }> => {
        const t0 = performance.now();
        const res = await fetch(`${stack.base}${path}`, { headers: ctx.headers });
        const body = await res.text();
        const ms = performance.now() - t0;
        if (res.status !== 200) throw new Error(`${path}: ${res.status} ${body.slice(0, 300)}`);
        return { ms, bytes: Buffer.byteLength(body), body };
      };
      const pages = Math.ceil(n / pageSize);
      /** One warm-up request, then every page `coverageRounds` times; sizes of page 1. */
      const measure = async (path: (page: number) => string) => {
        const warmUp = await get(path(1));
        const samples: number[] = [];
        const bodies = new Map<number, string>();
        for (let r = 0; r < ctx.sizes.coverageRounds; r += 1) {
          for (let page = 1; page <= pages; page += 1) {
            const answer = await get(path(page));
            samples.push(answer.ms);
            if (r === 0) bodies.set(page, answer.body);
          }
        }
        return {
          timing: {
            requests: samples.length,
            ...spread(samples),
            first_ms: round(warmUp.ms),
            bytes_page_1: warmUp.bytes,
          },
          bodies,
        };
      };

      const listPath = (from?: string) => (page: number) =>
        `/api/coverage?interval=1d&provider=yahoo&page_size=${pageSize}&page=${page}` +
        (from ? `&from=${from}` : '');
      const list = await measure(listPath());
      const listSpan = await measure(listPath(spanFrom));
      const matrix = await measure(
        (page) =>
          `/api/coverage?format=matrix&granularity=week&page_size=${pageSize}&page=${page}&from=${spanFrom}`,
      );

      // What the answers hold: every page full, the deleted weeks seen as missing sessions.
      const items = [...listSpan.bodies.values()].flatMap(
        (b) => (JSON.parse(b) as { items: CoverageItem[] }).items,
      );
      const lastPage = JSON.parse(matrix.bodies.get(pages)!) as {
        days: string[];
        cells: unknown[][];
        total: number;
      };
      const withMissing = items.filter((i) => i.missing_sessions > 0).length;
      if (items.length < n) throw new Error(`the pages listed ${items.length} of ${n} symbols`);

      // One symbol's coverage (its whole stored span), over symbols with and without a hole.
      const symbolSamples: number[] = [];
      let symbolBytes = 0;
      const symbolOf = (i: number) => `${1000 + ((i * 37) % n)}.T`;
      await get(`/api/symbols/${symbolOf(0)}/coverage`);
      for (let i = 0; i < ctx.sizes.coverageSymbolRuns; i += 1) {
        const answer = await get(`/api/symbols/${symbolOf(i)}/coverage`);
        symbolSamples.push(answer.ms);
        symbolBytes = Math.max(symbolBytes, answer.bytes);
      }

      return {
        seed: { ...seed, years, from: spanFrom, to: lastDay },
        page_size: pageSize,
        pages,
        list_default_window: {
          path: listPath()(1),
          window: 'the last year (the default)',
          ...list.timing,
        },
        list_span: {
          path: listPath(spanFrom)(1),
          window: yearsText,
          ...listSpan.timing,
          symbols_listed: items.length,
          symbols_with_missing_sessions: withMissing,
          expected_sessions_per_symbol: Math.max(...items.map((i) => i.expected_sessions)),
        },
        matrix_week: {
          path: `/api/coverage?format=matrix&granularity=week&page_size=${pageSize}&page=1&from=${spanFrom}`,
          ...matrix.timing,
          columns: lastPage.days.length,
          cells_per_page: pageSize * lastPage.days.length,
          total: lastPage.total,
        },
        symbol: {
          path: `/api/symbols/${symbolOf(0)}/coverage`,
          requests: symbolSamples.length,
          p50_ms: round(percentile(symbolSamples, 50)),
          bytes: symbolBytes,
        },
        targets: [
          ctx.target(
            `page of ${pageSize} symbols, ${yearsText} (of ${n}): p95 ms`,
            listSpan.timing.p95_ms,
            '<=',
            1000,
          ),
          ctx.target(
            `page of ${pageSize} symbols, default window (last year): p95 ms`,
            list.timing.p95_ms,
            '<=',
            1000,
          ),
          ctx.target(
            `weekly heatmap of ${pageSize} symbols × ${yearsText}: p95 ms`,
            matrix.timing.p95_ms,
            '<=',
            1000,
          ),
        ],
      };
    } finally {
      await stack.stop();
    }
  },
};
