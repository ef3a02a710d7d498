import { FreshCache } from './fresh-cache';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('FreshCache', () => {
  afterEach(() => jest.useRealTimers());

  it('answers a value for ttlMs from when its read began, then reads again', async () => {
    jest.useFakeTimers({ now: 1_000 });
    const cache = new FreshCache<number>(100);
    let reads = 0;
    const read = () => Promise.resolve(++reads);
    expect(await cache.get('a', read)).toBe(1);
    jest.setSystemTime(1_099);
    expect(await cache.get('a', read)).toBe(1);
    jest.setSystemTime(1_100);
    expect(await cache.get('a', read)).toBe(2);
    expect(await cache.get('b', read)).toBe(3);
  });

  it('shares one read in flight between concurrent callers', async () => {
    const cache = new FreshCache<string>(100);
    const d = deferred<string>();
    let reads = 0;
    const read = () => {
      reads += 1;
      return d.promise;
    };
    const both = Promise.all([cache.get('a', read), cache.get('a', read)]);
    d.resolve('v');
    expect(await both).toEqual(['v', 'v']);
    expect(reads).toBe(1);
  });

  it('after clear(), neither a stored value nor a read begun before it is answered or stored', async () => {
    const cache = new FreshCache<string>(10_000);
    expect(await cache.get('a', () => Promise.resolve('old'))).toBe('old');
    const before = deferred<string>();
    cache.clear();
    const racing = cache.get('a', () => before.promise);
    cache.clear();
    expect(await cache.get('a', () => Promise.resolve('new'))).toBe('new');
    before.resolve('stale');
    expect(await racing).toBe('stale');
    expect(await cache.get('a', () => Promise.resolve('newer'))).toBe('new');
  });

  it('keeps no failed read, and with ttlMs 0 always reads', async () => {
    const cache = new FreshCache<string>(10_000);
    await expect(cache.get('a', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('a', () => Promise.resolve('up'))).toBe('up');
    const off = new FreshCache<number>(0);
    let n = 0;
    await off.get('a', () => Promise.resolve(++n));
    expect(await off.get('a', () => Promise.resolve(++n))).toBe(2);
  });

  it('keeps at most maxKeys keys, dropping the oldest', async () => {
    const cache = new FreshCache<string>(10_000, 2);
    await cache.get('a', () => Promise.resolve('a1'));
    await cache.get('b', () => Promise.resolve('b1'));
    await cache.get('c', () => Promise.resolve('c1'));
    expect(await cache.get('a', () => Promise.resolve('a2'))).toBe('a2');
    expect(await cache.get('c', () => Promise.resolve('c2'))).toBe('c1');
  });
});
