import type { TransformFnParams } from 'class-transformer';

/**
 * Reads a query parameter given as `a,b` or repeated (`?s=a&s=b`) as a list of trimmed,
 * non-empty strings; an absent parameter stays undefined.
 */
export function toCommaList({ value }: TransformFnParams): unknown {
  if (value === undefined || value === null) return undefined;
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v: unknown) =>
    typeof v === 'string' ? v.split(',') : [v],
  );
  return parts.map((p) => (typeof p === 'string' ? p.trim() : p)).filter((p) => p !== '');
}
