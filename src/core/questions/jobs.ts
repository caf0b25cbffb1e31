/**
 * E-advice's schedule: every night at 03.15 (Europe/Helsinki), conversations 12 months past their last message
 * are erased (retention.ts), with the report in the audit log. (Its e-mail job is in mailJob.ts.)
 */
import { defineSchedule } from '../jobs/jobs.js';
import { eraseExpiredQuestions } from './retention.js';

export const ERASE_CRON = '15 3 * * *';

defineSchedule('questions.erase', ERASE_CRON, async (ctx) => {
  const report = await eraseExpiredQuestions(ctx.db, ctx.now);
  ctx.log.info({ ...report }, 'questions erased after their retention time');
});
