/** The fields of a PostgreSQL error (pg's DatabaseError) that the loader reads. */
export interface PgErrorLike {
  message: string;
  code?: string;
  detail?: string;
  where?: string;
  column?: string;
  constraint?: string;
}

/** Errors that one bad row causes (data exceptions, constraint violations, too-large index rows). */
export function isRowLevelError(error: unknown): error is PgErrorLike {
  const code = (error as PgErrorLike | null)?.code;
  return typeof code === 'string' && /^(22|23|54)/.test(code);
}

/** 1-based line of the COPY data that failed, when PostgreSQL says (not for foreign keys). */
export function copyLineOf(error: PgErrorLike): number | null {
  const m = /^COPY .*?, line (\d+)(?:, column |: |$)/.exec(error.where ?? '');
  return m ? Number(m[1]) : null;
}

/** `Key (a, b)=(1, 2) …` in a DETAIL: the columns and the values' texts. */
export function keyOf(error: PgErrorLike): { columns: string[]; values: string[] } | null {
  const m = /^Key \((.+?)\)=\((.*)\) (?:is not present|already exists)/.exec(error.detail ?? '');
  if (!m) return null;
  const unquote = (s: string): string =>
    s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1).replace(/""/g, '"') : s;
  const columns = m[1].split(', ').map(unquote);
  const values = columns.length === 1 ? [m[2]] : m[2].split(', ');
  return values.length === columns.length ? { columns, values } : null;
}

/** The column a row error is about, when PostgreSQL names one. */
export function columnOf(error: PgErrorLike): string | null {
  if (error.column) return error.column;
  const m = /^COPY .*?, line \d+, column (.+?): /.exec(error.where ?? '');
  if (m) return m[1];
  const key = keyOf(error);
  return key ? key.columns.join(', ') : null;
}
