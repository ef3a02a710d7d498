import {
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  MessageEvent,
  Param,
  Post,
  Query,
  Res,
  Sse,
} from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { Observable } from 'rxjs';
import {
  ApiAcceptedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { BatchService } from '@app/batch';
import { API_KEY_SCHEME, ApiErrors } from '../openapi/api-errors.decorator';
import { BatchDetailsQueryDto } from './batch-details-query.dto';
import { BatchEventsService } from './batch-events.service';
import { BatchWatchQueryDto } from './batch-watch-query.dto';
import { BatchWatchService } from './batch-watch.service';
import {
  BatchDetailsResponseDto,
  BatchListResponseDto,
  BatchResponseDto,
  RetryFailedResponseDto,
} from './batch-response.dto';
import { ListBatchesQueryDto } from './list-batches-query.dto';

/** Batch history, per-symbol details, retries and progress events. `:id`: batch_db_id or job-<ms>. */
@ApiTags('batches')
@ApiSecurity(API_KEY_SCHEME)
@ApiErrors(401, 429)
@Controller('api/batches')
export class BatchesController {
  constructor(
    private readonly batches: BatchService,
    private readonly batchEvents: BatchEventsService,
    private readonly batchWatch: BatchWatchService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Batch history',
    description:
      'Filter by status, type, provider, schedule and created_at in [from, to); paginated.',
  })
  @ApiOkResponse({ type: BatchListResponseDto })
  @ApiErrors(400)
  async list(@Query() query: ListBatchesQueryDto): Promise<BatchListResponseDto> {
    const page = await this.batches.list({
      status: query.status,
      batchType: query.type,
      provider: query.provider,
      from: query.from === undefined ? undefined : new Date(query.from),
      to: query.to === undefined ? undefined : new Date(query.to),
      scheduleId: query.schedule_id,
      page: query.page,
      pageSize: query.page_size,
    });
    return { success: true, ...page };
  }

  // Before ':id', which would take "events" for an id.
  @Sse('events')
  @ApiOperation({
    summary: 'Progress events of several batches (server-sent events)',
    description:
      'One stream for a page of the history: `progress` (the status body) whenever a followed batch changes, until it is terminal; `created` ({batch_db_id}) when a newer batch appears; a keep-alive comment every 15 s. One poller per API process serves every stream.',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'text/event-stream of progress and created events' })
  @ApiErrors(400)
  watch(@Query() query: BatchWatchQueryDto): Observable<MessageEvent> {
    return this.batchWatch.watch(query.ids ?? []);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One batch' })
  @ApiParam({ name: 'id', description: 'batch_db_id or job-<ms>', example: 'job-1795457971739' })
  @ApiOkResponse({ type: BatchResponseDto })
  @ApiErrors(400, 404)
  async get(@Param('id') id: string): Promise<BatchResponseDto> {
    return { success: true, ...(await this.batches.get(id)) };
  }

  @Get(':id/details')
  @ApiOperation({
    summary: 'Per-symbol rows of a batch',
    description: 'Attempts, retry round, records inserted, error; filter by status; paginated.',
  })
  @ApiParam({ name: 'id', description: 'batch_db_id or job-<ms>', example: 'job-1795457971739' })
  @ApiOkResponse({ type: BatchDetailsResponseDto })
  @ApiErrors(400, 404)
  async details(
    @Param('id') id: string,
    @Query() query: BatchDetailsQueryDto,
  ): Promise<BatchDetailsResponseDto> {
    const page = await this.batches.details(id, {
      status: query.status,
      page: query.page,
      pageSize: query.page_size,
    });
    return { success: true, ...page };
  }

  @Post(':id/retry-failed')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Retry the failed symbols of a batch',
    description: 'Failed symbols start a new round with new job ids.',
  })
  @ApiParam({ name: 'id', description: 'batch_db_id or job-<ms>', example: 'job-1795457971739' })
  @ApiAcceptedResponse({ type: RetryFailedResponseDto })
  @ApiErrors(400, 404, 409, 503)
  async retryFailed(@Param('id') id: string): Promise<RetryFailedResponseDto> {
    return { success: true, ...(await this.batches.retryFailed(id)) };
  }

  @Sse(':id/events')
  @ApiOperation({
    summary: 'Progress events of a batch (server-sent events)',
    description:
      '`progress` (the status body) on every change, then `end` once the batch is terminal; a keep-alive comment every 15 s.',
  })
  @ApiParam({ name: 'id', description: 'batch_db_id or job-<ms>', example: 'job-1795457971739' })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'text/event-stream of progress and end events' })
  @ApiErrors(400, 404)
  events(
    @Param('id') id: string,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<Observable<MessageEvent>> {
    const socket = response.socket;
    // On shutdown: close the connection once the ended stream is written out.
    return this.batchEvents.stream(id, () => response.once('finish', () => socket?.end()));
  }
}
