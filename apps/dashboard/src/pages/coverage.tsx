import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { api, ApiError, unwrap } from '../api/client';
import { Pager } from '../components/pager';
import { ProviderFilter } from '../components/provider-filter';
import { Empty, ErrorState, Loading, NotAvailable } from '../components/states';
import { isoDay } from '../lib/format';
import {
  axisTicks,
  daysPerColumn,
  describeCells,
  paintHeatmap,
  rgb,
  toGrid,
  type CoverageGrid,
} from '../lib/heatmap';
import { cssVar } from '../lib/theme';
import { useLoad } from '../lib/use-load';

const ROW = 14;

/** The symbol page of a row: its source too, so a symbol several providers hold is not ambiguous. */
const symbolHref = (s: { symbol: string; source: string }): string =>
  `/ui/symbols/${encodeURIComponent(s.symbol)}?source=${encodeURIComponent(s.source)}`;

function Heatmap({ grid }: { grid: CoverageGrid }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const wrap = useRef<HTMLDivElement>(null);
  const { route } = useLocation();
  const [hover, setHover] = useState<string>('');
  const [width, setWidth] = useState(0);
  const [theme, setTheme] = useState(0);

  useEffect(() => {
    const measure = () => setWidth(Math.max(100, Math.floor(wrap.current?.clientWidth ?? 800)));
    measure();
    const observer = new ResizeObserver(measure);
    if (wrap.current) observer.observe(wrap.current);
    const onTheme = () => setTheme((t) => t + 1);
    window.addEventListener('themechange', onTheme);
    return () => {
      observer.disconnect();
      window.removeEventListener('themechange', onTheme);
    };
  }, []);

  const unit = grid.granularity;
  const step = daysPerColumn(grid.days.length, width);
  const columns = Math.max(1, Math.ceil(grid.days.length / step));
  useEffect(() => {
    const el = canvas.current;
    if (el === null || width === 0) return;
    // One pixel row per symbol, scaled up by the canvas (pixelated): 14× fewer pixels to write.
    el.width = columns;
    el.height = Math.max(1, grid.symbols.length);
    const ctx = el.getContext('2d');
    if (ctx === null) return;
    const image = ctx.createImageData(columns, Math.max(1, grid.symbols.length));
    paintHeatmap(grid, image, step, {
      full: rgb(cssVar('--cov-full')),
      partial: rgb(cssVar('--cov-partial')),
      none: rgb(cssVar('--cov-none')),
      closed: rgb(cssVar('--cov-closed')),
    });
    ctx.putImageData(image, 0, 0);
    performance.mark('coverage-heatmap-painted');
  }, [grid, width, columns, step, theme]);

  const cellAt = (event: MouseEvent): { row: number; col: number } | null => {
    const el = canvas.current;
    if (el === null) return null;
    const box = el.getBoundingClientRect();
    const row = Math.floor((event.clientY - box.top) / ROW);
    const col = Math.floor(((event.clientX - box.left) / box.width) * columns) * step;
    return row >= 0 && row < grid.symbols.length && col >= 0 && col < grid.days.length
      ? { row, col }
      : null;
  };

  return (
    <div class="heatmap">
      <ol class="heatmap-labels" style={{ lineHeight: `${ROW}px` }}>
        {grid.symbols.map((s) => (
          <li key={`${s.source}:${s.symbol}`}>
            <a href={symbolHref(s)} title={`${s.symbol} (${s.source})`}>
              {s.symbol}
            </a>
          </li>
        ))}
      </ol>
      <div class="heatmap-canvas" ref={wrap}>
        <canvas
          ref={canvas}
          style={{ width: '100%', height: `${grid.symbols.length * ROW}px` }}
          aria-label={`Coverage of ${grid.symbols.length} symbols over ${grid.days.length} ${unit}${grid.days.length === 1 ? '' : 's'}; the symbol links on the left open each one`}
          role="img"
          onMouseMove={(e) => {
            const cell = cellAt(e);
            if (cell === null) return setHover('');
            const s = grid.symbols[cell.row];
            const more = step > 1 ? ` (+${step - 1} ${unit}${step > 2 ? 's' : ''})` : '';
            setHover(
              `${s?.symbol} (${s?.source}) · ${unit === 'week' ? 'week of ' : ''}${grid.days[cell.col]}${more}: ${describeCells(grid, cell.row, cell.col, step)}`,
            );
          }}
          onMouseLeave={() => setHover('')}
          onClick={(e) => {
            const cell = cellAt(e);
            const s = cell && grid.symbols[cell.row];
            if (s) route(symbolHref(s));
          }}
        />
      </div>
      <span />
      <div class="heatmap-axis muted small" aria-hidden="true">
        {axisTicks(grid.days, unit, width).map((t) => (
          <span key={t.left} style={{ left: `${t.left}%` }}>
            {t.label}
          </span>
        ))}
      </div>
      <p class="heatmap-hover muted small" aria-live="polite">
        {hover ||
          `${grid.days[0] ?? ''} → ${grid.days[grid.days.length - 1] ?? ''}, one column per ${unit}${step > 1 ? ` (${step} ${unit}s a pixel, the worst shown)` : ''}; point at a cell for its sessions`}
      </p>
    </div>
  );
}

