import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional } from 'class-validator';
import { DETAIL_STATUSES } from '@app/batch';
import { toCommaList } from '../http/comma-list.transform';
import { PageQueryDto } from '../http/page-query.dto';

/** Query of `GET /api/batches/:id/details`: per-symbol status filter and paging. */
export class BatchDetailsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'Symbol statuses: comma-separated (failed,stopped) or repeated',
    enum: DETAIL_STATUSES,
    isArray: true,
    example: ['failed'],
  })
  @IsOptional()
  @Transform(toCommaList)
  @IsIn(DETAIL_STATUSES, {
    each: true,
    message: `status must be a comma-separated list of ${DETAIL_STATUSES.join(', ')}`,
  })
  status?: string[];
}
