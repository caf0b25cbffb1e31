/**
 * The events' scheduled work (Europe/Helsinki): reminders for tomorrow's occurrences every day at 9.00, and the
 * erasure of registrants' personal data `retention_days` after the event every night. The handlers are
 * sendReminders and eraseExpiredRegistrations (registrations.ts), tested on their own with a given `now`.
 */
import { defineSchedule, queueMail } from '../jobs/jobs.js';
import { eraseExpiredRegistrations, sendReminders } from './registrations.js';

defineSchedule('events.reminders', '0 9 * * *', async (ctx) => {
  const sent = await sendReminders(
    ctx.db,
    { audit: { actor: null, actorName: 'system' }, publicUrl: ctx.config.publicUrl, queue: queueMail },
    ctx.now,
  );
  ctx.log.info({ sent }, 'events: reminders queued');
});

defineSchedule('events.erase', '30 2 * * *', async (ctx) => {
  const erased = await eraseExpiredRegistrations(ctx.db, ctx.now);
  ctx.log.info({ erased }, 'events: registrants’ personal data erased');
});
