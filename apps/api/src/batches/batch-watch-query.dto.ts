import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsInt, IsOptional, Max, Min } from 'class-validator';
import { toCommaList } from '../http/comma-list.transform';
import { MAX_WATCHED_BATCHES } from './batch-watch.service';

/** Reads `1,2,3` (or repeated ids) as numbers; anything else stays for IsInt to refuse. */
function toIds(params: Parameters<typeof toCommaList>[0]): unknown {
  const list = toCommaList(params);
  return Array.isArray(list)
    ? list.map((v) => (typeof v === 'string' && /^\d{1,10}$/.test(v) ? Number(v) : v))
    : list;
}

/** Query of `GET /api/batches/events`: the batches to follow. */
export class BatchWatchQueryDto {
  @ApiPropertyOptional({
    description: `batch_db_ids to follow, comma-separated (at most ${MAX_WATCHED_BATCHES}); none: only \`created\` events`,
    type: [Number],
    example: [42, 43],
  })
  @IsOptional()
  @Transform(toIds)
  @ArrayMaxSize(MAX_WATCHED_BATCHES, {
    message: `ids may name at most ${MAX_WATCHED_BATCHES} batches`,
  })
  @Max(2_147_483_647, { each: true, message: 'each id must be a batch_db_id' })
  @Min(1, { each: true, message: 'each id must be a batch_db_id' })
  @IsInt({ each: true, message: 'each id must be a batch_db_id (a positive integer)' })
  ids?: number[];
}
