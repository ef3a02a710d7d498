/**
 * Routes of the contract (shared ARCHITECTURE.md) that this build of the API does not serve yet,
 * typed here in openapi-typescript's shape so the pages are written against them. Each entry
 * leaves this file when the route lands in the API (schema.d.ts then has it): `NoOverlap` below
 * fails the type check while a route is typed twice, so the generated type always wins.
 * At run time a page whose route answers 404 shows "not available on this server".
 */
import type { paths } from './schema';

/** `GET /api/coverage?format=matrix`: a cell is stored/expected sessions of a symbol on a day (or week). */
export interface CoverageMatrix {
  success: true;
  days: string[];
  symbols: (string | { symbol: string; source?: string })[];
  /** Per symbol, per day: [stored, expected], {stored, expected}, a ratio 0..1, or null (no session). */
  cells: (number | null | [number, number] | { stored: number; expected: number })[][];
  total?: number;
  page?: number;
  page_size?: number;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PendingPaths {}

/** Fails to compile while a route is both generated and pending: delete it from PendingPaths. */
type Overlap = Extract<keyof paths, keyof PendingPaths>;
export type NoOverlap = [Overlap] extends [never] ? true : { typedTwice: Overlap };
export const noOverlap: NoOverlap = true;
