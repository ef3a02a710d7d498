import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { SeriesCsv, SeriesKind, SeriesQueryService } from '@app/market-data';
import { API_KEY_SCHEME, ApiErrors } from '../openapi/api-errors.decorator';
import { SYMBOL_PARAM_DESCRIPTION, SymbolPipe } from '../http/symbol.pipe';
import { CandleQueryDto } from './candle-query.dto';
import { SourceQueryDto } from './source-query.dto';
import {
  CandlesPageDto,
  CoverageResponseDto,
  FundingRatesPageDto,
  OpenInterestPageDto,
} from './series-response.dto';

const SYMBOL_PARAM = { name: 'symbol', description: SYMBOL_PARAM_DESCRIPTION } as const;
const PAGED =
  'Series of one source (provider): ?source=, or the only source holding the symbol (several: 400 AMBIGUOUS_SOURCE naming them). ' +
  'Range [from, to), keyset paging with cursor = next_cursor, format=csv streams CSV.';

/**
 * Candles, funding rates, open interest and coverage of a symbol. The routes only translate: the
 * query rules, paging and CSV lines are SeriesQueryService's (libs/market-data).
 */
@ApiTags('market data')
@ApiSecurity(API_KEY_SCHEME)
@ApiErrors(401, 429)
@Controller('api')
export class OhlcvController {
  constructor(private readonly query: SeriesQueryService) {}

  @Get('ohlcv/:symbol')
  @ApiOperation({ summary: 'Candles of a symbol', description: `${PAGED} bucket resamples.` })
  @ApiParam({ ...SYMBOL_PARAM, example: '7203.T' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: CandlesPageDto })
  @ApiErrors(400)
  candles(
    @Param('symbol', SymbolPipe) symbol: string,
    @Query() q: CandleQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    return this.series('ohlcv', symbol, q, res);
  }

  @Get('funding-rates/:symbol')
  @ApiOperation({ summary: 'Funding rates of a perpetual', description: PAGED })
  @ApiParam({ ...SYMBOL_PARAM, example: 'BTCUSDT' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: FundingRatesPageDto })
  @ApiErrors(400)
  funding(
    @Param('symbol', SymbolPipe) symbol: string,
    @Query() q: CandleQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    return this.series('funding', symbol, q, res);
  }

  @Get('open-interest/:symbol')
  @ApiOperation({ summary: 'Open interest of a perpetual', description: PAGED })
  @ApiParam({ ...SYMBOL_PARAM, example: 'BTCUSDT' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: OpenInterestPageDto })
  @ApiErrors(400)
  openInterest(
    @Param('symbol', SymbolPipe) symbol: string,
    @Query() q: CandleQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    return this.series('open_interest', symbol, q, res);
  }

  @Get('symbols/:symbol/coverage')
  @ApiOperation({
    summary: 'Stored coverage of a symbol',
    description:
      "Per stored interval of one source's candles (?source=, or the only source holding the symbol; several: 400 AMBIGUOUS_SOURCE): first and last candle, count, and gaps wider than a market pause.",
  })
  @ApiParam({ ...SYMBOL_PARAM, example: '7203.T' })
  @ApiOkResponse({ type: CoverageResponseDto })
  @ApiErrors(400)
  async coverage(
    @Param('symbol', SymbolPipe) symbol: string,
    @Query() q: SourceQueryDto,
  ): Promise<CoverageResponseDto> {
    return { success: true, ...(await this.query.coverage(symbol, q.source?.toLowerCase())) };
  }

  /** The one handler of the three series: a JSON page in the envelope, or the range as CSV. */
  private async series(
    kind: SeriesKind,
    symbol: string,
    q: CandleQueryDto,
    res: Response,
  ): Promise<void> {
    const query = { ...q, kind, symbol, source: q.source?.toLowerCase() };
    if (q.format === 'csv') return streamCsv(res, await this.query.csv(query));
    res.json({ success: true, ...(await this.query.page(query)) });
  }
}

/** Writes the CSV lines as they come, waiting for the socket to drain (memory stays flat). */
async function streamCsv(res: Response, csv: SeriesCsv): Promise<void> {
  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${csv.filename}"`);
  for await (const line of csv.lines) {
    if (!res.write(line)) await new Promise((done) => res.once('drain', done));
  }
  res.end();
}
