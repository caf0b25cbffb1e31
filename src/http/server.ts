import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { startJobRunner, type JobRunner } from '../core/jobs/jobs.js';
import { buildApp } from './app.js';
import { startLocalAdmin, type LocalAdmin } from './localAdmin.js';
import { requestSerializers } from './logging.js';

export async function startServer(d: Database, config: Config): Promise<void> {
  const app = await buildApp({
    database: d,
    config,
    logger: { level: config.logLevel, serializers: requestSerializers },
  });
  let jobs: JobRunner | undefined;
  let localAdmin: LocalAdmin | undefined;
  const close = async (signal: string) => {
    app.log.info(`${signal}: closing`);
    await localAdmin?.close();
    await jobs?.stop();
    await app.close();
    await d.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void close('SIGINT'));
  process.once('SIGTERM', () => void close('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  // The embedded database's owner makes its backups: `yhdessa backup` asks here (localAdmin.ts).
  // Without it the app still serves; only `yhdessa backup` must then wait for the server to stop.
  if (d.backup)
    localAdmin = await startLocalAdmin({ database: d, dataDir: config.dataDir, log: app.log }).catch((e: Error) => {
      app.log.error({ err: e.message }, 'no local door for commands: yhdessa backup needs the server stopped');
      return undefined;
    });
  // E-mail, reminders and erasure: every instance works the queues unless JOB_RUNNER=off (pg-boss shares them out).
  if (config.jobRunner) jobs = await startJobRunner({ db: d.db, mailer: app.mailer, config, log: app.log });
  console.log(`Yhdessä is at ${config.publicUrl}/ (database: ${d.kind === 'pglite' ? config.dataDir : 'PostgreSQL'})`);
}
