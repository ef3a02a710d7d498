import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import {
  CALENDAR_FIRST_DAY,
  CALENDAR_LAST_DAY,
  calendarFor,
  EXCHANGE_TIMEZONES,
  EXCHANGES,
  MAX_CALENDAR_SPAN_YEARS,
  resolveCalendarRange,
  utcDayOf,
} from '@app/market-data';
import { ApiErrorResponseDto } from '../openapi/api-error-response.dto';
import { API_KEY_SCHEME, ApiErrors } from '../openapi/api-errors.decorator';
import { CalendarQueryDto } from './calendar-query.dto';
import { CalendarListResponseDto, CalendarResponseDto } from './calendar-response.dto';

/** Trading calendars: the sessions of an exchange. In memory, no database. */
@ApiTags('calendars')
@ApiSecurity(API_KEY_SCHEME)
@ApiErrors(401, 429)
@Controller('api/calendars')
export class CalendarsController {
  @Get()
  @ApiOperation({ summary: 'The exchanges with a trading calendar' })
  @ApiOkResponse({ type: CalendarListResponseDto })
  list(): CalendarListResponseDto {
    return {
      success: true,
      exchanges: EXCHANGES.map((exchange) => ({
        exchange,
        timezone: EXCHANGE_TIMEZONES[exchange],
      })),
      first_day: CALENDAR_FIRST_DAY,
      last_day: CALENDAR_LAST_DAY,
      max_span_years: MAX_CALENDAR_SPAN_YEARS,
    };
  }

  @Get(':exchange')
  @ApiOperation({
    summary: 'Trading days of an exchange',
    description: `Sessions (dates in the exchange's time zone) in [from, to], both included; without from and to, this calendar year (UTC). At most ${MAX_CALENDAR_SPAN_YEARS} years, between ${CALENDAR_FIRST_DAY} and ${CALENDAR_LAST_DAY}.`,
  })
  @ApiParam({ name: 'exchange', enum: EXCHANGES, description: 'Any case', example: 'TSE' })
  @ApiOkResponse({ type: CalendarResponseDto })
  @ApiErrors(400)
  @ApiResponse({
    status: 404,
    description: 'UNKNOWN_EXCHANGE: no calendar for this exchange (details.supported lists them)',
    type: ApiErrorResponseDto,
  })
  sessions(@Param('exchange') exchange: string, @Query() q: CalendarQueryDto): CalendarResponseDto {
    const calendar = calendarFor(exchange);
    const { from, to } = resolveCalendarRange(q.from, q.to, utcDayOf(new Date()));
    return {
      success: true,
      exchange: calendar.exchange,
      timezone: calendar.timezone,
      from,
      to,
      sessions: calendar.sessions(from, to),
      closures: calendar.closures(from, to),
    };
  }
}
