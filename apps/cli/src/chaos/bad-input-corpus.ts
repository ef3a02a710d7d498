import corpusFile from './bad-input-corpus.json';
import type { ChaosRequest } from './chaos-http';

type Method = NonNullable<ChaosRequest['method']>;

/** A large body built at run time (kept small in the repository). */
export type Generator =
  | { kind: 'symbols'; extra?: number; times?: number }
  | { kind: 'big'; bytes: number }
  | { kind: 'deep'; depth: number; field: string; shape: 'array' | 'object'; schedule?: boolean }
  | { kind: 'wide'; keys: number; schedule?: boolean }
  | { kind: 'objects'; count: number };

/** One bad request as kept in bad-input-corpus.json. */
export interface CorpusEntry {
  name: string;
  method: Method;
  path: string;
  auth?: 'none' | 'wrong';
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  generate?: Generator;
  /** Exact status expected (default: any 4xx). */
  expect?: number;
  /** Exact error code expected (default: any). */
  expectCode?: string;
}

export interface CorpusRequest extends ChaosRequest {
  name: string;
  expect?: number;
  expectCode?: string;
}

const METHODS: readonly Method[] = ['GET', 'POST', 'DELETE', 'PUT', 'PATCH'];
const KINDS = ['symbols', 'big', 'deep', 'wide', 'objects'];

/** The problems of a corpus (empty when every entry has a usable shape). */
export function corpusProblems(entries: unknown): string[] {
  if (!Array.isArray(entries)) return ['the corpus is not a list'];
  const problems: string[] = [];
  const names = new Set<string>();
  entries.forEach((raw, i) => {
    const e = raw as Partial<CorpusEntry> | null;
    const at = `entry ${i}`;
    if (!e || typeof e !== 'object') return void problems.push(`${at} is not an object`);
    if (typeof e.name !== 'string' || e.name === '') problems.push(`${at} has no name`);
    else if (names.has(e.name)) problems.push(`${at}: name "${e.name}" is used twice`);
    else names.add(e.name);
    if (!METHODS.includes(e.method as Method)) problems.push(`${at}: bad method ${e.method}`);
    if (typeof e.path !== 'string' || !e.path.startsWith('/')) problems.push(`${at}: bad path`);
    if (e.rawBody !== undefined && typeof e.rawBody !== 'string') problems.push(`${at}: rawBody`);
    if (e.auth !== undefined && !['none', 'wrong'].includes(e.auth)) problems.push(`${at}: auth`);
    if (e.generate !== undefined && !KINDS.includes(e.generate?.kind)) {
      problems.push(`${at}: unknown generator`);
    }
    if (e.expect !== undefined && !(e.expect >= 400 && e.expect < 500)) {
      problems.push(`${at}: expect must be a 4xx status`);
    }
  });
  return problems;
}

/** The corpus kept in the repository, checked. */
export function loadCorpus(): CorpusEntry[] {
  const entries = (corpusFile as { requests: unknown }).requests;
  const problems = corpusProblems(entries);
  if (problems.length > 0) throw new Error(`bad-input corpus: ${problems.join('; ')}`);
  return entries as CorpusEntry[];
}

const BASE = { symbols: ['AAPL'], interval: '1d', provider: 'synthetic' };

function nested(depth: number, shape: 'array' | 'object', leaf: string): string {
  return shape === 'array'
    ? `${'['.repeat(depth)}${leaf}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`;
}

/** The body of a generated entry (maxSymbols: the API's MAX_SYMBOLS_PER_BATCH). */
export function generateBody(g: Generator, maxSymbols: number): string {
  const schedule = (batch: string) => `{"cron":"0 0 1 1 *","batch":${batch}}`;
  switch (g.kind) {
    case 'symbols': {
      const n = g.times ? maxSymbols * g.times : maxSymbols + (g.extra ?? 1);
      const symbols = Array.from({ length: n }, (_, i) => `S${i}`);
      return JSON.stringify({ ...BASE, symbols });
    }
    case 'big':
      return JSON.stringify({ ...BASE, pad: 'x'.repeat(g.bytes) });
    case 'deep': {
      if (g.schedule) return schedule(nested(g.depth, g.shape, '"x"'));
      const rest = JSON.stringify({ ...BASE, [g.field]: undefined }).slice(1, -1);
      return `{${rest},"${g.field}":${nested(g.depth, g.shape, '"x"')}}`;
    }
    case 'wide': {
      const keys = Array.from({ length: g.keys }, (_, i) => `"k${i}":${i}`).join(',');
      const batch = `{"symbols":["AAPL"],"interval":"1d",${keys}}`;
      return g.schedule ? schedule(batch) : batch;
    }
    case 'objects':
      return JSON.stringify({
        ...BASE,
        symbols: Array.from({ length: g.count }, (_, i) => ({ symbol: `S${i}` })),
      });
  }
}

/** The requests to send, generated bodies built. */
export function corpusRequests(entries: CorpusEntry[], maxSymbols: number): CorpusRequest[] {
  return entries.map((e) => ({
    name: e.name,
    method: e.method,
    path: e.path,
    auth: e.auth,
    headers: e.headers,
    body: e.body,
    rawBody: e.generate ? generateBody(e.generate, maxSymbols) : e.rawBody,
    expect: e.expect,
    expectCode: e.expectCode,
  }));
}
