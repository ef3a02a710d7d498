/** A provider name that the registry does not have. */
export class UnknownProviderError extends Error {
  constructor(
    readonly provider: string,
    known: string[],
  ) {
    super(`unknown market-data provider "${provider}"; known: ${known.join(', ')}`);
    this.name = 'UnknownProviderError';
  }
}
