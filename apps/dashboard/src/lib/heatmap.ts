import type { CoverageMatrix } from '../api/pending-paths';

/** A coverage matrix as the heatmap draws it: one ratio per symbol and day, NaN for no session. */
export interface CoverageGrid {
  days: string[];
  symbols: { symbol: string; source?: string }[];
  /** rows × cols, row-major: stored / expected in [0, 1]; NaN where nothing was expected. */
  ratio: Float32Array;
}

function cellRatio(cell: CoverageMatrix['cells'][number][number] | undefined): number {
  if (cell === null || cell === undefined) return Number.NaN;
  if (typeof cell === 'number') return cell;
  const [stored, expected] = Array.isArray(cell) ? cell : [cell.stored, cell.expected];
  return expected > 0 ? Math.min(1, stored / expected) : Number.NaN;
}

/** Accepts every cell form the contract's wording allows (see CoverageMatrix). */
export function toGrid(matrix: CoverageMatrix): CoverageGrid {
  const symbols = matrix.symbols.map((s) => (typeof s === 'string' ? { symbol: s } : s));
  const cols = matrix.days.length;
  const ratio = new Float32Array(symbols.length * cols);
  for (let r = 0; r < symbols.length; r += 1) {
    const row = matrix.cells[r] ?? [];
    for (let c = 0; c < cols; c += 1) ratio[r * cols + c] = cellRatio(row[c]);
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
 * Paints the grid into `image` (width = columns, height = rows × rowHeight): one pixel column per
 * `step` days showing the worst day among them, so a hole is never averaged away. Linear in cells:
 * 500 symbols × 2,600 sessions is about 1.3 M reads and a few ms.
 */
export function paintHeatmap(
  grid: CoverageGrid,
  image: ImageData,
  rowHeight: number,
  step: number,
  colors: HeatmapColors,
): void {
  const cols = grid.days.length;
  const { width, data } = image;
  for (let r = 0; r < grid.symbols.length; r += 1) {
    for (let x = 0; x < width; x += 1) {
      let worst = Number.NaN;
      const from = x * step;
      const to = Math.min(cols, from + step);
      for (let c = from; c < to; c += 1) {
        const v = grid.ratio[r * cols + c] ?? Number.NaN;
        if (!Number.isNaN(v) && !(v >= worst)) worst = v;
      }
      const color = Number.isNaN(worst)
        ? colors.closed
        : worst >= 1
          ? colors.full
          : worst <= 0
            ? colors.none
            : colors.partial;
      for (let y = r * rowHeight; y < (r + 1) * rowHeight - 1; y += 1) {
        const i = (y * width + x) * 4;
        data[i] = color[0];
        data[i + 1] = color[1];
        data[i + 2] = color[2];
        data[i + 3] = 255;
      }
    }
  }
}
