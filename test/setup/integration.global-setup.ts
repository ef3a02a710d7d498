import { existsSync } from 'node:fs';
import { admin, CLI, databaseUrl, runCli, templateDatabase } from '../support/test-env';

/**
 * Creates this run's template database with every migration applied, once; each test file clones
 * it (CREATE DATABASE … TEMPLATE …). Needs the build (`npm test` builds first). The integration
 * and e2e projects both name this setup: the second call finds the template made.
 */
export default async function globalSetup(): Promise<void> {
  process.env.MI_TEST_RUN_ID ??= `${Date.now().toString(36)}${process.pid}`;
  if (process.env.MI_TEST_TEMPLATE_READY === process.env.MI_TEST_RUN_ID) return;
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first`);
  const url = databaseUrl(templateDatabase());
  const result = await runCli(['migrate', 'up'], { DATABASE_URL: url });
  if (result.code !== 0) {
    throw new Error(`migrating the template database failed:\n${result.stdout}\n${result.stderr}`);
  }
  // A template must have no open connection when it is cloned.
  await admin((c) =>
    c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [
      templateDatabase(),
    ]),
  );
  process.env.MI_TEST_TEMPLATE_READY = process.env.MI_TEST_RUN_ID;
}
