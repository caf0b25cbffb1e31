/**
 * Retention: a conversation is erased RETENTION_MONTHS (12) after its last message — the question, its messages
 * and consultations (a published, anonymised Q&A stays: it holds nothing of the asker). The erasure is reported
 * as counts in the audit log (`question.retention_erased`), never with contents. Anonymous questions are the rule
 * the issue names; questions with an e-mail address follow the same rule (the address served only the
 * notification), and the report counts the two apart.
 *
 * Run daily by the job queue's schedule once it is merged (`defineSchedule`); until then this plain function.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { audit } from '../audit/auditLog.js';
import { eraseQuestions, type Erased } from './followUp.js';
import { RETENTION_MONTHS } from './types.js';

export interface RetentionReport extends Erased {
  anonymous: number;
  withEmail: number;
  cutoff: string;
}

/** The moment before which a last message means erasure: `months` calendar months before `now`. */
export function retentionCutoff(now: Date, months = RETENTION_MONTHS): Date {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

export async function eraseExpiredQuestions(db: Kysely<DB>, now: Date = new Date()): Promise<RetentionReport> {
  const cutoff = retentionCutoff(now);
  return db.transaction().execute(async (tx) => {
    const expired = await tx
      .selectFrom('question')
      .select(['id', 'email_enc'])
      .where('last_message_at', '<', cutoff)
      .forUpdate()
      .execute();
    const erased = await eraseQuestions(
      tx,
      expired.map((q) => q.id),
      { withPublished: false },
    );
    const report: RetentionReport = {
      ...erased,
      anonymous: expired.filter((q) => q.email_enc === null).length,
      withEmail: expired.filter((q) => q.email_enc !== null).length,
      cutoff: cutoff.toISOString(),
    };
    await audit(
      tx,
      { actor: null, actorName: 'retention' },
      {
        action: 'question.retention_erased',
        objectType: 'question',
        details: { ...report, months: RETENTION_MONTHS },
      },
    );
    return report;
  });
}
