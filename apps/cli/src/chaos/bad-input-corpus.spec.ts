import { corpusProblems, corpusRequests, generateBody, loadCorpus } from './bad-input-corpus';

describe('bad-input corpus', () => {
  const corpus = loadCorpus();

  it('holds at least 150 well-formed requests with unique names', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(150);
    expect(corpusProblems(corpus)).toEqual([]);
  });

  it('covers the kinds of bad input the suite promises', () => {
    const text = JSON.stringify(corpus);
    const names = corpus.map((e) => e.name).join('\n');
    for (const needle of ['__proto__', '+09:00', '* * * * * *', 'user:pass@', '169.254.169.254']) {
      expect(text).toContain(needle);
    }
    for (const needle of ['"ı"', '"straße"', 'from > to', 'unknown route without a key']) {
      expect(names).toContain(needle);
    }
    expect(corpus.some((e) => e.path.includes('%00'))).toBe(true);
    expect(corpus.some((e) => e.auth === 'none')).toBe(true);
    expect(corpus.some((e) => e.auth === 'wrong')).toBe(true);
    expect(corpus.filter((e) => e.generate?.kind === 'deep').length).toBeGreaterThanOrEqual(3);
  });

  it('reports entries of a bad shape', () => {
    expect(corpusProblems({})).toEqual(['the corpus is not a list']);
    expect(
      corpusProblems([
        { name: 'a', method: 'GET', path: '/x' },
        { name: 'a', method: 'GET', path: '/y' },
        { name: 'b', method: 'TRACE', path: 'x', expect: 200 },
        { name: 'c', method: 'POST', path: '/z', generate: { kind: 'nope' } },
        null,
      ]),
    ).toEqual([
      'entry 1: name "a" is used twice',
      'entry 2: bad method TRACE',
      'entry 2: bad path',
      'entry 2: expect must be a 4xx status',
      'entry 3: unknown generator',
      'entry 4 is not an object',
    ]);
  });

  it('builds deep, wide and oversized bodies at run time', () => {
    const deep = generateBody(
      { kind: 'deep', depth: 1500, field: 'symbols', shape: 'array' },
      1000,
    );
    expect(deep.startsWith('{"symbols":["AAPL"]') || deep.includes('"symbols":[[[')).toBe(true);
    expect(deep.match(/\[/g)!.length).toBeGreaterThanOrEqual(1500);
    expect(() => JSON.parse(deep)).not.toThrow();
    const wide = JSON.parse(generateBody({ kind: 'wide', keys: 70_000 }, 1000)) as object;
    expect(Object.keys(wide)).toHaveLength(70_002);
    const many = JSON.parse(generateBody({ kind: 'symbols', extra: 1 }, 1000)) as {
      symbols: string[];
    };
    expect(many.symbols).toHaveLength(1001);
    const sched = JSON.parse(
      generateBody(
        { kind: 'deep', depth: 1500, field: 'batch', shape: 'object', schedule: true },
        1,
      ),
    ) as { cron: string };
    expect(sched.cron).toBe('0 0 1 1 *');
  });

  it('turns every entry into a request, generated bodies as raw bodies', () => {
    const requests = corpusRequests(corpus, 1000);
    expect(requests).toHaveLength(corpus.length);
    for (const [i, r] of requests.entries()) {
      if (corpus[i].generate) expect(typeof r.rawBody).toBe('string');
    }
  });
});
