import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { INTERVALS, SOURCE_MAX_LENGTH, SYMBOL_MAX_LENGTH } from '@app/market-data';
import { toCommaList } from '../http/comma-list.transform';
import { IsIsoInstant } from '../http/is-iso-instant.validator';
import { IsSourceName } from '../http/is-source-name.validator';
import { PageQueryDto } from '../http/page-query.dto';

/** `from` and `to` of a coverage window: inclusive days. */
export class CoverageWindowDto {
  @ApiPropertyOptional({
    description:
      'First day counted (YYYY-MM-DD, or an ISO instant: its UTC date). Default: one year before `to` (a symbol: its first stored day)',
    example: '2025-01-01',
  })
  @IsOptional()
  @IsIsoInstant()
  from?: string;

  @ApiPropertyOptional({
    description:
      "Last day counted, inclusive. Default and upper bound: the last session of the symbol's exchange before today (where the exchange is)",
    example: '2025-12-31',
  })
  @IsOptional()
  @IsIsoInstant()
  to?: string;
}

/** Query of `GET /api/symbols/:symbol/coverage`. */
export class SymbolCoverageQueryDto extends CoverageWindowDto {
  @ApiPropertyOptional({
    description:
      'Provider whose series to read (any case). Default: the only source holding the symbol; several: 400 AMBIGUOUS_SOURCE naming them in details.candidates',
    example: 'yahoo',
    maxLength: SOURCE_MAX_LENGTH,
    pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$',
  })
  @IsOptional()
  @IsSourceName()
  source?: string;

  @ApiPropertyOptional({
    description:
      '1d (default): calendar-aware coverage of the daily candles. Another interval: its stored span and gaps wider than a market pause (`intervals`)',
    enum: INTERVALS,
    example: '1d',
  })
  @IsOptional()
  @IsIn(INTERVALS, { message: `interval must be one of ${INTERVALS.join(', ')}` })
  interval?: string;
}

export const COVERAGE_FORMATS = ['json', 'matrix'] as const;
export const COVERAGE_GRANULARITIES = ['day', 'week'] as const;

/** Query of `GET /api/coverage`. */
export class CoverageListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description:
      'Only daily candles (1d) are counted: another interval is 400 UNSUPPORTED_INTERVAL',
    enum: INTERVALS,
    example: '1d',
  })
  @IsOptional()
  @IsIn(INTERVALS, { message: `interval must be one of ${INTERVALS.join(', ')}` })
  interval?: string;

  @ApiPropertyOptional({
    description: 'First day counted (YYYY-MM-DD). Default: one year before `to`',
    example: '2025-01-01',
  })
  @IsOptional()
  @IsIsoInstant()
  from?: string;

  @ApiPropertyOptional({
    description: 'Last day counted, inclusive (YYYY-MM-DD). Default: yesterday (UTC)',
    example: '2025-12-31',
  })
  @IsOptional()
  @IsIsoInstant()
  to?: string;

  @ApiPropertyOptional({
    description: 'Source (provider) of the series and of the registry rows; default: all',
    example: 'yahoo',
    maxLength: SOURCE_MAX_LENGTH,
  })
  @IsOptional()
  @IsSourceName()
  provider?: string;

  @ApiPropertyOptional({
    description:
      "Exchange (a calendar: TSE, NYSE, LSE, XETRA, CRYPTO, or an alias such as XTKS); other names match the registry's exchange",
    example: 'TSE',
  })
  @IsOptional()
  @Length(1, 40, { message: 'exchange must be 1 to 40 characters long' })
  @IsString({ message: 'exchange must be a string' })
  exchange?: string;

  @ApiPropertyOptional({
    description: 'Market segments of the registry: comma-separated or repeated',
    isArray: true,
    type: String,
    example: ['Prime'],
  })
  @IsOptional()
  @Transform(toCommaList)
  @MaxLength(80, { each: true, message: 'each market_segment must be at most 80 characters' })
  @IsString({ each: true, message: 'market_segment must be a list of strings' })
  market_segment?: string[];

  @ApiPropertyOptional({
    description: 'Only these symbols: comma-separated or repeated (upper-cased)',
    isArray: true,
    type: String,
    example: ['7203.T', '6758.T'],
  })
  @IsOptional()
  @Transform(toCommaList)
  @MaxLength(SYMBOL_MAX_LENGTH, {
    each: true,
    message: `each symbol must be at most ${SYMBOL_MAX_LENGTH} characters`,
  })
  @IsString({ each: true, message: 'symbols must be a list of strings' })
  symbols?: string[];

  @ApiPropertyOptional({
    description: 'json (default): per symbol; matrix: the heatmap',
    enum: COVERAGE_FORMATS,
  })
  @IsOptional()
  @IsIn(COVERAGE_FORMATS, { message: `format must be one of ${COVERAGE_FORMATS.join(', ')}` })
  format?: (typeof COVERAGE_FORMATS)[number];

  @ApiPropertyOptional({
    description:
      'Columns of the matrix: day or week (Mondays). Default: day up to a year, else week',
    enum: COVERAGE_GRANULARITIES,
  })
  @IsOptional()
  @IsIn(COVERAGE_GRANULARITIES, {
    message: `granularity must be one of ${COVERAGE_GRANULARITIES.join(', ')}`,
  })
  granularity?: (typeof COVERAGE_GRANULARITIES)[number];
}
