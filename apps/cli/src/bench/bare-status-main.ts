import { toBatchView } from '@app/batch';
import { startBareStatusServer } from '@app/persistence';

/**
 * The `status` scenario's baseline as a process of its own (as the API is one): the bare
 * node:http + pg status server of persistence, answering with the API's view of the batch.
 * Started by the bench with DATABASE_URL, DATABASE_POOL_SIZE, PORT and BARE_PREPARED.
 */
async function main(): Promise<void> {
  const server = await startBareStatusServer({
    databaseUrl: process.env.DATABASE_URL ?? '',
    poolSize: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    port: Number(process.env.PORT ?? 0),
    prepared: process.env.BARE_PREPARED !== 'false',
    // The API's answer: its envelope around the lib's view (bulk.controller's status route).
    render: (row) => ({ success: true, ...toBatchView(row) }),
  });
  process.stdout.write(`bare status server at ${server.url}\n`);
  process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
}

void main();
