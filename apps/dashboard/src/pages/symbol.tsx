import { useEffect, useRef } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso/router';
import { api, unwrap } from '../api/client';
import { Empty, ErrorState, Loading } from '../components/states';
import { INTERVALS, type IntervalName } from '../lib/constants';
import { place, toStrip } from '../lib/coverage-strip';
import { isoDay } from '../lib/format';
import { PriceChart, type ChartAction, type ChartCandle } from '../lib/price-chart';
import { useLoad } from '../lib/use-load';

const RANGES = [
  ['3m', '3 months', 92],
  ['1y', '1 year', 366],
  ['5y', '5 years', 5 * 366],
  ['10y', '10 years', 10 * 366],
  ['all', 'All', 0],
] as const;
/** Candles drawn at most (pages of the API followed with next_cursor). */
const MAX_CANDLES = 100_000;

function rangeStart(range: string): string | undefined {
  const days = RANGES.find((r) => r[0] === range)?.[2] ?? 0;
  return days === 0 ? undefined : isoDay(new Date(Date.now() - days * 86_400_000));
}

function Chart({ candles, actions }: { candles: ChartCandle[]; actions: ChartAction[] }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<PriceChart | null>(null);
  useEffect(() => {
    if (box.current === null) return;
    chart.current = new PriceChart(box.current);
    return () => chart.current?.destroy();
  }, []);
  useEffect(() => chart.current?.setData(candles, actions), [candles, actions]);
  return <div class="chart-box" ref={box} />;
}

