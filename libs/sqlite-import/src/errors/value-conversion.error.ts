/**
 * One value that cannot become the target column's type. Thrown by converters and caught per row
 * by the loader, which writes the row to the reject file; never escapes the library.
 */
export class ValueConversionError extends Error {
  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(reason, options);
    this.name = 'ValueConversionError';
  }
}
