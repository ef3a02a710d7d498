/**
 * `work`, or an error once `ms` have passed without an answer. The work itself is not cancelled
 * (a command already written to Redis may still run when Redis answers again): callers leave a
 * state in which that is harmless.
 */
export async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: no answer from Redis within ${ms} ms`)),
      ms,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
    // The losing side may still reject later: that is expected, not an unhandled rejection.
    work.catch(() => undefined);
  }
}
