/** How a value is converted for, and compared with, a PostgreSQL column, by the column's type. */
export type ColumnKind =
  | 'int2'
  | 'int4'
  | 'int8'
  | 'float4'
  | 'float8'
  | 'numeric'
  | 'text'
  | 'bool'
  | 'timestamptz'
  | 'timestamp'
  | 'date'
  | 'json'
  | 'jsonb'
  | 'bytea'
  | 'uuid'
  | 'other';

const BY_TYPE_NAME: Record<string, ColumnKind> = {
  int2: 'int2',
  smallint: 'int2',
  int4: 'int4',
  int: 'int4',
  integer: 'int4',
  int8: 'int8',
  bigint: 'int8',
  float4: 'float4',
  real: 'float4',
  float8: 'float8',
  'double precision': 'float8',
  numeric: 'numeric',
  decimal: 'numeric',
  text: 'text',
  varchar: 'text',
  'character varying': 'text',
  citext: 'text',
  bool: 'bool',
  boolean: 'bool',
  timestamptz: 'timestamptz',
  'timestamp with time zone': 'timestamptz',
  timestamp: 'timestamp',
  'timestamp without time zone': 'timestamp',
  date: 'date',
  json: 'json',
  jsonb: 'jsonb',
  bytea: 'bytea',
  uuid: 'uuid',
};

/** Kind and length limit of a PostgreSQL type as `format_type()` or a cast name spells it. */
export function kindOfPgType(type: string): { kind: ColumnKind; maxLength?: number } {
  const t = type.trim().toLowerCase();
  const m = /^([a-z][a-z0-9_ ]*?)\s*(?:\(\s*(\d+)\s*(?:,\s*-?\d+\s*)?\))?(\[\])?$/.exec(t);
  if (!m || m[3]) return { kind: 'other' };
  const base = m[1].trim();
  const kind = BY_TYPE_NAME[base] ?? 'other';
  if (kind === 'text' && m[2] && base !== 'text') return { kind, maxLength: Number(m[2]) };
  if (kind === 'timestamptz' || kind === 'timestamp') {
    return m[2] && m[2] !== '6' ? { kind: 'other' } : { kind }; // reduced precision rounds
  }
  return { kind };
}
