import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { SymbolRegistryService } from '@app/market-data';
import { API_KEY_SCHEME, ApiErrors } from '../openapi/api-errors.decorator';
import { ListSymbolsQueryDto } from './list-symbols-query.dto';
import { SymbolListResponseDto } from './symbol-response.dto';

/** The instrument registry (filled by universe syncs). */
@ApiTags('symbols')
@ApiSecurity(API_KEY_SCHEME)
@ApiErrors(401, 429)
@Controller('api/symbols')
export class SymbolsController {
  constructor(private readonly registry: SymbolRegistryService) {}

  @Get()
  @ApiOperation({
    summary: 'The instrument registry',
    description:
      'Filter by provider, exchange, market segment, asset class, industry code, active and q (symbol or name); ordered by provider then symbol; paginated.',
  })
  @ApiOkResponse({ type: SymbolListResponseDto })
  @ApiErrors(400)
  async list(@Query() query: ListSymbolsQueryDto): Promise<SymbolListResponseDto> {
    const page = await this.registry.list({
      provider: query.provider,
      exchange: query.exchange,
      market_segment: query.market_segment,
      asset_class: query.asset_class,
      industry_code: query.industry_code,
      active: query.active,
      q: query.q,
      page: query.page,
      pageSize: query.page_size,
    });
    return { success: true, ...page };
  }
}
