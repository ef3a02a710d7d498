import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { StartBatchDto } from '../bulk/start-batch.dto';

/**
 * Body of `POST /api/schedules`. The cron expression, the time zone and the batch request (as
 * `POST /api/bulk/start` takes it) are checked in depth by ScheduleService.
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

  @ApiProperty({
    description: 'The batch each tick starts: the body of POST /api/bulk/start',
    type: () => StartBatchDto,
  })
  @ValidateNested()
  @Type(() => StartBatchDto)
  @IsObject({ message: 'batch must be an object (the body of POST /api/bulk/start)' })
  @IsDefined({ message: 'batch is required (the body of POST /api/bulk/start)' })
  batch!: StartBatchDto;
}
