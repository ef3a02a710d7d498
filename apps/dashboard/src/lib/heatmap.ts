import type { Schemas } from '../api/client';

/** `GET /api/coverage?format=matrix`: per symbol and column, [stored, expected] or null. */
export type CoverageMatrix = Schemas['CoverageMatrixResponseDto'];

/** A coverage matrix as the heatmap draws it: flat rows × columns, row-major. */
export interface CoverageGrid {
  /** Column starts: days, or the Monday of each week. */
  days: string[];
  granularity: 'day' | 'week';
  symbols: { symbol: string; source: string; exchange: string | null }[];
  /** stored / expected in [0, 1]; NaN where no session is expected (null, or [0, 0]). */
  ratio: Float32Array;
  /** The answer's pair: stored sessions, and sessions expected (-1: null, no session at all). */
  stored: Uint16Array;
  expected: Int16Array;
}

/**
 * Flattens the API's answer. A null cell is a column without a session of the symbol (market
 * closed, before its listing); [0, 0] is a column whose sessions the provider answered empty (the
 * fetch ledger), so nothing is expected of it either: both are drawn as "no session expected".
 */
export function toGrid(matrix: CoverageMatrix): CoverageGrid {
  const cols = matrix.days.length;
  const rows = matrix.symbols.length;
  const ratio = new Float32Array(rows * cols).fill(Number.NaN);
  const stored = new Uint16Array(rows * cols);
  const expected = new Int16Array(rows * cols).fill(-1);
  for (let r = 0; r < rows; r += 1) {
    const row = matrix.cells[r];
    if (row === undefined) continue;
    const base = r * cols;
    const n = Math.min(cols, row.length);
    for (let c = 0; c < n; c += 1) {
      const cell = row[c];
      if (cell === null || cell === undefined) continue;
      const s = cell[0] ?? 0;
      const e = cell[1] ?? 0;
      stored[base + c] = s;
      expected[base + c] = e;
      if (e > 0) ratio[base + c] = s >= e ? 1 : s / e;
    }
  }
  return {
    days: matrix.days,
    granularity: matrix.granularity,
    symbols: matrix.symbols,
    ratio,
    stored,
    expected,
  };
}

/** What the hover line says of `span` columns of one row from `col` (their sums). */
export function describeCells(grid: CoverageGrid, row: number, col: number, span: number): string {
  const cols = grid.days.length;
  let stored = 0;
  let expected = 0;
  let sessions = false;
  for (let c = col; c < Math.min(cols, col + span); c += 1) {
    const e = grid.expected[row * cols + c] ?? -1;
    if (e < 0) continue;
    sessions = true;
    expected += e;
    stored += grid.stored[row * cols + c] ?? 0;
  }
  if (!sessions) return 'no session';
  if (expected === 0) return 'no session expected (the provider answered empty)';
  const missing = expected - Math.min(stored, expected);
  return `${stored} of ${expected} ${expected === 1 ? 'session' : 'sessions'} stored${missing > 0 ? `, ${missing} missing` : ''}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The time axis under the heatmap: a tick where a month begins (day columns; "Jan 2026" at a
 * year) or a year (week columns), as a % of the width, dropping ticks closer than `minGap` px to
 * the one before on a `width` px wide canvas, or too close to its right end for a label.
 */
export function axisTicks(
  days: readonly string[],
  granularity: 'day' | 'week',
  width: number,
  minGap = 44,
): { left: number; label: string }[] {
  const ticks: { left: number; label: string }[] = [];
  let lastPx = -Infinity;
  for (let c = 1; c < days.length; c += 1) {
    const day = days[c] ?? '';
    const before = days[c - 1] ?? '';
    const month = granularity === 'day' ? day.slice(0, 7) : day.slice(0, 4);
    if (month === (granularity === 'day' ? before.slice(0, 7) : before.slice(0, 4))) continue;
    const left = (c / days.length) * 100;
    const px = (left / 100) * width;
    if (px - lastPx < minGap || width - px < minGap * 0.75) continue;
    lastPx = px;
    const m = Number(day.slice(5, 7)) - 1;
    ticks.push({
      left,
      label:
        granularity === 'week'
          ? day.slice(0, 4)
          : m === 0
            ? `Jan ${day.slice(0, 4)}`
            : (MONTHS[m] ?? ''),
    });
  }
  return ticks;
}

export interface HeatmapColors {
  full: [number, number, number];
  partial: [number, number, number];
  none: [number, number, number];
  closed: [number, number, number];
}

/** `#rrggbb` → [r, g, b]. */
export function rgb(hex: string): [number, number, number] {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  return m === null
    ? [128, 128, 128]
    : [parseInt(m[1] ?? '80', 16), parseInt(m[2] ?? '80', 16), parseInt(m[3] ?? '80', 16)];
}

/** Columns (days or weeks) per pixel column when there are more than pixels (at least 1). */
export function daysPerColumn(days: number, width: number): number {
  return Math.max(1, Math.ceil(days / Math.max(1, width)));
}

/**
 * Paints the grid into `image`, one pixel row per symbol and one pixel column per `step` columns
 * of the answer, showing the worst among them (a hole is never averaged away); the caller scales
 * it up to the rows' height. Linear in cells, one 32-bit write per pixel: 500 symbols × 2,600
 * sessions is about 1.3 M reads and a few ms.
 */
export function paintHeatmap(
  grid: CoverageGrid,
  image: ImageData,
  step: number,
  colors: HeatmapColors,
): void {
  const cols = grid.days.length;
  const { width } = image;
  const pixels = new Uint32Array(image.data.buffer, image.data.byteOffset, image.data.length / 4);
  // RGBA bytes in memory order, read as one little- or big-endian 32-bit word.
  const word = (c: [number, number, number]): number =>
    new Uint32Array(new Uint8ClampedArray([c[0], c[1], c[2], 255]).buffer)[0] ?? 0;
  const [full, partial, none, closed] = [
    colors.full,
    colors.partial,
    colors.none,
    colors.closed,
  ].map(word);
  const ratio = grid.ratio;
  for (let r = 0; r < grid.symbols.length; r += 1) {
    const base = r * cols;
    for (let x = 0; x < width; x += 1) {
      let worst = 2;
      const from = x * step;
      const to = Math.min(cols, from + step);
      for (let c = from; c < to; c += 1) {
        const v = ratio[base + c] as number;
        if (v < worst) worst = v; // NaN never compares: columns without a session are skipped
      }
      pixels[r * width + x] =
        worst === 2 ? closed! : worst >= 1 ? full! : worst <= 0 ? none! : partial!;
    }
  }
}
