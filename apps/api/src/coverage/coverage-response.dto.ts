import { ApiProperty } from '@nestjs/swagger';
import { EXCHANGES } from '@app/market-data';
import { IntervalCoverageDto } from '../ohlcv/series-response.dto';

export class SessionRangeDto {
  @ApiProperty({ example: '2025-01-06', description: 'First session (inclusive)' }) from!: string;
  @ApiProperty({ example: '2025-01-10', description: 'Last session (inclusive)' }) to!: string;
  @ApiProperty({ type: 'integer', example: 5 }) sessions!: number;
}

const EXCHANGE = {
  type: String,
  nullable: true,
  example: 'TSE',
  description: `A calendar (${EXCHANGES.join(', ')}); null when none fits the symbol`,
} as const;

/** Answer of `GET /api/symbols/:symbol/coverage`. */
export class SymbolCoverageResponseDto {
  @ApiProperty({ enum: [true] }) success!: true;
  @ApiProperty({ type: String, nullable: true, example: 'yahoo' }) source!: string | null;
  @ApiProperty({ example: '7203.T' }) symbol!: string;
  @ApiProperty({ example: '1d' }) interval!: string;
  @ApiProperty({
    ...EXCHANGE,
    description: 'Exchange whose sessions are expected (daily candles)',
  })
  exchange?: string | null;
  @ApiProperty({
    example: 'TSE',
    description: 'The exchange, or "weekdays" (Monday to Friday) when none fits',
    required: false,
  })
  calendar?: string;
  @ApiProperty({ example: '2025-01-01', required: false }) from?: string;
  @ApiProperty({ example: '2025-12-30', required: false }) to?: string;
  @ApiProperty({ type: String, nullable: true, required: false, example: '2015-01-05' })
  first?: string | null;
  @ApiProperty({ type: String, nullable: true, required: false, example: '2025-12-30' })
  last?: string | null;
  @ApiProperty({ type: 'integer', required: false }) expected_sessions?: number;
  @ApiProperty({ type: 'integer', required: false }) stored_sessions?: number;
  @ApiProperty({
    type: 'integer',
    required: false,
    description: 'Sessions neither stored nor answered empty by the provider',
  })
  missing_sessions?: number;
  @ApiProperty({ type: 'integer', required: false }) empty_fetched_sessions?: number;
  @ApiProperty({ type: [SessionRangeDto], required: false }) missing?: SessionRangeDto[];
  @ApiProperty({
    type: [SessionRangeDto],
    required: false,
    description: 'Sessions the provider was asked for and had nothing (the fetch ledger)',
  })
  empty_fetched?: SessionRangeDto[];
  @ApiProperty({
    type: [IntervalCoverageDto],
    description: 'Per stored interval: span, count and gaps wider than a market pause',
  })
  intervals!: IntervalCoverageDto[];
}

export class CoverageItemDto {
  @ApiProperty({ example: '7203.T' }) symbol!: string;
  @ApiProperty({ example: 'yahoo' }) source!: string;
  @ApiProperty(EXCHANGE) exchange!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Prime' }) market_segment!: string | null;
  @ApiProperty({ example: '2025-01-01' }) from!: string;
  @ApiProperty({ example: '2025-12-30' }) to!: string;
  @ApiProperty({ type: 'integer' }) expected_sessions!: number;
  @ApiProperty({ type: 'integer' }) stored_sessions!: number;
  @ApiProperty({ type: 'integer' }) missing_sessions!: number;
  @ApiProperty({ type: 'integer' }) empty_fetched_sessions!: number;
  @ApiProperty({ type: String, nullable: true }) first!: string | null;
  @ApiProperty({ type: String, nullable: true }) last!: string | null;
}

/** Answer of `GET /api/coverage`. */
export class CoverageListResponseDto {
  @ApiProperty({ enum: [true] }) success!: true;
  @ApiProperty({ example: '1d' }) interval!: string;
  @ApiProperty({ example: '2025-01-01' }) from!: string;
  @ApiProperty({ example: '2025-12-31' }) to!: string;
  @ApiProperty({ type: [CoverageItemDto] }) items!: CoverageItemDto[];
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty({ type: 'integer' }) page!: number;
  @ApiProperty({ type: 'integer' }) page_size!: number;
}

export class MatrixSymbolDto {
  @ApiProperty({ example: '7203.T' }) symbol!: string;
  @ApiProperty({ example: 'yahoo' }) source!: string;
  @ApiProperty(EXCHANGE) exchange!: string | null;
}

/** Answer of `GET /api/coverage?format=matrix`. */
export class CoverageMatrixResponseDto {
  @ApiProperty({ enum: [true] }) success!: true;
  @ApiProperty({ example: '1d' }) interval!: string;
  @ApiProperty({ enum: ['day', 'week'] }) granularity!: string;
  @ApiProperty({ example: '2025-01-01' }) from!: string;
  @ApiProperty({ example: '2025-12-31' }) to!: string;
  @ApiProperty({ type: [String], description: 'Column starts: days, or Mondays of weeks' })
  days!: string[];
  @ApiProperty({ type: [MatrixSymbolDto] }) symbols!: MatrixSymbolDto[];
  @ApiProperty({
    description:
      'Per symbol, per column: [stored sessions, sessions expected of the source] (sessions the provider answered empty are not expected), or null when the column holds no session',
    type: 'array',
    items: {
      type: 'array',
      items: {
        type: 'array',
        nullable: true,
        items: { type: 'integer' },
        minItems: 2,
        maxItems: 2,
      },
    },
  })
  cells!: ([number, number] | null)[][];
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty({ type: 'integer' }) page!: number;
  @ApiProperty({ type: 'integer' }) page_size!: number;
}
