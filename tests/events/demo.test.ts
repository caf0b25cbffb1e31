/** The demo events: loaded with the demo data, in the coming weeks from the day they are loaded, once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoEvents } from '../../src/demo/events/demoEvents.js';
import { searchOccurrences } from '../../src/core/events/queries.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';

describe('demo events', () => {
  let d: TestDatabase;
  beforeAll(async () => {
    d = await createTestDatabase('pglite', { demo: true });
  });
  afterAll(async () => {
    await d?.dispose();
  });

  it('holds the seeds’ events with occurrences in the coming weeks, and loading again adds nothing', async () => {
    const events = await d.db.selectFrom('event').select(['key', 'kind', 'languages']).orderBy('key').execute();
    expect(events.map((e) => e.key)).toEqual([
      'demo-askola-mll-perhekahvila',
      'demo-hanko-mielenterveyden-ensiapu',
      'demo-inkoo-familjecafe-sv',
      'demo-inkoo-perhekahvila-fi',
      'demo-raasepori-de-otroliga-aren',
      'demo-siuntio-mll-infoillat',
    ]);
    const group = await d.db
      .selectFrom('event_occurrence as o')
      .innerJoin('event as e', 'e.id', 'o.event_id')
      .select(['o.starts_at'])
      .where('e.key', '=', 'demo-raasepori-de-otroliga-aren')
      .execute();
    expect(group).toHaveLength(14);
    const now = Date.now();
    expect(group.every((o) => o.starts_at.getTime() > now && o.starts_at.getTime() < now + 120 * 86400000)).toBe(true);
    const inkooSv = await searchOccurrences(d.db, { municipality: ['149'], language: 'sv' });
    expect(inkooSv.events.map((e) => e.name.sv)).toContain('Folkhälsans familjecafé');
    expect(await loadDemoEvents(d.db)).toBe(0);
  });
});
