/**
 * Why readXlsSheet refused a file: `not-xls` (no OLE2 compound file, or no BIFF8 workbook stream
 * in it), `corrupt` (truncated or damaged structures), `unsupported` (a real workbook we do not
 * read: encrypted, BIFF5 or older), `too-large` (past a limit of XlsReadLimits).
 */
export type XlsReadErrorKind = 'not-xls' | 'corrupt' | 'unsupported' | 'too-large';

/** A legacy .xls file that readXlsSheet could not read. */
export class XlsReadError extends Error {
  constructor(
    readonly kind: XlsReadErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'XlsReadError';
  }
}
