import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { buildApp } from './app.js';
import { requestSerializers } from './logging.js';

export async function startServer(d: Database, config: Config): Promise<void> {
  const app = await buildApp({
    database: d,
    config,
    logger: { level: config.logLevel, serializers: requestSerializers },
  });
  const close = async (signal: string) => {
    app.log.info(`${signal}: closing`);
    await app.close();
    await d.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void close('SIGINT'));
  process.once('SIGTERM', () => void close('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  console.log(`Yhdessä is at ${config.publicUrl}/ (database: ${d.kind === 'pglite' ? config.dataDir : 'PostgreSQL'})`);
}
