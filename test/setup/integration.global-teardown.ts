import { admin, runId } from '../support/test-env';

/** Drops every database this run created (integration and e2e share this teardown). */
export default async function globalTeardown(): Promise<void> {
  const id = runId();
  if (process.env.MI_TEST_TORN_DOWN === id) return;
  process.env.MI_TEST_TORN_DOWN = id;
  await admin(async (c) => {
    const { rows } = await c.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1`,
      [`mi\\_%\\_${id}%`],
    );
    for (const { datname } of rows) {
      await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  });
}
