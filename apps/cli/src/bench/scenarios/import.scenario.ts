import { benchImport } from '@app/sqlite-import';
import { BenchContext, Scenario } from '../bench-context';

/**
 * `import`: the SQLite importer — candles mapped into ohlcv_data, and a large table it creates —
 * each beside its baseline (a hand-written INSERT script; PostgreSQL's own COPY).
 */
export const importScenario: Scenario = {
  name: 'import',
  description: 'import-sqlite rows/s (mapped candles; created table) vs INSERT script / COPY',
  run: async (ctx: BenchContext) => {
    const cases = await benchImport(ctx.config.databaseUrl, { smoke: ctx.smoke });
    return {
      cases: cases.map(({ scenario: _scenario, ...rest }) => rest),
      targets: cases.map((c) => ctx.target(`${c.case}: rows/s`, c.rows_per_s, '>=', 100_000)),
    };
  },
};
