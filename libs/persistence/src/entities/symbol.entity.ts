import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * The instrument registry: one row per (provider, symbol), filled by universe syncs from exchange
 * listings (JPX, Binance, Bybit, a CSV). `BTCUSDT` of binance and of bybit are two rows. A row a
 * newer listing of its `listing_source` no longer names is kept, inactive, with `delisted_date`.
 */
@Entity({ name: 'symbols' })
@Index('symbols_exchange_segment_idx', ['exchange', 'marketSegment'])
@Index('symbols_asset_class_idx', ['assetClass'])
@Index('symbols_industry_code_idx', ['industryCode'])
@Index('symbols_listing_source_idx', ['listingSource'])
export class SymbolEntity {
  /** Provider that serves the instrument's data (`yahoo` for JPX stocks, `binance`, `bybit`, …). */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'symbols_pkey' })
  provider!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'symbols_pkey' })
  symbol!: string;

  @Column({ type: 'text', nullable: true })
  name!: string | null;

  @Column({ type: 'text', nullable: true })
  exchange!: string | null;

  @Column({ name: 'asset_class', type: 'text', nullable: true })
  assetClass!: string | null;

  @Column({ name: 'market_segment', type: 'text', nullable: true })
  marketSegment!: string | null;

  @Column({ name: 'industry_code', type: 'text', nullable: true })
  industryCode!: string | null;

  @Column({ name: 'industry_name', type: 'text', nullable: true })
  industryName!: string | null;

  @Column({ type: 'text', nullable: true })
  currency!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'listed_date', type: 'date', nullable: true })
  listedDate!: string | null;

  @Column({ name: 'delisted_date', type: 'date', nullable: true })
  delistedDate!: string | null;

  /** The listing that last listed it (`jpx`, `binance`, `bybit`, `csv`); null: entered by hand. */
  @Column({ name: 'listing_source', type: 'text', nullable: true })
  listingSource!: string | null;

  @CreateDateColumn({ name: 'first_seen_at', type: 'timestamptz' })
  firstSeenAt!: Date;

  /** When a sync last found it in a listing (moves only when a newer listing is applied). */
  @Column({ name: 'last_seen_at', type: 'timestamptz', default: () => 'now()' })
  lastSeenAt!: Date;

  /** When a sync last changed it (added, updated, delisted, relisted). */
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
