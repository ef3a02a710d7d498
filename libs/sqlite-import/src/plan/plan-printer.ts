import { pgQualified } from './ddl';
import { ImportPlan } from './import-plan';

/** The plan as text: tables, order, type mapping and DDL (what --dry-run prints). */
export function renderPlan(plan: ImportPlan): string[] {
  const out: string[] = [];
  out.push(`source: ${plan.sourcePath}`);
  out.push(`target schema: ${plan.schema}${plan.createSchema ? ' (will be created)' : ''}`);
  out.push('');
  out.push('load order:');
  plan.tables.forEach((t, i) => {
    const notes = [
      t.dependsOn.length > 0 ? `references ${t.dependsOn.join(', ')}` : '',
      t.selfReferencing ? 'references itself' : '',
      t.cyclic ? 'in a foreign-key cycle' : '',
    ].filter(Boolean);
    out.push(
      `  ${i + 1}. ${t.source} → ${pgQualified(plan.schema, t.target)} (${t.action === 'create' ? 'create' : 'existing table'}, ${t.sourceRows} rows)${notes.length ? `  [${notes.join('; ')}]` : ''}`,
    );
  });
  if (plan.cycles.length > 0) {
    out.push(
      `  cycles: ${plan.cycles.map((c) => c.join(' ↔ ')).join(', ')} — rows whose parent is not loaded yet wait and are retried once every table is loaded`,
    );
  }
  for (const s of plan.skipped) out.push(`  skipped: ${s.table} (${s.rows} rows; ${s.reason})`);
  out.push('');
  out.push('type mapping:');
  for (const t of plan.tables) {
    out.push(`  ${t.source} → ${t.target}`);
    const rows = t.columns.map((c) => [
      c.source ?? '(expression)',
      c.sqliteType || '-',
      c.target,
      c.pgType,
      c.rule,
    ]);
    const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length)));
    for (const r of rows) {
      out.push(
        `    ${r[0].padEnd(widths[0])}  ${r[1].padEnd(widths[1])}  → ${r[2].padEnd(widths[2])}  ${r[3].padEnd(widths[3])}  ${r[4]}`,
      );
    }
  }
  out.push('');
  out.push('DDL:');
  const ddl = [
    ...(plan.createSchema
      ? [`CREATE SCHEMA IF NOT EXISTS "${plan.schema.replace(/"/g, '""')}"`]
      : []),
    ...plan.tables.flatMap((t) => t.createSql),
    ...plan.tables.flatMap((t) => t.foreignKeySql),
  ];
  if (ddl.length === 0) out.push('  (none: every table exists)');
  for (const s of ddl) out.push(`${s.replace(/^/gm, '  ')};`);
  const post = plan.tables.flatMap((t) => t.postLoadSql);
  if (post.length > 0) {
    out.push('  -- after loading:');
    for (const s of post) out.push(`  ${s};`);
  }
  out.push('  -- after loading: sequences set past the imported ids (setval), ANALYZE');
  if (plan.warnings.length > 0) {
    out.push('');
    out.push('warnings:');
    for (const w of plan.warnings) out.push(`  ${w}`);
  }
  return out;
}
