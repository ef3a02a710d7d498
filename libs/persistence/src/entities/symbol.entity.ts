import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Reference data of a tradable instrument. */
@Entity({ name: 'symbols' })
export class SymbolEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'symbols_pkey' })
  symbol!: string;

  @Column({ type: 'text', nullable: true })
  name!: string | null;

  @Column({ type: 'text', nullable: true })
  exchange!: string | null;

  @Column({ name: 'asset_class', type: 'text', nullable: true })
  assetClass!: string | null;

  @Column({ name: 'industry_code', type: 'text', nullable: true })
  industryCode!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'listed_date', type: 'date', nullable: true })
  listedDate!: string | null;

  @Column({ name: 'delisted_date', type: 'date', nullable: true })
  delistedDate!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
