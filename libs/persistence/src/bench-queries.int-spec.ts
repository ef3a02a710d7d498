import { Client } from 'pg';
import { createMigratedDatabase, dropDatabase } from '../../../test/support/test-env';
import { startLockWaitSampler } from './bench-queries';

/** The lock-wait sampler of the jobs benchmark tells a wait on a batch row from other waits. */
describe('startLockWaitSampler over real PostgreSQL', () => {
  let url: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    url = await createMigratedDatabase();
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    await dropDatabase(url);
  });

  async function client(): Promise<Client> {
    const c = new Client({ connectionString: url });
    await c.connect();
    clients.push(c);
    return c;
  }

  /** Holds a row lock with `holder` while `waiter` runs `sql`, sampling meanwhile. */
  async function sampleWhileBlocked(lockSql: string, waitSql: string) {
    const holder = await client();
    const waiter = await client();
    await holder.query('BEGIN');
    await holder.query(lockSql);
    const sampler = await startLockWaitSampler(url, 20);
    const blocked = waiter.query(waitSql);
    // Until the waiter is seen waiting on a lock (no fixed sleep).
    for (;;) {
      const { rows } = await holder.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`,
      );
      if (rows[0].n > 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    // Let the sampler (every 20 ms) see the wait a few times.
    await holder.query('SELECT pg_sleep(0.1)');
    const report = await sampler.stop();
    await holder.query('COMMIT');
    await blocked;
    return report;
  }

  it('counts a wait on a batch row as one', async () => {
    const setup = await client();
    const { rows } = await setup.query(
      `INSERT INTO batch_executions (job_id, batch_type, status, interval, provider, params, total_stocks)
       VALUES ('job-lock-1', 'bulk', 'running', '1d', 'synthetic', '{}', 1) RETURNING id`,
    );
    const id = rows[0].id as number;
    const report = await sampleWhileBlocked(
      `SELECT id FROM batch_executions WHERE id = ${id} FOR UPDATE`,
      `UPDATE batch_executions SET status = 'stopped' WHERE id = ${id}`,
    );
    expect(report.samples_with_lock_wait).toBeGreaterThan(0);
    expect(report.samples_with_batch_row_lock_wait).toBeGreaterThan(0);
  });

  it('does not count a wait on a detail row whose statement reads batch_executions', async () => {
    const setup = await client();
    const { rows } = await setup.query(
      `WITH b AS (INSERT INTO batch_executions (job_id, batch_type, status, interval, provider, params, total_stocks)
                  VALUES ('job-lock-2', 'bulk', 'running', '1d', 'synthetic', '{}', 1) RETURNING id)
       INSERT INTO batch_execution_details (batch_execution_id, stock_code, status)
       SELECT id, 'L1', 'queued' FROM b RETURNING id, batch_execution_id`,
    );
    const { id, batch_execution_id: batchId } = rows[0] as {
      id: string;
      batch_execution_id: number;
    };
    const report = await sampleWhileBlocked(
      `SELECT id FROM batch_execution_details WHERE id = ${id} FOR UPDATE`,
      `UPDATE batch_execution_details d SET status = 'running'
       FROM batch_executions b WHERE d.id = ${id} AND b.id = ${batchId} AND b.status = 'running'`,
    );
    expect(report.samples_with_lock_wait).toBeGreaterThan(0);
    expect(report.samples_with_batch_row_lock_wait).toBe(0);
  });
});
