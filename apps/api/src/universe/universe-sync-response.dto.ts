import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { LISTING_SOURCES, type ListingSource, type UniverseSyncView } from '@app/market-data';

const INT = { type: 'integer' } as const;
const SYMBOLS = (what: string): ApiPropertyOptions => ({
  type: [String],
  description: `Symbols ${what}, in code order (at most 100; symbols_truncated says when cut)`,
});

/** What one universe sync changed (also a schedule's `last_sync`). */
export class UniverseSyncDto implements UniverseSyncView {
  @ApiProperty({ enum: LISTING_SOURCES, example: 'jpx' }) source!: ListingSource;
  @ApiProperty({ description: "The listing's date (YYYY-MM-DD)", example: '2025-09-30' })
  as_of!: string;
  @ApiProperty({ ...INT, description: 'Instruments new to the registry', example: 47 })
  added!: number;
  @ApiProperty({
    ...INT,
    description: 'Listed instruments whose name, segment, industry … changed',
  })
  updated!: number;
  @ApiProperty({
    ...INT,
    description:
      'Active instruments of this source missing from the listing: now inactive, delisted_date = as_of',
    example: 53,
  })
  delisted!: number;
  @ApiProperty({ ...INT, description: 'Inactive instruments listed again: active again' })
  relisted!: number;
  @ApiProperty({ ...INT, description: 'Listed instruments that did not change' })
  unchanged!: number;
  @ApiProperty({ ...INT, description: 'Active instruments of this source after the sync' })
  active!: number;
  @ApiProperty(SYMBOLS('added')) added_symbols!: string[];
  @ApiProperty(SYMBOLS('updated')) updated_symbols!: string[];
  @ApiProperty(SYMBOLS('delisted')) delisted_symbols!: string[];
  @ApiProperty(SYMBOLS('relisted')) relisted_symbols!: string[];
  @ApiProperty({ description: 'True when a symbol list was cut (the counts are exact)' })
  symbols_truncated!: boolean;
}

/** Answer of `POST /api/universe/sync`. */
export class UniverseSyncResponseDto extends UniverseSyncDto {
  @ApiProperty({ enum: [true] }) success!: true;
}
