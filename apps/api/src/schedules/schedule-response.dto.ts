import { ApiExtraModels, ApiProperty } from '@nestjs/swagger';
import { BackfillRequestDto } from '../backfill/backfill.dto';
import { StartBatchDto } from '../bulk/start-batch.dto';
import { REF_OR_NULL } from '../openapi/ref-or-null';
import { UniverseSyncDto } from '../universe/universe-sync-response.dto';
import { UniverseSyncActionDto } from './create-schedule.dto';

const ISO_OR_NULL = { type: String, format: 'date-time', nullable: true } as const;

/** A schedule, with its next and last run: it starts a batch, syncs the universe or backfills. */
@ApiExtraModels(StartBatchDto, UniverseSyncActionDto, UniverseSyncDto, BackfillRequestDto)
export class ScheduleDto {
  @ApiProperty({ type: 'integer', example: 3 }) id!: number;
  @ApiProperty({ type: String, nullable: true, example: 'Tokyo close' }) name!: string | null;
  @ApiProperty({ example: '30 15 * * 1-5' }) cron!: string;
  @ApiProperty({ description: 'IANA time zone', example: 'Asia/Tokyo' }) timezone!: string;
  @ApiProperty({
    ...REF_OR_NULL(StartBatchDto),
    description: 'The batch each tick starts; null for a universe sync',
  })
  batch!: StartBatchDto | null;
  @ApiProperty({
    ...REF_OR_NULL(UniverseSyncActionDto),
    description: 'The listing each tick syncs the universe from; null for a batch',
  })
  universe_sync!: UniverseSyncActionDto | null;
  @ApiProperty({
    ...REF_OR_NULL(BackfillRequestDto),
    description: 'The backfill each tick plans and starts; null otherwise',
  })
  backfill!: BackfillRequestDto | null;
  @ApiProperty(ISO_OR_NULL) next_run_at!: string | null;
  @ApiProperty(ISO_OR_NULL) last_run_at!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) last_batch_id!: number | null;
  @ApiProperty({ type: String, nullable: true }) last_error!: string | null;
  @ApiProperty({
    ...REF_OR_NULL(UniverseSyncDto),
    description: 'What the last successful universe sync changed (symbol lists: at most 20 each)',
  })
  last_sync!: UniverseSyncDto | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
}

/** Answer of create (201) and of one schedule. */
export class ScheduleResponseDto extends ScheduleDto {
  @ApiProperty({ enum: [true] }) success!: true;
}

/** Answer of `GET /api/schedules`. */
export class ScheduleListResponseDto {
  @ApiProperty({ enum: [true] }) success!: true;
  @ApiProperty({ type: [ScheduleDto] }) items!: ScheduleDto[];
  @ApiProperty({ type: 'integer' }) total!: number;
}
