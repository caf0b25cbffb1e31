/**
 * The events' outgoing e-mail: every message is handed to `deps.queue` inside the transaction that decided it.
 * Until the job queue (core/jobs) is wired in, `mailBatch` collects the messages and the caller sends them after
 * the transaction has committed (`flush`); a message that fails is logged, never thrown at the person.
 * Messages never carry personal or sensitive content beyond the event's name and time: only links.
 */
import type { Mailer } from '../mail/mailer.js';
import type { OutgoingMail } from './types.js';

export interface MailBatch {
  queue: (db: unknown, mail: OutgoingMail) => Promise<void>;
  flush: () => Promise<void>;
  readonly pending: OutgoingMail[];
}

export function mailBatch(mailer: Mailer, log: (e: unknown) => void = () => {}): MailBatch {
  const pending: OutgoingMail[] = [];
  return {
    pending,
    queue: async (_db, mail) => {
      pending.push(mail);
    },
    flush: async () => {
      for (const m of pending.splice(0)) await mailer.send(m).catch(log);
    },
  };
}