/**
 * /ui/coverage: the universe × days (or weeks) heatmap of daily candles, paged by symbols, from
 * `GET /api/coverage?format=matrix`: per symbol and column the sessions its exchange's calendar
 * expects and how many are stored. The API picks days up to a year and weeks beyond
 * (`?granularity=` in the address overrides it).
 */
export function CoveragePage() {
  const location = useLocation();
  const q = location.query;
  const yesterday = isoDay(new Date(Date.now() - 86_400_000));
  const to = q.to || yesterday;
  const from = q.from || isoDay(new Date(Date.parse(to) - 364 * 86_400_000));
  const provider = q.provider ?? '';
  const exchange = q.exchange ?? '';
  const segment = q.market_segment ?? '';
  const granularity = q.granularity === 'day' || q.granularity === 'week' ? q.granularity : '';
  const page = Math.max(1, Number(q.page) || 1);
  const pageSize = Math.min(500, Math.max(10, Number(q.page_size) || 100));
  const [draft, setDraft] = useState({ from, to, provider, exchange, segment });

  const go = (changes: Record<string, string | number>) => {
    const params = new URLSearchParams({
      ...q,
      ...Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, String(v)])),
    });
    for (const [k, v] of [...params]) if (v === '') params.delete(k);
    location.route(`/ui/coverage?${params.toString()}`);
  };

  const matrix = useLoad(
    () =>
      unwrap(
        api.GET('/api/coverage', {
          params: {
            query: {
              format: 'matrix',
              from,
              to,
              page,
              page_size: pageSize,
              ...(granularity ? { granularity } : {}),
              ...(provider ? { provider } : {}),
              ...(exchange ? { exchange } : {}),
              ...(segment
                ? {
                    market_segment: segment
                      .split(',')
                      .map((s) => s.trim())
                      .filter((s) => s !== ''),
                  }
                : {}),
            },
          },
        }),
      ).then((m) => {
        performance.mark('coverage-answer');
        if (!('cells' in m)) throw new ApiError(0, 'CLIENT', 'the API did not answer a matrix');
        return { grid: toGrid(m), total: m.total };
      }),
    [location.url],
  );

  return (
    <section>
      <h1>Coverage</h1>
      <form
        class="filters"
        aria-label="Coverage filters"
        onSubmit={(e) => {
          e.preventDefault();
          go({ ...draft, market_segment: draft.segment, segment: '', page: 1 });
        }}
      >
        <label>
          From
          <input
            type="date"
            value={draft.from}
            onInput={(e) => setDraft({ ...draft, from: e.currentTarget.value })}
          />
        </label>
        <label>
          To
          <input
            type="date"
            value={draft.to}
            onInput={(e) => setDraft({ ...draft, to: e.currentTarget.value })}
          />
        </label>
        <ProviderFilter
          value={draft.provider}
          onChange={(p) => setDraft({ ...draft, provider: p })}
        />
        <label>
          Exchange
          <input
            value={draft.exchange}
            onInput={(e) => setDraft({ ...draft, exchange: e.currentTarget.value })}
            placeholder="TSE"
          />
        </label>
        <label>
          Segment
          <input
            value={draft.segment}
            onInput={(e) => setDraft({ ...draft, segment: e.currentTarget.value })}
            placeholder="Prime"
          />
        </label>
        <button type="submit">Show</button>
      </form>
      <p class="legend small">
        Daily candles: <span class="swatch cov-full" /> all sessions stored{' '}
        <span class="swatch cov-partial" /> some missing <span class="swatch cov-none" /> none
        stored <span class="swatch cov-closed" /> no session expected (market closed, not listed, or
        the provider had none)
      </p>
      {matrix.state === 'error' && matrix.error.missing && (
        <NotAvailable what="The coverage heatmap" route="GET /api/coverage?format=matrix" />
      )}
      {matrix.state === 'error' && !matrix.error.missing && (
        <ErrorState error={matrix.error} what="the coverage" retry={matrix.reload} />
      )}
      {matrix.data === undefined && matrix.state === 'loading' && <Loading what="coverage" />}
      {matrix.data !== undefined && matrix.data.grid.symbols.length === 0 && (
        <Empty>
          <p>No symbol in this selection.</p>
        </Empty>
      )}
      {matrix.data !== undefined && matrix.data.grid.symbols.length > 0 && (
        <>
          <Heatmap grid={matrix.data.grid} />
          <Pager
            label="Coverage pages"
            page={page}
            pageSize={pageSize}
            total={matrix.data.total}
            onPage={(p) => go({ page: p })}
          />
        </>
      )}
    </section>
  );
}
