/** A SQLite identifier in double quotes. */
export function sqliteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
