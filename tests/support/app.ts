import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { readConfig } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';

export async function testApp(database: Database, env: Record<string, string> = {}): Promise<FastifyInstance> {
  const config = { ...readConfig({ PORT: '0', ...env }), publicUrl: 'http://yhdessa.test' };
  const app = await buildApp({ database, config });
  await app.ready();
  return app;
}
