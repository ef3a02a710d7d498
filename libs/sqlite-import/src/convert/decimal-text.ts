const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * The shortest plain form of a decimal number: no exponent, no leading or trailing zeros, no
 * `+`, `0` for any zero (`"-001.2300e+3"` → `"-1230"`, `"1e-7"` → `"0.0000001"`). Returns null
 * when `text` is not a decimal number. PostgreSQL's numeric output reduces to the same form.
 */
export function canonicalDecimal(text: string): string | null {
  const m = DECIMAL.exec(text.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null;
  const exponent = m[4] ? Number(m[4]) : 0;
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 100_000) return null;
  let digits = `${m[2]}${m[3] ?? ''}`;
  let point = m[2].length + exponent; // position of the decimal point within digits
  const lead = /^0*/.exec(digits)![0].length;
  digits = digits.slice(lead);
  point -= lead;
  digits = digits.replace(/0+$/, '');
  if (digits === '') return '0';
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return m[1] === '-' ? `-${out}` : out;
}
