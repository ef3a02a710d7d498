import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsIsoInstant } from '../http/is-iso-instant.validator';
import { SourceQueryDto } from './source-query.dto';

/** Query of `GET /api/corporate-actions/:symbol`: the source and the range [from, to). */
export class CorporateActionsQueryDto extends SourceQueryDto {
  @ApiPropertyOptional({ description: 'First timestamp (ISO 8601)', example: '2015-01-01' })
  @IsOptional()
  @IsIsoInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'End of the range, exclusive (ISO 8601)' })
  @IsOptional()
  @IsIsoInstant()
  to?: string;
}
