import { topologicalOrder } from './topological-order';

describe('topologicalOrder', () => {
  it('puts parents before children whatever order they are declared in', () => {
    const r = topologicalOrder(
      ['order_items', 'orders', 'users', 'audit_log'],
      [
        ['order_items', 'orders'],
        ['orders', 'users'],
        ['audit_log', 'users'],
      ],
    );
    expect(r.order).toEqual(['users', 'audit_log', 'orders', 'order_items']);
    expect(r.cycles).toEqual([]);
  });

  it('orders independent tables by name, the same on every run', () => {
    expect(topologicalOrder(['c', 'a', 'b'], []).order).toEqual(['a', 'b', 'c']);
  });

  it('reports self-references without letting them block the order', () => {
    const r = topologicalOrder(
      ['employees', 'teams'],
      [
        ['employees', 'employees'],
        ['employees', 'teams'],
      ],
    );
    expect(r.order).toEqual(['teams', 'employees']);
    expect(r.selfReferencing).toEqual(['employees']);
    expect(r.cycles).toEqual([]);
  });

  it('keeps a cycle together, after what it depends on and before what depends on it', () => {
    const r = topologicalOrder(
      ['a', 'b', 'c', 'root', 'leaf'],
      [
        ['a', 'b'],
        ['b', 'c'],
        ['c', 'a'],
        ['a', 'root'],
        ['leaf', 'c'],
      ],
    );
    expect(r.cycles).toEqual([['a', 'b', 'c']]);
    expect(r.order).toEqual(['root', 'a', 'b', 'c', 'leaf']);
  });

  it('ignores references to tables outside the import', () => {
    expect(topologicalOrder(['child'], [['child', 'elsewhere']]).order).toEqual(['child']);
  });
});
