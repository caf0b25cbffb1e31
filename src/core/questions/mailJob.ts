/**
 * An asker's e-mail goes through the job queue like all mail (queueMail: sealed with the field key, so the queue's
 * table holds neither the asker's address nor, in a receipt, the private follow-up link; retried, so a failing mail
 * server loses nothing).
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { queueMail } from '../jobs/jobs.js';
import type { Mail } from '../mail/mailer.js';

/** Queues an asker's e-mail in the caller's transaction: sent only if the change commits. */
export async function queueQuestionMail(db: Kysely<DB> | Transaction<DB>, mail: Mail): Promise<void> {
  await queueMail(db, mail);
}
