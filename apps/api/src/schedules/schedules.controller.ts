import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { ScheduleService } from '@app/batch';
import { API_KEY_SCHEME, ApiErrors } from '../openapi/api-errors.decorator';
import { CreateScheduleDto } from './create-schedule.dto';
import { ScheduleListResponseDto, ScheduleResponseDto } from './schedule-response.dto';

/** Recurring batches: a cron expression in a time zone and the batch request each tick starts. */
@ApiTags('schedules')
@ApiSecurity(API_KEY_SCHEME)
@ApiErrors(401, 429)
@Controller('api/schedules')
export class SchedulesController {
  constructor(private readonly schedules: ScheduleService) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Create a schedule',
    description:
      'Stored in PostgreSQL and run by a BullMQ job scheduler: exactly one batch per tick, however many API and worker replicas run. Batches it starts have batch_type "scheduled" and carry schedule_id and scheduled_for. With universe_sync instead of batch, each tick syncs the instrument registry from that listing (last_sync shows what it changed, last_error why it failed). With backfill, each tick plans the last `sessions` sessions and starts a `backfill` batch when something is missing (batch_type "backfill").',
  })
  @ApiCreatedResponse({ type: ScheduleResponseDto })
  @ApiErrors(400, 413, 503)
  async create(@Body() body: CreateScheduleDto): Promise<ScheduleResponseDto> {
    return {
      success: true,
      ...(await this.schedules.create({
        name: body.name,
        cron: body.cron,
        timezone: body.timezone,
        batch: body.batch,
        universe_sync: body.universe_sync,
        backfill: body.backfill,
      })),
    };
  }

  @Get()
  @ApiOperation({ summary: 'Every schedule, oldest first' })
  @ApiOkResponse({ type: ScheduleListResponseDto })
  async list(): Promise<ScheduleListResponseDto> {
    const items = await this.schedules.list();
    return { success: true, items, total: items.length };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One schedule, with its next and last run' })
  @ApiParam({ name: 'id', example: 3 })
  @ApiOkResponse({ type: ScheduleResponseDto })
  @ApiErrors(400, 404)
  async get(@Param('id') id: string): Promise<ScheduleResponseDto> {
    return { success: true, ...(await this.schedules.get(id)) };
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Delete a schedule',
    description: 'No new batch starts for it; batches it started keep running and stay listed.',
  })
  @ApiParam({ name: 'id', example: 3 })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 404)
  async delete(@Param('id') id: string): Promise<void> {
    await this.schedules.delete(id);
  }
}
