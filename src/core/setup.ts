/** Brings a database to the shape the app needs: migrations, then reference data (municipalities, taxonomies). */
import type { Kysely } from 'kysely';
import { migrate, pendingMigrations } from '../db/migrate.js';
import type { DB } from '../db/schema.js';
import { ensureSearchIndexCurrent } from './directory/searchIndexer.js';
import { ensureQueues } from './jobs/jobs.js';
import { syncTaxonomies } from './directory/taxonomies.js';
import { syncMunicipalities } from './places/syncMunicipalities.js';

/** `say` is told of long work after an update (the search documents rebuilt, now or in the background). */
export async function prepareDatabase(db: Kysely<DB>, say?: (line: string) => void): Promise<string[]> {
  const applied = await migrate(db);
  await syncMunicipalities(db);
  await syncTaxonomies(db);
  await ensureQueues(db); // (before the search index: a rebuild after an update may be queued)
  await ensureSearchIndexCurrent(db, say);
  return applied;
}

export async function isReady(db: Kysely<DB>): Promise<{ ok: boolean; pending: string[] }> {
  const pending = (await pendingMigrations(db)).map((m) => m.name);
  return { ok: pending.length === 0, pending };
}
