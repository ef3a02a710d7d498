/** SQL text helpers for PostgreSQL DDL. */

export const PG_MAX_IDENTIFIER_BYTES = 63;

export function pgIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function pgQualified(schema: string, table: string): string {
  return `${pgIdent(schema)}.${pgIdent(table)}`;
}

export function pgLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

export function pgIdentList(names: readonly string[]): string {
  return names.map(pgIdent).join(', ');
}

/** A generated object name cut to PostgreSQL's 63 bytes without splitting a character. */
export function objectName(...parts: string[]): string {
  let name = parts.join('_');
  while (Buffer.byteLength(name, 'utf8') > PG_MAX_IDENTIFIER_BYTES) name = name.slice(0, -1);
  return name;
}

/**
 * A SQLite DEFAULT clause read as a value (number, string, boolean) or as `now()`/`CURRENT_DATE`;
 * null when it is an expression the importer does not translate.
 */
export function parseSqliteDefault(
  sql: string,
): { value: string | number | bigint } | { expr: string } | { isNull: true } | null {
  let s = sql.trim();
  while (s.startsWith('(') && s.endsWith(')')) s = s.slice(1, -1).trim();
  const upper = s.toUpperCase();
  if (upper === 'NULL') return { isNull: true };
  if (upper === 'CURRENT_TIMESTAMP') return { expr: 'CURRENT_TIMESTAMP' };
  if (upper === 'CURRENT_DATE') return { expr: 'CURRENT_DATE' };
  if (upper === 'TRUE') return { value: 1 };
  if (upper === 'FALSE') return { value: 0 };
  if (/^[+-]?\d+$/.test(s)) return { value: BigInt(s) };
  if (/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(s)) return { value: Number(s) };
  const quoted = /^'((?:[^']|'')*)'$/.exec(s);
  if (quoted) return { value: quoted[1].replace(/''/g, "'") };
  return null;
}
