/**
 * Routes of the contract (shared ARCHITECTURE.md) that this build of the API does not serve yet,
 * typed here in openapi-typescript's shape so the pages are written against them. Each entry
 * leaves this file when the route lands in the API (schema.d.ts then has it): `NoOverlap` below
 * fails the type check while a route is typed twice, so the generated type always wins.
 * At run time a page whose route answers 404 shows "not available on this server".
 *
 * None today: `GET /api/coverage` (issue 15) was the last, and is generated now.
 */
import type { paths } from './schema';

// An entry looks like:
//   '/api/thing': { get: { parameters: { query?: {…}; header?: never; path?: never;
//     cookie?: never }; requestBody?: never; responses: { 200: { content: {
//     'application/json': ThingAnswer } } } } };
export type PendingPaths = Record<never, never>;

/** Fails to compile while a route is both generated and pending: delete it from PendingPaths. */
type Overlap = Extract<keyof paths, keyof PendingPaths>;
export type NoOverlap = [Overlap] extends [never] ? true : { typedTwice: Overlap };
export const noOverlap: NoOverlap = true;
