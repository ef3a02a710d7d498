import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { api, ApiError, unwrap, type StartBatchBody } from '../api/client';
import { INTERVALS, MODES, PROVIDERS } from '../lib/constants';
import type { IntervalName, ModeName, ProviderName } from '../lib/constants';
import { useSession } from '../session';

/** Splits what was typed or pasted (spaces, commas, new lines) into symbols. */
export function parseSymbols(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const list = (text: string): string[] | undefined => {
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length ? items : undefined;
};

export function NewBatchPage() {
  const { route } = useLocation();
  const { canChange } = useSession();
  const [source, setSource] = useState<'symbols' | 'universe'>('symbols');
  const [symbols, setSymbols] = useState('');
  const [universeAll, setUniverseAll] = useState(true);
  const [exchange, setExchange] = useState('');
  const [segments, setSegments] = useState('');
  const [assetClasses, setAssetClasses] = useState('');
  const [industries, setIndustries] = useState('');
  const [provider, setProvider] = useState<ProviderName>('synthetic');
  const [interval, setInterval] = useState<IntervalName>('1d');
  const [mode, setMode] = useState<ModeName>('incremental');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!canChange) {
    return (
      <section>
        <h1>Start a batch</h1>
        <p role="status">Your key may only read: ask for an admin key to start batches.</p>
      </section>
    );
  }

  const count = parseSymbols(symbols).length;
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    const body: StartBatchBody = { interval, provider, mode };
    if (source === 'symbols') body.symbols = parseSymbols(symbols);
    else {
      const filter = {
        ...(exchange.trim() ? { exchange: exchange.trim() } : {}),
        ...(list(segments) ? { market_segment: list(segments) } : {}),
        ...(list(assetClasses) ? { asset_class: list(assetClasses) } : {}),
        ...(list(industries) ? { industry_code: list(industries) } : {}),
      };
      // "all" active symbols of the provider, or a registry filter (UniverseFilterDto).
      body.universe = universeAll ? 'all' : filter;
    }
    if (from) body.from = from;
    if (to) body.to = to;
    setBusy(true);
    try {
      const started = await unwrap(api.POST('/api/bulk/start', { body }));
      route(`/ui/batches/${started.batch_db_id}`);
    } catch (e) {
      setError(e instanceof ApiError ? `${e.code}: ${e.message}` : String(e));
      setBusy(false);
    }
  };

  return (
    <section>
      <h1>Start a batch</h1>
      <form class="card form-grid" onSubmit={submit} aria-label="Start a batch">
        <fieldset class="span-2">
          <legend>Choose by</legend>
          <label class="inline">
            <input
              type="radio"
              name="source"
              checked={source === 'symbols'}
              onChange={() => setSource('symbols')}
            />{' '}
            A list
          </label>
          <label class="inline">
            <input
              type="radio"
              name="source"
              checked={source === 'universe'}
              onChange={() => setSource('universe')}
            />{' '}
            The registry (universe filter)
          </label>
        </fieldset>
        {source === 'symbols' ? (
          <div class="span-2 field">
            <label for="symbols">Symbols</label>
            <textarea
              id="symbols"
              rows={5}
              required
              placeholder="7203.T 6758.T AAPL BTCUSDT"
              value={symbols}
              onInput={(e) => setSymbols(e.currentTarget.value)}
              aria-describedby="symbols-help"
            />
            <p id="symbols-help" class="muted small">
              Separated by spaces, commas or new lines; {count} given.
            </p>
          </div>
        ) : (
          <fieldset class="span-2">
            <legend>Universe</legend>
            <label class="inline">
              <input
                type="checkbox"
                checked={universeAll}
                onChange={(e) => setUniverseAll(e.currentTarget.checked)}
              />{' '}
              Everything active in the registry
            </label>
            {!universeAll && (
              <div class="form-grid">
                <label>
                  Exchange
                  <input
                    value={exchange}
                    onInput={(e) => setExchange(e.currentTarget.value)}
                    placeholder="TSE"
                  />
                </label>
                <label>
                  Market segments
                  <input
                    value={segments}
                    onInput={(e) => setSegments(e.currentTarget.value)}
                    placeholder="Prime, Standard"
                  />
                </label>
                <label>
                  Asset classes
                  <input
                    value={assetClasses}
                    onInput={(e) => setAssetClasses(e.currentTarget.value)}
                    placeholder="equity, etf"
                  />
                </label>
                <label>
                  Industry codes
                  <input
                    value={industries}
                    onInput={(e) => setIndustries(e.currentTarget.value)}
                    placeholder="3650, 3700"
                  />
                </label>
              </div>
            )}
          </fieldset>
        )}
        <div class="field">
          <label for="provider">Provider</label>
          <select
            id="provider"
            value={provider}
            onChange={(e) => setProvider(e.currentTarget.value as ProviderName)}
          >
            {PROVIDERS.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="interval">Interval</label>
          <select
            id="interval"
            value={interval}
            onChange={(e) => setInterval(e.currentTarget.value as IntervalName)}
          >
            {INTERVALS.map((i) => (
              <option key={i} value={i}>
                {i}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="from">From</label>
          <input
            id="from"
            type="date"
            value={from}
            onInput={(e) => setFrom(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="to">To (exclusive)</label>
          <input id="to" type="date" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="mode">Mode</label>
          <select
            id="mode"
            value={mode}
            onChange={(e) => setMode(e.currentTarget.value as ModeName)}
          >
            {MODES.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </div>
        {error && (
          <p class="form-error span-2" role="alert">
            {error}
          </p>
        )}
        <div class="span-2 actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Starting…' : 'Start batch'}
          </button>
          <a class="button ghost" href="/ui/batches">
            Cancel
          </a>
        </div>
      </form>
    </section>
  );
}
