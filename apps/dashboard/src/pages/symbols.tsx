import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { api, unwrap } from '../api/client';
import { Pager } from '../components/pager';
import { ProviderFilter } from '../components/provider-filter';
import { Empty, ErrorState, Loading, NotAvailable } from '../components/states';
import { type ProviderName } from '../lib/constants';
import { useLoad } from '../lib/use-load';

const PAGE_SIZE = 50;

/** /ui/symbols: the instrument registry, searchable and paged (GET /api/symbols). */
export function SymbolsPage() {
  const location = useLocation();
  const q = location.query.q ?? '';
  const provider = location.query.provider ?? '';
  const active = location.query.active ?? 'true';
  const page = Math.max(1, Number(location.query.page) || 1);
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);

  const go = (changes: Record<string, string | number>) => {
    const params = new URLSearchParams({ q, provider, active, page: String(page) });
    for (const [k, v] of Object.entries(changes)) params.set(k, String(v));
    for (const [k, v] of [...params]) if (v === '' || (k === 'page' && v === '1')) params.delete(k);
    const query = params.toString();
    location.route(`/ui/symbols${query ? `?${query}` : ''}`);
  };

  const list = useLoad(
    () =>
      unwrap(
        api.GET('/api/symbols', {
          params: {
            query: {
              page,
              page_size: PAGE_SIZE,
              ...(q ? { q } : {}),
              ...(provider ? { provider: provider as ProviderName } : {}),
              ...(active === 'any' ? {} : { active: active === 'true' }),
            },
          },
        }),
      ),
    [location.url],
  );

  return (
    <section>
      <h1>Symbols</h1>
      <form
        class="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          go({ q: text.trim(), page: 1 });
        }}
      >
        <label>
          Search
          <input
            type="search"
            value={text}
            placeholder="symbol or name"
            onInput={(e) => setText(e.currentTarget.value)}
          />
        </label>
        <ProviderFilter value={provider} onChange={(p) => go({ provider: p, page: 1 })} />
        <label>
          Listed
          <select value={active} onChange={(e) => go({ active: e.currentTarget.value, page: 1 })}>
            <option value="true">active</option>
            <option value="false">delisted</option>
            <option value="any">both</option>
          </select>
        </label>
        <button type="submit">Search</button>
      </form>
      {list.state === 'error' && list.error.missing && (
        <NotAvailable what="The symbol registry" route="GET /api/symbols" />
      )}
      {list.state === 'error' && !list.error.missing && (
        <ErrorState error={list.error} what="the symbols" retry={list.reload} />
      )}
      {list.data === undefined && list.state === 'loading' && <Loading what="symbols" />}
      {list.data !== undefined && list.data.total === 0 && (
        <Empty>
          <p>
            {q ? `No symbol matches “${q}”.` : 'The registry is empty: sync a universe first'}{' '}
            {!q && <code>npm run universe -- sync jpx</code>}
          </p>
        </Empty>
      )}
      {list.data !== undefined && list.data.total > 0 && (
        <>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Symbol</th>
                  <th scope="col">Name</th>
                  <th scope="col">Provider</th>
                  <th scope="col">Exchange</th>
                  <th scope="col">Segment</th>
                  <th scope="col">Industry</th>
                  <th scope="col">Class</th>
                  <th scope="col">Listed</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((s) => (
                  <tr key={`${s.provider}:${s.symbol}`}>
                    <td>
                      <a
                        href={`/ui/symbols/${encodeURIComponent(s.symbol)}?source=${encodeURIComponent(s.provider)}`}
                      >
                        {s.symbol}
                      </a>
                    </td>
                    <td>{s.name ?? ''}</td>
                    <td>{s.provider}</td>
                    <td>{s.exchange ?? ''}</td>
                    <td>{s.market_segment ?? ''}</td>
                    <td>{s.industry_name ?? s.industry_code ?? ''}</td>
                    <td>{s.asset_class ?? ''}</td>
                    <td>{s.active ? 'active' : `delisted ${s.delisted_date ?? ''}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            label="Symbol pages"
            page={page}
            pageSize={PAGE_SIZE}
            total={list.data.total}
            onPage={(p) => go({ page: p })}
          />
        </>
      )}
    </section>
  );
}
