import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { BatchService, toStartBatchRequest } from '@app/batch';
import { API_KEY_SCHEME, ApiErrors } from '../openapi/api-errors.decorator';
import { BatchResponseDto, StartBatchResponseDto } from '../batches/batch-response.dto';
import { StartBatchDto } from './start-batch.dto';

/** The Phase-1 compatible batch endpoints. `:id` is the numeric batch_db_id or `job-<ms>`. */
@ApiTags('bulk')
@ApiSecurity(API_KEY_SCHEME)
@ApiErrors(401, 429)
@Controller('api/bulk')
export class BulkController {
  constructor(private readonly batches: BatchService) {}

  @Post('start')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Start a batch',
    description:
      'Records the batch and one row per symbol, then enqueues one job per symbol. Answers at once.',
  })
  @ApiAcceptedResponse({ type: StartBatchResponseDto })
  @ApiErrors(400, 413, 503)
  async start(@Body() body: StartBatchDto): Promise<StartBatchResponseDto> {
    const { batch, duplicatesRemoved } = await this.batches.start(toStartBatchRequest(body));
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
  @ApiOperation({ summary: 'Status and progress of a batch' })
  @ApiParam({ name: 'id', description: 'batch_db_id or job-<ms>', example: 'job-1795457971739' })
  @ApiOkResponse({ type: BatchResponseDto })
  @ApiErrors(400, 404)
  async status(@Param('id') id: string): Promise<BatchResponseDto> {
    return { success: true, ...(await this.batches.get(id)) };
  }

  @Post('stop/:id')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Stop a batch',
    description: 'Queued symbols are cancelled; nothing more is written once it returns.',
  })
  @ApiParam({ name: 'id', description: 'batch_db_id or job-<ms>', example: 'job-1795457971739' })
  @ApiOkResponse({ type: BatchResponseDto })
  @ApiErrors(400, 404, 409)
  async stop(@Param('id') id: string): Promise<BatchResponseDto> {
    return { success: true, ...(await this.batches.stop(id)) };
  }

  @Post('pause/:id')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Pause a batch',
    description: 'Takes its queued jobs out of Redis; running ones finish and count.',
  })
  @ApiParam({ name: 'id', description: 'batch_db_id or job-<ms>', example: 'job-1795457971739' })
  @ApiOkResponse({ type: BatchResponseDto })
  @ApiErrors(400, 404, 409)
  async pause(@Param('id') id: string): Promise<BatchResponseDto> {
    return { success: true, ...(await this.batches.pause(id)) };
  }

  @Post('resume/:id')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Resume a paused batch',
    description: 'Enqueues its open symbols again.',
  })
  @ApiParam({ name: 'id', description: 'batch_db_id or job-<ms>', example: 'job-1795457971739' })
  @ApiOkResponse({ type: BatchResponseDto })
  @ApiErrors(400, 404, 409, 503)
  async resume(@Param('id') id: string): Promise<BatchResponseDto> {
    return { success: true, ...(await this.batches.resume(id)) };
  }
}
