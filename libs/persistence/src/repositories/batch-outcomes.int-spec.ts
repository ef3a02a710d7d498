import { DataSource } from 'typeorm';
import { createMigratedDatabase, dropDatabase } from '../../../../test/support/test-env';
import { buildDataSourceOptions } from '../data-source-options';
import { Database, runnerOf, Tx } from '../database/transaction';
import { BatchRepository } from './batch.repository';

/**
 * The outcome path with no hot row (issue 12): outcomes update only their own detail; the batch
 * ends exactly once even when the last two outcomes race; progress is exact while it runs; an
 * interrupted ending is finished by finishIfDone (the reconciler's call).
 */
describe('batch outcomes over real PostgreSQL', () => {
  let url: string;
  let ds: DataSource;
  let repo: BatchRepository;
  let seq = 0;

  beforeAll(async () => {
    url = await createMigratedDatabase();
    ds = new DataSource(buildDataSourceOptions({ databaseUrl: url, poolSize: 8 }));
    await ds.initialize();
    repo = new BatchRepository(new Database(ds));
  });

  afterAll(async () => {
    await ds?.destroy();
    await dropDatabase(url);
  });

  async function newBatch(
    symbols: string[],
    webhookUrls = ['http://127.0.0.1:1/a', 'http://127.0.0.1:1/b'],
  ) {
    seq += 1;
    const { batch, details } = await repo.create({
      jobId: `job-${Date.now()}${seq}`,
      batchType: 'bulk',
      interval: '1d',
      provider: 'synthetic',
      params: {},
      symbols,
      webhookUrls,
    });
    for (const d of details) expect((await repo.beginSymbol(d.id)).run).toBe(true);
    return { id: batch.id, details };
  }

  const deliveries = async (batchId: number): Promise<{ batch_status: string }[]> =>
    ds.query(`SELECT batch_status FROM webhook_deliveries WHERE batch_execution_id = $1`, [
      batchId,
    ]);

  /** Both outcome transactions are open (their writes done) before either commits. */
  function barrier(parties: number): () => Promise<void> {
    let arrived = 0;
    let release!: () => void;
    const all = new Promise<void>((r) => (release = r));
    return async () => {
      arrived += 1;
      if (arrived === parties) release();
      await all;
    };
  }

  it('the last two outcomes racing end the batch exactly once, with one set of deliveries', async () => {
    for (let round = 0; round < 10; round += 1) {
      const { id, details } = await newBatch(['R1', 'R2', 'R3']);
      await repo.recordFailure(id, details[0].id, 'boom');
      const meet = barrier(2);
      const racer = (detailId: string) =>
        repo.recordSuccess(id, detailId, async () => {
          await meet();
          return 1;
        });
      const results = await Promise.all([racer(details[1].id), racer(details[2].id)]);
      expect(results.every((r) => r.counted)).toBe(true);
      const endings = results.filter((r) => r.batchStatus !== null);
      expect(endings).toHaveLength(1);
      expect(endings[0].batchStatus).toBe('completed_with_errors');
      expect(results.flatMap((r) => r.deliveryIds)).toHaveLength(2);
      const after = await repo.findById(id);
      expect(after).toMatchObject({
        status: 'completed_with_errors',
        processedStocks: 3,
        successfulStocks: 2,
        failedStocks: 1,
      });
      expect(after?.endTime).toBeInstanceOf(Date);
      expect(await deliveries(id)).toHaveLength(2);
    }
  });

  it('two enders that both see no open detail: exactly one ends the batch', async () => {
    const { id, details } = await newBatch(['E1', 'E2']);
    // The outcomes committed, the ending did not (as if the process died in between).
    await ds.query(
      `UPDATE batch_execution_details SET status = 'succeeded', end_time = now() WHERE batch_execution_id = $1`,
      [id],
    );
    expect(details).toHaveLength(2);
    expect(await repo.unfinishedBatchIds(1000)).toContain(id);
    const both = await Promise.all([repo.finishIfDone(id), repo.finishIfDone(id)]);
    expect(both.filter((r) => r.ended)).toHaveLength(1);
    expect(both.flatMap((r) => r.deliveryIds)).toHaveLength(2);
    expect((await repo.findById(id))?.status).toBe('completed');
    expect(await repo.unfinishedBatchIds(1000)).not.toContain(id);
    expect((await repo.finishIfDone(id)).ended).toBe(false);
    expect(await deliveries(id)).toHaveLength(2);
  });

  it('progress is exact on every read while the batch runs, and no outcome updates the batch row', async () => {
    const { id, details } = await newBatch(['P1', 'P2', 'P3', 'P4']);
    const xmin = async (): Promise<string> =>
      (await ds.query(`SELECT xmin::text AS x FROM batch_executions WHERE id = $1`, [id]))[0].x;
    const before = await xmin();
    await repo.recordSuccess(id, details[0].id, async () => 5);
    await repo.recordFailure(id, details[1].id, 'no data');
    expect(await xmin()).toBe(before); // the batch row was not written by the outcomes
    expect(await repo.findById(id)).toMatchObject({
      status: 'running',
      totalStocks: 4,
      processedStocks: 2,
      successfulStocks: 1,
      failedStocks: 1,
    });
    // The same outcome again (duplicate delivery of a job): nothing counted twice.
    expect((await repo.recordSuccess(id, details[0].id, async () => 5)).counted).toBe(false);
    expect((await repo.findById(id))?.processedStocks).toBe(2);
  });

  it('a stop makes every later outcome roll back its rows; outcomes before it stay counted', async () => {
    const { id, details } = await newBatch(['S1', 'S2', 'S3']);
    await ds.query(`CREATE TABLE IF NOT EXISTS outcome_probe (batch int, detail text)`);
    const probe = (detail: string) => async (tx: Tx) => {
      await runnerOf(tx).query(`INSERT INTO outcome_probe VALUES ($1, $2)`, [id, detail]);
      return 1;
    };
    expect((await repo.recordSuccess(id, details[0].id, probe(details[0].id))).counted).toBe(true);
    const stopped = await repo.stop(id);
    expect(stopped.stopped).toBe(true);
    expect(stopped.cancelled.map((d) => d.id).sort()).toEqual(
      [details[1].id, details[2].id].sort(),
    );
    // After the stop returned: an outcome of a cancelled symbol writes nothing.
    const late = await repo.recordSuccess(id, details[1].id, probe(details[1].id));
    expect(late.counted).toBe(false);
    const probes: { detail: string }[] = await ds.query(
      `SELECT detail FROM outcome_probe WHERE batch = $1`,
      [id],
    );
    expect(probes.map((p) => p.detail)).toEqual([details[0].id]);
    expect(await repo.findById(id)).toMatchObject({
      status: 'stopped',
      processedStocks: 1,
      successfulStocks: 1,
      failedStocks: 0,
    });
    expect(await deliveries(id)).toEqual([
      { batch_status: 'stopped' },
      { batch_status: 'stopped' },
    ]);
    await ds.query(`DROP TABLE outcome_probe`);
  });
});
