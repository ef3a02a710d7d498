import { useState } from 'preact/hooks';
import { api, ApiError, unwrap, type Schemas } from '../api/client';
import { Empty, ErrorState, Loading, NotAvailable } from '../components/states';
import { formatTime } from '../lib/format';
import { useLoad } from '../lib/use-load';
import { useSession } from '../session';

type AlertItem = Schemas['AlertDto'];

/** `batch:42` and `symbol:7203.T` (with `@source` or not) open their pages. */
function Subject({ subject }: { subject: string }) {
  const batch = /^batch:(\d+)$/.exec(subject);
  if (batch) return <a href={`/ui/batches/${batch[1]}`}>{subject}</a>;
  const symbol = /^symbol:([^@\s]+)/.exec(subject);
  if (symbol?.[1]) return <a href={`/ui/symbols/${encodeURIComponent(symbol[1])}`}>{subject}</a>;
  return <>{subject}</>;
}

const ORDER: Record<AlertItem['state'], number> = { firing: 0, acknowledged: 1, resolved: 2 };

/** /ui/alerts: firing alerts first, then acknowledged and resolved ones; acknowledge. */
export function AlertsPage() {
  const { canChange } = useSession();
  const alerts = useLoad(async () => {
    const page = await unwrap(api.GET('/api/alerts', { params: { query: { page_size: 200 } } }));
    return [...page.items].sort(
      (a, b) => ORDER[a.state] - ORDER[b.state] || b.last_at.localeCompare(a.last_at),
    );
  }, []);
  const [error, setError] = useState<string | null>(null);
  const ack = async (id: number) => {
    setError(null);
    try {
      await unwrap(api.POST('/api/alerts/{id}/ack', { params: { path: { id: String(id) } } }));
      alerts.reload();
    } catch (e) {
      setError(e instanceof ApiError ? `${e.code}: ${e.message}` : String(e));
    }
  };
  const firing = alerts.data?.filter((a) => a.state === 'firing').length ?? 0;
  return (
    <section>
      <div class="page-head">
        <h1>Alerts {alerts.data && <span class="muted">({firing} firing)</span>}</h1>
        <button type="button" onClick={alerts.reload}>
          Refresh
        </button>
      </div>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {alerts.state === 'error' && alerts.error.missing && (
        <NotAvailable what="Alerts" route="GET /api/alerts" />
      )}
      {alerts.state === 'error' && !alerts.error.missing && (
        <ErrorState error={alerts.error} what="the alerts" retry={alerts.reload} />
      )}
      {alerts.data === undefined && alerts.state === 'loading' && <Loading what="alerts" />}
      {alerts.data !== undefined && alerts.data.length === 0 && (
        <Empty>
          <p>
            No alert has fired. Rules are set with <code>POST /api/alert-rules</code>.
          </p>
        </Empty>
      )}
      {alerts.data !== undefined && alerts.data.length > 0 && (
        <ul class="alert-list">
          {alerts.data.map((a) => (
            <li key={a.id} class={`card alert alert-${a.state}`}>
              <div class="alert-head">
                <span
                  class={`badge tone-${a.state === 'firing' ? 'bad' : a.state === 'acknowledged' ? 'warn' : 'ok'}`}
                >
                  {a.state}
                </span>
                <strong>{a.rule_name}</strong> · {a.kind} · <Subject subject={a.subject} />
                <span class="muted small">
                  since {formatTime(a.first_at)}, last {formatTime(a.last_at)}
                </span>
              </div>
              <p>{a.message}</p>
              {canChange && a.state === 'firing' && (
                <button type="button" onClick={() => ack(a.id)}>
                  Acknowledge
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
