import type { FastifyInstance, FastifyRequest } from 'fastify';
import { assets, mapAssets, type Asset } from '../../web/assets.js';

/** The best encoding of an asset that the client accepts (each compressed once, at start). */
function encoded(req: FastifyRequest, a: Asset): { body: string | Buffer; encoding?: 'br' | 'gzip' } {
  const accept = String(req.headers['accept-encoding'] ?? '');
  if (a.br && /\bbr\b/.test(accept)) return { body: a.br, encoding: 'br' };
  if (a.gzip && /\bgzip\b/.test(accept)) return { body: a.gzip, encoding: 'gzip' };
  return { body: a.body };
}

export async function assetRoutes(app: FastifyInstance): Promise<void> {
  const map = app.config.map ? mapAssets() : null;
  for (const a of [...Object.values(assets()), ...(map ? [map.css, map.js, ...Object.values(map.images)] : [])]) {
    app.get(a.path, { schema: { hide: true }, config: { compress: false } }, async (req, reply) => {
      const { body, encoding } = encoded(req, a);
      reply
        .type(a.type)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('vary', 'accept-encoding');
      if (encoding) reply.header('content-encoding', encoding);
      return reply.send(body);
    });
  }
  app.get('/favicon.ico', { schema: { hide: true } }, async (_req, reply) => reply.code(204).send());
}
