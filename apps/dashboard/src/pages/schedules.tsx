import { useState } from 'preact/hooks';
import { api, ApiError, unwrap } from '../api/client';
import { Empty, ErrorState, Loading } from '../components/states';
import { INTERVALS, PROVIDERS } from '../lib/constants';
import type { IntervalName, ProviderName } from '../lib/constants';
import { formatTime } from '../lib/format';
import { useLoad } from '../lib/use-load';
import { useSession } from '../session';
import { parseSymbols } from './new-batch';

function CreateSchedule({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState('');
  const [cron, setCron] = useState('0 18 * * 1-5');
  const [timezone, setTimezone] = useState('UTC');
  const [symbols, setSymbols] = useState('');
  const [provider, setProvider] = useState<ProviderName>('synthetic');
  const [interval, setInterval] = useState<IntervalName>('1d');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await unwrap(
        api.POST('/api/schedules', {
          body: {
            cron,
            timezone,
            ...(name.trim() ? { name: name.trim() } : {}),
            batch: { symbols: parseSymbols(symbols), interval, provider, mode: 'incremental' },
          },
        }),
      );
      setSymbols('');
      setName('');
      onCreated();
    } catch (e) {
      setError(e instanceof ApiError ? `${e.code}: ${e.message}` : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card form-grid" onSubmit={submit} aria-label="Create a schedule">
      <h2 class="span-2">New schedule</h2>
      <div class="field">
        <label for="schedule-name">Name</label>
        <input id="schedule-name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="schedule-cron">Cron</label>
        <input
          id="schedule-cron"
          required
          value={cron}
          onInput={(e) => setCron(e.currentTarget.value)}
          aria-describedby="cron-help"
        />
        <p id="cron-help" class="muted small">
          5 fields (6 with seconds first) or @daily, @hourly…
        </p>
      </div>
      <div class="field">
        <label for="schedule-tz">Time zone</label>
        <input
          id="schedule-tz"
          value={timezone}
          onInput={(e) => setTimezone(e.currentTarget.value)}
          placeholder="Asia/Tokyo"
        />
      </div>
      <div class="field">
        <label for="schedule-provider">Provider</label>
        <select
          id="schedule-provider"
          value={provider}
          onChange={(e) => setProvider(e.currentTarget.value as ProviderName)}
        >
          {PROVIDERS.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="schedule-interval">Interval</label>
        <select
          id="schedule-interval"
          value={interval}
          onChange={(e) => setInterval(e.currentTarget.value as IntervalName)}
        >
          {INTERVALS.map((i) => (
            <option key={i}>{i}</option>
          ))}
        </select>
      </div>
      <div class="field span-2">
        <label for="schedule-symbols">Symbols of each run</label>
        <textarea
          id="schedule-symbols"
          rows={3}
          required
          value={symbols}
          onInput={(e) => setSymbols(e.currentTarget.value)}
        />
      </div>
      {error && (
        <p class="form-error span-2" role="alert">
          {error}
        </p>
      )}
      <div class="span-2 actions">
        <button type="submit" class="primary" disabled={busy}>
          Create schedule
        </button>
      </div>
    </form>
  );
}

/** /ui/schedules: every schedule with its next and last run; create and delete (admin). */
export function SchedulesPage() {
  const { canChange } = useSession();
  const list = useLoad(() => unwrap(api.GET('/api/schedules')), []);
  const [error, setError] = useState<string | null>(null);
  const remove = async (id: number, label: string) => {
    if (!confirm(`Delete the schedule ${label}? Batches it started stay.`)) return;
    setError(null);
    try {
      await unwrap(api.DELETE('/api/schedules/{id}', { params: { path: { id: String(id) } } }));
      list.reload();
    } catch (e) {
      setError(e instanceof ApiError ? `${e.code}: ${e.message}` : String(e));
    }
  };
  return (
    <section>
      <h1>Schedules</h1>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {list.state === 'error' && (
        <ErrorState error={list.error} what="the schedules" retry={list.reload} />
      )}
      {list.data === undefined && list.state === 'loading' && <Loading what="schedules" />}
      {list.data !== undefined && list.data.total === 0 && (
        <Empty>
          <p>No schedule yet.{canChange && ' Create one below.'}</p>
        </Empty>
      )}
      {list.data !== undefined && list.data.total > 0 && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Cron</th>
                <th scope="col">Zone</th>
                <th scope="col">Runs</th>
                <th scope="col">Next run</th>
                <th scope="col">Last run</th>
                <th scope="col">Last batch</th>
                {canChange && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((s) => {
                const batch = s.batch as {
                  symbols?: string[];
                  interval?: string;
                  provider?: string;
                };
                return (
                  <tr key={s.id}>
                    <td>{s.name ?? `#${s.id}`}</td>
                    <td>
                      <code>{s.cron}</code>
                    </td>
                    <td>{s.timezone}</td>
                    <td>
                      {batch === null
                        ? `universe sync: ${s.universe_sync?.source ?? '?'}`
                        : `${batch.symbols ? `${batch.symbols.length} symbols` : 'universe'} · ${batch.interval} · ${batch.provider ?? 'default'}`}
                      {s.last_error && <div class="form-error small">{s.last_error}</div>}
                    </td>
                    <td class="nowrap">{formatTime(s.next_run_at)}</td>
                    <td class="nowrap">{formatTime(s.last_run_at)}</td>
                    <td>
                      {s.last_batch_id !== null ? (
                        <a href={`/ui/batches/${s.last_batch_id}`}>#{s.last_batch_id}</a>
                      ) : (
                        '—'
                      )}
                    </td>
                    {canChange && (
                      <td>
                        <button
                          type="button"
                          class="danger"
                          onClick={() => remove(s.id, s.name ?? `#${s.id}`)}
                        >
                          Delete
                        </button>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {canChange && <CreateSchedule onCreated={list.reload} />}
    </section>
  );
}
