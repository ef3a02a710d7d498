import { ApiProperty } from '@nestjs/swagger';
import { INTERVALS, Interval } from '@app/market-data';

const TS = { description: 'Start of the period (ISO 8601, UTC)', format: 'date-time' } as const;

export class CandleDto {
  @ApiProperty(TS) ts!: string;
  @ApiProperty() open!: number;
  @ApiProperty() high!: number;
  @ApiProperty() low!: number;
  @ApiProperty() close!: number;
  @ApiProperty({ type: Number, nullable: true }) adj_close!: number | null;
  @ApiProperty() volume!: number;
}

export class FundingRateDto {
  @ApiProperty(TS) ts!: string;
  @ApiProperty() funding_rate!: number;
  @ApiProperty({ type: Number, nullable: true }) mark_price!: number | null;
}

export class OpenInterestDto {
  @ApiProperty(TS) ts!: string;
  @ApiProperty() open_interest!: number;
  @ApiProperty({ type: Number, nullable: true }) open_interest_value!: number | null;
}

/** Provider of the series answered (null: the query named none and no source holds the symbol). */
const SOURCE = {
  type: String,
  nullable: true,
  example: 'binance',
  description:
    'Provider whose series this is: the one named by ?source=, else the only one holding the symbol; null when none holds it (the answer is empty)',
} as const;

/** The head shared by the pages of every series. */
class SeriesPageHeadDto {
  @ApiProperty({ enum: [true] }) success!: true;
  @ApiProperty(SOURCE) source!: string | null;
  @ApiProperty({ example: '7203.T' }) symbol!: string;
  @ApiProperty({ type: 'integer', example: 1000 }) count!: number;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Pass as cursor for the next page; null on the last page',
  })
  next_cursor!: string | null;
}

export class CandlesPageDto extends SeriesPageHeadDto {
  @ApiProperty({ enum: INTERVALS }) interval!: Interval;
  @ApiProperty({ enum: INTERVALS, nullable: true, description: 'The resampling interval, if any' })
  bucket!: Interval | null;
  @ApiProperty({ type: [CandleDto] }) items!: CandleDto[];
}

export class FundingRatesPageDto extends SeriesPageHeadDto {
  @ApiProperty({ type: [FundingRateDto] }) items!: FundingRateDto[];
}

export class OpenInterestPageDto extends SeriesPageHeadDto {
  @ApiProperty({ enum: INTERVALS }) interval!: Interval;
  @ApiProperty({ type: [OpenInterestDto] }) items!: OpenInterestDto[];
}

export class GapDto {
  @ApiProperty({ format: 'date-time' }) after!: string;
  @ApiProperty({ format: 'date-time' }) before!: string;
  @ApiProperty({ type: 'integer' }) missing_ms!: number;
}

export class IntervalCoverageDto {
  @ApiProperty({ enum: INTERVALS }) interval!: string;
  @ApiProperty({ format: 'date-time' }) first!: string;
  @ApiProperty({ format: 'date-time' }) last!: string;
  @ApiProperty({ type: 'integer' }) candles!: number;
  @ApiProperty({ type: [GapDto], description: 'Widest first, at most 50' }) gaps!: GapDto[];
}

export class CorporateActionDto {
  @ApiProperty({ format: 'date-time' }) ts!: string;
  @ApiProperty({ example: 'split', description: 'split or dividend' }) type!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Dividend per share' })
  amount!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Split ratio numerator' })
  numerator!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Split ratio denominator' })
  denominator!: number | null;
}

/** Answer of `GET /api/corporate-actions/:symbol`. */
export class CorporateActionsResponseDto {
  @ApiProperty({ enum: [true] }) success!: true;
  @ApiProperty(SOURCE) source!: string | null;
  @ApiProperty({ example: '7203.T' }) symbol!: string;
  @ApiProperty({ type: [CorporateActionDto] }) items!: CorporateActionDto[];
}
