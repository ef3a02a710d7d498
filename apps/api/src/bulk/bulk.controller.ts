import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { BatchService, BatchView } from '@app/batch';
import { StartBatchResponse } from './start-batch-response';
import { StartBatchDto } from './start-batch.dto';

/** The Phase-1 compatible batch endpoints. `:id` is the numeric batch_db_id or `job-<ms>`. */
@Controller('api/bulk')
export class BulkController {
  constructor(private readonly batches: BatchService) {}

  @Post('start')
  @HttpCode(HttpStatus.ACCEPTED)
  async start(@Body() body: StartBatchDto): Promise<StartBatchResponse> {
    const { batch, duplicatesRemoved } = await this.batches.start({
      symbols: body.symbols,
      universe: body.universe,
      interval: body.interval,
      provider: body.provider,
      from: body.from === undefined ? undefined : new Date(body.from),
      to: body.to === undefined ? undefined : new Date(body.to),
      mode: body.mode,
      dataType: body.data_type,
    });
    return {
      success: true,
      job_id: batch.job_id,
      batch_db_id: batch.batch_db_id,
      status: 'accepted',
      total_symbols: batch.progress.total,
      duplicates_removed: duplicatesRemoved,
    };
  }

  @Get('status/:id')
  status(@Param('id') id: string): Promise<BatchView> {
    return this.batches.get(id);
  }

  @Post('stop/:id')
  @HttpCode(HttpStatus.OK)
  stop(@Param('id') id: string): Promise<BatchView> {
    return this.batches.stop(id);
  }

  @Post('pause/:id')
  @HttpCode(HttpStatus.OK)
  pause(@Param('id') id: string): Promise<BatchView> {
    return this.batches.pause(id);
  }

  @Post('resume/:id')
  @HttpCode(HttpStatus.OK)
  resume(@Param('id') id: string): Promise<BatchView> {
    return this.batches.resume(id);
  }
}
