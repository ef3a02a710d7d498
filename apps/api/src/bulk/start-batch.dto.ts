import {
  IsArray,
  IsDefined,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { PROVIDER_NAMES } from '@app/common';
import type { BatchRequestBody, FetchMode } from '@app/batch';
import { DataType, Interval, INTERVALS, Universe } from '@app/market-data';
import { IsIsoInstant } from '../http/is-iso-instant.validator';
import { IsStringList } from '../http/is-string-list.validator';
import { IsUniverse } from './is-universe.validator';
import { UniverseFilterDto } from './universe-filter.dto';

export const FETCH_MODES = ['incremental', 'full'] as const satisfies readonly FetchMode[];
export const DATA_TYPES = [
  'ohlcv',
  'funding_rate',
  'open_interest',
] as const satisfies readonly DataType[];

/**
 * Body of `POST /api/bulk/start`. An empty list (400 EMPTY_SYMBOLS, also after de-duplication), the
 * count limit (MAX_SYMBOLS_PER_BATCH), the symbol syntax of the provider, the provider itself and
 * from < to are checked by BatchService.
 */
@ApiExtraModels(UniverseFilterDto)
export class StartBatchDto implements BatchRequestBody {
  // With stopAtFirstError, class-validator checks a property's decorators from the bottom up.
  @ApiPropertyOptional({
    description:
      'Symbols to fetch (upper-cased and de-duplicated; at most MAX_SYMBOLS_PER_BATCH). Required unless universe is given.',
    type: [String],
    example: ['7203.T', '6758.T', '^N225'],
  })
  @IsStringList('symbol', 1, 32)
  @IsArray({ message: 'symbols must be an array of strings' })
  @IsDefined({ message: 'symbols is required (a list of symbols), unless universe is given' })
  @ValidateIf((o: StartBatchDto) => o.universe === undefined || o.symbols !== undefined)
  symbols?: string[];

  @ApiPropertyOptional({
    description:
      'Instead of symbols, symbols of the instrument registry (active ones, in code order): "all" of the batch\'s provider, or a filter (at most MAX_SYMBOLS_PER_BATCH; none selected: 400 INVALID_BATCH). The batch\'s params record the universe and the symbols it selected.',
    oneOf: [{ type: 'string', enum: ['all'] }, { $ref: getSchemaPath(UniverseFilterDto) }],
    example: { exchange: 'TSE', market_segment: ['Prime'] },
  })
  @IsOptional()
  @IsUniverse()
  universe?: Universe;

  @ApiProperty({ description: 'Candle interval', enum: INTERVALS, example: '1d' })
  @IsIn(INTERVALS, { message: `interval must be one of ${INTERVALS.join(', ')}` })
  interval!: Interval;

  @ApiPropertyOptional({
    description: 'Market-data provider; MARKET_DATA_PROVIDER when absent',
    enum: PROVIDER_NAMES,
    example: 'yahoo',
  })
  @IsOptional()
  @Length(1, 32, { message: 'provider must be 1 to 32 characters long' })
  @IsString({ message: 'provider must be a string' })
  provider?: string;

  @ApiPropertyOptional({
    description: 'Start of the range (ISO 8601 date or date-time)',
    example: '2020-01-01',
  })
  @IsOptional()
  @IsIsoInstant()
  from?: string;

  @ApiPropertyOptional({
    description: 'End of the range, exclusive (ISO 8601); now when absent',
    example: '2024-12-31T00:00:00Z',
  })
  @IsOptional()
  @IsIsoInstant()
  to?: string;

  @ApiPropertyOptional({
    description: 'incremental: from the last stored candle of each symbol; full: the whole range',
    enum: FETCH_MODES,
    example: 'full',
  })
  @IsOptional()
  @IsIn(FETCH_MODES, { message: `mode must be one of ${FETCH_MODES.join(', ')}` })
  mode?: FetchMode;

  // No `default` in the schema: generated clients (openapi-typescript) would make it required.
  @ApiPropertyOptional({ description: 'What to fetch; ohlcv when absent', enum: DATA_TYPES })
  @IsOptional()
  @IsIn(DATA_TYPES, { message: `data_type must be one of ${DATA_TYPES.join(', ')}` })
  data_type?: DataType;

  @ApiPropertyOptional({
    description:
      'Also notify this http(s) URL (besides WEBHOOK_URL) with a signed JSON POST when the batch ends (completed, completed_with_errors, failed, stopped)',
    example: 'https://hooks.example.com/market-ingest',
    maxLength: 2048,
  })
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'webhook_url must be an http or https URL' },
  )
  @MaxLength(2048, { message: 'webhook_url must be at most 2048 characters long' })
  @IsString({ message: 'webhook_url must be a string' })
  webhook_url?: string;
}
