/**
 * The query planner's statistics. PostgreSQL gathers them by itself (autovacuum); PGlite, the embedded default, has
 * no autovacuum, so it never had any: at 100 000 services a page of cards took ~70 ms instead of ~5 ms, the planner
 * guessing its way through every join. So statistics are gathered (ANALYZE) after a PTV import, when a start finds
 * none while the directory is large (after the first page, not holding it up), and every night.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { defineSchedule } from '../jobs/jobs.js';

/** Below this many services the plans are good without statistics, and gathering them is not worth a start's time. */
const LARGE = 1000;

export async function gatherStatistics(db: Kysely<DB>): Promise<void> {
  await sql`analyze`.execute(db);
}

/** The directory is large and its statistics were never gathered (PGlite, or a PostgreSQL just restored). */
export async function statisticsMissing(db: Kysely<DB>, large = LARGE): Promise<boolean> {
  const r = await sql<{ missing: boolean }>`
    select not exists (select 1 from pg_stats where schemaname = current_schema() and tablename = 'service')
      and (select count(*) from (select 1 from service limit ${large}) s) >= ${large} as missing`.execute(db);
  return r.rows[0]?.missing ?? false;
}

defineSchedule('directory.statistics', '50 3 * * *', async (ctx) => {
  await gatherStatistics(ctx.db);
});
