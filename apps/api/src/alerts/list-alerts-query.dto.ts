import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { ALERT_KINDS, ALERT_STATES } from '@app/persistence';
import { toCommaList } from '../http/comma-list.transform';
import { PageQueryDto } from '../http/page-query.dto';

/** Query of `GET /api/alerts`: filters and paging (newest first). */
export class ListAlertsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'States: comma-separated (firing,acknowledged) or repeated',
    enum: ALERT_STATES,
    isArray: true,
    example: ['firing'],
  })
  @IsOptional()
  @Transform(toCommaList)
  @IsIn(ALERT_STATES, {
    each: true,
    message: `state must be a comma-separated list of ${ALERT_STATES.join(', ')}`,
  })
  state?: string[];

  @ApiPropertyOptional({ description: 'Only alerts of this rule', type: 'integer', example: 1 })
  @IsOptional()
  @Max(999_999_999, { message: 'rule_id must be a positive integer' })
  @Min(1, { message: 'rule_id must be a positive integer' })
  @IsInt({ message: 'rule_id must be a positive integer' })
  @Type(() => Number)
  rule_id?: number;

  @ApiPropertyOptional({
    description: 'Kinds: comma-separated or repeated',
    enum: ALERT_KINDS,
    isArray: true,
  })
  @IsOptional()
  @Transform(toCommaList)
  @IsIn(ALERT_KINDS, {
    each: true,
    message: `kind must be a comma-separated list of ${ALERT_KINDS.join(', ')}`,
  })
  kind?: string[];

  @ApiPropertyOptional({ description: 'Exact subject', example: 'batch:42' })
  @IsOptional()
  @Length(1, 200, { message: 'subject must be 1 to 200 characters long' })
  @IsString({ message: 'subject must be a string' })
  subject?: string;
}
