import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { api, unwrap, type Batch } from '../api/client';
import { Pager } from '../components/pager';
import { ProviderFilter } from '../components/provider-filter';
import { ProgressBar } from '../components/progress-bar';
import { Empty, ErrorState, Loading } from '../components/states';
import { StatusBadge } from '../components/status-badge';
import { BATCH_STATUSES, isTerminal, type BatchStatus, type ProviderName } from '../lib/constants';
import { useEventStream } from '../lib/events';
import { batchDuration, formatCount, formatTime, statusTone } from '../lib/format';
import { useLoad } from '../lib/use-load';
import { useSession } from '../session';

const PAGE_SIZE = 50;

interface Filters {
  status: string;
  type: string;
  provider: string;
  from: string;
  to: string;
  page: number;
}

function readFilters(query: Record<string, string>): Filters {
  return {
    status: query.status ?? '',
    type: query.type ?? '',
    provider: query.provider ?? '',
    from: query.from ?? '',
    to: query.to ?? '',
    page: Math.max(1, Number(query.page) || 1),
  };
}

function toQuery(f: Filters): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) {
    if (v !== '' && !(k === 'page' && v === 1)) params.set(k, String(v));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** One row of the history, kept live by the page's single event stream. */
function BatchRow({ batch }: { batch: Batch }) {
  const p = batch.progress;
  return (
    <tr>
      <td>
        <a href={`/ui/batches/${batch.batch_db_id}`}>#{batch.batch_db_id}</a>
      </td>
      <td>
        <StatusBadge status={batch.status} />
      </td>
      <td class="progress-cell">
        <ProgressBar
          percent={p.percent}
          label={`Batch ${batch.batch_db_id} progress`}
          tone={statusTone(batch.status)}
        />
        <span class="muted small">
          {formatCount(p.processed)} / {formatCount(p.total)}
          {p.failed > 0 && <span class="bad"> · {formatCount(p.failed)} failed</span>}
        </span>
      </td>
      <td>{batch.batch_type}</td>
      <td>{batch.provider}</td>
      <td>{batch.interval}</td>
      <td class="nowrap">{formatTime(batch.created_at)}</td>
      <td class="nowrap">{batchDuration(batch.start_time, batch.end_time)}</td>
    </tr>
  );
}

export function BatchesPage() {
  const location = useLocation();
  const { canChange } = useSession();
  const filters = readFilters(location.query);
  const [draft, setDraft] = useState(filters);
  useEffect(() => setDraft(readFilters(location.query)), [location.url]); // eslint-disable-line react-hooks/exhaustive-deps

  const list = useLoad(
    () =>
      unwrap(
        api.GET('/api/batches', {
          params: {
            query: {
              page: filters.page,
              page_size: PAGE_SIZE,
              ...(filters.status ? { status: [filters.status as BatchStatus] } : {}),
              ...(filters.type ? { type: filters.type } : {}),
              ...(filters.provider ? { provider: filters.provider as ProviderName } : {}),
              ...(filters.from ? { from: new Date(filters.from).toISOString() } : {}),
              ...(filters.to ? { to: new Date(filters.to).toISOString() } : {}),
            },
          },
        }),
      ),
    [location.url],
  );

  // Live rows: the page's running batches over one stream (not one per row, no polling).
  const [live, setLive] = useState<Map<number, Batch>>(new Map());
  useEffect(() => setLive(new Map()), [list.data]);
  const rows = useMemo(
    () => (list.data?.items ?? []).map((b) => live.get(b.batch_db_id) ?? b),
    [list.data, live],
  );
  const openIds = (list.data?.items ?? [])
    .filter((b) => !isTerminal(b.status))
    .map((b) => b.batch_db_id);
  const streamUrl = list.data ? `/api/batches/events?ids=${openIds.join(',')}` : null;
  const refresh = useRef<number | undefined>(undefined);
  useEventStream(streamUrl, {
    progress: (data) => {
      const batch = data as Batch;
      setLive((m) => new Map(m).set(batch.batch_db_id, batch));
    },
    created: () => {
      // A newer batch: the first page shows it (at most one reload a second).
      if (filters.page !== 1 || refresh.current !== undefined) return;
      refresh.current = window.setTimeout(() => {
        refresh.current = undefined;
        list.reload();
      }, 1000);
    },
  });
  useEffect(() => () => window.clearTimeout(refresh.current), []);

  // For the `ui` bench: when the rows of a loaded page are on screen.
  useEffect(() => {
    if (list.data !== undefined) performance.mark('batches-rendered');
  }, [list.data]);

  const apply = (event: Event) => {
    event.preventDefault();
    location.route(`/ui/batches${toQuery({ ...draft, page: 1 })}`);
  };

  return (
    <section>
      <div class="page-head">
        <h1>Batches</h1>
        {canChange && (
          <a class="button primary" href="/ui/batches/new">
            Start a batch
          </a>
        )}
      </div>
      <form class="filters" onSubmit={apply} aria-label="Filter batches">
        <label>
          Status
          <select
            value={draft.status}
            onChange={(e) => setDraft({ ...draft, status: e.currentTarget.value })}
          >
            <option value="">any</option>
            {BATCH_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Type
          <select
            value={draft.type}
            onChange={(e) => setDraft({ ...draft, type: e.currentTarget.value })}
          >
            <option value="">any</option>
            {['bulk', 'universe', 'scheduled', 'backfill'].map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <ProviderFilter
          value={draft.provider}
          onChange={(p) => setDraft({ ...draft, provider: p })}
        />
        <label>
          Created from
          <input
            type="date"
            value={draft.from}
            onInput={(e) => setDraft({ ...draft, from: e.currentTarget.value })}
          />
        </label>
        <label>
          Created before
          <input
            type="date"
            value={draft.to}
            onInput={(e) => setDraft({ ...draft, to: e.currentTarget.value })}
          />
        </label>
        <button type="submit">Apply</button>
        {location.url !== '/ui/batches' && (
          <a class="button ghost" href="/ui/batches">
            Clear
          </a>
        )}
      </form>
      {list.state === 'error' && (
        <ErrorState error={list.error} what="the batches" retry={list.reload} />
      )}
      {list.data === undefined && list.state === 'loading' && <Loading what="batches" />}
      {list.data !== undefined && list.data.total === 0 && (
        <Empty>
          <p>
            {location.url === '/ui/batches'
              ? 'No batch has run yet.'
              : 'No batch matches these filters.'}{' '}
            {canChange && <a href="/ui/batches/new">Start one</a>}
          </p>
        </Empty>
      )}
      {list.data !== undefined && list.data.total > 0 && (
        <>
          <div class="table-wrap">
            <table class="batches" aria-busy={list.state === 'loading'}>
              <thead>
                <tr>
                  <th scope="col">Batch</th>
                  <th scope="col">Status</th>
                  <th scope="col">Progress</th>
                  <th scope="col">Type</th>
                  <th scope="col">Provider</th>
                  <th scope="col">Interval</th>
                  <th scope="col">Created</th>
                  <th scope="col">Took</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((b) => (
                  <BatchRow key={b.batch_db_id} batch={b} />
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            label="Batch history pages"
            page={filters.page}
            pageSize={PAGE_SIZE}
            total={list.data.total}
            onPage={(page) => location.route(`/ui/batches${toQuery({ ...filters, page })}`)}
          />
        </>
      )}
    </section>
  );
}
