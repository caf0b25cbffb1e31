/** What e-advice's routes share: sending an asker's e-mail, and reading a form's question fields. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Mail } from '../../../core/mail/mailer.js';

/**
 * Sends an asker's notification after the change was saved. A failing mail server must not undo the question,
 * so a failure is logged. (To be replaced by queueMail inside the transaction once the job queue is merged:
 * then it is retried and nothing is lost.)
 */
export async function deliver(app: FastifyInstance, req: FastifyRequest, mail: Mail | null): Promise<void> {
  if (!mail) return;
  try {
    await app.mailer.send(mail);
  } catch (err) {
    req.log.error({ err }, 'question notification not sent');
  }
}
