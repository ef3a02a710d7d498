import { AsyncLocalStorage } from 'node:async_hooks';

/** Fields added to every log line written inside `LogContext.run` (e.g. a job's ids). */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

const storage = new AsyncLocalStorage<LogFields>();

/**
 * Log fields carried by the async context: code called inside `run` (services, repositories,
 * provider clients) logs them without passing them around. Read by the pino `mixin`.
 */
export const LogContext = {
  /** Runs `fn` with `fields` added to the current fields (inner values win). */
  run<T>(fields: LogFields, fn: () => T): T {
    const outer = storage.getStore();
    return storage.run(outer ? { ...outer, ...fields } : { ...fields }, fn);
  },

  /** The fields of the current context; empty outside `run`. */
  current(): LogFields {
    return storage.getStore() ?? {};
  },
};
