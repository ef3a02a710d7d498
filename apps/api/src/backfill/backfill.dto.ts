import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import {
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { PROVIDER_NAMES } from '@app/common';
import type { BackfillRequestBody } from '@app/batch';
import { Interval, INTERVALS, Universe } from '@app/market-data';
import { IsUniverse } from '../bulk/is-universe.validator';
import { UniverseFilterDto } from '../bulk/universe-filter.dto';
import { IsIsoInstant } from '../http/is-iso-instant.validator';

/**
 * A backfill request (`POST /api/backfill`, and the `backfill` of a schedule without from/to).
 * The provider, the symbols or universe and the count limit are checked as for a batch.
 */
@ApiExtraModels(UniverseFilterDto)
export class BackfillRequestDto implements BackfillRequestBody {
  @ApiPropertyOptional({
    description: 'Symbols to repair. Required unless universe is given.',
    type: [String],
    example: ['7203.T', '6758.T'],
  })
  @Length(1, 32, { each: true, message: 'each symbol must be 1 to 32 characters long' })
  @IsString({ each: true, message: 'each symbol must be a string' })
  @IsArray({ message: 'symbols must be an array of strings' })
  @IsDefined({ message: 'symbols is required (a list of symbols), unless universe is given' })
  @ValidateIf((o: BackfillRequestDto) => o.universe === undefined || o.symbols !== undefined)
  symbols?: string[];

  @ApiPropertyOptional({
    description: 'Instead of symbols: "all" active symbols of the provider, or a registry filter',
    oneOf: [{ type: 'string', enum: ['all'] }, { $ref: getSchemaPath(UniverseFilterDto) }],
    example: { exchange: 'TSE', market_segment: ['Prime'] },
  })
  @IsOptional()
  @IsUniverse()
  universe?: Universe;

  @ApiProperty({
    description: 'Only daily candles (1d) are planned from calendar-aware coverage',
    enum: INTERVALS,
    example: '1d',
  })
  @IsIn(INTERVALS, { message: `interval must be one of ${INTERVALS.join(', ')}` })
  interval!: Interval;

  @ApiPropertyOptional({
    description: 'Provider (and source of the series); MARKET_DATA_PROVIDER when absent',
    enum: PROVIDER_NAMES,
    example: 'yahoo',
  })
  @IsOptional()
  @Length(1, 32, { message: 'provider must be 1 to 32 characters long' })
  @IsString({ message: 'provider must be a string' })
  provider?: string;

  @ApiPropertyOptional({
    description: 'First day to repair (YYYY-MM-DD). Required unless sessions is given',
    example: '2025-01-01',
  })
  @IsOptional()
  @IsIsoInstant()
  from?: string;

  @ApiPropertyOptional({
    description:
      "Last day to repair, inclusive. Default and upper bound: the last session of each symbol's exchange before today",
    example: '2025-12-31',
  })
  @IsOptional()
  @IsIsoInstant()
  to?: string;

  @ApiPropertyOptional({
    description:
      "Instead of from: the last N sessions of each symbol's exchange up to `to` (what a nightly schedule repairs)",
    type: 'integer',
    minimum: 1,
    maximum: 20000,
    example: 30,
  })
  @IsOptional()
  @Max(20000, { message: 'sessions must be at most 20000' })
  @Min(1, { message: 'sessions must be at least 1' })
  @IsInt({ message: 'sessions must be an integer' })
  sessions?: number;

  @ApiPropertyOptional({
    description:
      'Also ask again for ranges the provider answered empty before (the fetch ledger); default false',
    example: false,
  })
  @IsOptional()
  @IsBoolean({ message: 'include_empty must be true or false' })
  include_empty?: boolean;

  @ApiPropertyOptional({
    description: 'Also notify this http(s) URL when the backfill batch ends',
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

/** Body of `POST /api/backfill`: a backfill request and whether only to plan it. */
export class StartBackfillDto extends BackfillRequestDto {
  @ApiPropertyOptional({
    description: 'true: answer the plan (200), start nothing; default false',
    example: true,
  })
  @IsOptional()
  @IsBoolean({ message: 'dry_run must be true or false' })
  dry_run?: boolean;
}

export class PlannedRangeDto {
  @ApiProperty({ example: '2025-01-06' }) from!: string;
  @ApiProperty({ example: '2025-01-10' }) to!: string;
  @ApiProperty({ type: 'integer', example: 5 }) sessions!: number;
}

export class BackfillItemDto {
  @ApiProperty({ example: '7203.T' }) symbol!: string;
  @ApiProperty({ example: 'yahoo' }) source!: string;
  @ApiProperty({ type: String, nullable: true, example: 'TSE' }) exchange!: string | null;
  @ApiProperty({ type: 'integer' }) missing_sessions!: number;
  @ApiProperty({ type: 'integer' }) requests!: number;
  @ApiProperty({ type: [PlannedRangeDto] }) ranges!: PlannedRangeDto[];
}

export class BackfillPlanDto {
  @ApiProperty({ type: String, nullable: true, example: '2025-01-01' }) from!: string | null;
  @ApiProperty({ example: '2025-12-30' }) to!: string;
  @ApiProperty({ type: 'integer', nullable: true }) sessions!: number | null;
  @ApiProperty() include_empty!: boolean;
  @ApiProperty({ type: 'integer', description: 'Symbols with a gap' }) symbols!: number;
  @ApiProperty({ type: 'integer' }) ranges!: number;
  @ApiProperty({ type: 'integer' }) missing_sessions!: number;
  @ApiProperty({ type: 'integer', description: 'Provider requests the batch will make' })
  requests!: number;
}

/** Answer of a dry run, or of a backfill with nothing to fetch (`nothing_to_do: true`). */
export class BackfillPlanResponseDto {
  @ApiProperty({ enum: [true] }) success!: true;
  @ApiProperty({ example: 'yahoo' }) provider!: string;
  @ApiProperty({ description: 'true: nothing is missing, no batch was started', required: false })
  nothing_to_do?: boolean;
  @ApiProperty({ type: BackfillPlanDto }) plan!: BackfillPlanDto;
  @ApiProperty({ type: [BackfillItemDto], description: 'Only symbols with a gap' })
  items!: BackfillItemDto[];
}

/** Answer of a started backfill: as `POST /api/bulk/start`, with the plan. */
export class BackfillStartedResponseDto {
  @ApiProperty({ enum: [true] }) success!: true;
  @ApiProperty({ example: 'job-1795457971739' }) job_id!: string;
  @ApiProperty({ type: 'integer' }) batch_db_id!: number;
  @ApiProperty({ enum: ['accepted'] }) status!: 'accepted';
  @ApiProperty({ enum: ['backfill'] }) batch_type!: 'backfill';
  @ApiProperty({ type: 'integer' }) total_symbols!: number;
  @ApiProperty({ type: BackfillPlanDto }) plan!: BackfillPlanDto;
  @ApiProperty({ type: [BackfillItemDto] }) items!: BackfillItemDto[];
}
