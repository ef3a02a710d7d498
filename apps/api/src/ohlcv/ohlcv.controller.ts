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
import { CoverageService, SeriesCsv, SeriesKind, SeriesQueryService } from '@app/market-data';
import { SymbolCoverageQueryDto } from '../coverage/coverage-query.dto';
import { SymbolCoverageResponseDto } from '../coverage/coverage-response.dto';
import { API_KEY_SCHEME, ApiErrors } from '../openapi/api-errors.decorator';
import { SYMBOL_PARAM_DESCRIPTION, SymbolPipe } from '../http/symbol.pipe';
import { CandleQueryDto } from './candle-query.dto';
import { CorporateActionsQueryDto } from './corporate-actions-query.dto';
import {
  CandlesPageDto,
  CorporateActionsResponseDto,
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
  constructor(
    private readonly query: SeriesQueryService,
    private readonly coverageService: CoverageService,
  ) {}

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
    summary: 'Coverage of a symbol',
    description:
      "Daily candles (interval 1d, the default): calendar-aware — the sessions of the symbol's exchange in [from, to] (inclusive days; default from its first stored day to the last session before today where the exchange is), how many are stored, which are missing and which the provider answered empty (the fetch ledger; not missing, not planned again by a backfill). `intervals` lists, per stored interval, the first and last candle, the count and gaps wider than a market pause (the report of other intervals). One source: ?source=, or the only source holding the symbol (several: 400 AMBIGUOUS_SOURCE).",
  })
  @ApiParam({ ...SYMBOL_PARAM, example: '7203.T' })
  @ApiOkResponse({ type: SymbolCoverageResponseDto })
  @ApiErrors(400)
  async coverage(
    @Param('symbol', SymbolPipe) symbol: string,
    @Query() q: SymbolCoverageQueryDto,
  ): Promise<SymbolCoverageResponseDto> {
    const source = q.source?.toLowerCase();
    const gaps = await this.query.coverage(symbol, source);
    if (q.interval !== undefined && q.interval !== '1d') {
      return {
        success: true,
        source: gaps.source,
        symbol,
        interval: q.interval,
        intervals: gaps.intervals.filter((i) => i.interval === q.interval),
      };
    }
    const daily = await this.coverageService.symbol(symbol, source, { from: q.from, to: q.to });
    return { success: true, ...daily, intervals: gaps.intervals };
  }

  @Get('corporate-actions/:symbol')
  @ApiOperation({
    summary: 'Splits and dividends of a symbol',
    description:
      'Stored with its candles by providers that report them (Yahoo), oldest first, ts in [from, to); the source as for candles (?source=, or the only one holding them; several: 400 AMBIGUOUS_SOURCE).',
  })
  @ApiParam({ ...SYMBOL_PARAM, example: '7203.T' })
  @ApiOkResponse({ type: CorporateActionsResponseDto })
  @ApiErrors(400)
  async corporateActions(
    @Param('symbol', SymbolPipe) symbol: string,
    @Query() q: CorporateActionsQueryDto,
  ): Promise<CorporateActionsResponseDto> {
    return {
      success: true,
      ...(await this.query.corporateActions(symbol, q.source?.toLowerCase(), q.from, q.to)),
    };
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
