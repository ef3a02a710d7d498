import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, ValidateBy } from 'class-validator';
import { isCalendarDay } from '@app/market-data';

/** A `YYYY-MM-DD` string that names a real date. */
function IsCalendarDay(): PropertyDecorator {
  return ValidateBy({
    name: 'isCalendarDay',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isCalendarDay(value),
      defaultMessage: (args) =>
        `${args?.property ?? 'value'} must be a date as YYYY-MM-DD (e.g. 2024-01-31)`,
    },
  });
}

/**
 * Range of `GET /api/calendars/:exchange`, both ends included. The rules between them (defaults,
 * to ≥ from, the longest span, the calendar window) are resolveCalendarRange's (libs/market-data).
 */
export class CalendarQueryDto {
  @ApiPropertyOptional({
    description: 'First day (YYYY-MM-DD); default 1 January of the year of `to`, else of this year',
    format: 'date',
    example: '2024-01-01',
  })
  @IsOptional()
  @IsCalendarDay()
  from?: string;

  @ApiPropertyOptional({
    description: 'Last day, included (YYYY-MM-DD); default 31 December of the year of `from`',
    format: 'date',
    example: '2024-12-31',
  })
  @IsOptional()
  @IsCalendarDay()
  to?: string;
}