/** /ui/symbols/:symbol: candles and volume, interval and bucket, splits and dividends, coverage, CSV. */
export function SymbolPage() {
  const { params } = useRoute();
  const location = useLocation();
  const symbol = decodeURIComponent(params.symbol ?? '');
  const interval = (location.query.interval ?? '1d') as IntervalName;
  const bucket = location.query.bucket ?? '';
  const range = location.query.range ?? '10y';
  const source = location.query.source ?? '';
  const from = rangeStart(range);
  const coarser = INTERVALS.slice(INTERVALS.indexOf(interval) + 1);

  const set = (changes: Record<string, string>) => {
    const query = new URLSearchParams({ ...location.query, ...changes });
    for (const [k, v] of [...query]) if (v === '') query.delete(k);
    if (
      changes.interval !== undefined &&
      !INTERVALS.slice(INTERVALS.indexOf(changes.interval as IntervalName) + 1).includes(
        bucket as IntervalName,
      )
    ) {
      query.delete('bucket');
    }
    location.route(`/ui/symbols/${encodeURIComponent(symbol)}?${query.toString()}`, true);
  };

  const query = {
    interval,
    ...(source ? { source } : {}),
    ...(from ? { from } : {}),
    ...(bucket ? { bucket: bucket as IntervalName } : {}),
  };
  const candles = useLoad(async () => {
    const rows: ChartCandle[] = [];
    let cursor: string | undefined;
    do {
      const page = await unwrap(
        api.GET('/api/ohlcv/{symbol}', {
          params: {
            path: { symbol },
            query: { ...query, limit: 50_000, ...(cursor ? { cursor } : {}) },
          },
        }),
      );
      rows.push(...page.items);
      cursor = page.next_cursor ?? undefined;
    } while (cursor !== undefined && rows.length < MAX_CANDLES);
    return rows;
  }, [symbol, interval, bucket, range, source]);
  const actions = useLoad(
    () =>
      unwrap(
        api.GET('/api/corporate-actions/{symbol}', {
          params: {
            path: { symbol },
            query: { ...(from ? { from } : {}), ...(source ? { source } : {}) },
          },
        }),
      ).then((r) => r.items),
    [symbol, range, source],
  );
  // Daily candles: calendar-aware (missing sessions of the exchange); others: gaps of that interval.
  const coverage = useLoad(
    () =>
      unwrap(
        api.GET('/api/symbols/{symbol}/coverage', {
          params: { path: { symbol }, query: { interval, ...(source ? { source } : {}) } },
        }),
      ),
    [symbol, source, interval],
  );
  const strip = coverage.data ? toStrip(coverage.data, interval) : null;

  const csv = new URLSearchParams({ ...query, format: 'csv' });
  const csvUrl = `/api/ohlcv/${encodeURIComponent(symbol)}?${csv.toString()}`;
  const rows = candles.data ?? [];
  const last = rows[rows.length - 1];

  return (
    <section>
      <div class="page-head">
        <h1>
          {symbol} {source && <span class="muted small">{source}</span>}
        </h1>
        <a class="button" href={csvUrl} download>
          Download CSV
        </a>
      </div>
      <form class="filters" aria-label="Chart settings" onSubmit={(e) => e.preventDefault()}>
        <label>
          Interval
          <select value={interval} onChange={(e) => set({ interval: e.currentTarget.value })}>
            {INTERVALS.map((i) => (
              <option key={i}>{i}</option>
            ))}
          </select>
        </label>
        <label>
          Bucket
          <select value={bucket} onChange={(e) => set({ bucket: e.currentTarget.value })}>
            <option value="">none (stored candles)</option>
            {coarser.map((i) => (
              <option key={i}>{i}</option>
            ))}
          </select>
        </label>
        <fieldset class="segmented">
          <legend class="sr-only">Range</legend>
          {RANGES.map(([key, label]) => (
            <button
              key={key}
              type="button"
              aria-pressed={range === key}
              onClick={() => set({ range: key })}
            >
              {label}
            </button>
          ))}
        </fieldset>
      </form>
      {last && (
        <p class="muted">
          {rows.length.toLocaleString('en-US')} candles · last {isoDay(new Date(last.ts))} close{' '}
          <strong>{last.close}</strong>
          {actions.data &&
            actions.data.length > 0 &&
            ` · ${actions.data.length} splits and dividends marked`}
        </p>
      )}
      <figure class="card chart-card" aria-label="Price chart">
        {candles.state === 'error' && candles.error.code === 'AMBIGUOUS_SOURCE' && (
          <div class="state state-missing" role="alert">
            <p>{candles.error.message}. Choose one:</p>
            <ul>
              {((candles.error.details?.candidates as string[] | undefined) ?? []).map((c) => (
                <li key={c}>
                  <a
                    href={`/ui/symbols/${encodeURIComponent(symbol)}?${new URLSearchParams({ ...location.query, source: c }).toString()}`}
                  >
                    {c}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        )}
        {candles.state === 'error' && candles.error.code !== 'AMBIGUOUS_SOURCE' && (
          <ErrorState error={candles.error} what="the candles" retry={candles.reload} />
        )}
        {candles.data === undefined && candles.state === 'loading' && <Loading what="candles" />}
        {candles.data !== undefined && candles.data.length === 0 && (
          <Empty>
            <p>
              No {bucket || interval} candle of {symbol} is stored in this range.
            </p>
          </Empty>
        )}
        {rows.length > 0 && <Chart candles={rows} actions={actions.data ?? []} />}
      </figure>
      <h2>Coverage</h2>
      {coverage.state === 'error' && (
        <ErrorState error={coverage.error} what="the coverage" retry={coverage.reload} />
      )}
      {coverage.data !== undefined && strip === null && (
        <Empty>
          <p>Nothing stored for {interval}.</p>
        </Empty>
      )}
      {strip !== null && (
        <div class="coverage-strip-wrap">
          <div
            class="coverage-strip"
            role="img"
            aria-label={`Coverage ${strip.startLabel} to ${strip.endLabel}: ${strip.summary}`}
          >
            {strip.holes.map((h) => {
              const { left, width } = place(strip, h.start, h.end);
              return (
                <span
                  key={`${h.kind}${h.start}`}
                  class={`hole hole-${h.kind}`}
                  style={{ left: `${left}%`, width: `${width}%` }}
                  title={h.title}
                />
              );
            })}
          </div>
          <div class="strip-axis muted small">
            <span>{strip.startLabel}</span>
            <span>{strip.summary}</span>
            <span>{strip.endLabel}</span>
          </div>
        </div>
      )}
    </section>
  );
}
