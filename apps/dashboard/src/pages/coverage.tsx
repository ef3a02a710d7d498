import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { api, unwrap } from '../api/client';
import type { CoverageMatrix } from '../api/pending-paths';
import { Pager } from '../components/pager';
import { Empty, ErrorState, Loading, NotAvailable } from '../components/states';
import { INTERVALS, PROVIDERS } from '../lib/constants';
import { isoDay } from '../lib/format';
import { daysPerColumn, paintHeatmap, rgb, toGrid, type CoverageGrid } from '../lib/heatmap';
import { cssVar } from '../lib/theme';
import { useLoad } from '../lib/use-load';

const ROW = 14;

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
          <li key={`${s.source ?? ''}:${s.symbol}`}>
            <a
              href={`/ui/symbols/${encodeURIComponent(s.symbol)}${s.source ? `?source=${encodeURIComponent(s.source)}` : ''}`}
            >
              {s.symbol}
            </a>
          </li>
        ))}
      </ol>
      <div class="heatmap-canvas" ref={wrap}>
        <canvas
          ref={canvas}
          style={{ width: '100%', height: `${grid.symbols.length * ROW}px` }}
          aria-label={`Coverage of ${grid.symbols.length} symbols over ${grid.days.length} ${grid.days.length === 1 ? 'day' : 'days'}; the symbol links on the left open each one`}
          role="img"
          onMouseMove={(e) => {
            const cell = cellAt(e);
            if (cell === null) return setHover('');
            const r = grid.ratio[cell.row * grid.days.length + cell.col] ?? Number.NaN;
            const days = step > 1 ? ` (+${step - 1} days)` : '';
            setHover(
              `${grid.symbols[cell.row]?.symbol} · ${grid.days[cell.col]}${days}: ${Number.isNaN(r) ? 'no session' : `${Math.round(r * 100)}% stored`}`,
            );
          }}
          onMouseLeave={() => setHover('')}
          onClick={(e) => {
            const cell = cellAt(e);
            const s = cell && grid.symbols[cell.row];
            if (s)
              route(
                `/ui/symbols/${encodeURIComponent(s.symbol)}${s.source ? `?source=${encodeURIComponent(s.source)}` : ''}`,
              );
          }}
        />
      </div>
      <p class="heatmap-hover muted small" aria-live="polite">
        {hover || `${grid.days[0] ?? ''} → ${grid.days[grid.days.length - 1] ?? ''}`}
      </p>
    </div>
  );
}

/** /ui/coverage: the universe × days (or weeks) heatmap, paged by symbols. */
export function CoveragePage() {
  const location = useLocation();
  const q = location.query;
  const interval = q.interval ?? '1d';
  const from = q.from ?? isoDay(new Date(Date.now() - 366 * 86_400_000));
  const to = q.to ?? isoDay(new Date(Date.now() + 86_400_000));
  const provider = q.provider ?? '';
  const exchange = q.exchange ?? '';
  const segment = q.market_segment ?? '';
  const page = Math.max(1, Number(q.page) || 1);
  const pageSize = Math.min(500, Math.max(10, Number(q.page_size) || 100));
  const [draft, setDraft] = useState({ interval, from, to, provider, exchange, segment });

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
              interval: interval as '1d',
              from,
              to,
              page,
              page_size: pageSize,
              ...(provider ? { provider } : {}),
              ...(exchange ? { exchange } : {}),
              ...(segment ? { market_segment: segment.split(',') } : {}),
            },
          },
        }),
      ).then((m) => {
        performance.mark('coverage-answer');
        const matrix = m as unknown as CoverageMatrix;
        return { grid: toGrid(matrix), total: matrix.total ?? matrix.symbols.length };
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
          Interval
          <select
            value={draft.interval}
            onChange={(e) => setDraft({ ...draft, interval: e.currentTarget.value })}
          >
            {INTERVALS.map((i) => (
              <option key={i}>{i}</option>
            ))}
          </select>
        </label>
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
        <label>
          Provider
          <select
            value={draft.provider}
            onChange={(e) => setDraft({ ...draft, provider: e.currentTarget.value })}
          >
            <option value="">any</option>
            {PROVIDERS.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </label>
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
        <span class="swatch cov-full" /> all sessions stored <span class="swatch cov-partial" />{' '}
        some missing <span class="swatch cov-none" /> none stored <span class="swatch cov-closed" />{' '}
        market closed
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
