import { BadRequestException, Controller, Get, Param, Query, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { INTERVALS, intervalMs, isInterval } from '@app/market-data';
import { OhlcvQueryRepository, RangeQuery } from '@app/persistence';
import { SYMBOL_PARAM_DESCRIPTION, SymbolPipe } from '../http/symbol.pipe';
import { API_KEY_SCHEME, ApiErrors } from '../openapi/api-errors.decorator';
import { CandleQueryDto, MAX_CANDLES_PER_PAGE, MAX_CSV_ROWS } from './candle-query.dto';

const CSV_PAGE = 5000;

type Row = Record<string, unknown> & { ts: Date };

function rangeOf(symbol: string, q: CandleQueryDto): RangeQuery {
  const from = q.from ? new Date(q.from) : undefined;
  const to = q.to ? new Date(q.to) : undefined;
  if (from && to && from >= to) throw new BadRequestException('from must be before to');
  if (q.format !== 'csv' && (q.limit ?? 0) > MAX_CANDLES_PER_PAGE) {
    throw new BadRequestException(
      `limit must be at most ${MAX_CANDLES_PER_PAGE} for JSON (use cursor to page, or format=csv)`,
    );
  }
  const limit = q.limit ?? (q.format === 'csv' ? MAX_CSV_ROWS : 1000);
  return {
    symbol,
    interval: q.interval,
    from,
    to,
    after: q.cursor ? new Date(q.cursor) : undefined,
    limit,
  };
}

const iso = (d: unknown): string => new Date(d as Date).toISOString();

/** Candles, funding rates, open interest and coverage of a symbol. */
@ApiTags('market data')
@ApiSecurity(API_KEY_SCHEME)
@ApiErrors(401, 429)
@Controller('api')
export class OhlcvController {
  constructor(private readonly query: OhlcvQueryRepository) {}

  /** GET /api/ohlcv/:symbol?interval=&from=&to=&limit=&cursor=&bucket=&format= */
  @Get('ohlcv/:symbol')
  @ApiOperation({
    summary: 'Candles of a symbol',
    description:
      'Range [from, to), keyset paging with cursor = next_cursor, bucket resamples, format=csv streams CSV.',
  })
  @ApiParam({
    name: 'symbol',
    description: SYMBOL_PARAM_DESCRIPTION,
    example: '7203.T',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: '{success, symbol, interval, bucket, count, items, next_cursor}' })
  @ApiErrors(400)
  async candles(
    @Param('symbol', SymbolPipe) symbol: string,
    @Query() q: CandleQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const range = rangeOf(symbol, q);
    const bucket = q.bucket;
    if (bucket !== undefined) {
      if (
        !isInterval(bucket) ||
        !isInterval(q.interval) ||
        intervalMs(bucket) <= intervalMs(q.interval)
      ) {
        throw new BadRequestException(
          `bucket must be coarser than interval ${q.interval}: one of ${INTERVALS.filter(
            (i) => isInterval(q.interval) && intervalMs(i) > intervalMs(q.interval),
          ).join(', ')}`,
        );
      }
    }
    const page = (r: RangeQuery) =>
      (bucket ? this.query.resample({ ...r, bucket }) : this.query.range(r)) as unknown as Promise<
        Row[]
      >;
    await respond(res, q.format, range, page, {
      file: `${symbol}-${bucket ?? q.interval}.csv`,
      columns: ['ts', 'open', 'high', 'low', 'close', 'adj_close', 'volume'],
      head: { symbol, interval: q.interval, bucket: bucket ?? null },
    });
  }

  /** GET /api/funding-rates/:symbol?from=&to=&limit=&cursor=&format= */
  @Get('funding-rates/:symbol')
  @ApiOperation({
    summary: 'Funding rates of a perpetual',
    description: 'Same paging and CSV as candles.',
  })
  @ApiParam({
    name: 'symbol',
    description: SYMBOL_PARAM_DESCRIPTION,
    example: 'BTCUSDT',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: '{success, symbol, count, items, next_cursor}' })
  @ApiErrors(400)
  async funding(
    @Param('symbol', SymbolPipe) symbol: string,
    @Query() q: CandleQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const range = rangeOf(symbol, q);
    const page = (r: RangeQuery) => this.query.fundingRates(r) as unknown as Promise<Row[]>;
    await respond(res, q.format, range, page, {
      file: `${symbol}-funding.csv`,
      columns: ['ts', 'funding_rate', 'mark_price'],
      head: { symbol },
    });
  }

  /** GET /api/open-interest/:symbol?interval=&from=&to=&limit=&cursor=&format= */
  @Get('open-interest/:symbol')
  @ApiOperation({
    summary: 'Open interest of a perpetual',
    description: 'Same paging and CSV as candles.',
  })
  @ApiParam({
    name: 'symbol',
    description: SYMBOL_PARAM_DESCRIPTION,
    example: 'BTCUSDT',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: '{success, symbol, interval, count, items, next_cursor}' })
  @ApiErrors(400)
  async openInterest(
    @Param('symbol', SymbolPipe) symbol: string,
    @Query() q: CandleQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const range = rangeOf(symbol, q);
    const page = (r: RangeQuery) => this.query.openInterest(r) as unknown as Promise<Row[]>;
    await respond(res, q.format, range, page, {
      file: `${symbol}-open-interest.csv`,
      columns: ['ts', 'open_interest', 'open_interest_value'],
      head: { symbol, interval: q.interval },
    });
  }

  /** GET /api/symbols/:symbol/coverage: per interval, first and last candle, count and gaps. */
  @Get('symbols/:symbol/coverage')
  @ApiOperation({
    summary: 'Stored coverage of a symbol',
    description:
      'Per stored interval: first and last candle, count, and gaps wider than a market pause.',
  })
  @ApiParam({
    name: 'symbol',
    description: SYMBOL_PARAM_DESCRIPTION,
    example: '7203.T',
  })
  @ApiOkResponse({
    description: '{success, symbol, intervals: [{interval, first, last, candles, gaps}]}',
  })
  @ApiErrors(400)
  async coverage(@Param('symbol', SymbolPipe) symbol: string) {
    const intervals = await this.query.coverage(symbol);
    return {
      success: true,
      symbol,
      intervals: intervals.map((c) => ({
        interval: c.interval,
        first: iso(c.first),
        last: iso(c.last),
        candles: c.candles,
        gaps: c.gaps.map((g) => ({
          after: iso(g.after),
          before: iso(g.before),
          missing_ms: g.missing_ms,
        })),
      })),
    };
  }
}

/** One page as JSON (`{success, …head, count, items, next_cursor}`), or the whole range as CSV. */
async function respond(
  res: Response,
  format: 'json' | 'csv',
  range: RangeQuery,
  page: (r: RangeQuery) => Promise<Row[]>,
  shape: { file: string; columns: string[]; head: Record<string, unknown> },
): Promise<void> {
  if (format === 'csv') {
    await streamCsv(res, shape.file, shape.columns, range, page);
    return;
  }
  const rows = await page(range);
  res.json({
    success: true,
    ...shape.head,
    count: rows.length,
    items: rows.map((r) => ({ ...r, ts: iso(r.ts) })),
    next_cursor: rows.length === range.limit ? iso(rows[rows.length - 1].ts) : null,
  });
}

/** Streams every row of the range as CSV, page by page (keyset), so memory stays flat. */
async function streamCsv(
  res: Response,
  filename: string,
  columns: string[],
  range: RangeQuery,
  page: (r: RangeQuery) => Promise<unknown[]>,
): Promise<void> {
  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.write(`${columns.join(',')}\n`);
  let remaining = range.limit;
  let after = range.after;
  while (remaining > 0) {
    const rows = (await page({ ...range, after, limit: Math.min(CSV_PAGE, remaining) })) as Row[];
    if (rows.length === 0) break;
    const text = rows
      .map((r) => columns.map((c) => (c === 'ts' ? iso(r.ts) : (r[c] ?? ''))).join(','))
      .join('\n');
    if (!res.write(`${text}\n`)) await new Promise((done) => res.once('drain', done));
    remaining -= rows.length;
    after = new Date(rows[rows.length - 1].ts);
    if (rows.length < CSV_PAGE) break;
  }
  res.end();
}
