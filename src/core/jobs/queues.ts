/**
 * Every queue of the job queue, declared once. A job sent to a queue that does not exist would be dropped by
 * pg-boss without a word, so queues are created from this list whenever a database is prepared
 * (core/setup.ts), and `enqueue` only takes these names.
 *
 * A scheduled job (defineSchedule) has a queue of its own name too. Retries: pg-boss waits `retryDelay` seconds,
 * doubling each time when `retryBackoff` is on.
 */
export interface QueueOptions {
  retryLimit: number;
  retryDelay: number;
  retryBackoff: boolean;
  /** How long a job may run before it counts as failed (and is retried). */
  expireInSeconds: number;
  /** pg-boss's queue policy: 'standard' (the default), or 'stately': at most one job waiting and one running. */
  policy?: 'standard' | 'stately';
}

/** Options for a scheduled job that runs once a day (erasure, reminders): a few retries, minutes apart. */
export const DAILY: QueueOptions = { retryLimit: 3, retryDelay: 300, retryBackoff: true, expireInSeconds: 1800 };

export const QUEUES = {
  // E-mail: retried for about a day (30 s, 1 min, 2 min, … 17 h), so a mail server that is down loses nothing.
  'mail.send': { retryLimit: 12, retryDelay: 30, retryBackoff: true, expireInSeconds: 120 },
  // Error reports on services: deleted a year after they were dealt with (core/feedback/reportError.ts).
  'feedback.purge': DAILY,
  // Concerns and cases: erased by their retention rules (core/concerns/retention.ts).
  'concerns.retention': DAILY,
  // E-advice retention: conversations erased 12 months after their last message, daily.
  'questions.erase': DAILY,
  'child_impact.follow_ups': DAILY, // reminders of child impact follow-ups that fall due (core/childImpact)
  // Working models whose review date has come: their owners get one e-mail (core/workingModels/reviewReminders.ts).
  'workingModels.review_due': DAILY,
  // Events: reminders the day before, and erasing registrants' personal data after the event (core/events/jobs.ts).
  'events.reminders': DAILY,
  'events.erase': DAILY,
  // The query planner's statistics, gathered nightly (PGlite has no autovacuum; core/directory/statistics.ts).
  'directory.statistics': DAILY,
  // The search documents rebuilt in the background after an update (core/directory/searchIndexer.ts): at 100 000
  // services several minutes. Stately: a start while one runs queues at most one more, which finds it done.
  'directory.rebuild_search': {
    retryLimit: 5,
    retryDelay: 60,
    retryBackoff: true,
    expireInSeconds: 3600,
    policy: 'stately',
  },
} as const satisfies Record<string, QueueOptions>;

export type QueueName = keyof typeof QUEUES;
export const QUEUE_NAMES = Object.keys(QUEUES) as QueueName[];
