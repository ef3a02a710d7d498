import {
  CandlestickSeries,
  ColorType,
  createChart,
  createSeriesMarkers,
  HistogramSeries,
  type IChartApi,
  type ISeriesApi,
  type SeriesMarker,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import { cssVar } from './theme';

export interface ChartCandle {
  ts: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export interface ChartAction {
  ts: string;
  type: string;
  amount?: number | null;
  numerator?: number | null;
  denominator?: number | null;
}

const seconds = (iso: string): UTCTimestamp => Math.floor(Date.parse(iso) / 1000) as UTCTimestamp;

/**
 * Candles and volume (a second pane) with TradingView's lightweight-charts: canvas drawing, 45 kB
 * gzipped, made for OHLC data; splits and dividends are markers on the candles. Colours are the
 * page theme's CSS variables, re-read when the theme changes.
 */
export class PriceChart {
  private readonly chart: IChartApi;
  private readonly candles: ISeriesApi<'Candlestick'>;
  private readonly volume: ISeriesApi<'Histogram'>;
  private readonly markers;
  private readonly onTheme = () => this.applyTheme();

  constructor(container: HTMLElement) {
    this.chart = createChart(container, {
      autoSize: true,
      // Ten years of daily candles fit the width: bars may get thinner than a pixel.
      timeScale: { borderVisible: false, minBarSpacing: 0.05 },
      rightPriceScale: { borderVisible: false },
      crosshair: { mode: 0 },
    });
    this.candles = this.chart.addSeries(CandlestickSeries, { priceLineVisible: false });
    this.volume = this.chart.addSeries(
      HistogramSeries,
      { priceFormat: { type: 'volume' }, priceLineVisible: false, lastValueVisible: false },
      1,
    );
    this.chart.panes()[1]?.setHeight(90);
    this.markers = createSeriesMarkers<Time>(this.candles, []);
    this.applyTheme();
    window.addEventListener('themechange', this.onTheme);
  }

  setData(rows: ChartCandle[], actions: ChartAction[]): void {
    const up = cssVar('--up');
    const down = cssVar('--down');
    this.candles.setData(
      rows.map((r) => ({
        time: seconds(r.ts),
        open: r.open,
        high: r.high,
        low: r.low,
        close: r.close,
      })),
    );
    this.volume.setData(
      rows.map((r) => ({
        time: seconds(r.ts),
        value: r.volume,
        color: r.close >= r.open ? `${up}88` : `${down}88`,
      })),
    );
    const markers: SeriesMarker<Time>[] = actions
      .map((a) => ({ ...a, time: seconds(a.ts) }))
      .sort((a, b) => a.time - b.time)
      .map((a) =>
        a.type === 'split'
          ? {
              time: a.time,
              position: 'aboveBar' as const,
              shape: 'arrowDown' as const,
              color: cssVar('--accent'),
              text: `Split ${a.numerator ?? '?'}:${a.denominator ?? '?'}`,
            }
          : {
              time: a.time,
              position: 'belowBar' as const,
              shape: 'circle' as const,
              color: cssVar('--warn'),
              text: `Div ${a.amount ?? ''}`,
            },
      );
    this.markers.setMarkers(markers);
    this.chart.timeScale().fitContent();
  }

  destroy(): void {
    window.removeEventListener('themechange', this.onTheme);
    this.chart.remove();
  }

  private applyTheme(): void {
    const text = cssVar('--text');
    const grid = cssVar('--grid');
    this.chart.applyOptions({
      layout: {
        background: { type: ColorType.Solid, color: cssVar('--surface') },
        textColor: text,
        panes: { separatorColor: grid },
      },
      grid: { vertLines: { color: grid }, horzLines: { color: grid } },
    });
    const up = cssVar('--up');
    const down = cssVar('--down');
    this.candles.applyOptions({
      upColor: up,
      downColor: down,
      wickUpColor: up,
      wickDownColor: down,
      borderVisible: false,
    });
  }
}
