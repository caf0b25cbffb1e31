/**
 * The search's in-memory index for this app instance (issue 13): built from the database when the app is ready,
 * following the change feed while it runs, stopped when the app closes. Until it is built, and if building fails,
 * searches are answered by SQL.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { IndexFeed } from '../core/directory/search/indexFeed.js';
import { serveSearchIndex, stopServingSearchIndex } from '../core/directory/search/indexedSearch.js';

export const searchIndexPlugin = fp(async (app: FastifyInstance) => {
  let feed: IndexFeed | null = null;
  app.addHook('onReady', async () => {
    try {
      feed = await IndexFeed.start(app.database, app.log);
      serveSearchIndex(app.database.db, feed);
      app.log.info({ services: feed.index.size, ms: Math.round(feed.buildMs) }, 'search index built');
    } catch (e) {
      app.log.warn({ err: e }, 'search index not built: searches are answered by SQL');
    }
  });
  app.addHook('onClose', async () => {
    if (!feed) return;
    stopServingSearchIndex(app.database.db, feed);
    await feed.close();
  });
});
