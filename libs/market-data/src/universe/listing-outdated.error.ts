/**
 * A listing older than the newest one already applied for its source: applying it would undo
 * the newer one (re-activate what it delisted, delist what it added), so the sync refuses it and
 * changes nothing.
 */
export class ListingOutdatedError extends Error {
  constructor(
    readonly source: string,
    readonly asOf: string,
    readonly lastAsOf: string,
  ) {
    super(
      `${source} listing of ${asOf} is older than the one already applied (${lastAsOf}); nothing changed`,
    );
    this.name = 'ListingOutdatedError';
  }
}
