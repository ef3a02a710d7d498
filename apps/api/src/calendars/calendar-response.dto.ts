import { ApiProperty } from '@nestjs/swagger';
import { EXCHANGES, Exchange } from '@app/market-data';

export class ClosureDto {
  @ApiProperty({ format: 'date', example: '2024-01-08' }) day!: string;
  @ApiProperty({ example: 'Coming of Age Day' }) name!: string;
}

/** Answer of `GET /api/calendars/:exchange`. */
export class CalendarResponseDto {
  @ApiProperty({ enum: [true] }) success!: true;
  @ApiProperty({ enum: EXCHANGES, example: 'TSE' }) exchange!: Exchange;
  @ApiProperty({ description: 'IANA time zone of the exchange', example: 'Asia/Tokyo' })
  timezone!: string;
  @ApiProperty({ format: 'date', example: '2024-01-01', description: 'First day of the range' })
  from!: string;
  @ApiProperty({ format: 'date', example: '2024-12-31', description: 'Last day, included' })
  to!: string;
  @ApiProperty({
    type: 'string',
    format: 'date',
    isArray: true,
    description: 'Trading days in [from, to], in order',
    example: ['2024-01-04', '2024-01-05'],
  })
  sessions!: string[];
  @ApiProperty({
    type: [ClosureDto],
    description: 'Weekdays in [from, to] without a session, with the reason',
  })
  closures!: ClosureDto[];
}

export class ExchangeCalendarDto {
  @ApiProperty({ enum: EXCHANGES, example: 'TSE' }) exchange!: Exchange;
  @ApiProperty({ example: 'Asia/Tokyo' }) timezone!: string;
}

/** Answer of `GET /api/calendars`. */
export class CalendarListResponseDto {
  @ApiProperty({ enum: [true] }) success!: true;
  @ApiProperty({ type: [ExchangeCalendarDto] }) exchanges!: ExchangeCalendarDto[];
  @ApiProperty({ format: 'date', example: '1970-01-01', description: 'First day answered' })
  first_day!: string;
  @ApiProperty({ format: 'date', example: '2099-12-31', description: 'Last day answered' })
  last_day!: string;
  @ApiProperty({ type: 'integer', example: 20, description: 'Longest range of one request' })
  max_span_years!: number;
}
