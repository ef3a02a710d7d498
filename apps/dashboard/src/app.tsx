import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import lazy, { ErrorBoundary } from 'preact-iso/lazy';
import { LocationProvider, Route, Router, useLocation } from 'preact-iso/router';
import { api, setCsrfToken, unwrap, whenUnauthorized } from './api/client';
import { Layout } from './components/layout';
import { Loading } from './components/states';
import { AlertsPage } from './pages/alerts';
import { BatchPage } from './pages/batch';
import { BatchesPage } from './pages/batches';
import { LoginPage } from './pages/login';
import { NewBatchPage } from './pages/new-batch';
import { NotFoundPage } from './pages/not-found';
import { SchedulesPage } from './pages/schedules';
import { SymbolsPage } from './pages/symbols';
import { SessionContext, type SessionApi, type SessionInfo } from './session';

// The two pages that draw (lightweight-charts, the heatmap) load when first opened, so the first
// load of /ui/ carries neither.
const loadSymbol = () => import('./pages/symbol');
const loadCoverage = () => import('./pages/coverage');
const SymbolPage = lazy(() => loadSymbol().then((m) => m.SymbolPage));
const CoveragePage = lazy(() => loadCoverage().then((m) => m.CoveragePage));
// Opened straight at one of them: fetch its code while the session is checked, not after.
if (location.pathname.startsWith('/ui/symbols/')) void loadSymbol();
if (location.pathname.startsWith('/ui/coverage')) void loadCoverage();

const LOGIN = '/ui/login';

function Redirect({ to }: { to: string }) {
  const { route } = useLocation();
  useEffect(() => route(to, true), [to, route]);
  return null;
}

function Shell() {
  const location = useLocation();
  // undefined: still asking the API who we are; null: signed out.
  const [session, setSession] = useState<SessionInfo | null | undefined>(undefined);

  const signedIn = useCallback((info: SessionInfo) => {
    setCsrfToken(info.csrfToken);
    setSession(info);
  }, []);

  useEffect(() => {
    whenUnauthorized(() => {
      setCsrfToken(null);
      setSession(null);
    });
    unwrap(api.GET('/api/session')).then(
      (s) => signedIn({ role: s.role === 'admin' ? 'admin' : 'read', csrfToken: s.csrf_token }),
      () => setSession(null),
    );
  }, [signedIn]);

  const onLogin = location.path === LOGIN;
  useEffect(() => {
    if (session === null && !onLogin) {
      const next = location.url === '/ui/' || location.url === '/ui' ? '' : location.url;
      location.route(next ? `${LOGIN}?next=${encodeURIComponent(next)}` : LOGIN, true);
    }
  }, [session, onLogin, location]);

  const sessionApi = useMemo<SessionApi | null>(
    () =>
      session
        ? {
            session,
            canChange: session.role === 'admin',
            signOut: async () => {
              await unwrap(api.DELETE('/api/session'));
              setCsrfToken(null);
              setSession(null);
            },
          }
        : null,
    [session],
  );

  if (onLogin) {
    return (
      <LoginPage
        onSignedIn={(info) => {
          signedIn(info);
          const next = location.query.next;
          location.route(next && next.startsWith('/ui/') ? next : '/ui/batches', true);
        }}
      />
    );
  }
  if (sessionApi === null) return <Loading what="your session" />;
  return (
    <SessionContext.Provider value={sessionApi}>
      <Layout>
        <ErrorBoundary>
          <Router>
            <Route path="/ui/batches" component={BatchesPage} />
            <Route path="/ui/batches/new" component={NewBatchPage} />
            <Route path="/ui/batches/:id" component={BatchPage} />
            <Route path="/ui/symbols" component={SymbolsPage} />
            <Route path="/ui/symbols/:symbol" component={SymbolPage} />
            <Route path="/ui/coverage" component={CoveragePage} />
            <Route path="/ui/alerts" component={AlertsPage} />
            <Route path="/ui/schedules" component={SchedulesPage} />
            <Route path="/ui/" component={() => <Redirect to="/ui/batches" />} />
            <Route default component={NotFoundPage} />
          </Router>
        </ErrorBoundary>
      </Layout>
    </SessionContext.Provider>
  );
}

export function App() {
  return (
    <LocationProvider scope="/ui">
      <Shell />
    </LocationProvider>
  );
}
