/**
 * PostgreSQL COPY text format: one row a line, fields separated by tabs, `\N` for NULL, and
 * backslash, tab, newline and carriage return escaped with a backslash.
 */
const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES = /[\\\t\n\r]/g;
const ESCAPED: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A field as COPY text reads it (`null` → `\N`). */
export function copyField(value: string | null): string {
  if (value === null) return '\\N';
  return NEEDS_ESCAPE.test(value) ? value.replace(ESCAPES, (c) => ESCAPED[c]) : value;
}

/** One COPY text line (with its trailing newline) from field texts. */
export function copyLine(fields: readonly (string | null)[]): string {
  let line = '';
  for (let i = 0; i < fields.length; i += 1) {
    if (i > 0) line += '\t';
    line += copyField(fields[i]);
  }
  return `${line}\n`;
}
