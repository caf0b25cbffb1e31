/**
 * The query planner's statistics: PGlite has no autovacuum, so a large directory on it had none at all (a page of
 * cards at 100 000 services took ~70 ms instead of ~5 ms). statisticsMissing finds that; gatherStatistics mends it.
 */
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { gatherStatistics, statisticsMissing } from '../../src/core/directory/statistics.js';
import { QUEUE_NAMES } from '../../src/core/jobs/queues.js';
import { testDatabases, useTestDatabase } from '../support/databases.js';

describe.each(testDatabases())('planner statistics (%s)', (kind) => {
  const d = useTestDatabase(kind, { demo: true });

  it('are found missing for a directory of this size until gathered, and are then there', async () => {
    const stats = async () =>
      (
        await sql<{ n: number }>`select count(*)::int as n from pg_stats
          where schemaname = current_schema() and tablename = 'service'`.execute(d.db)
      ).rows[0]!.n;
    if (kind === 'pglite') {
      // Nothing ever gathered them on the embedded database.
      expect(await stats()).toBe(0);
      expect(await statisticsMissing(d.db, 100)).toBe(true);
    }
    // The demo's 262 services are below the size that needs them by default.
    expect(await statisticsMissing(d.db)).toBe(false);
    await gatherStatistics(d.db);
    expect(await stats()).toBeGreaterThan(0);
    expect(await statisticsMissing(d.db, 100)).toBe(false);
  });

  it('are gathered every night by a scheduled job', () => {
    expect(QUEUE_NAMES).toContain('directory.statistics');
  });
});
