import { Injectable } from '@nestjs/common';
import { Database, Tx } from '../database/transaction';
import type { SymbolEntity } from '../entities/symbol.entity';
import type { UniverseSyncEntity } from '../entities/universe-sync.entity';

/** A registry row as read (dates as `YYYY-MM-DD` text, times as Date): the entity's columns. */
export type SymbolRecord = SymbolEntity;

/** The columns a listing gives for one instrument. */
export type InstrumentFields = Pick<
  SymbolEntity,
  | 'provider'
  | 'symbol'
  | 'name'
  | 'exchange'
  | 'assetClass'
  | 'marketSegment'
  | 'industryCode'
  | 'industryName'
  | 'currency'
  | 'listedDate'
>;

export interface SymbolKey {
  provider: string;
  symbol: string;
}

/** What applying one listing changed (keys in symbol order). */
export interface ListingChanges {
  added: SymbolKey[];
  updated: SymbolKey[];
  relisted: SymbolKey[];
  delisted: SymbolKey[];
  /** Instruments in the listing (all active now). */
  listed: number;
}

/** An applied sync as recorded in universe_syncs. */
export type UniverseSyncRecord = UniverseSyncEntity;

/**
 * Filters of the registry (GET /api/symbols, batches over a universe). Lists match any of their
 * values; `q` matches symbol or name, case-insensitively, with full-width letters and digits of
 * names folded (NFKC), so `alsok` finds `ＡＬＳＯＫ`.
 */
export interface SymbolFilter {
  provider?: string;
  exchange?: string;
  marketSegments?: string[];
  assetClasses?: string[];
  industryCodes?: string[];
  active?: boolean;
  q?: string;
}

const COLUMNS = `provider, symbol, name, exchange, asset_class AS "assetClass",
  market_segment AS "marketSegment", industry_code AS "industryCode",
  industry_name AS "industryName", currency, active, listed_date::text AS "listedDate",
  delisted_date::text AS "delistedDate", listing_source AS "listingSource",
  first_seen_at AS "firstSeenAt", last_seen_at AS "lastSeenAt", updated_at AS "updatedAt"`;

/**
 * Key of the transaction advisory lock every universe sync takes: syncs never interleave (two of
 * the same source would both see the registry before the other's changes; two of different
 * sources may touch the same rows, e.g. a CSV listing yahoo symbols that JPX lists too).
 */
export const UNIVERSE_SYNC_LOCK_KEY = 7_239_541_181;

/** Descriptive columns a listing sets; a difference in any (or in listing_source) is an update. */
const LISTED_COLUMNS = [
  'name',
  'exchange',
  'asset_class',
  'market_segment',
  'industry_code',
  'industry_name',
  'currency',
] as const;

