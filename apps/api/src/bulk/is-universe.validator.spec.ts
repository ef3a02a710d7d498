import { universeProblem } from './is-universe.validator';

describe('universeProblem (the universe of POST /api/bulk/start)', () => {
  it('takes "all" and filter objects', () => {
    expect(universeProblem('all')).toBeNull();
    expect(universeProblem({})).toBeNull();
    expect(
      universeProblem({
        provider: 'yahoo',
        exchange: 'TSE',
        market_segment: ['Prime', 'Standard'],
        asset_class: ['equity'],
        industry_code: ['3650'],
        limit: 100,
      }),
    ).toBeNull();
  });

  it('names the first problem', () => {
    const shape = expect.stringContaining('universe must be "all" or a filter object {provider');
    expect(universeProblem('some')).toEqual(shape);
    expect(universeProblem(true)).toEqual(shape);
    expect(universeProblem(['TSE'])).toEqual(shape);
    expect(universeProblem(null)).toEqual(shape);
    expect(universeProblem({ segment: ['Prime'] })).toBe(
      'universe.segment is not a filter; filters: provider, exchange, market_segment, asset_class, industry_code, limit',
    );
    expect(universeProblem({ provider: 'nasdaq' })).toMatch(/^universe.provider must be one of/);
    expect(universeProblem({ exchange: '' })).toMatch(/^universe.exchange must be a string/);
    expect(universeProblem({ market_segment: 'Prime' })).toMatch(
      /^universe.market_segment must be an array of 1 to 100 strings/,
    );
    expect(universeProblem({ asset_class: [] })).toMatch(/^universe.asset_class must be an array/);
    expect(universeProblem({ industry_code: [3650] })).toMatch(/^universe.industry_code must be/);
    expect(universeProblem({ limit: 0 })).toMatch(/^universe.limit must be an integer/);
    expect(universeProblem({ limit: 1.5 })).toMatch(/^universe.limit must be an integer/);
  });
});
