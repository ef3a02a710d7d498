import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client';

export type Load<T> =
  | { state: 'loading'; data?: T }
  | { state: 'ok'; data: T }
  | { state: 'error'; error: ApiError; data?: T };

/**
 * Runs `load` when `deps` change (and on reload()), keeping the last data while reloading so a
 * live page does not flash. An answer that arrives after a newer request started is dropped.
 */
export function useLoad<T>(
  load: () => Promise<T>,
  deps: unknown[],
): Load<T> & { reload: () => void; set: (data: T) => void } {
  const [result, setResult] = useState<Load<T>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  const generation = useRef(0);
  useEffect(() => {
    const mine = ++generation.current;
    setResult((r) => ({ state: 'loading', data: r.data }));
    load().then(
      (data) => mine === generation.current && setResult({ state: 'ok', data }),
      (error: unknown) =>
        mine === generation.current &&
        setResult((r) => ({
          state: 'error',
          data: r.data,
          error: error instanceof ApiError ? error : new ApiError(0, 'CLIENT', String(error)),
        })),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const set = useCallback((data: T) => setResult({ state: 'ok', data }), []);
  return { ...result, reload, set };
}
