import { once } from 'node:events';
import { Test, TestingModule } from '@nestjs/testing';
import { simpleParser, ParsedMail, AddressObject } from 'mailparser';
import { SMTPServer, SMTPServerAddress } from 'smtp-server';
import { DataSource } from 'typeorm';
import {
  AlertRuleService,
  BatchModule,
  BatchService,
  FetchQueues,
  FetchSymbolJobData,
  SymbolFetchService,
} from '@app/batch';
import { AppConfigModule, validateEnvironment } from '@app/common';
import { AlertEvaluationProcessor } from '../../apps/worker/src/alert-evaluation.processor';
import { AlertNotificationProcessor } from '../../apps/worker/src/alert-notification.processor';
import { freePort, waitFor } from '../support/stack';
import {
  createMigratedDatabase,
  deleteRedisKeys,
  dropDatabase,
  queuePrefix,
  TEST_REDIS_URL,
} from '../support/test-env';

const USER = 'alerts@example.com';
const PASSWORD = 'p@ss w0rd!';
const RECIPIENTS = ['ops@example.com', 'dev@example.com'];
const FROM = 'market-ingest alerts <alerts@example.com>';

interface Received {
  mail: ParsedMail;
  rcptTo: string[];
  mailFrom: string;
  user: string | undefined;
}

/**
 * A real SMTP server (smtp-server, AUTH required, no STARTTLS) on a fixed port of the test's, so
 * it can be stopped and started again at the same address.
 */
async function startSmtp(port: number, received: Received[]): Promise<SMTPServer> {
  const server = new SMTPServer({
    secure: false,
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, done) {
      if (auth.username === USER && auth.password === PASSWORD) done(null, { user: USER });
      else done(new Error('Invalid username or password'));
    },
    onData(stream, session, done) {
      simpleParser(stream)
        .then((mail) => {
          const address = (a: SMTPServerAddress | false) => (a ? a.address : '');
          received.push({
            mail,
            rcptTo: session.envelope.rcptTo.map(address),
            mailFrom: address(session.envelope.mailFrom),
            user: session.user as string | undefined,
          });
          done();
        })
        .catch(done);
    },
  });
  server.listen(port, '127.0.0.1');
  await once(server.server, 'listening');
  return server;
}

const addresses = (a: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value.map((v) => v.address ?? ''));

/**
 * The e-mail channel end to end inside one process: a batch_failed alert opened by the real
 * evaluation job, its notification delivered by the real BullMQ processor through nodemailer to a
 * real SMTP server; with the server down the delivery is retried with backoff and arrives once
 * the server is back.
 */
