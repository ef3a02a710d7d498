import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { INTERVALS, SOURCE_MAX_LENGTH, SYMBOL_MAX_LENGTH } from '@app/market-data';
import { ANOMALY_KINDS } from '@app/persistence';
import { toCommaList } from '../http/comma-list.transform';
import { IsIsoInstant } from '../http/is-iso-instant.validator';
import { IsSourceName } from '../http/is-source-name.validator';
import { PageQueryDto } from '../http/page-query.dto';

/**
 * Query of `GET /api/anomalies`: filters (the candle time in [from, to)) and paging. The symbol's
 * grammar and from < to are AnomalyQueryService's rules (400 INVALID_SYMBOL, INVALID_RANGE).
 */
export class ListAnomaliesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'Symbol (any case, read upper-cased)',
    example: 'AAPL',
    maxLength: SYMBOL_MAX_LENGTH,
  })
  @IsOptional()
  @MaxLength(SYMBOL_MAX_LENGTH, {
    message: `symbol must be at most ${SYMBOL_MAX_LENGTH} characters long`,
  })
  @IsString({ message: 'symbol must be a string' })
  symbol?: string;

  @ApiPropertyOptional({
    description: 'Source (the provider that produced the series; any case)',
    example: 'yahoo',
    maxLength: SOURCE_MAX_LENGTH,
    pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$',
  })
  @IsOptional()
  @IsSourceName()
  source?: string;

  @ApiPropertyOptional({ description: 'Interval of the series', enum: INTERVALS, example: '1d' })
  @IsOptional()
  @IsIn(INTERVALS, { message: `interval must be one of ${INTERVALS.join(', ')}` })
  interval?: string;

  @ApiPropertyOptional({
    description: 'Kinds: comma-separated (price_jump,stale) or repeated',
    enum: ANOMALY_KINDS,
    isArray: true,
    example: ['price_jump'],
  })
  @IsOptional()
  @Transform(toCommaList)
  @IsIn(ANOMALY_KINDS, {
    each: true,
    message: `kind must be a comma-separated list of ${ANOMALY_KINDS.join(', ')}`,
  })
  kind?: string[];

  @ApiPropertyOptional({
    description: 'First candle time (ISO 8601)',
    example: '2024-01-01',
    format: 'date-time',
  })
  @IsOptional()
  @IsIsoInstant()
  from?: string;

  @ApiPropertyOptional({
    description: 'End of the candle times, exclusive (ISO 8601)',
    example: '2025-01-01',
    format: 'date-time',
  })
  @IsOptional()
  @IsIsoInstant()
  to?: string;
}
