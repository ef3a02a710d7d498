import {
  ArrayNotEmpty,
  IsArray,
  IsDefined,
  IsIn,
  IsOptional,
  IsString,
  Length,
  ValidateIf,
} from 'class-validator';
import type { FetchMode } from '@app/batch';
import { DataType, Interval, INTERVALS } from '@app/market-data';
import { IsIsoInstant } from '../http/is-iso-instant.validator';

export const FETCH_MODES = ['incremental', 'full'] as const satisfies readonly FetchMode[];
export const DATA_TYPES = [
  'ohlcv',
  'funding_rate',
  'open_interest',
] as const satisfies readonly DataType[];

/**
 * Body of `POST /api/bulk/start`. The count limit (MAX_SYMBOLS_PER_BATCH), the symbol syntax of
 * the provider, the provider itself and from < to are checked by BatchService.
 */
export class StartBatchDto {
  // With stopAtFirstError, class-validator checks a property's decorators from the bottom up.
  @Length(1, 32, { each: true, message: 'each symbol must be 1 to 32 characters long' })
  @IsString({ each: true, message: 'each symbol must be a string' })
  @ArrayNotEmpty({ message: 'symbols must not be empty' })
  @IsArray({ message: 'symbols must be an array of strings' })
  @IsDefined({ message: 'symbols is required (a list of symbols), unless universe is "all"' })
  @ValidateIf((o: StartBatchDto) => o.universe === undefined || o.symbols !== undefined)
  symbols?: string[];

  @IsOptional()
  @IsIn(['all'], { message: 'universe must be "all"' })
  universe?: 'all';

  @IsIn(INTERVALS, { message: `interval must be one of ${INTERVALS.join(', ')}` })
  interval!: Interval;

  @IsOptional()
  @Length(1, 32, { message: 'provider must be 1 to 32 characters long' })
  @IsString({ message: 'provider must be a string' })
  provider?: string;

  @IsOptional()
  @IsIsoInstant()
  from?: string;

  @IsOptional()
  @IsIsoInstant()
  to?: string;

  @IsOptional()
  @IsIn(FETCH_MODES, { message: `mode must be one of ${FETCH_MODES.join(', ')}` })
  mode?: FetchMode;

  @IsOptional()
  @IsIn(DATA_TYPES, { message: `data_type must be one of ${DATA_TYPES.join(', ')}` })
  data_type?: DataType;
}
