import { ApiProperty } from '@nestjs/swagger';
import { PROVIDER_NAMES } from '@app/common';
import type { SymbolView } from '@app/market-data';

const TEXT_OR_NULL = { type: String, nullable: true } as const;
const DATE_OR_NULL = { type: String, format: 'date', nullable: true } as const;
const ISO = { format: 'date-time' } as const;

/** One instrument of the registry. */
export class SymbolDto implements SymbolView {
  @ApiProperty({ enum: PROVIDER_NAMES, example: 'yahoo' }) provider!: string;
  @ApiProperty({ example: '7203.T' }) symbol!: string;
  @ApiProperty({ ...TEXT_OR_NULL, example: 'トヨタ自動車' }) name!: string | null;
  @ApiProperty({ ...TEXT_OR_NULL, example: 'TSE' }) exchange!: string | null;
  @ApiProperty({ ...TEXT_OR_NULL, example: 'equity' }) asset_class!: string | null;
  @ApiProperty({ ...TEXT_OR_NULL, example: 'Prime' }) market_segment!: string | null;
  @ApiProperty({ ...TEXT_OR_NULL, example: '3700' }) industry_code!: string | null;
  @ApiProperty({ ...TEXT_OR_NULL, example: '輸送用機器' }) industry_name!: string | null;
  @ApiProperty({ ...TEXT_OR_NULL, example: 'JPY' }) currency!: string | null;
  @ApiProperty({ description: 'False once a newer listing of its source no longer names it' })
  active!: boolean;
  @ApiProperty(DATE_OR_NULL) listed_date!: string | null;
  @ApiProperty({ ...DATE_OR_NULL, description: 'Date of the listing that no longer named it' })
  delisted_date!: string | null;
  @ApiProperty({ ...TEXT_OR_NULL, description: 'jpx, binance, bybit, csv; null: entered by hand' })
  listing_source!: string | null;
  @ApiProperty(ISO) first_seen_at!: string;
  @ApiProperty({ ...ISO, description: 'When a sync last found it in a (newer) listing' })
  last_seen_at!: string;
  @ApiProperty({ ...ISO, description: 'When a sync last changed it' }) updated_at!: string;
}

/** Answer of `GET /api/symbols`. */
export class SymbolListResponseDto {
  @ApiProperty({ enum: [true] }) success!: true;
  @ApiProperty({ type: [SymbolDto] }) items!: SymbolDto[];
  @ApiProperty({ type: 'integer', description: 'Instruments matching the filters' }) total!: number;
  @ApiProperty({ type: 'integer' }) page!: number;
  @ApiProperty({ type: 'integer' }) page_size!: number;
}
