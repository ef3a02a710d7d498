import { ApiExtraModels, ApiProperty } from '@nestjs/swagger';
import { BATCH_STATUSES, DETAIL_STATUSES } from '@app/batch';
import { PROVIDER_NAMES } from '@app/common';
import { INTERVALS } from '@app/market-data';
import { REFETCH_REASONS } from '@app/persistence';
import { REF_OR_NULL } from '../openapi/ref-or-null';

const ISO = { format: 'date-time' } as const;
const ISO_OR_NULL = { type: String, format: 'date-time', nullable: true } as const;
const INT = { type: 'integer' } as const;

export class BatchProgressDto {
  @ApiProperty(INT) total!: number;
  @ApiProperty(INT) processed!: number;
  @ApiProperty(INT) successful!: number;
  @ApiProperty(INT) failed!: number;
  @ApiProperty({ description: 'processed / total in %, one decimal', example: 66.6 })
  percent!: number;
}

/** A batch (the Phase-1 status shape), without the envelope. */
export class BatchDto {
  @ApiProperty({ example: 'job-1795457971739' }) job_id!: string;
  @ApiProperty({ ...INT, example: 42 }) batch_db_id!: number;
  @ApiProperty({ example: 'bulk', description: 'bulk, universe or scheduled' }) batch_type!: string;
  @ApiProperty({ enum: BATCH_STATUSES }) status!: string;
  @ApiProperty({ enum: INTERVALS }) interval!: string;
  @ApiProperty({ enum: PROVIDER_NAMES }) provider!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'mode, data_type, from, to, universe, universe_symbols (the symbols a universe selected; GET /api/batches shows their count, universe_count), duplicates_removed, webhook_url',
  })
  params!: Record<string, unknown>;
  @ApiProperty({ type: BatchProgressDto }) progress!: BatchProgressDto;
  @ApiProperty(ISO_OR_NULL) start_time!: string | null;
  @ApiProperty(ISO_OR_NULL) end_time!: string | null;
  @ApiProperty({ type: String, nullable: true }) error_message!: string | null;
  @ApiProperty(ISO) created_at!: string;
  @ApiProperty({ type: 'integer', nullable: true }) schedule_id!: number | null;
  @ApiProperty(ISO_OR_NULL) scheduled_for!: string | null;
}

/** Answer of status, one batch, stop, pause and resume. */
export class BatchResponseDto extends BatchDto {
  @ApiProperty({ enum: [true] }) success!: true;
}

/** Answer of retry-failed (202). */
export class RetryFailedResponseDto extends BatchResponseDto {
  @ApiProperty({ ...INT, description: 'Symbols enqueued again' }) retried!: number;
}

/** Answer of `POST /api/bulk/start` (202): the Phase-1 shape plus the symbol counts. */
export class StartBatchResponseDto {
  @ApiProperty({ enum: [true] }) success!: true;
  @ApiProperty({ example: 'job-1795457971739' }) job_id!: string;
  @ApiProperty({ ...INT, example: 42 }) batch_db_id!: number;
  @ApiProperty({ enum: ['accepted'] }) status!: 'accepted';
  @ApiProperty(INT) total_symbols!: number;
  @ApiProperty({ type: [String], description: 'Symbols given more than once' })
  duplicates_removed!: string[];
}

class PageDto {
  @ApiProperty({ ...INT, description: 'Rows matching the filter' }) total!: number;
  @ApiProperty({ ...INT, example: 1 }) page!: number;
  @ApiProperty({ ...INT, example: 50 }) page_size!: number;
}

/** Answer of `GET /api/batches`. */
export class BatchListResponseDto extends PageDto {
  @ApiProperty({ enum: [true] }) success!: true;
  @ApiProperty({ type: [BatchDto] }) items!: BatchDto[];
}

export class RefetchSplitDto {
  @ApiProperty({ ...ISO, example: '2020-08-31T00:00:00.000Z' }) ts!: string;
  @ApiProperty({ example: 4 }) numerator!: number;
  @ApiProperty({ example: 1 }) denominator!: number;
}

/** Why a symbol's stored history was fetched again in full, and what that changed. */
export class DetailRefetchDto {
  @ApiProperty({
    enum: REFETCH_REASONS,
    isArray: true,
    description:
      'new_split: a split dated after the first stored candle that the stored history did not reflect; overlap_mismatch: the re-fetched newest candle disagreed with the stored one beyond rounding',
  })
  reasons!: string[];
  @ApiProperty({
    example:
      'a 4:1 split on 2020-08-31 the stored history (from 2020-01-02) does not reflect; the overlap candle changed: the candle of 2020-11-06T00:00:00.000Z opened at 118.32, stored 473.28',
  })
  message!: string;
  @ApiProperty({ type: [RefetchSplitDto], description: 'The new splits' })
  splits!: RefetchSplitDto[];
  @ApiProperty({ ...INT, description: 'Candles the full fetch returned' }) candles!: number;
  @ApiProperty({
    ...INT,
    description: 'Stored candles inside the fetched range the provider no longer has: deleted',
  })
  deleted!: number;
  @ApiProperty({
    ...INT,
    description:
      "Stored candles older than the provider's history, adjusted by the new splits (prices ÷ ratio, volume × ratio)",
  })
  adjusted!: number;
  @ApiProperty({
    ...INT,
    description:
      "Stored candles older than the provider's history left as they were (no split to adjust by)",
  })
  kept!: number;
}

@ApiExtraModels(DetailRefetchDto)
export class DetailDto {
  @ApiProperty(INT) id!: number;
  @ApiProperty({ example: '7203.T' }) symbol!: string;
  @ApiProperty({ enum: DETAIL_STATUSES }) status!: string;
  @ApiProperty(INT) attempts!: number;
  @ApiProperty(INT) retry_round!: number;
  @ApiProperty(INT) records_inserted!: number;
  @ApiProperty(INT) rejected_records!: number;
  @ApiProperty(ISO_OR_NULL) start_time!: string | null;
  @ApiProperty(ISO_OR_NULL) end_time!: string | null;
  @ApiProperty({ type: String, nullable: true }) error_message!: string | null;
  @ApiProperty({
    ...REF_OR_NULL(DetailRefetchDto),
    description: "Set when the symbol's stored history was fetched again in full",
  })
  refetch!: DetailRefetchDto | null;
}

/** Answer of `GET /api/batches/:id/details`. */
export class BatchDetailsResponseDto extends PageDto {
  @ApiProperty({ enum: [true] }) success!: true;
  @ApiProperty(INT) batch_db_id!: number;
  @ApiProperty() job_id!: string;
  @ApiProperty({ type: [DetailDto] }) items!: DetailDto[];
}
