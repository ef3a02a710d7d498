import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { AnomalyQueryService } from '@app/batch';
import { API_KEY_SCHEME, ApiErrors } from '../openapi/api-errors.decorator';
import { AnomalyListResponseDto } from './anomaly-response.dto';
import { ListAnomaliesQueryDto } from './list-anomalies-query.dto';

/** What ingest flagged in the stored series (data_anomalies). */
@ApiTags('anomalies')
@ApiSecurity(API_KEY_SCHEME)
@ApiErrors(401, 429)
@Controller('api/anomalies')
export class AnomaliesController {
  constructor(private readonly anomalies: AnomalyQueryService) {}

  @Get()
  @ApiOperation({
    summary: 'Data anomalies, newest candle first',
    description:
      'price_jump, zero_volume_run and stale findings recorded at ingest (a flag: the candles are stored). Filter by symbol, source, interval, kind and the candle time in [from, to); paginated. 400 INVALID_SYMBOL, INVALID_RANGE (from not before to), VALIDATION_FAILED.',
  })
  @ApiOkResponse({ type: AnomalyListResponseDto })
  @ApiErrors(400)
  async list(@Query() query: ListAnomaliesQueryDto): Promise<AnomalyListResponseDto> {
    return {
      success: true,
      ...(await this.anomalies.list({
        symbol: query.symbol,
        source: query.source,
        interval: query.interval,
        kind: query.kind,
        from: query.from === undefined ? undefined : new Date(query.from),
        to: query.to === undefined ? undefined : new Date(query.to),
        page: query.page,
        pageSize: query.page_size,
      })),
    };
  }
}
