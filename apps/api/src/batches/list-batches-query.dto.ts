import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { BATCH_STATUSES } from '@app/batch';
import { PROVIDER_NAMES } from '@app/common';
import { toCommaList } from '../http/comma-list.transform';
import { IsIsoInstant } from '../http/is-iso-instant.validator';
import { PageQueryDto } from '../http/page-query.dto';

/**
 * Query of `GET /api/batches`: filters (created_at in [from, to)) and paging. Decorators are
 * checked bottom-up and the first failure of a property is reported, so type checks come last.
 */
export class ListBatchesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'Batch statuses: comma-separated (running,paused) or repeated',
    enum: BATCH_STATUSES,
    isArray: true,
    example: ['running', 'paused'],
  })
  @IsOptional()
  @Transform(toCommaList)
  @IsIn(BATCH_STATUSES, {
    each: true,
    message: `status must be a comma-separated list of ${BATCH_STATUSES.join(', ')}`,
  })
  status?: string[];

  @ApiPropertyOptional({ description: 'Batch type', example: 'bulk' })
  @IsOptional()
  @Length(1, 64, { message: 'type must be 1 to 64 characters long' })
  @IsString({ message: 'type must be a string' })
  type?: string;

  @ApiPropertyOptional({ description: 'Provider of the batch', enum: PROVIDER_NAMES })
  @IsOptional()
  @Length(1, 32, { message: 'provider must be 1 to 32 characters long' })
  @IsString({ message: 'provider must be a string' })
  provider?: string;

  @ApiPropertyOptional({
    description: 'Created at or after (ISO 8601)',
    example: '2024-01-01T00:00:00Z',
  })
  @IsOptional()
  @IsIsoInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'Created before (ISO 8601)', example: '2024-02-01' })
  @IsOptional()
  @IsIsoInstant()
  to?: string;

  @ApiPropertyOptional({
    description: 'Only batches started by this schedule',
    type: 'integer',
    example: 3,
  })
  @IsOptional()
  @Max(999_999_999, { message: 'schedule_id must be a positive integer' })
  @Min(1, { message: 'schedule_id must be a positive integer' })
  @IsInt({ message: 'schedule_id must be a positive integer' })
  @Type(() => Number)
  schedule_id?: number;
}
