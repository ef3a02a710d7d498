import { daysPerColumn, paintHeatmap, rgb, toGrid } from './heatmap';

// ImageData is a browser class; the painter only needs its width and bytes.
const image = (width: number, height: number) =>
  ({ width, height, data: new Uint8ClampedArray(width * height * 4) }) as unknown as ImageData;

describe('coverage heatmap', () => {
  it('reads every cell form of the matrix: pairs, objects, ratios, null', () => {
    const grid = toGrid({
      success: true,
      days: ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04'],
      symbols: ['A', { symbol: 'B', source: 'yahoo' }],
      cells: [
        [[1, 1], { stored: 0, expected: 1 }, 0.5, null],
        [
          [0, 0],
          [2, 1],
        ],
      ],
    });
    expect(grid.symbols).toEqual([{ symbol: 'A' }, { symbol: 'B', source: 'yahoo' }]);
    expect(Array.from(grid.ratio)).toEqual([1, 0, 0.5, NaN, NaN, 1, NaN, NaN]);
  });

  it('shows the worst day of each pixel column, and closed days apart from holes', () => {
    const grid = toGrid({
      success: true,
      days: ['d1', 'd2', 'd3', 'd4'],
      symbols: ['A'],
      cells: [[1, 0, null, 1]],
    });
    const colors = {
      full: rgb('#00ff00'),
      partial: rgb('#ffff00'),
      none: rgb('#ff0000'),
      closed: rgb('#101010'),
    };
    const out = image(2, 1);
    paintHeatmap(grid, out, daysPerColumn(4, 2), colors);
    expect(Array.from(out.data)).toEqual([255, 0, 0, 255, 0, 255, 0, 255]);
    const wide = image(4, 1);
    paintHeatmap(grid, wide, daysPerColumn(4, 4), colors);
    expect(Array.from(wide.data.slice(8, 12))).toEqual([16, 16, 16, 255]);
    expect(daysPerColumn(2600, 1000)).toBe(3);
    expect(daysPerColumn(10, 1000)).toBe(1);
  });
});
