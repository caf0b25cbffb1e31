/**
 * Retention of concerns and cases: what is erased, when. Erasing a case removes its messages, minutes, plan,
 * follow-up entries and referrals with it (foreign keys cascade); the audit log keeps that reads and changes
 * happened, never their contents. Each run writes a report row per rule (counts only) and one audit entry.
 *
 * The periods are this installation's policy, to be confirmed by the data controller against the Act on client
 * documents in social welfare (254/2015): low-threshold concerns handled without a client relationship are not
 * kept as client documents.
 *
 * Run every night by the job queue's schedule `concerns.retention` (below).
 */
import { sql } from 'kysely';
import { audit, type AuditContext } from '../audit/auditLog.js';
import { defineSchedule } from '../jobs/jobs.js';
import { newId } from '../shared/ids.js';
import { inTransaction, type Db } from './policy.js';

export interface RetentionRule {
  recordType: string;
  rule: string;
  /** Months after the moment the rule counts from. */
  months: number;
}

export const RETENTION_RULES: readonly RetentionRule[] = [
  { recordType: 'closed_case', rule: '24 months after closure', months: 24 },
  { recordType: 'closed_case_deletion_requested', rule: 'closed and the resident asked for deletion', months: 0 },
  { recordType: 'idle_case', rule: '12 months without any activity, never closed', months: 12 },
];

export interface ErasureReport {
  runAt: Date;
  erased: { recordType: string; rule: string; count: number }[];
}

const SYSTEM: AuditContext = { actor: null, actorName: 'retention' };

export async function eraseExpiredConcerns(db: Db, now: Date = new Date()): Promise<ErasureReport> {
  return inTransaction(db, async (tx) => {
    const before = (months: number) => sql<Date>`${now}::timestamptz - make_interval(months => ${months})`;
    const erased: ErasureReport['erased'] = [];
    for (const r of RETENTION_RULES) {
      let q = tx.deleteFrom('concern_case');
      if (r.recordType === 'closed_case')
        q = q.where('status', '=', 'closed').where('closed_at', '<', before(r.months));
      else if (r.recordType === 'closed_case_deletion_requested')
        q = q.where('status', '=', 'closed').where('deletion_requested_at', 'is not', null);
      else q = q.where('status', '!=', 'closed').where('last_activity_at', '<', before(r.months));
      const rows = await q.returning('id').execute();
      erased.push({ recordType: r.recordType, rule: r.rule, count: rows.length });
      await tx
        .insertInto('concern_erasure')
        .values({ id: newId(), run_at: now, record_type: r.recordType, erased: rows.length, rule: r.rule })
        .execute();
    }
    await audit(tx, SYSTEM, {
      action: 'concern.retention_erased',
      objectType: 'concern_case',
      details: Object.fromEntries(erased.map((e) => [e.recordType, e.count])),
    });
    return { runAt: now, erased };
  });
}

/** The latest runs of the erasure, newest first (counts only). */
export async function erasureReport(db: Db, limit = 30) {
  return db
    .selectFrom('concern_erasure')
    .selectAll()
    .orderBy('run_at', 'desc')
    .orderBy('record_type')
    .limit(limit)
    .execute();
}

// Every night at 3.20 (Helsinki): erase what the rules say, and log the counts.
defineSchedule('concerns.retention', '20 3 * * *', async (ctx) => {
  const report = await eraseExpiredConcerns(ctx.db, ctx.now);
  ctx.log.info(
    { erased: Object.fromEntries(report.erased.map((e) => [e.recordType, e.count])) },
    'concerns erased by retention',
  );
});
