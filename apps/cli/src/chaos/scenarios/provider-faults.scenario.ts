import { FaultKind, faultOf } from '../fault-provider-server';
import { background, ChaosScenario } from '../scenario';

const KINDS: { code: string; kind: FaultKind; ends: 'succeeded' | 'failed' }[] = [
  { code: 'OK', kind: 'ok', ends: 'succeeded' },
  { code: 'SLOW', kind: 'slow', ends: 'succeeded' },
  { code: 'HANG', kind: 'hang', ends: 'succeeded' },
  { code: 'MAL', kind: 'malformed', ends: 'succeeded' },
  { code: 'E5XX', kind: 'e5xx', ends: 'succeeded' },
  { code: 'E429', kind: 'e429', ends: 'succeeded' },
  { code: 'BADROWS', kind: 'badrows', ends: 'failed' },
];

/**
 * A Binance batch against the fault-injecting provider server: latency spikes, hangs past
 * PROVIDER_TIMEOUT_MS, truncated bodies, 5xx and 429 storms (transient: the symbol must end
 * succeeded) and answers that are never klines (permanent: failed). The API must stay quick.
 */
export const providerFaults: ChaosScenario = {
  name: 'provider-faults',
  description: 'latency spikes, hangs past the timeout, malformed bodies, 5xx and 429 storms',
  async run(ctx) {
    const { stack, sizes } = ctx;
    const symbols: string[] = [];
    for (const k of KINDS) {
      for (let i = 0; i < sizes.faultSymbols; i += 1) {
        symbols.push(`${ctx.tag}${k.code}${i}USDT`.replace(/[^A-Z0-9]/g, ''));
      }
    }
    const liveMs: number[] = [];
    const stopProbe = background(async () => {
      const res = await stack.http.request({ path: '/health/live', auth: 'none' });
      if (res.status === 200) liveMs.push(res.ms);
    }, 100);
    const id = await stack.startOrThrow({
      symbols,
      interval: '1d',
      provider: 'binance',
      from: '2024-01-01T00:00:00Z',
      to: '2024-03-01T00:00:00Z',
    });
    const settled = await stack.settle([id], sizes.settleMs);
    await stopProbe();
    const rows = await stack.query<{ symbol: string; status: string }>(
      `SELECT stock_code AS symbol, status FROM batch_execution_details WHERE batch_execution_id = $1`,
      [id],
    );
    const wrong = rows.filter((r) => {
      const kind = faultOf(r.symbol.slice(ctx.tag.length));
      return KINDS.find((k) => k.kind === kind)?.ends !== r.status;
    });
    const sorted = [...liveMs].sort((a, b) => a - b);
    const p99 = sorted[Math.max(0, Math.ceil(sorted.length * 0.99) - 1)] ?? 0;
    return {
      batchIds: [id],
      checks: [
        { name: 'batch_ended', ok: settled },
        {
          name: 'outcomes_by_fault',
          ok: wrong.length === 0 && rows.length === symbols.length,
          detail: wrong.length
            ? wrong
                .slice(0, 5)
                .map((w) => `${w.symbol} ${w.status}`)
                .join(', ')
            : `${rows.length} symbols as expected`,
        },
      ],
      figures: {
        symbols: symbols.length,
        provider_answers: { ...stack.provider.answers },
        health_live_p99_ms: Math.round(p99),
      },
    };
  },
};
