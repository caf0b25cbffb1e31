/**
 * Every morning (07:00 Europe/Helsinki) the owners of follow-ups that have fallen due are reminded by e-mail,
 * through the job queue (the mail is queued in the same transaction that records the reminder).
 */
import { defineSchedule, queueMail } from '../jobs/jobs.js';
import { remindDueFollowUps } from './followUps.js';

defineSchedule('child_impact.follow_ups', '0 7 * * *', async (ctx) => {
  const n = await remindDueFollowUps(ctx.db, {
    now: ctx.now,
    publicUrl: ctx.config.publicUrl,
    send: (trx, mail) => queueMail(trx, mail),
  });
  if (n) ctx.log.info({ reminded: n }, 'child impact follow-ups reminded');
});
