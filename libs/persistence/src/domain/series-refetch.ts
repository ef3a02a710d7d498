/**
 * A symbol's stored history fetched again in full (issue 15, "Splits"): why, and what it replaced.
 * Stored as `batch_execution_details.refetch` (jsonb) and shown by the batch details route.
 */

/** What made the history be fetched again. */
export const REFETCH_REASONS = ['new_split', 'overlap_mismatch'] as const;
export type RefetchReason = (typeof REFETCH_REASONS)[number];

/** A split as the refetch names it (`numerator`:`denominator`, e.g. 4:1). */
export interface RefetchSplit {
  ts: Date;
  numerator: number;
  denominator: number;
}

/** What the fetch asks the outcome to do with the series' stored candles. */
export interface RefetchRequest {
  reasons: RefetchReason[];
  /** One sentence per reason, e.g. "a 4:1 split on 2020-08-31 not known to the stored history". */
  message: string;
  /** The new splits: stored candles older than the provider's history are adjusted by them. */
  splits: RefetchSplit[];
  /** End (exclusive) of the full fetch: stored candles in [first fetched, to) it lacks go. */
  to: Date;
}

/** `batch_execution_details.refetch`. */
export interface SeriesRefetch {
  reasons: RefetchReason[];
  message: string;
  splits: { ts: string; numerator: number; denominator: number }[];
  /** Candles the full fetch returned (each stored, or already stored the same). */
  candles: number;
  /** Stored candles inside the fetched range that the provider no longer has: deleted. */
  deleted: number;
  /** Stored candles older than the provider's history, put on its basis by the new splits. */
  adjusted: number;
  /** Stored candles older than the provider's history left as they were (no split to adjust by). */
  kept: number;
}
