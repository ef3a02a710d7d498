import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { CoverageService, normaliseSymbol } from '@app/market-data';
import { API_KEY_SCHEME, ApiErrors } from '../openapi/api-errors.decorator';
import { CoverageListQueryDto } from './coverage-query.dto';
import { CoverageListResponseDto, CoverageMatrixResponseDto } from './coverage-response.dto';

/** Calendar-aware coverage of the universe's daily candles: a list, or the heatmap. */
@ApiTags('market data')
@ApiSecurity(API_KEY_SCHEME)
@ApiErrors(401, 429)
@ApiExtraModels(CoverageListResponseDto, CoverageMatrixResponseDto)
@Controller('api/coverage')
export class CoverageController {
  constructor(private readonly coverage: CoverageService) {}

  @Get()
  @ApiOperation({
    summary: 'Coverage of daily candles per symbol, or as a heatmap',
    description:
      "Series of the registry (active, or delisted with candles) and stored daily series, filtered by provider, exchange, market_segment or symbols, ordered by symbol and paged. Sessions come from each symbol's exchange calendar, clipped to its listing and delisting dates; sessions the provider answered empty (the fetch ledger) are not missing. format=matrix answers the heatmap: per symbol and day or week, [stored, expected]. 400 UNSUPPORTED_INTERVAL (not 1d), INVALID_RANGE, LIMIT_TOO_LARGE (heatmap over 2,000,000 cells).",
  })
  @ApiOkResponse({
    schema: {
      oneOf: [
        { $ref: getSchemaPath(CoverageListResponseDto) },
        { $ref: getSchemaPath(CoverageMatrixResponseDto) },
      ],
    },
  })
  @ApiErrors(400)
  async list(
    @Query() q: CoverageListQueryDto,
  ): Promise<CoverageListResponseDto | CoverageMatrixResponseDto> {
    const query = {
      interval: q.interval ?? '1d',
      from: q.from,
      to: q.to,
      provider: q.provider?.toLowerCase(),
      exchange: q.exchange,
      market_segment: q.market_segment,
      symbols: q.symbols?.map((s) => normaliseSymbol(s)),
      page: q.page,
      pageSize: q.page_size,
    };
    if (q.format === 'matrix') {
      return {
        success: true,
        ...(await this.coverage.matrix({ ...query, granularity: q.granularity })),
      };
    }
    return { success: true, ...(await this.coverage.list(query)) };
  }
}
