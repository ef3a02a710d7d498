import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { URL_LISTING_SOURCES, type UrlListingSource } from '@app/market-data';
import { BackfillRequestDto } from '../backfill/backfill.dto';
import { StartBatchDto } from '../bulk/start-batch.dto';

/** `universe_sync` of a schedule: the listing each tick syncs the universe from. */
export class UniverseSyncActionDto {
  @ApiProperty({
    description: 'Listing to sync from (a csv listing syncs from a file, with the CLI)',
    enum: URL_LISTING_SOURCES,
    example: 'jpx',
  })
  @IsIn(URL_LISTING_SOURCES, {
    message: `universe_sync.source must be one of ${URL_LISTING_SOURCES.join(', ')} (a csv listing syncs from a file, with the CLI)`,
  })
  @IsDefined({ message: 'universe_sync.source is required (jpx, binance or bybit)' })
  source!: UrlListingSource;
}

/**
 * Body of `POST /api/schedules`: a cron expression, its time zone and what each tick does, either
 * `batch` (a batch request as `POST /api/bulk/start` takes it), `universe_sync` or `backfill`
 * (exactly one).
 * They are checked in depth by ScheduleService.
 */
export class CreateScheduleDto {
  // With stopAtFirstError, class-validator checks a property's decorators from the bottom up.
  @ApiPropertyOptional({ description: 'A name for people', example: 'Tokyo close' })
  @IsOptional()
  @Length(1, 200, { message: 'name must be 1 to 200 characters long' })
  @IsString({ message: 'name must be a string' })
  name?: string;

  @ApiProperty({
    description:
      'Cron expression: 5 fields (minute hour day-of-month month day-of-week), 6 with seconds first, or @hourly/@daily/@weekly/@monthly/@yearly',
    example: '30 15 * * 1-5',
  })
  @Length(1, 200, { message: 'cron must be 1 to 200 characters long' })
  @IsString({ message: 'cron must be a string' })
  @IsDefined({ message: 'cron is required (a cron expression such as "30 15 * * 1-5")' })
  cron!: string;

  @ApiPropertyOptional({
    description: 'IANA time zone the cron expression is read in; UTC when absent',
    example: 'Asia/Tokyo',
  })
  @IsOptional()
  @Length(1, 64, { message: 'timezone must be 1 to 64 characters long' })
  @IsString({ message: 'timezone must be a string' })
  timezone?: string;

  @ApiPropertyOptional({
    description:
      'The batch each tick starts: the body of POST /api/bulk/start. Required unless universe_sync is given.',
    type: () => StartBatchDto,
  })
  @ValidateNested()
  @Type(() => StartBatchDto)
  @IsObject({ message: 'batch must be an object (the body of POST /api/bulk/start)' })
  @IsDefined({
    message: 'batch is required (the body of POST /api/bulk/start), unless universe_sync is given',
  })
  @ValidateIf(
    (o: CreateScheduleDto) =>
      (o.universe_sync === undefined && o.backfill === undefined) || o.batch !== undefined,
  )
  batch?: StartBatchDto;

  @ApiPropertyOptional({
    description:
      'Instead of batch: each tick syncs the instrument universe from this listing (as POST /api/universe/sync); giving both is 400',
    type: () => UniverseSyncActionDto,
  })
  @ValidateNested()
  @Type(() => UniverseSyncActionDto)
  @IsObject({ message: 'universe_sync must be an object {source}' })
  @IsOptional()
  universe_sync?: UniverseSyncActionDto;

  @ApiPropertyOptional({
    description:
      'Instead of batch: each tick plans and starts a backfill (as POST /api/backfill) of the last `sessions` sessions, e.g. {"universe": {"exchange": "TSE", "market_segment": ["Prime"]}, "interval": "1d", "sessions": 30}; from and to are refused (every tick would ask for the same days)',
    type: () => BackfillRequestDto,
  })
  @ValidateNested()
  @Type(() => BackfillRequestDto)
  @IsObject({ message: 'backfill must be an object (the body of POST /api/backfill)' })
  @IsOptional()
  backfill?: BackfillRequestDto;
}
