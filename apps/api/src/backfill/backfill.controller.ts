import { Body, Controller, HttpStatus, Post, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { BackfillService } from '@app/batch';
import { API_KEY_SCHEME, ApiErrors } from '../openapi/api-errors.decorator';
import {
  BackfillPlanResponseDto,
  BackfillStartedResponseDto,
  StartBackfillDto,
} from './backfill.dto';

/** Targeted repair: fetch only the sessions coverage finds missing. */
@ApiTags('bulk')
@ApiSecurity(API_KEY_SCHEME)
@ApiErrors(401, 429)
@Controller('api/backfill')
export class BackfillController {
  constructor(private readonly backfills: BackfillService) {}

  @Post()
  @ApiOperation({
    summary: 'Plan or start a backfill',
    description:
      "For each symbol (or the universe's), the sessions of its exchange in [from, to] (or the last `sessions`) that are neither stored nor answered empty by the provider before (unless include_empty), as ranges of consecutive sessions. dry_run: 200 with the plan. Otherwise 202 and a `backfill` batch whose jobs fetch only their symbol's ranges, one provider request per range; nothing missing: 200 with nothing_to_do and no batch. 400 UNSUPPORTED_INTERVAL (not 1d), INVALID_BATCH, INVALID_SYMBOL, TOO_MANY_SYMBOLS.",
  })
  @ApiOkResponse({ type: BackfillPlanResponseDto })
  @ApiAcceptedResponse({ type: BackfillStartedResponseDto })
  @ApiErrors(400, 413, 503)
  async start(
    @Body() body: StartBackfillDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<BackfillPlanResponseDto | BackfillStartedResponseDto> {
    const { dry_run: dryRun, ...request } = body;
    const outcome = await this.backfills.run(request, { dryRun: dryRun === true });
    if (outcome.kind === 'started') {
      res.status(HttpStatus.ACCEPTED);
      const { batch } = outcome.started;
      return {
        success: true,
        job_id: batch.job_id,
        batch_db_id: batch.batch_db_id,
        status: 'accepted',
        batch_type: 'backfill',
        total_symbols: batch.progress.total,
        plan: outcome.plan,
        items: outcome.items,
      };
    }
    res.status(HttpStatus.OK);
    return {
      success: true,
      provider: outcome.provider,
      ...(outcome.kind === 'nothing_to_do' ? { nothing_to_do: true } : {}),
      plan: outcome.plan,
      items: outcome.items,
    };
  }
}
