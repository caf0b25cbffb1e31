import type { FastifyInstance } from 'fastify';
import { ping } from '../../db/database.js';
import { isReady } from '../../core/setup.js';

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/healthz', { schema: { tags: ['health'], hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { tags: ['health'], hide: true } }, async (_req, reply) => {
    try {
      await ping(app.database.db);
      const r = await isReady(app.database.db);
      if (!r.ok) return reply.code(503).send({ status: 'migrations_pending', pending: r.pending });
      return { status: 'ready', database: app.database.kind };
    } catch (e) {
      // The detail (addresses, ports) is for the log, not for whoever asks.
      app.log.error({ err: e }, 'readiness: database unreachable');
      return reply.code(503).send({ status: 'database_unreachable', message: 'database unreachable' });
    }
  });
}
