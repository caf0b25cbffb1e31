/**
 * An asker's e-mail goes through the job queue as `questions.mail`, its data sealed (AES-256-GCM, like the
 * columns): the queue's table would otherwise hold the asker's address and, in a receipt, the private follow-up
 * link in plain text for days. Retried like all mail, so a failing mail server loses nothing.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { defineJob, enqueue } from '../jobs/jobs.js';
import type { Mail } from '../mail/mailer.js';
import { decryptField, encryptField } from '../shared/fieldCrypto.js';

const MAIL_CONTEXT = 'questions.mail';

export const questionMailJob = defineJob<{ sealed: string }>('questions.mail', async (data, ctx) => {
  await ctx.mailer.send(JSON.parse(decryptField(data.sealed, MAIL_CONTEXT)) as Mail);
});

/** Queues an asker's e-mail in the caller's transaction: sent only if the change commits. */
export async function queueQuestionMail(db: Kysely<DB> | Transaction<DB>, mail: Mail): Promise<void> {
  const sealed = encryptField(JSON.stringify({ to: mail.to, subject: mail.subject, text: mail.text }), MAIL_CONTEXT);
  await enqueue(db, questionMailJob, { sealed });
}
