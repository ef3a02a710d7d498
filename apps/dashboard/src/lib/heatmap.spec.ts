import {
  axisTicks,
  daysPerColumn,
  describeCells,
  paintHeatmap,
  rgb,
  toGrid,
  type CoverageMatrix,
} from './heatmap';

// ImageData is a browser class; the painter only needs its width and bytes.
const image = (width: number, height: number) =>
  ({ width, height, data: new Uint8ClampedArray(width * height * 4) }) as unknown as ImageData;

/** An answer of GET /api/coverage?format=matrix with these rows of cells. */
const matrix = (
  days: string[],
  cells: ([number, number] | null)[][],
  granularity: 'day' | 'week' = 'day',
): CoverageMatrix => ({
  success: true,
  interval: '1d',
  granularity,
  from: days[0] ?? '',
  to: days[days.length - 1] ?? '',
  days,
  symbols: cells.map((_, i) => ({
    symbol: `S${i}`,
    source: i === 0 ? 'yahoo' : 'synthetic',
    exchange: i === 0 ? 'TSE' : 'CRYPTO',
  })),
  cells,
  total: cells.length,
  page: 1,
  page_size: 100,
});

const colors = {
  full: rgb('#00ff00'),
  partial: rgb('#ffff00'),
  none: rgb('#ff0000'),
  closed: rgb('#101010'),
};

describe('coverage heatmap', () => {
  it('reads the [stored, expected] pairs of the API: null and [0, 0] expect nothing', () => {
    const grid = toGrid(
      matrix(
        ['2025-01-06', '2025-01-13', '2025-01-20', '2025-01-27'],
        [
          [[5, 5], [3, 5], null, [0, 0]],
          [
            [0, 4],
            [7, 5],
          ],
        ],
        'week',
      ),
    );
    expect(grid.granularity).toBe('week');
    expect(grid.symbols[0]).toEqual({ symbol: 'S0', source: 'yahoo', exchange: 'TSE' });
    expect(Array.from(grid.ratio)).toEqual([1, Math.fround(0.6), NaN, NaN, 0, 1, NaN, NaN]);
    expect(Array.from(grid.expected)).toEqual([5, 5, -1, 0, 4, 5, -1, -1]);
    expect(describeCells(grid, 0, 0, 1)).toBe('5 of 5 sessions stored');
    expect(describeCells(grid, 0, 1, 1)).toBe('3 of 5 sessions stored, 2 missing');
    expect(describeCells(grid, 0, 2, 1)).toBe('no session');
    expect(describeCells(grid, 0, 3, 1)).toBe('no session expected (the provider answered empty)');
    // Several columns a pixel: their sums.
    expect(describeCells(grid, 0, 0, 3)).toBe('8 of 10 sessions stored, 2 missing');
    expect(describeCells(grid, 1, 0, 1)).toBe('0 of 4 sessions stored, 4 missing');
  });

  it('shows the worst column of each pixel column, and columns without a session apart from holes', () => {
    const grid = toGrid(matrix(['d1', 'd2', 'd3', 'd4'], [[[1, 1], [0, 1], null, [1, 1]]]));
    const out = image(2, 1);
    paintHeatmap(grid, out, daysPerColumn(4, 2), colors);
    expect(Array.from(out.data)).toEqual([255, 0, 0, 255, 0, 255, 0, 255]);
    const wide = image(4, 1);
    paintHeatmap(grid, wide, daysPerColumn(4, 4), colors);
    expect(Array.from(wide.data.slice(8, 12))).toEqual([16, 16, 16, 255]);
    expect(daysPerColumn(2600, 1000)).toBe(3);
    expect(daysPerColumn(10, 1000)).toBe(1);
  });

  it('paints a partly stored week between full and none', () => {
    const grid = toGrid(
      matrix(
        ['w1', 'w2', 'w3'],
        [
          [
            [5, 5],
            [4, 5],
            [0, 5],
          ],
        ],
        'week',
      ),
    );
    const out = image(3, 1);
    paintHeatmap(grid, out, 1, colors);
    expect(Array.from(out.data)).toEqual([0, 255, 0, 255, 255, 255, 0, 255, 255, 0, 0, 255]);
  });

  it('ticks the axis at months (days) or years (weeks), never closer than the gap', () => {
    const days = Array.from({ length: 90 }, (_, i) =>
      new Date(Date.UTC(2025, 11, 15) + i * 86_400_000).toISOString().slice(0, 10),
    );
    expect(axisTicks(days, 'day', 900)).toEqual([
      { left: (17 / 90) * 100, label: 'Jan 2026' },
      { left: (48 / 90) * 100, label: 'Feb' },
      { left: (76 / 90) * 100, label: 'Mar' },
    ]);
    // 240 px wide: Feb is 83 px after Jan, Mar 75 px after Feb and 37 px before the end; at 90
    // px Feb is 31 px after Jan (too close) and Mar 14 px before the end (no room for its label).
    expect(axisTicks(days, 'day', 240).map((t) => t.label)).toEqual(['Jan 2026', 'Feb', 'Mar']);
    expect(axisTicks(days, 'day', 90).map((t) => t.label)).toEqual(['Jan 2026']);
    const mondays = ['2024-12-23', '2024-12-30', '2025-01-06', '2025-01-13'];
    expect(axisTicks(mondays, 'week', 800)).toEqual([{ left: 50, label: '2025' }]);
  });
});