describe('e-mail alerts (real SMTP server, PostgreSQL, Redis, BullMQ processors)', () => {
  let moduleRef: TestingModule;
  let url: string;
  let port: number;
  let smtp: SMTPServer | undefined;
  const received: Received[] = [];
  const prefix = queuePrefix();

  beforeAll(async () => {
    url = await createMigratedDatabase();
    port = await freePort();
    const config = validateEnvironment(
      {
        DATABASE_URL: url,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: prefix,
        SMTP_URL: `smtp://${encodeURIComponent(USER)}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}`,
        ALERT_EMAIL_FROM: FROM,
        PUBLIC_URL: 'https://ingest.example.com',
        ALERT_ATTEMPTS: '30',
        ALERT_BACKOFF_MS: '200',
        WEBHOOK_TIMEOUT_MS: '2000',
      },
      'worker',
    );
    moduleRef = await Test.createTestingModule({
      imports: [AppConfigModule.forRoot(config), BatchModule.forRoot('worker')],
      providers: [AlertEvaluationProcessor, AlertNotificationProcessor],
    }).compile();
    await moduleRef.init();
    smtp = await startSmtp(port, received);
  });

  afterAll(async () => {
    await moduleRef?.close();
    await new Promise((done) => (smtp ? smtp.close(() => done(undefined)) : done(undefined)));
    await deleteRedisKeys(TEST_REDIS_URL, prefix);
    await dropDatabase(url);
  });

  /** A batch whose 3 symbols fail for good: completed_with_errors, 100% failed. */
  async function failingBatch(tag: string): Promise<number> {
    const { batch } = await moduleRef.get(BatchService).start({
      symbols: [`${tag}ANOTFOUND`, `${tag}BNOTFOUND`, `${tag}CNOTFOUND`],
      interval: '1d',
      provider: 'synthetic',
      from: new Date('2024-01-01T00:00:00Z'),
      to: new Date('2024-01-10T00:00:00Z'),
      mode: 'full',
    });
    const queue = moduleRef.get(FetchQueues).queue('synthetic');
    // The fetch jobs run here, not in a processor: the ending enqueues the batch-ended event,
    // which the real alert evaluation processor handles.
    for (const job of await queue.getWaiting(0, 1000)) {
      await moduleRef
        .get(SymbolFetchService)
        .run(job.data as FetchSymbolJobData, { attempt: 1, lastAttempt: true });
      await job.remove().catch(() => undefined);
    }
    return batch.batch_db_id;
  }

  async function notificationOf(batchId: number) {
    const rows = (await moduleRef.get(DataSource).query(
      `SELECT n.id::text AS id, n.attempts, n.attempt_log AS "attemptLog", n.last_error AS "lastError",
              n.delivered_at AS "deliveredAt"
       FROM alert_notifications n JOIN alerts a ON a.id = n.alert_id
       WHERE a.subject = $1`,
      [`batch:${batchId}`],
    )) as {
      id: string;
      attempts: number;
      attemptLog: { outcome: string; error: string | null }[];
      lastError: string | null;
      deliveredAt: Date | null;
    }[];
    return rows[0];
  }

  it('delivers the e-mail of a batch_failed alert: headers, recipients, both parts', async () => {
    await moduleRef.get(AlertRuleService).create({
      name: 'batch failed by mail',
      kind: 'batch_failed',
      params: { min_failed_ratio: 0.5 },
      channels: [{ type: 'email', to: RECIPIENTS }],
    });
    const batchId = await failingBatch('M1');
    const got = await waitFor('the alert e-mail', () => received[0], { timeoutMs: 30_000 });
    const row = await waitFor('the delivery recorded', async () => {
      const n = await notificationOf(batchId);
      return n?.deliveredAt ? n : undefined;
    });
    expect(got.user).toBe(USER);
    expect(got.mailFrom).toBe('alerts@example.com');
    expect(got.rcptTo).toEqual(RECIPIENTS);
    expect(addresses(got.mail.to)).toEqual(RECIPIENTS);
    expect(got.mail.from?.value).toEqual([
      { name: 'market-ingest alerts', address: 'alerts@example.com' },
    ]);
    expect(got.mail.subject).toBe(
      `[market-ingest] FIRING batch_failed: batch ${batchId} (${await jobIdOf(batchId)}) ended with 3 of 3 symbols failed (100%) on synthetic`,
    );
    expect(got.mail.headers.get('x-market-ingest-delivery')).toBe(`alert-${row.id}`);
    expect(got.mail.headers.get('x-market-ingest-event')).toBe('alert.firing');
    expect(got.mail.messageId).toBe(`<alert-${row.id}.market-ingest@example.com>`);
    // Both parts, each with the link to the batch.
    const link = `https://ingest.example.com/ui/batches/${batchId}`;
    expect(got.mail.text).toContain(`Open batch ${batchId}: ${link}`);
    expect(got.mail.html).toContain(`<a href="${link}">Open batch ${batchId}</a>`);
    expect(row.attempts).toBe(1);
    expect(received).toHaveLength(1);
  });

  it('with the SMTP server down the delivery is retried and arrives once it is back', async () => {
    await new Promise((done) => smtp?.close(() => done(undefined)));
    smtp = undefined;
    const before = received.length;
    const batchId = await failingBatch('M2');
    const failing = await waitFor(
      'two failed attempts',
      async () => {
        const n = await notificationOf(batchId);
        return n && n.attemptLog.filter((a) => a.outcome === 'retried').length >= 2 ? n : undefined;
      },
      { timeoutMs: 30_000 },
    );
    expect(failing.deliveredAt).toBeNull();
    expect(failing.lastError).toMatch(/ECONNREFUSED/);
    // The password is in no recorded error.
    for (const a of failing.attemptLog) expect(a.error ?? '').not.toContain('w0rd');
    expect(received).toHaveLength(before);

    smtp = await startSmtp(port, received);
    const row = await waitFor(
      'the delivery once the server is back',
      async () => {
        const n = await notificationOf(batchId);
        return n?.deliveredAt ? n : undefined;
      },
      { timeoutMs: 30_000 },
    );
    expect(row.attempts).toBeGreaterThanOrEqual(3);
    expect(row.attemptLog.at(-1)?.outcome).toBe('delivered');
    const mails = received
      .slice(before)
      .filter((r) => r.mail.headers.get('x-market-ingest-delivery') === `alert-${row.id}`);
    expect(mails).toHaveLength(1);
    expect(mails[0].rcptTo).toEqual(RECIPIENTS);
  });

  async function jobIdOf(batchId: number): Promise<string> {
    return (await moduleRef.get(BatchService).get(String(batchId))).job_id;
  }
});
