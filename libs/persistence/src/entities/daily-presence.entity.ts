import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Which days of a year a source holds a daily candle of a symbol (`ohlcv_daily_presence`): bit
 * `n` from the left of `days` is day-of-year `n + 1` (UTC date of the candle). Written with the
 * candles by libs/persistence (see the DailyPresence migration); read by coverage.
 */
@Entity({ name: 'ohlcv_daily_presence' })
export class DailyPresenceEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'ohlcv_daily_presence_pkey' })
  source!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'ohlcv_daily_presence_pkey' })
  symbol!: string;

  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'ohlcv_daily_presence_pkey' })
  year!: number;

  @Column({ type: 'bit', length: 366 })
  days!: string;
}
