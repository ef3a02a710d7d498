import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { INTERVALS } from '@app/market-data';
import { IsIsoInstant } from '../http/is-iso-instant.validator';

/** Largest JSON page; CSV streams page by page and takes any limit up to MAX_CSV_ROWS. */
export const MAX_CANDLES_PER_PAGE = 50_000;
export const MAX_CSV_ROWS = 100_000_000;

/**
 * Query of the time-series routes: range [from, to), keyset `cursor` (the `next_cursor` of the
 * previous page), `limit`, optional `bucket` resampling and `format=csv`.
 */
export class CandleQueryDto {
  @ApiPropertyOptional({ description: 'Stored interval', enum: INTERVALS, default: '1d' })
  @IsIn(INTERVALS, { message: `interval must be one of ${INTERVALS.join(', ')}` })
  interval: string = '1d';

  @ApiPropertyOptional({ description: 'First timestamp (ISO 8601)', example: '2024-01-01' })
  @IsOptional()
  @IsIsoInstant()
  from?: string;

  @ApiPropertyOptional({
    description: 'End of the range, exclusive (ISO 8601)',
    example: '2024-07-01',
  })
  @IsOptional()
  @IsIsoInstant()
  to?: string;

  @ApiPropertyOptional({
    description: 'next_cursor of the previous page',
    example: '2024-03-28T00:00:00.000Z',
  })
  @IsOptional()
  @IsIsoInstant({ message: 'cursor must be the next_cursor of a previous page (an ISO date-time)' })
  cursor?: string;

  /** Default 1000 rows for JSON, everything for CSV. */
  @ApiPropertyOptional({
    description: `Rows: default 1000 and at most ${MAX_CANDLES_PER_PAGE} for JSON; default all for CSV`,
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
  bucket?: string;

  @ApiPropertyOptional({
    description: 'json, or csv (streamed)',
    enum: ['json', 'csv'],
    default: 'json',
  })
  @IsOptional()
  @IsIn(['json', 'csv'], { message: 'format must be json or csv' })
  format: 'json' | 'csv' = 'json';
}
