import { ApiPropertyOptional } from '@nestjs/swagger';
import { PROVIDER_NAMES } from '@app/common';
import type { UniverseFilter } from '@app/market-data';

/**
 * The filter form of a batch's `universe` (its schema in the OpenAPI document); the value is
 * checked by IsUniverse. Lists match any of their values; the parts combine with AND.
 */
export class UniverseFilterDto implements UniverseFilter {
  @ApiPropertyOptional({
    description:
      "Whose registry rows to select; the batch's provider when absent (e.g. `yahoo` for the JPX stocks fetched from another provider)",
    enum: PROVIDER_NAMES,
    example: 'yahoo',
  })
  provider?: string;

  @ApiPropertyOptional({ description: 'Exchange, e.g. TSE, BINANCE, BYBIT', example: 'TSE' })
  exchange?: string;

  @ApiPropertyOptional({
    description: 'Market segments (any of), e.g. Prime, Standard, Growth',
    type: [String],
    example: ['Prime'],
  })
  market_segment?: string[];

  @ApiPropertyOptional({
    description: 'Asset classes (any of): equity, etf, reit, other, perpetual',
    type: [String],
    example: ['equity'],
  })
  asset_class?: string[];

  @ApiPropertyOptional({
    description: 'Industry codes (any of), e.g. JPX 33-industry codes such as 3650',
    type: [String],
    example: ['3650'],
  })
  industry_code?: string[];

  @ApiPropertyOptional({
    description: 'Only the first N matching symbols, in code order',
    type: 'integer',
    minimum: 1,
    example: 100,
  })
  limit?: number;
}
