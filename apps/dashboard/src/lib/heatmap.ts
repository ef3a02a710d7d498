import type { CoverageMatrix } from '../api/pending-paths';

/** A coverage matrix as the heatmap draws it: one ratio per symbol and day, NaN for no session. */
export interface CoverageGrid {
  days: string[];
  symbols: { symbol: string; source?: string }[];
  /** rows × cols, row-major: stored / expected in [0, 1]; NaN where nothing was expected. */
  ratio: Float32Array;
}

/** Accepts every cell form the contract's wording allows (see CoverageMatrix). */
export function toGrid(matrix: CoverageMatrix): CoverageGrid {
  const symbols = matrix.symbols.map((s) => (typeof s === 'string' ? { symbol: s } : s));
  const cols = matrix.days.length;
  const ratio = new Float32Array(symbols.length * cols).fill(Number.NaN);
  for (let r = 0; r < symbols.length; r += 1) {
    const row = matrix.cells[r];
    if (row === undefined) continue;
    const base = r * cols;
    const n = Math.min(cols, row.length);
    for (let c = 0; c < n; c += 1) {
      const cell = row[c];
      if (typeof cell === 'number') ratio[base + c] = cell;
      else if (cell !== null && cell !== undefined) {
        const stored = Array.isArray(cell) ? cell[0] : cell.stored;
        const expected = Array.isArray(cell) ? cell[1] : cell.expected;
        if (expected > 0) ratio[base + c] = stored >= expected ? 1 : stored / expected;
      }
    }
  }
  return { days: matrix.days, symbols, ratio };
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

/** Days per pixel column when the range is wider than the canvas (at least 1). */
export function daysPerColumn(days: number, width: number): number {
  return Math.max(1, Math.ceil(days / Math.max(1, width)));
}

/**
 * Paints the grid into `image`, one pixel row per symbol and one pixel column per `step` days
 * showing the worst day among them (a hole is never averaged away); the caller scales it up to
 * the rows' height. Linear in cells, one 32-bit write per pixel: 500 symbols × 2,600 sessions is
 * about 1.3 M reads and a few ms.
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
        if (v < worst) worst = v; // NaN never compares: closed days are skipped
      }
      pixels[r * width + x] =
        worst === 2 ? closed! : worst >= 1 ? full! : worst <= 0 ? none! : partial!;
    }
  }
}
