import { EPOCH_UNITS, EpochUnit, assertTimeZone } from '../convert/timestamp-parser';
import { ImportUsageError } from '../errors/import-usage.error';

/**
 * How one source column (or a SQLite expression) feeds a target column. In the file a column is
 * a target name (`"timeframe": "interval"`), `null` (not imported) or an object of these fields.
 */
export interface ColumnMapping {
  /** Target column; default: the same name. `null`: the column is not imported. */
  to: string | null;
  /** How to read the value: a PostgreSQL type name (`timestamptz`, `boolean`, `bigint`…); default: the target column's type. */
  cast?: string;
  /** Unit of numbers read as timestamps (`s`, `ms`, `us`, `auto`). */
  unit?: EpochUnit;
  /** Zone of timestamps written without offset; default: --timezone. */
  timezone?: string;
  /** Values replaced before conversion, keyed by their text (`{"1D": "1d"}`). */
  values?: Record<string, string | number | boolean | null>;
  /** SQLite expression read instead of the column (`"upper(symbol)"`, `"'1h'"`). */
  sql?: string;
}

export interface TableMapping {
  /** Target table; default: the same name. */
  target: string;
  /** Keyed by source column (or, with `sql`, by any label). */
  columns: Record<string, ColumnMapping>;
}

export interface MappingFile {
  tables: Record<string, TableMapping>;
}

const COLUMN_KEYS = new Set(['to', 'cast', 'unit', 'timezone', 'values', 'sql']);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Reads a mapping file:
 * `{"tables": {"<source table>": {"target": "<table>", "columns": {"<source column>": …}}}}`.
 * Throws {@link ImportUsageError} naming every problem.
 */
export function parseMappingFile(text: string, origin = 'mapping file'): MappingFile {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new ImportUsageError(`${origin} is not valid JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const problems: string[] = [];
  const tables: Record<string, TableMapping> = {};
  if (!isObject(doc) || !isObject(doc.tables)) {
    throw new ImportUsageError(`${origin}: expected {"tables": {"<source table>": {...}}}`);
  }
  for (const [source, raw] of Object.entries(doc.tables)) {
    const where = `tables.${source}`;
    if (!isObject(raw)) {
      problems.push(`${where}: expected an object`);
      continue;
    }
    for (const key of Object.keys(raw)) {
      if (key !== 'target' && key !== 'columns') problems.push(`${where}: unknown key "${key}"`);
    }
    if (raw.target !== undefined && (typeof raw.target !== 'string' || raw.target === '')) {
      problems.push(`${where}.target: expected a table name`);
    }
    if (raw.columns !== undefined && !isObject(raw.columns)) {
      problems.push(`${where}.columns: expected an object`);
    }
    const columns: Record<string, ColumnMapping> = {};
    for (const [col, spec] of Object.entries(isObject(raw.columns) ? raw.columns : {})) {
      const at = `${where}.columns.${col}`;
      if (spec === null) columns[col] = { to: null };
      else if (typeof spec === 'string' && spec !== '') columns[col] = { to: spec };
      else if (isObject(spec)) {
        for (const key of Object.keys(spec)) {
          if (!COLUMN_KEYS.has(key)) problems.push(`${at}: unknown key "${key}"`);
        }
        const m: ColumnMapping = { to: col };
        if (spec.to !== undefined) {
          if (spec.to === null || (typeof spec.to === 'string' && spec.to !== '')) m.to = spec.to;
          else problems.push(`${at}.to: expected a column name or null`);
        }
        for (const key of ['cast', 'sql'] as const) {
          if (spec[key] === undefined) continue;
          if (typeof spec[key] === 'string' && spec[key] !== '') m[key] = spec[key];
          else problems.push(`${at}.${key}: expected a non-empty string`);
        }
        if (spec.unit !== undefined) {
          if (EPOCH_UNITS.includes(spec.unit as EpochUnit)) m.unit = spec.unit as EpochUnit;
          else problems.push(`${at}.unit: expected one of ${EPOCH_UNITS.join(', ')}`);
        }
        if (spec.timezone !== undefined) {
          try {
            assertTimeZone(String(spec.timezone));
            m.timezone = String(spec.timezone);
          } catch (error) {
            problems.push(`${at}.timezone: ${(error as Error).message}`);
          }
        }
        if (spec.values !== undefined) {
          if (isObject(spec.values)) m.values = spec.values as ColumnMapping['values'];
          else problems.push(`${at}.values: expected an object`);
        }
        columns[col] = m;
      } else problems.push(`${at}: expected a column name, null or an object`);
    }
    tables[source] = {
      target: typeof raw.target === 'string' && raw.target !== '' ? raw.target : source,
      columns,
    };
  }
  if (problems.length > 0) {
    throw new ImportUsageError(`${origin}: ${problems.join('; ')}`);
  }
  return { tables };
}
