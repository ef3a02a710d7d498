import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One applied universe sync (a listing that changed the registry or was newer than the last one):
 * its listing's date and what it changed. The newest `as_of` of a source is the date an older
 * listing is refused against.
 */
@Entity({ name: 'universe_syncs' })
@Index('universe_syncs_source_as_of_idx', ['source', 'asOf'])
export class UniverseSyncEntity {
  @PrimaryGeneratedColumn({ type: 'integer', primaryKeyConstraintName: 'universe_syncs_pkey' })
  id!: number;

  /** `jpx`, `binance`, `bybit` or `csv`. */
  @Column({ type: 'text' })
  source!: string;

  /** The listing's own date. */
  @Column({ name: 'as_of', type: 'date' })
  asOf!: string;

  @CreateDateColumn({ name: 'synced_at', type: 'timestamptz' })
  syncedAt!: Date;

  @Column({ type: 'integer' })
  added!: number;

  @Column({ type: 'integer' })
  updated!: number;

  @Column({ type: 'integer' })
  delisted!: number;

  @Column({ type: 'integer' })
  relisted!: number;

  @Column({ type: 'integer' })
  unchanged!: number;

  /** Active instruments of the source after the sync. */
  @Column({ type: 'integer' })
  active!: number;
}
