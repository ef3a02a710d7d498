/**
 * One fetch as the ledger records it (`fetch_ledger`): the range asked of the provider and what
 * came back. Rides in an outcome (OutcomeInput.fetched) and is inserted by the statement or
 * transaction that records the outcome, so a ledger row exists exactly when the outcome counted.
 */
export interface FetchRecord {
  source: string;
  symbol: string;
  interval: string;
  dataType: string;
  /** Inclusive start asked for; null: from the provider's beginning (a full fetch). */
  from: Date | null;
  /** Exclusive end asked for. */
  to: Date;
  /** Rows the provider returned inside [from, to) that passed the quality check. */
  rows: number;
  firstTs: Date | null;
  lastTs: Date | null;
}

/** A ledger row to insert: the fetch and the batch (and detail) whose outcome records it. */
export interface LedgerInsert {
  detailId: string;
  batchId: number;
  fetch: FetchRecord;
}

/** The unnest column list of the ledger's parameters, in order (see ledgerParams). */
const LEDGER_UNNEST = (p: (i: number) => string): string =>
  `unnest(${p(0)}::bigint[], ${p(1)}::int[], ${p(2)}::text[], ${p(3)}::text[], ${p(4)}::text[],
          ${p(5)}::text[], ${p(6)}::timestamptz[], ${p(7)}::timestamptz[], ${p(8)}::int[],
          ${p(9)}::timestamptz[], ${p(10)}::timestamptz[])
     AS f(detail_id, batch_id, source, symbol, interval, data_type, requested_from, requested_to,
          rows_returned, first_ts, last_ts)`;

/** Parameters the ledger fragments take (11 arrays). */
export const LEDGER_PARAM_COUNT = 11;

export function ledgerParams(rows: LedgerInsert[]): unknown[] {
  const iso = (d: Date | null) => (d === null ? null : d.toISOString());
  return [
    rows.map((r) => r.detailId),
    rows.map((r) => r.batchId),
    rows.map((r) => r.fetch.source),
    rows.map((r) => r.fetch.symbol),
    rows.map((r) => r.fetch.interval),
    rows.map((r) => r.fetch.dataType),
    rows.map((r) => iso(r.fetch.from)),
    rows.map((r) => r.fetch.to.toISOString()),
    rows.map((r) => r.fetch.rows),
    rows.map((r) => iso(r.fetch.firstTs)),
    rows.map((r) => iso(r.fetch.lastTs)),
  ];
}

/**
 * `INSERT INTO fetch_ledger … SELECT … WHERE <detail_id condition>` over the ledger parameters
 * starting at `$first`: a data-modifying CTE body (or a statement) that inserts only the fetches
 * of the details `recorded` selects (e.g. `IN (SELECT id FROM claimed)`).
 */
export function ledgerInsertSql(first: number, recorded: string): string {
  return `INSERT INTO fetch_ledger (source, symbol, interval, data_type, requested_from, requested_to,
                                   rows_returned, first_ts, last_ts, batch_execution_id)
     SELECT f.source, f.symbol, f.interval, f.data_type, f.requested_from, f.requested_to,
            f.rows_returned, f.first_ts, f.last_ts, f.batch_id
     FROM ${LEDGER_UNNEST((i) => `$${first + i}`)}
     WHERE f.detail_id ${recorded}`;
}
