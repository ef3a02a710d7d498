import { sleep } from '../chaos-stack';
import { ChaosScenario } from '../scenario';
import { postgresFault } from './postgres-fault';

/** PostgreSQL stopped for 15 s (smoke: 3 s) mid-batch, then started again. */
export const postgresOutage: ChaosScenario = {
  name: 'postgres-outage',
  description: 'stop PostgreSQL for 15 s mid-batch, then start it',
  run: (ctx) =>
    postgresFault(ctx, async () => {
      await ctx.stack.pg.stop();
      ctx.progress(`  PostgreSQL down for ${ctx.sizes.outageMs} ms`);
      await sleep(ctx.sizes.outageMs);
      await ctx.stack.pg.startAgain();
    }),
};