/** `$n`-numbered WHERE clause of a filter over `symbols` (without WHERE), and its parameters. */
function whereOf(filter: SymbolFilter, first = 1): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const parts: string[] = [];
  const add = (clause: (p: string) => string, value: unknown) => {
    params.push(value);
    parts.push(clause(`$${first + params.length - 1}`));
  };
  if (filter.provider !== undefined) add((p) => `provider = ${p}`, filter.provider);
  if (filter.exchange !== undefined) add((p) => `exchange = ${p}`, filter.exchange);
  if (filter.marketSegments?.length) {
    add((p) => `market_segment = ANY(${p}::text[])`, filter.marketSegments);
  }
  if (filter.assetClasses?.length) {
    add((p) => `asset_class = ANY(${p}::text[])`, filter.assetClasses);
  }
  if (filter.industryCodes?.length) {
    add((p) => `industry_code = ANY(${p}::text[])`, filter.industryCodes);
  }
  if (filter.active !== undefined) add((p) => `active = ${p}`, filter.active);
  if (filter.q !== undefined && filter.q !== '') {
    const pattern = `%${filter.q.normalize('NFKC').replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    add((p) => `(symbol ILIKE ${p} OR normalize(coalesce(name, ''), NFKC) ILIKE ${p})`, pattern);
  }
  return { sql: parts.length ? parts.join(' AND ') : 'true', params };
}

/**
 * The instrument registry (`symbols`, keyed by provider and symbol) and the record of universe
 * syncs. Applying a listing is a handful of set-based statements inside the caller's transaction.
 */
@Injectable()
export class SymbolRepository {
  constructor(private readonly db: Database) {}

  /** Waits until no other universe sync runs; held until `tx` ends. */
  async lockUniverseSync(tx: Tx): Promise<void> {
    await this.db.rows(tx, `SELECT pg_advisory_xact_lock($1::bigint)`, [UNIVERSE_SYNC_LOCK_KEY]);
  }

  /** The newest listing date applied for `source`, or null when none was. */
  async lastSyncedAsOf(tx: Tx | null, source: string): Promise<string | null> {
    const [row] = await this.db.rows<{ asOf: string | null }>(
      tx,
      `SELECT max(as_of)::text AS "asOf" FROM universe_syncs WHERE source = $1`,
      [source],
    );
    return row?.asOf ?? null;
  }

  /**
   * Applies a listing of `source` dated `asOf`: instruments not in the registry are added; listed
   * ones that were inactive become active again (relisted); listed active ones whose columns
   * differ are updated; active ones of `source` that the listing lacks become inactive with
   * `delisted_date = asOf`. A row whose values are unchanged is not written, except that with
   * `touchSeen` (a listing newer than the last applied) every listed row's `last_seen_at` moves.
   * `instruments` must hold each (provider, symbol) once.
   */
  async applyListing(
    tx: Tx,
    input: { source: string; asOf: string; instruments: InstrumentFields[]; touchSeen: boolean },
  ): Promise<ListingChanges> {
    const list = input.instruments;
    await this.db.rows(
      tx,
      `CREATE TEMP TABLE universe_listing (
         provider text NOT NULL, symbol text NOT NULL, name text, exchange text, asset_class text,
         market_segment text, industry_code text, industry_name text, currency text,
         listed_date date, PRIMARY KEY (provider, symbol)) ON COMMIT DROP`,
    );
    await this.db.rows(
      tx,
      `INSERT INTO universe_listing
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                            $7::text[], $8::text[], $9::text[], $10::date[])`,
      [
        list.map((i) => i.provider),
        list.map((i) => i.symbol),
        list.map((i) => i.name),
        list.map((i) => i.exchange),
        list.map((i) => i.assetClass),
        list.map((i) => i.marketSegment),
        list.map((i) => i.industryCode),
        list.map((i) => i.industryName),
        list.map((i) => i.currency),
        list.map((i) => i.listedDate),
      ],
    );
    const setListed = `${LISTED_COLUMNS.map((c) => `${c} = l.${c}`).join(', ')},
      listed_date = coalesce(l.listed_date, s.listed_date), listing_source = $1::text,
      last_seen_at = now(), updated_at = now()`;
    const join = `s.provider = l.provider AND s.symbol = l.symbol`;
    const keys = `RETURNING s.provider, s.symbol`;

    const relisted = await this.db.rows<SymbolKey>(
      tx,
      `UPDATE symbols s SET active = true, delisted_date = NULL, ${setListed}
       FROM universe_listing l WHERE ${join} AND NOT s.active ${keys}`,
      [input.source],
    );
    const updated = await this.db.rows<SymbolKey>(
      tx,
      `UPDATE symbols s SET ${setListed}
       FROM universe_listing l
       WHERE ${join} AND s.active
         AND (${LISTED_COLUMNS.map((c) => `s.${c}`).join(', ')}, s.listing_source, s.listed_date)
             IS DISTINCT FROM
             (${LISTED_COLUMNS.map((c) => `l.${c}`).join(', ')}, $1::text, coalesce(l.listed_date, s.listed_date))
       ${keys}`,
      [input.source],
    );
    const added = await this.db.rows<SymbolKey>(
      tx,
      `INSERT INTO symbols AS s (provider, symbol, ${LISTED_COLUMNS.join(', ')}, listed_date,
                                 listing_source, active, first_seen_at, last_seen_at, updated_at)
       SELECT l.provider, l.symbol, ${LISTED_COLUMNS.map((c) => `l.${c}`).join(', ')}, l.listed_date,
              $1::text, true, now(), now(), now()
       FROM universe_listing l
       WHERE NOT EXISTS (SELECT 1 FROM symbols x WHERE x.provider = l.provider AND x.symbol = l.symbol)
       ${keys}`,
      [input.source],
    );
    const delisted = await this.db.rows<SymbolKey>(
      tx,
      `UPDATE symbols s SET active = false, delisted_date = $2::date, updated_at = now()
       WHERE s.listing_source = $1::text AND s.active
         AND NOT EXISTS (SELECT 1 FROM universe_listing l WHERE ${join})
       ${keys}`,
      [input.source, input.asOf],
    );
    if (input.touchSeen) {
      await this.db.rows(
        tx,
        `UPDATE symbols s SET last_seen_at = now()
         FROM universe_listing l WHERE ${join} AND s.last_seen_at < now()`,
      );
    }
    const order = (a: SymbolKey, b: SymbolKey) =>
      a.provider === b.provider
        ? compareCodes(a.symbol, b.symbol)
        : compareCodes(a.provider, b.provider);
    return {
      added: added.sort(order),
      updated: updated.sort(order),
      relisted: relisted.sort(order),
      delisted: delisted.sort(order),
      listed: list.length,
    };
  }

  /** Records an applied sync. */
  async recordSync(tx: Tx, sync: Omit<UniverseSyncRecord, 'id' | 'syncedAt'>): Promise<void> {
    await this.db.rows(
      tx,
      `INSERT INTO universe_syncs (source, as_of, added, updated, delisted, relisted, unchanged, active)
       VALUES ($1, $2::date, $3, $4, $5, $6, $7, $8)`,
      [
        sync.source,
        sync.asOf,
        sync.added,
        sync.updated,
        sync.delisted,
        sync.relisted,
        sync.unchanged,
        sync.active,
      ],
    );
  }

  /** A page of the registry, ordered by provider then symbol, and the number of matching rows. */
  async list(
    filter: SymbolFilter,
    page: { limit: number; offset: number },
  ): Promise<{ items: SymbolRecord[]; total: number }> {
    const where = whereOf(filter);
    const n = where.params.length;
    const items = await this.db.rows<SymbolRecord>(
      null,
      `SELECT ${COLUMNS} FROM symbols WHERE ${where.sql}
       ORDER BY provider COLLATE "C", symbol COLLATE "C" LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...where.params, page.limit, page.offset],
    );
    const [{ total }] = await this.db.rows<{ total: number }>(
      null,
      `SELECT count(*)::int AS total FROM symbols WHERE ${where.sql}`,
      where.params,
    );
    return { items, total };
  }

  /**
   * Active symbols of one provider that match `filter`, in code order (byte order: `1309.T`,
   * `130A.T`, `1311.T`), at most `limit` of them when given.
   */
  async activeSymbols(
    filter: Omit<SymbolFilter, 'active' | 'q'> & { provider: string },
    limit?: number,
  ): Promise<string[]> {
    const where = whereOf({ ...filter, active: true });
    const n = where.params.length;
    const rows = await this.db.rows<{ symbol: string }>(
      null,
      `SELECT symbol FROM symbols WHERE ${where.sql} ORDER BY symbol COLLATE "C"
       ${limit === undefined ? '' : `LIMIT $${n + 1}`}`,
      limit === undefined ? where.params : [...where.params, limit],
    );
    return rows.map((r) => r.symbol);
  }
}

/** Byte order of two codes, as PostgreSQL's "C" collation sorts them. */
function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
