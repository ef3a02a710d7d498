import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { applyTheme, initialTheme, type Theme } from '../lib/theme';
import { useSession } from '../session';

const NAV: { href: string; label: string; adminOnly?: boolean }[] = [
  { href: '/ui/batches', label: 'Batches' },
  { href: '/ui/batches/new', label: 'Start a batch', adminOnly: true },
  { href: '/ui/symbols', label: 'Symbols' },
  { href: '/ui/coverage', label: 'Coverage' },
  { href: '/ui/alerts', label: 'Alerts' },
  { href: '/ui/schedules', label: 'Schedules' },
];

function current(path: string, href: string): boolean {
  if (href === '/ui/batches') return path === href || /^\/ui\/batches\/\d+/.test(path);
  return path === href || (href !== '/ui/batches/new' && path.startsWith(`${href}/`));
}

export function Layout({ children }: { children: ComponentChildren }) {
  const { path } = useLocation();
  const { session, canChange, signOut } = useSession();
  const [theme, setTheme] = useState<Theme>(initialTheme());
  const [signingOut, setSigningOut] = useState(false);
  const toggle = () => {
    const next = theme === 'dark' ? 'light' : 'dark';
    applyTheme(next, true);
    setTheme(next);
  };
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href="/ui/batches">
          <img src="/ui/favicon.svg" alt="" width={22} height={22} /> market-ingest
        </a>
        <nav aria-label="Main">
          <ul>
            {NAV.filter((n) => canChange || !n.adminOnly).map((n) => (
              <li key={n.href}>
                <a href={n.href} aria-current={current(path, n.href) ? 'page' : undefined}>
                  {n.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="top-actions">
          <span class="role" title="The role of the key you signed in with">
            {session.role === 'admin' ? 'admin' : 'read-only'}
          </span>
          <button
            type="button"
            class="ghost"
            onClick={toggle}
            aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
          >
            {theme === 'dark' ? '☀ Light' : '☾ Dark'}
          </button>
          <button
            type="button"
            class="ghost"
            disabled={signingOut}
            onClick={() => {
              setSigningOut(true);
              signOut().finally(() => setSigningOut(false));
            }}
          >
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
