/** A day or a range of days the calendars cannot answer for (answered 400 INVALID_RANGE). */
export class CalendarRangeError extends Error {
  readonly code = 'INVALID_RANGE';

  constructor(
    message: string,
    /** The input at fault: `from`, `to` or `day`. */
    readonly field: string,
  ) {
    super(message);
    this.name = 'CalendarRangeError';
  }
}
