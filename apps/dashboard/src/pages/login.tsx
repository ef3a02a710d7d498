import { useState } from 'preact/hooks';
import { api, ApiError, unwrap } from '../api/client';
import type { SessionInfo } from '../session';

/** /ui/login: an API key in, the session cookie out (HttpOnly: the page never sees it). */
export function LoginPage({ onSignedIn }: { onSignedIn: (info: SessionInfo) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const s = await unwrap(api.POST('/api/session', { body: { api_key: key } }));
      onSignedIn({ role: s.role === 'admin' ? 'admin' : 'read', csrfToken: s.csrf_token });
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 401
          ? 'That key is not one of the API keys of this server.'
          : e instanceof ApiError
            ? `${e.code}: ${e.message}`
            : String(e),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main" class="login">
      <form class="card login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">
          <img src="/ui/favicon.svg" alt="" width={28} height={28} /> market-ingest
        </h1>
        <p class="muted">Sign in with one of the server's API keys (API_KEYS).</p>
        <label for="api-key">API key</label>
        <input
          id="api-key"
          name="api_key"
          type="password"
          autocomplete="current-password"
          required
          value={key}
          onInput={(e) => setKey(e.currentTarget.value)}
          aria-invalid={error !== null}
          aria-describedby={error !== null ? 'login-error' : undefined}
        />
        {error !== null && (
          <p id="login-error" class="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy || key === ''}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
