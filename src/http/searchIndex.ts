/**
 * The search's in-memory index for this app instance (issue 13): its building starts from the database when the app
 * is ready, and it follows the change feed while the app runs; it stops when the app closes. The building does not
 * hold the start up (at 100 000 services it takes seconds): until the index is served, and if building fails,
 * searches are answered by SQL (the same answers, slower). searchIndexReady(db) waits for it.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { IndexFeed } from '../core/directory/search/indexFeed.js';
import {
  buildingSearchIndex,
  serveSearchIndex,
  stopServingSearchIndex,
} from '../core/directory/search/indexedSearch.js';

export const searchIndexPlugin = fp(
  async (app: FastifyInstance) => {
    let feed: IndexFeed | null = null;
    let closed = false;
    let build: Promise<void> = Promise.resolve();
    app.addHook('onReady', async () => {
      const db = app.database.db;
      build = IndexFeed.start(app.database, app.log).then(
        async (f) => {
          if (closed) return f.close();
          feed = f;
          serveSearchIndex(db, f);
          app.log.info({ services: f.index.size, ms: Math.round(f.buildMs) }, 'search index built');
        },
        (e: unknown) => {
          if (!closed) app.log.warn({ err: e }, 'search index not built: searches are answered by SQL');
        },
      );
      buildingSearchIndex(db, build);
    });
    app.addHook('onClose', async () => {
      closed = true;
      await build;
      if (!feed) return;
      stopServingSearchIndex(app.database.db, feed);
      await feed.close();
    });
  }, // (named: fastify-plugin would otherwise read a stack trace to make a name up, ~0.3 s of a start with source maps)
  { name: 'search-index' },
);
