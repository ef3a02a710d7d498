import { admin, runId } from '../support/test-env';

/** Drops every database this run created. */
export default async function globalTeardown(): Promise<void> {
  const id = runId();
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
