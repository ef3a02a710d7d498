import { ChaosScenario } from '../scenario';
import { postgresFault } from './postgres-fault';

/** pg_ctl restart -m fast mid-batch (every connection cut) while the database routes are called. */
export const postgresRestart: ChaosScenario = {
  name: 'postgres-restart',
  description: 'restart PostgreSQL mid-batch while requests run',
  run: (ctx) => postgresFault(ctx, () => ctx.stack.pg.restart()),
};
