import { useEffect, useRef } from 'preact/hooks';

export type EventHandlers = Record<string, (data: unknown) => void>;

/**
 * Follows a server-sent stream of the API (EventSource sends the session cookie, same origin).
 * `url` null: nothing to follow. The browser reconnects by itself after a dropped connection; a
 * stream the server ended (`end`) is closed here so it is not reopened.
 */
export function useEventStream(url: string | null, handlers: EventHandlers): void {
  const current = useRef(handlers);
  current.current = handlers;
  useEffect(() => {
    if (url === null) return;
    const source = new EventSource(url, { withCredentials: true });
    const names = Object.keys(current.current);
    const listeners = names.map((name) => {
      const listener = (event: MessageEvent<string>) => {
        let data: unknown;
        try {
          data = JSON.parse(event.data);
        } catch {
          data = event.data;
        }
        current.current[name]?.(data);
        if (name === 'end') source.close();
      };
      source.addEventListener(name, listener as EventListener);
      return [name, listener] as const;
    });
    return () => {
      for (const [name, listener] of listeners) {
        source.removeEventListener(name, listener as EventListener);
      }
      source.close();
    };
  }, [url]);
}
