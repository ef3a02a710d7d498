import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import {
  DEFAULT_SERIES_PAGE,
  Interval,
  INTERVALS,
  MAX_CSV_ROWS,
  MAX_SERIES_PAGE,
  SERIES_FORMATS,
  SeriesFormat,
} from '@app/market-data';
import { IsIsoInstant } from '../http/is-iso-instant.validator';
import { SourceQueryDto } from './source-query.dto';

/**
 * Query of the time-series routes: `source`, range [from, to), keyset `cursor` (the `next_cursor`
 * of the previous page), `limit`, optional `bucket` resampling and `format=csv`. The rules between
 * them (from < to, page size, bucket coarser than interval, which source) are SeriesQueryService's.
 */
export class CandleQueryDto extends SourceQueryDto {
  @ApiPropertyOptional({ description: 'Stored interval', enum: INTERVALS, default: '1d' })
  @IsIn(INTERVALS, { message: `interval must be one of ${INTERVALS.join(', ')}` })
  interval: Interval = '1d';

  @ApiPropertyOptional({
    description: 'First timestamp (ISO 8601)',
    example: '2024-01-01',
    format: 'date-time',
  })
  @IsOptional()
  @IsIsoInstant()
  from?: string;

  @ApiPropertyOptional({
    description: 'End of the range, exclusive (ISO 8601)',
    example: '2024-07-01',
    format: 'date-time',
  })
  @IsOptional()
  @IsIsoInstant()
  to?: string;

  @ApiPropertyOptional({
    description: 'next_cursor of the previous page',
    example: '2024-03-28T00:00:00.000Z',
    format: 'date-time',
  })
  @IsOptional()
  @IsIsoInstant({ message: 'cursor must be the next_cursor of a previous page (an ISO date-time)' })
  cursor?: string;

  @ApiPropertyOptional({
    description: `Rows: default ${DEFAULT_SERIES_PAGE} and at most ${MAX_SERIES_PAGE} for JSON; default all for CSV`,
    type: 'integer',
    minimum: 1,
    maximum: MAX_CSV_ROWS,
    example: 1000,
  })
  @IsOptional()
  @Max(MAX_CSV_ROWS, { message: `limit must be at most ${MAX_CSV_ROWS}` })
  @Min(1, { message: 'limit must be at least 1' })
  @IsInt({ message: 'limit must be an integer' })
  @Type(() => Number)
  limit?: number;

  @ApiPropertyOptional({
    description: 'Resample into this coarser interval (candles only)',
    enum: INTERVALS,
    example: '1wk',
  })
  @IsOptional()
  @IsIn(INTERVALS, { message: `bucket must be one of ${INTERVALS.join(', ')}` })
  bucket?: Interval;

  @ApiPropertyOptional({
    description: 'json, or csv (streamed)',
    enum: SERIES_FORMATS,
    default: 'json',
  })
  @IsOptional()
  @IsIn(SERIES_FORMATS, { message: 'format must be json or csv' })
  format: SeriesFormat = 'json';
}
