/**
 * Work that happens later or on a schedule: e-mail, reminders, erasure when data's time is up. One way to do it:
 *
 *   const reminder = defineJob<{ eventId: string }>('events.reminder', async (data, ctx) => { … });
 *   await enqueue(trx, reminder, { eventId });          // in the same transaction as the change that needs it
 *   await queueMail(trx, { to, subject, text });         // every e-mail goes through the queue
 *   defineSchedule('questions.erase', '15 3 * * *', async (ctx) => { … });   // cron, Europe/Helsinki
 *
 * The queue is pg-boss 10 on the app's own database (PostgreSQL, or PGlite through the same Kysely connection):
 * jobs are rows, taken with SKIP LOCKED, retried with backoff, archived, and shared safely by several app
 * instances. `startJobRunner` (in `serve`) works the queues; tests call `runDueJobs` to run what is due, at once
 * and in order. Queue names are declared in queues.ts.
 */
import { CompiledQuery, sql, type Kysely, type Transaction } from 'kysely';
import PgBoss from 'pg-boss';
import type { Config } from '../../config.js';
import type { DB } from '../../db/schema.js';
import type { Mail, Mailer } from '../mail/mailer.js';
import { QUEUE_NAMES, QUEUES, type QueueName } from './queues.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface JobLog {
  info(data: Record<string, unknown>, msg: string): void;
  warn(data: Record<string, unknown>, msg: string): void;
  error(data: Record<string, unknown>, msg: string): void;
}

/** What a job's handler gets: the database, the mailer, the configuration, a log, and the time it runs at. */
export interface JobContext {
  db: Kysely<DB>;
  mailer: Mailer;
  config: Config;
  log: JobLog;
  now: Date;
}
export type JobEnvironment = Omit<JobContext, 'now'>;

export interface JobDefinition<T> {
  name: QueueName;
  handler: (data: T, ctx: JobContext) => Promise<void>;
}
export interface ScheduleDefinition {
  name: QueueName;
  cron: string;
  handler: (ctx: JobContext) => Promise<void>;
}

const jobs = new Map<QueueName, JobDefinition<never>>();
const schedules = new Map<QueueName, ScheduleDefinition>();

export function defineJob<T>(name: QueueName, handler: (data: T, ctx: JobContext) => Promise<void>): JobDefinition<T> {
  if (jobs.has(name) || schedules.has(name)) throw new Error(`job ${name} is defined twice`);
  const def = { name, handler };
  jobs.set(name, def as JobDefinition<never>);
  return def;
}

/** A job run on a cron schedule (Europe/Helsinki); one run per due time across all app instances. */
export function defineSchedule(name: QueueName, cron: string, handler: (ctx: JobContext) => Promise<void>): void {
  if (jobs.has(name) || schedules.has(name)) throw new Error(`job ${name} is defined twice`);
  schedules.set(name, { name, cron, handler });
}

export function definedJobs(): JobDefinition<never>[] {
  return [...jobs.values()];
}
export function definedSchedules(): ScheduleDefinition[] {
  return [...schedules.values()];
}

/** pg-boss speaks to the database through this: the app's Kysely connection or the caller's transaction. */
function adapter(db: Db): { executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> } {
  return {
    async executeSql(text, values = []) {
      const r = await db.executeQuery(CompiledQuery.raw(text, values));
      return { rows: r.rows as unknown[] };
    },
  };
}

// One pg-boss client builds the SQL for sending, fetching and completing; every call names its connection.
let client: PgBoss | undefined;
function boss(): PgBoss {
  client ??= new PgBoss({
    db: adapter(undefined as unknown as Db), // never used: every call passes its own `db`
    schema: 'pgboss',
  });
  return client;
}

export class JobError extends Error {}

export interface EnqueueOptions {
  startAfter?: Date;
  /** At most one job with this key waits in the queue at a time (a second enqueue is skipped). */
  singletonKey?: string;
}

/** Adds a job to the queue in the caller's transaction: it runs only if the transaction commits. */
export async function enqueue<T extends object>(
  db: Db,
  job: JobDefinition<T> | QueueName,
  data: T,
  opts: EnqueueOptions = {},
): Promise<string | null> {
  const name = typeof job === 'string' ? job : job.name;
  if (!(name in QUEUES)) throw new JobError(`no queue ${name} (declare it in core/jobs/queues.ts)`);
  const id = await boss().send(name, data, {
    db: adapter(db),
    ...(opts.startAfter ? { startAfter: opts.startAfter } : {}),
    ...(opts.singletonKey ? { singletonKey: opts.singletonKey } : {}),
  } as PgBoss.SendOptions);
  if (!id && !opts.singletonKey) throw new JobError(`the queue ${name} refused a job (is the database prepared?)`);
  return id;
}

export const mailJob = defineJob<Mail>('mail.send', async (mail, ctx) => {
  await ctx.mailer.send(mail);
});

/** Sends an e-mail through the queue (retried for a day when the mail server fails). Never put sensitive text in it. */
export async function queueMail(db: Db, mail: Mail): Promise<void> {
  await enqueue(db, mailJob, { to: mail.to, subject: mail.subject, text: mail.text });
}

