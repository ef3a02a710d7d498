import { ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { PROVIDER_NAMES } from '@app/common';
import { toCommaList } from '../http/comma-list.transform';
import { PageQueryDto } from '../http/page-query.dto';

const LIST = (what: string, example: string[]): ApiPropertyOptions => ({
  description: `${what}: comma-separated or repeated (any of them)`,
  type: [String],
  example,
});

/** Reads `true`/`false` (and 1/0) of a query string; anything else stays for IsBoolean to refuse. */
function toBoolean({ value }: { value: unknown }): unknown {
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return value;
}

/**
 * Query of `GET /api/symbols`: filters of the instrument registry and paging. Decorators are
 * checked bottom-up and the first failure of a property is reported, so type checks come last.
 */
export class ListSymbolsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Provider of the instruments', enum: PROVIDER_NAMES })
  @IsOptional()
  @IsIn(PROVIDER_NAMES, { message: `provider must be one of ${PROVIDER_NAMES.join(', ')}` })
  provider?: string;

  @ApiPropertyOptional({ description: 'Exchange (TSE, BINANCE, BYBIT, …)', example: 'TSE' })
  @IsOptional()
  @Length(1, 32, { message: 'exchange must be 1 to 32 characters long' })
  @IsString({ message: 'exchange must be a string' })
  exchange?: string;

  @ApiPropertyOptional(LIST('Market segments', ['Prime', 'Standard']))
  @IsOptional()
  @Transform(toCommaList)
  @Length(1, 64, { each: true, message: 'each market_segment must be 1 to 64 characters long' })
  market_segment?: string[];

  @ApiPropertyOptional(LIST('Asset classes', ['equity', 'etf']))
  @IsOptional()
  @Transform(toCommaList)
  @Length(1, 64, { each: true, message: 'each asset_class must be 1 to 64 characters long' })
  asset_class?: string[];

  @ApiPropertyOptional(LIST('Industry codes', ['3650']))
  @IsOptional()
  @Transform(toCommaList)
  @Length(1, 64, { each: true, message: 'each industry_code must be 1 to 64 characters long' })
  industry_code?: string[];

  @ApiPropertyOptional({
    description: 'true: listed instruments only; false: delisted ones only; absent: both',
    type: Boolean,
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;

  @ApiPropertyOptional({
    description:
      'Part of the symbol or the name, case-insensitive (full-width letters and digits of names match their ASCII forms)',
    example: 'toyota',
  })
  @IsOptional()
  @Length(1, 100, { message: 'q must be 1 to 100 characters long' })
  @IsString({ message: 'q must be a string' })
  q?: string;
}
