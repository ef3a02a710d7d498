import type { ComponentChildren } from 'preact';
import type { ApiError } from '../api/client';

export function Loading({ what }: { what: string }) {
  return (
    <p class="state state-loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" /> Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <div class="state state-empty">{children}</div>;
}

export function ErrorState({
  error,
  what,
  retry,
}: {
  error: ApiError;
  what: string;
  retry?: () => void;
}) {
  return (
    <div class="state state-error" role="alert">
      <p>
        Could not load {what}: <strong>{error.code}</strong> {error.message}
      </p>
      {retry && (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** A capability of the contract this server does not offer yet (its route answers 404). */
export function NotAvailable({ what, route }: { what: string; route: string }) {
  return (
    <div class="state state-missing" role="status">
      <p>
        <strong>{what} not available on this server.</strong> The API does not serve{' '}
        <code>{route}</code> yet; this page works once it does.
      </p>
    </div>
  );
}
