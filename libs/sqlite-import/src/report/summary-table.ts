import { ImportReport } from './import-report';

function table(rows: string[][], rightAligned: boolean[]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) =>
    r
      .map((cell, c) => (rightAligned[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd(),
  );
}

/** The summary printed on stdout: one line per table, then totals and the outcome. */
export function renderSummary(report: ImportReport): string[] {
  const rows: string[][] = [
    ['table', 'target', 'source', 'imported', 'rejected', 'checksum', 'verified', 'rows/s'],
  ];
  for (const t of report.tables) {
    if (t.status === 'skipped') {
      rows.push([
        t.source_table,
        '-',
        String(t.source_rows),
        '-',
        '-',
        '-',
        `skipped: ${t.reason ?? ''}`,
        '',
      ]);
      continue;
    }
    rows.push([
      t.source_table,
      t.target_table ?? '-',
      String(t.source_rows),
      String(t.imported_rows),
      String(t.rejected_rows),
      t.checksum_match ? 'match' : 'DIFFERS',
      t.verified ? 'yes' : 'NO',
      t.rows_per_s !== undefined ? String(t.rows_per_s) : '',
    ]);
  }
  const x = report.totals;
  rows.push([
    'total',
    '',
    String(x.source_rows),
    String(x.imported_rows),
    String(x.rejected_rows),
    '',
    `${x.verified_tables}/${x.tables}`,
    '',
  ]);
  const lines = table(rows, [false, false, true, true, true, false, false, true]);
  lines.splice(1, 0, '-'.repeat(Math.max(...lines.map((l) => l.length))));
  for (const t of report.tables.filter((x) => x.status === 'skipped')) {
    lines.push(`skipped ${t.source_table}: ${t.reason ?? ''}`);
  }
  lines.push('');
  lines.push(
    report.ok
      ? `${report.mode === 'import' ? 'import' : 'verification'} OK in ${report.seconds.toFixed(1)} s`
      : `${report.mode === 'import' ? 'import' : 'verification'} FAILED: ${report.failures.join('; ')}`,
  );
  return lines;
}
