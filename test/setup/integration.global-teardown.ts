import { admin, deleteRedisKeys, runId, runQueuePrefix, TEST_REDIS_URL } from '../support/test-env';

/**
 * Drops every database this run created (the template included), then checks that nothing of the
 * run is left: no database and no Redis key under the run's queue prefixes. Test files remove
 * their own keys in afterAll (private redis-servers die with theirs); a key found here is a leak
 * of some test file, so it is deleted and the run fails naming it.
 */
export default async function globalTeardown(): Promise<void> {
  const id = runId();
  if (process.env.MI_TEST_TORN_DOWN === id) return; // integration and e2e share this teardown
  process.env.MI_TEST_TORN_DOWN = id;
  const pattern = `mi\\_%\\_${id}%`;
  const leftDatabases = await admin(async (c) => {
    const list = async () =>
      (
        await c.query<{ datname: string }>(
          `SELECT datname FROM pg_database WHERE datname LIKE $1`,
          [pattern],
        )
      ).rows.map((r) => r.datname);
    for (const name of await list())
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    return list();
  });
  const leakedKeys = await deleteRedisKeys(TEST_REDIS_URL, runQueuePrefix());
  const problems = [
    leftDatabases.length > 0 ? `databases still present: ${leftDatabases.join(', ')}` : '',
    leakedKeys > 0
      ? `${leakedKeys} Redis keys under ${runQueuePrefix()}* were left by test files (deleted now)`
      : '',
  ].filter(Boolean);
  if (problems.length > 0) throw new Error(`tests left things behind: ${problems.join('; ')}`);
  process.stdout.write(
    `\nteardown: no database and no Redis key of run ${id} left on the shared servers\n`,
  );
}
