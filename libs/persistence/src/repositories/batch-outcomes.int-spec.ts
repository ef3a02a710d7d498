import { DataSource } from 'typeorm';
import { createMigratedDatabase, dropDatabase } from '../../../../test/support/test-env';
import { buildDataSourceOptions } from '../data-source-options';
import { Database, runnerOf, Tx } from '../database/transaction';
import { BatchRepository, OutcomeInput } from './batch.repository';
import { OhlcvRepository } from './ohlcv.repository';

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
    repo = new BatchRepository(new Database(ds), new OhlcvRepository(ds));
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

  describe('group commit (recordOutcomes, beginSymbols)', () => {
    const candle = (day: number, close: number) => ({
      ts: new Date(Date.UTC(2024, 0, day)),
      open: close,
      high: close,
      low: close,
      close,
      adjClose: null,
      volume: 1,
    });
    const success = (batchId: number, detailId: string, symbol: string, closes: number[]) => ({
      batchId,
      detailId,
      status: 'succeeded' as const,
      message: null,
      rejected: 0,
      candles: {
        source: 'synthetic',
        symbol,
        interval: '1d',
        rows: closes.map((c, i) => candle(i + 2, c)),
      },
    });
    const failure = (batchId: number, detailId: string, message: string) => ({
      batchId,
      detailId,
      status: 'failed' as const,
      message,
      rejected: 0,
    });
    const stored = async (symbols: string[]): Promise<{ symbol: string; n: number }[]> =>
      ds.query(
        `SELECT symbol, count(*)::int AS n FROM ohlcv_data WHERE symbol = ANY($1) GROUP BY symbol ORDER BY symbol`,
        [symbols],
      );
    const values = async (items: OutcomeInput[]) =>
      (await repo.recordOutcomes(items)).map((r) => {
        if (r.status === 'rejected') throw r.reason;
        return r.value;
      });
    const detailRows = async (batchId: number) =>
      ds.query(
        `SELECT stock_code, status, records_inserted, error_message FROM batch_execution_details
         WHERE batch_execution_id = $1 ORDER BY id`,
        [batchId],
      );

    it('one group records successes and failures exactly once and ends the batch once', async () => {
      const { id, details } = await newBatch(['G1', 'G2', 'G3', 'G4']);
      const results = await values([
        success(id, details[0].id, 'G1', [1, 2, 3]),
        failure(id, details[1].id, 'no such symbol'),
        success(id, details[2].id, 'G3', [4]),
        // A duplicate delivery of G1 in the same group: counted once.
        success(id, details[0].id, 'G1', [1, 2, 3]),
        success(id, details[3].id, 'G4', []),
      ]);
      expect(results.map((r) => r.counted)).toEqual([true, true, true, false, true]);
      expect(results.map((r) => r.recordsInserted)).toEqual([3, 0, 1, 0, 0]);
      expect(results.filter((r) => r.batchStatus !== null)).toHaveLength(1);
      expect(results.flatMap((r) => r.deliveryIds)).toHaveLength(2);
      expect(await stored(['G1', 'G3', 'G4'])).toEqual([
        { symbol: 'G1', n: 3 },
        { symbol: 'G3', n: 1 },
      ]);
      expect(await detailRows(id)).toEqual([
        { stock_code: 'G1', status: 'succeeded', records_inserted: 3, error_message: null },
        {
          stock_code: 'G2',
          status: 'failed',
          records_inserted: 0,
          error_message: 'no such symbol',
        },
        { stock_code: 'G3', status: 'succeeded', records_inserted: 1, error_message: null },
        { stock_code: 'G4', status: 'succeeded', records_inserted: 0, error_message: null },
      ]);
      expect(await repo.findById(id)).toMatchObject({
        status: 'completed_with_errors',
        processedStocks: 4,
        successfulStocks: 3,
        failedStocks: 1,
      });
      expect(await deliveries(id)).toHaveLength(2);
      // The same group again (every job delivered twice): nothing written, nothing counted.
      const again = await values([
        success(id, details[0].id, 'G1', [9, 9, 9]),
        success(id, details[2].id, 'G3', [9]),
      ]);
      expect(again.map((r) => r.counted)).toEqual([false, false]);
      expect(await stored(['G1', 'G3'])).toEqual([
        { symbol: 'G1', n: 3 },
        { symbol: 'G3', n: 1 },
      ]);
      const closes: { close: number }[] = await ds.query(
        `SELECT close FROM ohlcv_data WHERE symbol = 'G3'`,
      );
      expect(closes).toEqual([{ close: 4 }]);
    });

    it('re-ingesting unchanged candles counts no record; changed ones count', async () => {
      const first = await newBatch(['U1', 'U2']);
      await repo.recordOutcomes([
        success(first.id, first.details[0].id, 'U1', [1, 2]),
        success(first.id, first.details[1].id, 'U2', [1, 2]),
      ]);
      const second = await newBatch(['U1', 'U2']);
      const results = await values([
        success(second.id, second.details[0].id, 'U1', [1, 2]),
        success(second.id, second.details[1].id, 'U2', [1, 5]),
      ]);
      expect(results.map((r) => r.recordsInserted)).toEqual([0, 1]);
    });

    it('a refetched history in a group (and alone) replaces the series and says so on its detail only', async () => {
      const { id, details } = await newBatch(['F1', 'F2', 'F3']);
      // F1 stored as days 2..5; its refetch returns days 3..5 on a new basis (a 2:1 split on day 4).
      await repo.recordOutcomes([success(id, details[0].id, 'F1', [10, 10, 10, 10])]);
      const refetched = (batchId: number, detailId: string) => ({
        ...success(batchId, detailId, 'F1', [5, 5, 5]),
        candles: {
          source: 'synthetic',
          symbol: 'F1',
          interval: '1d',
          rows: [3, 4, 5].map((day) => candle(day, 5)),
        },
        refetch: {
          reasons: ['new_split' as const],
          message: 'a 2:1 split on 2024-01-04',
          splits: [{ ts: new Date(Date.UTC(2024, 0, 4)), numerator: 2, denominator: 1 }],
          to: new Date(Date.UTC(2024, 0, 6)),
        },
      });
      const results = await values([
        refetched(id, details[1].id),
        success(id, details[2].id, 'F3', [1]),
      ]);
      // 3 candles changed, 1 older candle (day 2) adjusted.
      expect(results.map((r) => r.recordsInserted)).toEqual([4, 1]);
      const closes = await ds.query(
        `SELECT extract(day FROM ts)::int AS day, close FROM ohlcv_data WHERE symbol = 'F1' ORDER BY ts`,
      );
      expect(closes).toEqual([
        { day: 2, close: 5 },
        { day: 3, close: 5 },
        { day: 4, close: 5 },
        { day: 5, close: 5 },
      ]);
      const refetches = await ds.query(
        `SELECT stock_code, refetch FROM batch_execution_details WHERE batch_execution_id = $1 ORDER BY id`,
        [id],
      );
      expect(refetches).toEqual([
        { stock_code: 'F1', refetch: null },
        {
          stock_code: 'F2',
          refetch: {
            reasons: ['new_split'],
            message: 'a 2:1 split on 2024-01-04',
            splits: [{ ts: '2024-01-04T00:00:00.000Z', numerator: 2, denominator: 1 }],
            candles: 3,
            deleted: 0,
            adjusted: 1,
            kept: 0,
          },
        },
        { stock_code: 'F3', refetch: null },
      ]);
      // Alone (recordOne): the same, in its own transaction. (The repository does as told: whether
      // a split is new is the fetch's decision, so day 2 is adjusted once more here.)
      const alone = await newBatch(['F1']);
      const [one] = await values([refetched(alone.id, alone.details[0].id)]);
      expect(one.recordsInserted).toBe(1);
      const [{ refetch }] = await ds.query(
        `SELECT refetch FROM batch_execution_details WHERE batch_execution_id = $1`,
        [alone.id],
      );
      expect(refetch).toMatchObject({ candles: 3, adjusted: 1, deleted: 0 });
    });

    it('a group after a stop writes nothing of the cancelled symbols', async () => {
      const { id, details } = await newBatch(['T1', 'T2', 'T3']);
      await repo.recordOutcomes([success(id, details[0].id, 'T1', [1])]);
      expect((await repo.stop(id)).stopped).toBe(true);
      const late = await values([
        success(id, details[1].id, 'T2', [1]),
        failure(id, details[2].id, 'late'),
      ]);
      expect(late.map((r) => r.counted)).toEqual([false, false]);
      expect(await stored(['T1', 'T2'])).toEqual([{ symbol: 'T1', n: 1 }]);
      expect((await repo.findById(id))?.processedStocks).toBe(1);
    });

    it('a stop racing a group either waits for it or makes it write nothing', async () => {
      for (let round = 0; round < 5; round += 1) {
        const { id, details } = await newBatch(['V1', 'V2', 'V3', 'V4']);
        const [outcomes, stop] = await Promise.all([
          values(details.slice(0, 3).map((d, i) => success(id, d.id, `V${i + 1}`, [round + 1]))),
          repo.stop(id),
        ]);
        expect(stop.stopped).toBe(true);
        const counted = outcomes.filter((r) => r.counted).length;
        expect([0, 3]).toContain(counted); // one statement: all of the group or none of it
        const rows: { n: number }[] = await ds.query(
          `SELECT count(*)::int AS n FROM batch_execution_details
           WHERE batch_execution_id = $1 AND status = 'succeeded'`,
          [id],
        );
        expect(rows[0].n).toBe(counted);
        expect((await repo.findById(id))?.processedStocks).toBe(counted);
      }
    });

    it('a group whose one write breaks records the others and fails only that one', async () => {
      const { id, details } = await newBatch(['W1', 'W2', 'W3']);
      const broken = {
        ...failure(id, details[1].id, 'x'),
        status: 'succeeded' as const,
        message: null,
        write: async (tx: Tx) => {
          await runnerOf(tx).query(`SELECT 1/0`);
          return 0;
        },
      };
      const results = await repo.recordOutcomes([
        success(id, details[0].id, 'W1', [1]),
        broken,
        success(id, details[2].id, 'W3', [1]),
      ]);
      // The group failed; each item was recorded again alone: only the broken one failed.
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(await stored(['W1', 'W3'])).toEqual([
        { symbol: 'W1', n: 1 },
        { symbol: 'W3', n: 1 },
      ]);
      const rows = await detailRows(id);
      expect(rows.map((r: { status: string }) => r.status)).toEqual([
        'succeeded',
        'running',
        'succeeded',
      ]);
    });

    describe('the fetch ledger rides in the outcome', () => {
      /** A success that made one fetch of [2024-01-02, 2024-02-01) returning its candles. */
      const fetched = (batchId: number, detailId: string, symbol: string, closes: number[]) => {
        const item: OutcomeInput = success(batchId, detailId, symbol, closes);
        const rows = item.candles!.rows;
        item.fetched = [
          {
            source: 'synthetic',
            symbol,
            interval: '1d',
            dataType: 'ohlcv',
            from: new Date('2024-01-02T00:00:00Z'),
            to: new Date('2024-02-01T00:00:00Z'),
            rows: rows.length,
            firstTs: rows[0]?.ts ?? null,
            lastTs: rows.at(-1)?.ts ?? null,
          },
        ];
        return item;
      };
      const ledger = async (batchId: number) =>
        ds.query(
          `SELECT symbol, rows_returned AS rows, requested_from::text IS NOT NULL AS "from",
                  first_ts AS "firstTs", last_ts AS "lastTs", origin
           FROM fetch_ledger WHERE batch_execution_id = $1 ORDER BY symbol, id`,
          [batchId],
        );

      it('one statement: a row per counted fetch, none for a duplicate, a failure or a repeat', async () => {
        const { id, details } = await newBatch(['L1', 'L2', 'L3']);
        const results = await values([
          fetched(id, details[0].id, 'L1', [1, 2]),
          failure(id, details[1].id, 'boom'),
          fetched(id, details[0].id, 'L1', [1, 2]),
          fetched(id, details[2].id, 'L3', []),
        ]);
        expect(results.map((r) => r.counted)).toEqual([true, true, false, true]);
        expect(await ledger(id)).toEqual([
          {
            symbol: 'L1',
            rows: 2,
            from: true,
            firstTs: new Date('2024-01-02T00:00:00Z'),
            lastTs: new Date('2024-01-03T00:00:00Z'),
            origin: 'fetch',
          },
          { symbol: 'L3', rows: 0, from: true, firstTs: null, lastTs: null, origin: 'fetch' },
        ]);
        await values([fetched(id, details[0].id, 'L1', [5])]);
        expect(await ledger(id)).toHaveLength(2);
      });

      it('one transaction (a group with a write) and one outcome alone record their fetches too', async () => {
        const { id, details } = await newBatch(['M1', 'M2', 'M3']);
        const withWrite = { ...fetched(id, details[1].id, 'M2', [3]), write: async () => 0 };
        const results = await values([fetched(id, details[0].id, 'M1', [1]), withWrite]);
        expect(results.map((r) => r.counted)).toEqual([true, true]);
        const alone = await values([fetched(id, details[2].id, 'M3', [1, 2, 3])]);
        expect(alone[0].counted).toBe(true);
        expect((await ledger(id)).map((r: { symbol: string; rows: number }) => r.rows)).toEqual([
          1, 1, 3,
        ]);
        // Delivered again, alone and in a transaction group: nothing more.
        await values([fetched(id, details[2].id, 'M3', [1])]);
        await values([fetched(id, details[0].id, 'M1', [1]), withWrite]);
        expect(await ledger(id)).toHaveLength(3);
      });

      it('after a stop, and for an item whose write broke, no ledger row', async () => {
        const { id, details } = await newBatch(['N1', 'N2', 'N3', 'N4']);
        const broken = {
          ...fetched(id, details[1].id, 'N2', [1]),
          write: async (tx: Tx) => {
            await runnerOf(tx).query(`SELECT 1/0`);
            return 0;
          },
        };
        await repo.recordOutcomes([fetched(id, details[0].id, 'N1', [1]), broken]);
        expect((await ledger(id)).map((r: { symbol: string }) => r.symbol)).toEqual(['N1']);
        expect((await repo.stop(id)).stopped).toBe(true);
        const late = await values([
          fetched(id, details[2].id, 'N3', [1]),
          fetched(id, details[3].id, 'N4', [1]),
        ]);
        expect(late.map((r) => r.counted)).toEqual([false, false]);
        await values([fetched(id, details[2].id, 'N3', [1])]);
        expect((await ledger(id)).map((r: { symbol: string }) => r.symbol)).toEqual(['N1']);
      });

      it('a stop racing a group: ledger rows exactly for the counted outcomes', async () => {
        for (let round = 0; round < 5; round += 1) {
          const { id, details } = await newBatch(['P1', 'P2', 'P3', 'P4']);
          const [outcomes] = await Promise.all([
            values(details.slice(0, 3).map((d, i) => fetched(id, d.id, `P${i + 1}`, [round + 1]))),
            repo.stop(id),
          ]);
          const counted = outcomes.filter((r) => r.counted).length;
          expect(await ledger(id)).toHaveLength(counted);
        }
      });
    });

    it('an outcome that begins its symbol counts the attempt, and only while the batch runs', async () => {
      const create = async (symbols: string[]) => {
        seq += 1;
        return repo.create({
          jobId: `job-${Date.now()}${seq}`,
          batchType: 'bulk',
          interval: '1d',
          provider: 'synthetic',
          params: {},
          symbols,
        });
      };
      const running = await create(['F1', 'F2', 'F3']);
      const [f1, f2, f3] = running.details.map((d) => d.id);
      const actions = async () => 0; // a `write` sends the item down the transaction path
      const results = await values([
        { ...success(running.batch.id, f1, 'F1', [1]), begin: true }, // one statement
        { ...failure(running.batch.id, f2, 'boom'), begin: true },
      ]);
      expect(results.map((r) => r.counted)).toEqual([true, true]);
      const [tx] = await values([
        { ...success(running.batch.id, f3, 'F3', [1]), begin: true, write: actions },
      ]);
      expect(tx.counted).toBe(true);
      const attempts: { attempts: number; started: boolean }[] = await ds.query(
        `SELECT attempts, start_time IS NOT NULL AS started FROM batch_execution_details
         WHERE batch_execution_id = $1 ORDER BY id`,
        [running.batch.id],
      );
      expect(attempts).toEqual([
        { attempts: 1, started: true },
        { attempts: 1, started: true },
        { attempts: 1, started: true },
      ]);
      const paused = await create(['H1', 'H2', 'H3']);
      const [h1, h2, h3] = paused.details.map((d) => d.id);
      expect((await repo.pause(paused.batch.id)).paused).toBe(true);
      const none = await values([
        { ...success(paused.batch.id, h1, 'H1', [1]), begin: true },
        { ...success(paused.batch.id, h2, 'H2', [1]), begin: true, write: actions },
      ]);
      const [single] = await values([{ ...success(paused.batch.id, h3, 'H3', [1]), begin: true }]);
      expect([...none, single].map((r) => r.counted)).toEqual([false, false, false]);
      expect(await stored(['H1', 'H2', 'H3'])).toEqual([]);
      expect(await repo.symbolState(h1)).toEqual({
        batchStatus: 'paused',
        detailStatus: 'pending',
      });
    });

    it('beginSymbols begins open symbols of running batches once, and says why not otherwise', async () => {
      seq += 1;
      const { batch, details } = await repo.create({
        jobId: `job-${Date.now()}${seq}`,
        batchType: 'bulk',
        interval: '1d',
        provider: 'synthetic',
        params: {},
        symbols: ['B1', 'B2', 'B3'],
      });
      const [a, b, c] = details.map((d) => d.id);
      const first = await repo.beginSymbols([a, b, a, '999999999']);
      expect(first).toEqual([
        { run: true, attempts: 1 },
        { run: true, attempts: 1 },
        { run: false, batchStatus: 'running', detailStatus: 'running' },
        { run: false, batchStatus: null, detailStatus: null },
      ]);
      expect((await repo.pause(batch.id)).paused).toBe(true);
      expect(await repo.beginSymbols([c, a])).toEqual([
        { run: false, batchStatus: 'paused', detailStatus: expect.any(String) },
        { run: false, batchStatus: 'paused', detailStatus: expect.any(String) },
      ]);
    });
  });
});
