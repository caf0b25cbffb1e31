import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';
import { enqueue, jobCounts, queueMail, runDueJobs, startJobRunner, type JobLog } from '../../src/core/jobs/jobs.js';
import { createMailer } from '../../src/core/mail/mailer.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { startMailbox, type Mailbox } from '../support/mailbox.js';

const quiet: JobLog = { info() {}, warn() {}, error() {} };

describe.each(testDatabases())('the job queue on %s', (kind) => {
  let d: TestDatabase;
  let mailbox: Mailbox;
  const config = readConfig({ PUBLIC_URL: 'http://yhdessa.test' });
  const env = () => ({
    db: d.db,
    mailer: createMailer({ smtpUrl: mailbox.url, from: 'noreply@yhdessa.test' }),
    config,
    log: quiet,
  });

  beforeAll(async () => {
    d = await createTestDatabase(kind);
    mailbox = await startMailbox();
  });
  afterAll(async () => {
    await mailbox?.close();
    await d?.dispose();
  });

  const pending = async () =>
    (await jobCounts(d.db))
      .filter((c) => c.name === 'mail.send' && ['created', 'retry'].includes(c.state))
      .reduce((n, c) => n + c.count, 0);

  it('queues mail with the transaction that needs it: nothing when it rolls back, one mail when it commits', async () => {
    await d.db
      .transaction()
      .execute(async (trx) => {
        await queueMail(trx, { to: 'rollback@example.fi', subject: 'Ei', text: 'ei lähde' });
        throw new Error('the change failed');
      })
      .catch(() => undefined);
    await d.db.transaction().execute(async (trx) => {
      await queueMail(trx, {
        to: 'commit@example.fi',
        subject: 'Vastaus odottaa',
        text: 'Lue vastaus: http://yhdessa.test/fi/ask/x',
      });
    });
    expect(await pending()).toBe(1);
    const report = await runDueJobs(env());
    expect(report).toMatchObject({ ran: 1, failed: 0 });
    const mail = await mailbox.waitFor('commit@example.fi');
    expect(mail.subject).toBe('Vastaus odottaa');
    expect(mailbox.messages.some((m) => m.to.includes('rollback@example.fi'))).toBe(false);
    expect(await pending()).toBe(0);
  });

  it('loses nothing while the mail server is down: the job waits for a retry and is delivered later', async () => {
    await queueMail(d.db, { to: 'later@example.fi', subject: 'Muistutus', text: 'huomenna' });
    const down = { ...env(), mailer: createMailer({ smtpUrl: 'smtp://127.0.0.1:1', from: 'noreply@yhdessa.test' }) };
    expect(await runDueJobs(down)).toMatchObject({ ran: 0, failed: 1 });
    expect(await pending()).toBe(1); // waiting for its retry, not gone
    const states = await sql<{ state: string }>`
      select state::text as state from pgboss.job where name = 'mail.send' and data->>'to' = 'later@example.fi'`.execute(
      d.db,
    );
    expect(states.rows).toEqual([{ state: 'retry' }]);
    expect(await runDueJobs(env())).toMatchObject({ ran: 0 }); // the retry's time has not come
    expect(await runDueJobs(env(), { ignoreDelays: true })).toMatchObject({ ran: 1, failed: 0 });
    expect((await mailbox.waitFor('later@example.fi')).subject).toBe('Muistutus');
  });

  it('refuses a queue that is not declared, instead of dropping the job', async () => {
    await expect(enqueue(d.db, 'no.such.queue' as 'mail.send', {})).rejects.toThrow(/no queue no.such.queue/);
  });

  it('delivers by itself while the runner works the queues, and stops cleanly', async () => {
    const runner = await startJobRunner(env(), { pollSeconds: 0.5 });
    try {
      await queueMail(d.db, { to: 'runner@example.fi', subject: 'Tervetuloa', text: 'linkki' });
      expect((await mailbox.waitFor('runner@example.fi', { timeoutMs: 20_000 })).subject).toBe('Tervetuloa');
    } finally {
      await runner.stop();
    }
  });
});
