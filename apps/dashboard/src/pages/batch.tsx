import { useRef, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso/router';
import { api, ApiError, unwrap, type Detail, type Schemas } from '../api/client';

type BatchAnswer = Schemas['BatchResponseDto'];
import { Pager } from '../components/pager';
import { ProgressBar } from '../components/progress-bar';
import { Empty, ErrorState, Loading } from '../components/states';
import { StatusBadge } from '../components/status-badge';
import { DETAIL_STATUSES, isTerminal, type DetailStatus } from '../lib/constants';
import { useEventStream } from '../lib/events';
import { batchDuration, formatCount, formatTime, statusTone } from '../lib/format';
import { useLoad } from '../lib/use-load';
import { useSession } from '../session';

const FAILED_PAGE = 200;
const ALL_PAGE = 100;

type Action = 'stop' | 'pause' | 'resume' | 'retry-failed';

function DetailsTable({ items, caption }: { items: Detail[]; caption: string }) {
  return (
    <div class="table-wrap">
      <table>
        <caption class="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Symbol</th>
            <th scope="col">Status</th>
            <th scope="col">Error</th>
            <th scope="col">Attempts</th>
            <th scope="col">Round</th>
            <th scope="col">Rows</th>
            <th scope="col">Ended</th>
          </tr>
        </thead>
        <tbody>
          {items.map((d) => (
            <tr key={d.id} class={d.status === 'failed' ? 'row-failed' : undefined}>
              <td>
                <a href={`/ui/symbols/${encodeURIComponent(d.symbol)}`}>{d.symbol}</a>
              </td>
              <td>
                <StatusBadge status={d.status} />
              </td>
              <td class="error-text">{d.error_message ?? ''}</td>
              <td>{d.attempts}</td>
              <td>{d.retry_round}</td>
              <td>{formatCount(d.records_inserted)}</td>
              <td class="nowrap">{formatTime(d.end_time)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function BatchPage() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const { canChange } = useSession();
  const batch = useLoad(
    () => unwrap(api.GET('/api/batches/{id}', { params: { path: { id } } })),
    [id],
  );
  const [failedPage, setFailedPage] = useState(1);
  const [allPage, setAllPage] = useState(1);
  const [filter, setFilter] = useState('');
  const [detailsTick, setDetailsTick] = useState(0);
  const failed = useLoad(
    () =>
      unwrap(
        api.GET('/api/batches/{id}/details', {
          params: {
            path: { id },
            query: { status: ['failed'], page: failedPage, page_size: FAILED_PAGE },
          },
        }),
      ),
    [id, failedPage, detailsTick],
  );
  const all = useLoad(
    () =>
      unwrap(
        api.GET('/api/batches/{id}/details', {
          params: {
            path: { id },
            query: {
              page: allPage,
              page_size: ALL_PAGE,
              ...(filter ? { status: [filter as DetailStatus] } : {}),
            },
          },
        }),
      ),
    [id, allPage, filter, detailsTick],
  );

  // Live: the batch's own event stream; the symbol tables follow at most once every 2 s.
  const pending = useRef<number | undefined>(undefined);
  const refreshDetails = (now = false) => {
    if (now) {
      window.clearTimeout(pending.current);
      pending.current = undefined;
      setDetailsTick((t) => t + 1);
      return;
    }
    if (pending.current !== undefined) return;
    pending.current = window.setTimeout(() => {
      pending.current = undefined;
      setDetailsTick((t) => t + 1);
    }, 2000);
  };
  const view = batch.data;
  const following = view !== undefined && !isTerminal(view.status);
  useEventStream(following ? `/api/batches/${encodeURIComponent(id)}/events` : null, {
    progress: (data) => {
      batch.set(data as BatchAnswer);
      refreshDetails();
    },
    end: (data) => {
      batch.set(data as BatchAnswer);
      refreshDetails(true);
    },
  });

  const [acting, setActing] = useState<Action | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const act = async (action: Action) => {
    setActing(action);
    setActionError(null);
    setNotice(null);
    try {
      const path = { params: { path: { id } } };
      if (action === 'retry-failed') {
        const result = await unwrap(api.POST('/api/batches/{id}/retry-failed', path));
        batch.set(result);
        setNotice(`Retrying ${formatCount(result.retried)} failed symbols in a new round.`);
      } else {
        const result =
          action === 'stop'
            ? await unwrap(api.POST('/api/bulk/stop/{id}', path))
            : action === 'pause'
              ? await unwrap(api.POST('/api/bulk/pause/{id}', path))
              : await unwrap(api.POST('/api/bulk/resume/{id}', path));
        batch.set(result);
      }
      refreshDetails(true);
    } catch (e) {
      setActionError(e instanceof ApiError ? `${e.code}: ${e.message}` : String(e));
    } finally {
      setActing(null);
    }
  };

  if (view === undefined) {
    if (batch.state === 'error') {
      return (
        <section>
          <h1>Batch {id}</h1>
          <ErrorState error={batch.error} what="the batch" retry={batch.reload} />
        </section>
      );
    }
    return <Loading what={`batch ${id}`} />;
  }
  const p = view.progress;
  const s = view.status;
  const can = {
    stop: ['running', 'paused'].includes(s),
    pause: s === 'running',
    resume: s === 'paused',
    retry: p.failed > 0 && ['running', 'paused', 'completed_with_errors', 'failed'].includes(s),
  };
  const params_ = view.params as Record<string, unknown>;
  return (
    <section>
      <div class="page-head">
        <h1>
          Batch #{view.batch_db_id} <span class="muted small">{view.job_id}</span>
        </h1>
        <a href="/ui/batches">← All batches</a>
      </div>
      <div class="card batch-summary">
        <div class="summary-line">
          <span>
            Status: <StatusBadge status={s} id="batch-status" />
          </span>
          <span>
            {formatCount(p.processed)} of {formatCount(p.total)} processed ·{' '}
            <span class="ok">{formatCount(p.successful)} succeeded</span> ·{' '}
            <span class={p.failed > 0 ? 'bad' : undefined}>{formatCount(p.failed)} failed</span>
          </span>
        </div>
        <ProgressBar
          percent={p.percent}
          label={`Batch ${view.batch_db_id} progress`}
          tone={statusTone(s)}
        />
        <dl class="facts">
          <div>
            <dt>Provider</dt>
            <dd>{view.provider}</dd>
          </div>
          <div>
            <dt>Interval</dt>
            <dd>{view.interval}</dd>
          </div>
          <div>
            <dt>Type</dt>
            <dd>{view.batch_type}</dd>
          </div>
          <div>
            <dt>Mode</dt>
            <dd>{String(params_.mode ?? '—')}</dd>
          </div>
          <div>
            <dt>Range</dt>
            <dd>
              {String(params_.from ?? '…')} → {String(params_.to ?? 'now')}
            </dd>
          </div>
          <div>
            <dt>Created</dt>
            <dd>{formatTime(view.created_at)}</dd>
          </div>
          <div>
            <dt>Took</dt>
            <dd>{batchDuration(view.start_time, view.end_time)}</dd>
          </div>
        </dl>
        {view.error_message && <p class="form-error">{view.error_message}</p>}
        {canChange && (
          <div class="actions" role="group" aria-label="Batch actions">
            <button
              type="button"
              disabled={!can.pause || acting !== null}
              onClick={() => act('pause')}
            >
              Pause
            </button>
            <button
              type="button"
              disabled={!can.resume || acting !== null}
              onClick={() => act('resume')}
            >
              Resume
            </button>
            <button
              type="button"
              class="danger"
              disabled={!can.stop || acting !== null}
              onClick={() => {
                if (confirm(`Stop batch #${view.batch_db_id}? Its queued symbols are cancelled.`)) {
                  void act('stop');
                }
              }}
            >
              Stop
            </button>
            <button
              type="button"
              class="primary"
              disabled={!can.retry || acting !== null}
              onClick={() => act('retry-failed')}
            >
              Retry failed
            </button>
          </div>
        )}
        {actionError && (
          <p class="form-error" role="alert">
            {actionError}
          </p>
        )}
        {notice && (
          <p class="notice" role="status">
            {notice}
          </p>
        )}
      </div>

      <h2>
        Failed symbols{' '}
        {failed.data && <span class="muted">({formatCount(failed.data.total)})</span>}
      </h2>
      {failed.state === 'error' && (
        <ErrorState error={failed.error} what="the failed symbols" retry={failed.reload} />
      )}
      {failed.data === undefined && failed.state === 'loading' && <Loading what="failed symbols" />}
      {failed.data !== undefined && failed.data.total === 0 && (
        <Empty>
          <p>No symbol has failed{isTerminal(s) ? '.' : ' so far.'}</p>
        </Empty>
      )}
      {failed.data !== undefined && failed.data.total > 0 && (
        <>
          <DetailsTable items={failed.data.items} caption="Failed symbols and their errors" />
          {failed.data.total > FAILED_PAGE && (
            <Pager
              label="Failed symbol pages"
              page={failedPage}
              pageSize={FAILED_PAGE}
              total={failed.data.total}
              onPage={setFailedPage}
            />
          )}
        </>
      )}

      <div class="page-head">
        <h2>All symbols</h2>
        <label class="inline">
          Show
          <select
            value={filter}
            onChange={(e) => {
              setFilter(e.currentTarget.value);
              setAllPage(1);
            }}
          >
            <option value="">every status</option>
            {DETAIL_STATUSES.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
      </div>
      {all.state === 'error' && (
        <ErrorState error={all.error} what="the symbols" retry={all.reload} />
      )}
      {all.data === undefined && all.state === 'loading' && <Loading what="symbols" />}
      {all.data !== undefined && all.data.total === 0 && (
        <Empty>
          <p>No symbol with this status.</p>
        </Empty>
      )}
      {all.data !== undefined && all.data.total > 0 && (
        <>
          <DetailsTable items={all.data.items} caption="Symbols of the batch" />
          <Pager
            label="Symbol pages"
            page={allPage}
            pageSize={ALL_PAGE}
            total={all.data.total}
            onPage={setAllPage}
          />
        </>
      )}
    </section>
  );
}
