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
import { BatchService, BatchView } from '@app/batch';
import { BatchDetailsQueryDto } from './batch-details-query.dto';
import { BatchEventsService } from './batch-events.service';
import { BatchDetailsResponse, BatchListResponse } from './batch-list-response';
import { ListBatchesQueryDto } from './list-batches-query.dto';

/** Batch history, per-symbol details, retries and progress events. `:id`: batch_db_id or job-<ms>. */
@Controller('api/batches')
export class BatchesController {
  constructor(
    private readonly batches: BatchService,
    private readonly batchEvents: BatchEventsService,
  ) {}

  @Get()
  async list(@Query() query: ListBatchesQueryDto): Promise<BatchListResponse> {
    const page = await this.batches.list({
      status: query.status,
      batchType: query.type,
      provider: query.provider,
      from: query.from === undefined ? undefined : new Date(query.from),
      to: query.to === undefined ? undefined : new Date(query.to),
      page: query.page,
      pageSize: query.page_size,
    });
    return { success: true, ...page };
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<BatchView> {
    return this.batches.get(id);
  }

  @Get(':id/details')
  async details(
    @Param('id') id: string,
    @Query() query: BatchDetailsQueryDto,
  ): Promise<BatchDetailsResponse> {
    const page = await this.batches.details(id, {
      status: query.status,
      page: query.page,
      pageSize: query.page_size,
    });
    return { success: true, ...page };
  }

  @Post(':id/retry-failed')
  @HttpCode(HttpStatus.ACCEPTED)
  retryFailed(@Param('id') id: string): Promise<BatchView & { retried: number }> {
    return this.batches.retryFailed(id);
  }

  @Sse(':id/events')
  events(
    @Param('id') id: string,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<Observable<MessageEvent>> {
    const socket = response.socket;
    // On shutdown: close the connection once the ended stream is written out.
    return this.batchEvents.stream(id, () => response.once('finish', () => socket?.end()));
  }
}
