import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { BackfillRequestBody } from '@app/batch';
import { Interval, INTERVALS } from '@app/market-data';
import { StartBatchDto } from '../bulk/start-batch.dto';
import { IsIsoInstant } from '../http/is-iso-instant.validator';

/**
 * A backfill request (`POST /api/backfill`, and the `backfill` of a schedule without from/to).
 * `symbols`, `universe`, `provider` and `webhook_url` are those of a batch (StartBatchDto), and
 * checked as for a batch.
 */
export class BackfillRequestDto
  extends PickType(StartBatchDto, ['symbols', 'universe', 'provider', 'webhook_url'] as const)
  implements BackfillRequestBody
{
  @ApiProperty({
    description: 'Only daily candles (1d) are planned from calendar-aware coverage',
    enum: INTERVALS,
    example: '1d',
  })
  @IsIn(INTERVALS, { message: `interval must be one of ${INTERVALS.join(', ')}` })
  interval!: Interval;

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