/** Creates the declared queues that are missing (idempotent); part of preparing a database. */
export async function ensureQueues(db: Kysely<DB>): Promise<void> {
  const existing = new Set(
    (await sql<{ name: string }>`select name from pgboss.queue`.execute(db)).rows.map((r) => r.name),
  );
  for (const name of QUEUE_NAMES) {
    if (existing.has(name)) continue;
    // pg-boss's own createQueue, with the options it stores (it has no per-call connection for this one).
    const options = JSON.stringify({ policy: 'standard', retentionMinutes: 60 * 24 * 14, ...QUEUES[name] });
    await sql`select pgboss.create_queue(${name}, ${options}::json)`.execute(db);
  }
}

async function runOne(
  name: QueueName,
  job: { id: string; data: unknown },
  run: () => Promise<void>,
  db: Kysely<DB>,
  log: JobLog,
): Promise<boolean> {
  try {
    await run();
    await boss().complete(name, job.id, {}, { db: adapter(db) } as PgBoss.ConnectionOptions);
    return true;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    log.warn({ job: name, id: job.id, err: message }, 'job failed; it will be retried while retries are left');
    await boss().fail(name, job.id, { message }, { db: adapter(db) } as PgBoss.ConnectionOptions);
    return false;
  }
}

export interface RunReport {
  ran: number;
  failed: number;
}

/**
 * Runs every job that is due now, queue by queue, until none is left; with `schedules: true` also every scheduled
 * job once (as if its time had come). With `ignoreDelays: true`, jobs waiting for a later start or a retry are
 * due at once. For tests and the `jobs run` command; `serve` works the queues continuously instead.
 */
export async function runDueJobs(
  env: JobEnvironment,
  opts: { now?: Date; schedules?: boolean; ignoreDelays?: boolean } = {},
): Promise<RunReport> {
  const now = opts.now ?? new Date();
  const ctx: JobContext = { ...env, now };
  const report: RunReport = { ran: 0, failed: 0 };
  if (opts.schedules) {
    for (const s of schedules.values()) {
      try {
        await s.handler(ctx);
        report.ran++;
      } catch (e) {
        env.log.warn({ job: s.name, err: e instanceof Error ? e.message : String(e) }, 'scheduled job failed');
        report.failed++;
      }
    }
  }
  if (opts.ignoreDelays)
    await sql`update pgboss.job set start_after = now() where state in ('created', 'retry') and start_after > now()`.execute(
      env.db,
    );
  for (let round = 0; round < 100; round++) {
    let fetched = 0;
    for (const def of jobs.values()) {
      const batch = await boss().fetch<never>(def.name, { batchSize: 100, db: adapter(env.db) } as PgBoss.FetchOptions);
      fetched += batch.length;
      for (const job of batch) {
        const ok = await runOne(def.name, job, () => def.handler(job.data, ctx), env.db, env.log);
        report[ok ? 'ran' : 'failed']++;
      }
    }
    if (!fetched) break;
  }
  return report;
}

/** Jobs by queue and state (for /metrics and the tests). */
export async function jobCounts(db: Kysely<DB>): Promise<{ name: string; state: string; count: number }[]> {
  const r = await sql<{ name: string; state: string; count: number }>`
    select name, state::text as state, count(*)::int as count from pgboss.job group by name, state order by name, state`.execute(
    db,
  );
  return r.rows;
}

export interface JobRunner {
  stop(): Promise<void>;
}

/**
 * Works the queues for as long as the app runs: polls each defined job's queue, and lets pg-boss send each
 * schedule's job when its time comes (once across all instances). Stopping waits for running jobs.
 */
export async function startJobRunner(env: JobEnvironment, opts: { pollSeconds?: number } = {}): Promise<JobRunner> {
  const runner = new PgBoss({
    db: adapter(env.db),
    schema: 'pgboss',
    supervise: true,
    schedule: true,
    migrate: true,
    archiveCompletedAfterSeconds: 3600,
    deleteAfterDays: 7,
  });
  runner.on('error', (e: Error) => env.log.error({ err: e.message }, 'job queue error'));
  await runner.start();
  await ensureQueues(env.db);
  const pollingIntervalSeconds = opts.pollSeconds ?? 2;
  for (const def of jobs.values()) {
    await runner.work<never>(def.name, { pollingIntervalSeconds, batchSize: 1 }, async ([job]) => {
      if (job) await def.handler(job.data, { ...env, now: new Date() });
    });
  }
  const defined = new Set<string>();
  for (const s of schedules.values()) {
    defined.add(s.name);
    await runner.schedule(s.name, s.cron, {}, { tz: 'Europe/Helsinki' });
    await runner.work(s.name, { pollingIntervalSeconds, batchSize: 1 }, async () => {
      await s.handler({ ...env, now: new Date() });
    });
  }
  for (const old of await runner.getSchedules()) if (!defined.has(old.name)) await runner.unschedule(old.name);
  return {
    async stop() {
      await runner.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
