import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Reference data of instruments. */
@Injectable()
export class SymbolRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Active symbols, optionally of one exchange, sorted. */
  async active(exchange?: string): Promise<string[]> {
    const rows: { symbol: string }[] = await this.dataSource.query(
      `SELECT symbol FROM symbols WHERE active AND ($1::text IS NULL OR exchange = $1) ORDER BY symbol`,
      [exchange ?? null],
    );
    return rows.map((r) => r.symbol);
  }
}
