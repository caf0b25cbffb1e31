import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { startJobRunner, type JobRunner } from '../core/jobs/jobs.js';
import { gatherStatistics, statisticsMissing } from '../core/directory/statistics.js';
import { buildApp } from './app.js';
import { startLocalAdmin, type LocalAdmin } from './localAdmin.js';
import { requestSerializers } from './logging.js';

/**
 * Builds the app and listens, once `before` (what else the start does meanwhile) is done; `say` is told where it
 * answers (the command prints each step of a start).
 */
export async function startServer(
  d: Database,
  config: Config,
  say: (line: string) => void = (line) => console.log(line),
  before: Promise<unknown> = Promise.resolve(),
): Promise<void> {
  const app = await buildApp({
    database: d,
    config,
    logger: { level: config.logLevel, serializers: requestSerializers },
  });
  await before;
  let jobs: JobRunner | undefined;
  let localAdmin: LocalAdmin | undefined;
  let jobsStarting: Promise<unknown> | undefined;
  let gathering: Promise<unknown> | undefined;
  let closing = false;
  const close = async (signal: string) => {
    closing = true;
    app.log.info(`${signal}: closing`);
    await localAdmin?.close();
    await jobsStarting; // a runner still starting is stopped once it has (it needs the database until then)
    await jobs?.stop();
    await gathering;
    await app.close();
    await d.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void close('SIGINT'));
  process.once('SIGTERM', () => void close('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  say(
    `Yhdessä is at ${config.publicUrl}/ (database: ${d.kind === 'pglite' ? config.dataDir : 'PostgreSQL'}; started in ${(performance.now() / 1000).toFixed(1)} s)`,
  );
  // The embedded database's owner makes its backups: `yhdessa backup` asks here (localAdmin.ts).
  // Without it the app still serves; only `yhdessa backup` must then wait for the server to stop.
  if (d.backup)
    localAdmin = await startLocalAdmin({ database: d, dataDir: config.dataDir, log: app.log }).catch((e: Error) => {
      app.log.error({ err: e.message }, 'no local door for commands: yhdessa backup needs the server stopped');
      return undefined;
    });
  // What the first page does not need waits until one has been answered (or AFTER_START_MS, whichever comes first):
  // starting the job runner (pg-boss's checks and schedules, ~0.8 s of CPU on this project's machine, most of it in
  // the database's thread, which the first page's queries would queue behind) and compiling the route schemas no
  // request has needed yet.
  let started = false;
  const afterStart = () => {
    if (started) return;
    started = true;
    clearTimeout(timer);
    app.server.off('request', onRequest);
    if (closing) return;
    // E-mail, reminders and erasure: every instance works the queues unless JOB_RUNNER=off (pg-boss shares them out).
    if (config.jobRunner)
      jobsStarting = startJobRunner({ db: d.db, mailer: app.mailer, config, log: app.log }).then(
        (runner) => {
          jobs = runner;
        },
        (e: Error) => app.log.error({ err: e.message }, 'the job runner did not start'),
      );
    // Route schemas compile on first use; the rest compile now, between requests (a broken one is logged).
    void app.compilePendingSchemas();
    // A large directory without planner statistics (PGlite never gathers them itself) gets them now.
    gathering = statisticsMissing(d.db)
      .then(async (missing) => {
        if (!missing || closing) return;
        app.log.info('gathering the query planner statistics (none yet)');
        await gatherStatistics(d.db);
      })
      .catch((e: Error) => app.log.warn({ err: e.message }, 'planner statistics not gathered'));
  };
  const timer = setTimeout(afterStart, AFTER_START_MS);
  timer.unref();
  // (a redirect, such as / to /fi/, is not the page yet)
  const onRequest = (_req: IncomingMessage, res: ServerResponse) =>
    res.once('finish', () => {
      if (res.statusCode < 300 || res.statusCode >= 400) setImmediate(afterStart);
    });
  app.server.on('request', onRequest);
}

/** At the latest this long after listening, the work the first page does not need begins. */
const AFTER_START_MS = 2000;
