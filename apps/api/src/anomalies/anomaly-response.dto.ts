import { ApiProperty } from '@nestjs/swagger';
import { INTERVALS } from '@app/market-data';
import { ANOMALY_KINDS } from '@app/persistence';

const INT = { type: 'integer' } as const;

/** One finding of ingest about a series. */
export class AnomalyDto {
  @ApiProperty({ ...INT, example: 12 }) id!: number;
  @ApiProperty({ example: 'yahoo', description: 'The provider that produced the series' })
  source!: string;
  @ApiProperty({ example: 'AAPL' }) symbol!: string;
  @ApiProperty({ enum: INTERVALS }) interval!: string;
  @ApiProperty({
    enum: ANOMALY_KINDS,
    description:
      'price_jump: the close moved more than ANOMALY_JUMP_RATIO against the previous one with no corporate action that day; zero_volume_run: ANOMALY_ZERO_VOLUME_RUN consecutive candles with volume 0; stale: STALE_SESSIONS sessions of the exchange went by after this candle with no newer one',
  })
  kind!: string;
  @ApiProperty({
    format: 'date-time',
    description:
      'The candle it is about: the one that jumped, the one at which the run reached its length, the newest one before the series went stale',
  })
  ts!: string;
  @ApiProperty({ format: 'date-time' }) detected_at!: string;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'The batch whose fetch found it',
  })
  batch_execution_id!: number | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'price_jump: previous_ts, previous_close, close, ratio, threshold; zero_volume_run: run_start, threshold; stale: exchange, last_day, as_of, sessions, threshold',
    example: {
      previous_ts: '2024-01-08T00:00:00.000Z',
      previous_close: 10.2,
      close: 102,
      ratio: 10,
      threshold: 1.8,
    },
  })
  details!: Record<string, unknown>;
}

/** Answer of `GET /api/anomalies`. */
export class AnomalyListResponseDto {
  @ApiProperty({ enum: [true] }) success!: true;
  @ApiProperty({ type: [AnomalyDto] }) items!: AnomalyDto[];
  @ApiProperty({ ...INT, description: 'Rows matching the filter' }) total!: number;
  @ApiProperty({ ...INT, example: 1 }) page!: number;
  @ApiProperty({ ...INT, example: 50 }) page_size!: number;
}
