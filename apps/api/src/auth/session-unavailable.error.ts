/** The session store (Redis) did not answer: a cookie cannot be checked, a session not opened. */
export class SessionUnavailableError extends Error {
  readonly clientMessage =
    'the session store (Redis) did not answer; retry shortly, or call the API with X-API-KEY';

  constructor(options?: { cause?: unknown }) {
    super(
      `session store unavailable: ${options?.cause instanceof Error ? options.cause.message : String(options?.cause)}`,
      options,
    );
    this.name = 'SessionUnavailableError';
  }
}
