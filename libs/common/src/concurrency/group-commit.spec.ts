import { GroupCommit } from './group-commit';

/** A flush the test releases by hand, recording the groups it was given. */
function manualFlush() {
  const groups: number[][] = [];
  const releases: (() => void)[] = [];
  const flush = async (items: number[]): Promise<PromiseSettledResult<number>[]> => {
    groups.push(items);
    await new Promise<void>((r) => releases.push(r));
    return items.map((i) =>
      i < 0
        ? { status: 'rejected', reason: new Error(`bad ${i}`) }
        : { status: 'fulfilled', value: i * 10 },
    );
  };
  const releaseNext = async () => {
    while (releases.length === 0) await new Promise((r) => setImmediate(r));
    releases.shift()!();
  };
  return { groups, flush, releaseNext };
}

describe('GroupCommit', () => {
  it('flushes the first item at once and groups what arrives while a flush runs', async () => {
    const m = manualFlush();
    const gc = new GroupCommit(m.flush, { maxItems: 10, maxInFlight: 1 });
    const first = gc.submit(1);
    expect(m.groups).toEqual([[1]]);
    const rest = [2, 3, 4].map((i) => gc.submit(i));
    expect(gc.backlog).toBe(3);
    await m.releaseNext();
    await expect(first).resolves.toBe(10);
    expect(m.groups).toEqual([[1], [2, 3, 4]]);
    await m.releaseNext();
    await expect(Promise.all(rest)).resolves.toEqual([20, 30, 40]);
  });

  it('takes at most maxItems per group and runs at most maxInFlight groups', async () => {
    const m = manualFlush();
    const gc = new GroupCommit(m.flush, { maxItems: 2, maxInFlight: 2 });
    const all = [1, 2, 3, 4, 5, 6].map((i) => gc.submit(i));
    expect(m.groups).toEqual([[1], [2]]);
    await m.releaseNext();
    await m.releaseNext();
    await m.releaseNext();
    await m.releaseNext();
    await expect(Promise.all(all)).resolves.toEqual([10, 20, 30, 40, 50, 60]);
    expect(m.groups).toEqual([[1], [2], [3, 4], [5, 6]]);
  });

  it('rejects only the items the flush says failed', async () => {
    const m = manualFlush();
    const gc = new GroupCommit(m.flush, { maxItems: 10, maxInFlight: 1 });
    const a = gc.submit(1);
    const b = gc.submit(-2);
    const c = gc.submit(3);
    await m.releaseNext();
    await m.releaseNext();
    await expect(a).resolves.toBe(10);
    await expect(b).rejects.toThrow('bad -2');
    await expect(c).resolves.toBe(30);
  });

  it('rejects the whole group when the flush throws, then keeps going', async () => {
    let calls = 0;
    const gc = new GroupCommit<number, number>(
      async (items) => {
        calls += 1;
        if (calls === 1) throw new Error('database down');
        return items.map((i) => ({ status: 'fulfilled', value: i }));
      },
      { maxItems: 10, maxInFlight: 1 },
    );
    await expect(gc.submit(1)).rejects.toThrow('database down');
    await expect(gc.submit(2)).resolves.toBe(2);
  });

  it('refuses a flush that answers the wrong number of results', async () => {
    const gc = new GroupCommit<number, number>(async () => [], { maxItems: 10, maxInFlight: 1 });
    await expect(gc.submit(1)).rejects.toThrow('0 results for 1 items');
  });
});
