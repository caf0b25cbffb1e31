import type { FastifyInstance } from 'fastify';
import { assets, mapAssets } from '../../web/assets.js';

export async function assetRoutes(app: FastifyInstance): Promise<void> {
  const map = app.config.map ? mapAssets() : null;
  for (const a of [...Object.values(assets()), ...(map ? [map.css, map.js, ...Object.values(map.images)] : [])]) {
    app.get(a.path, { schema: { hide: true } }, async (_req, reply) =>
      reply.type(a.type).header('cache-control', 'public, max-age=31536000, immutable').send(a.body),
    );
  }
  app.get('/favicon.ico', { schema: { hide: true } }, async (_req, reply) => reply.code(204).send());
}
