import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { SOURCE_MAX_LENGTH } from '@app/market-data';
import { IsSourceName } from '../http/is-source-name.validator';

/**
 * `source`: the provider whose series to read. Without it the route reads the only source holding
 * the symbol, and answers 400 AMBIGUOUS_SOURCE (details.candidates) when several do.
 */
export class SourceQueryDto {
  @ApiPropertyOptional({
    description:
      'Provider whose series to read (any case). Default: the only source holding the symbol; several: 400 AMBIGUOUS_SOURCE naming them in details.candidates',
    example: 'binance',
    maxLength: SOURCE_MAX_LENGTH,
    pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$',
  })
  @IsOptional()
  @IsSourceName()
  source?: string;
}
