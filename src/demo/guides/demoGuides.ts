/**
 * Demo guides: published on first start so that /fi/guides/separation shows Hanko's and Raasepori's services at
 * once. A guide already present (by its address) is left alone, so a coordinator's edits survive a restart.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { audit } from '../../core/audit/auditLog.js';
import { idFromKey } from '../../core/shared/ids.js';
import type { GuideContent } from '../../core/guides/types.js';
import { validateGuide } from '../../core/guides/validateGuide.js';
import { SEPARATION } from './separation.js';
import { EXPECTING, MOVING, SPECIAL_NEEDS } from './moreGuides.js';

export const DEMO_GUIDES: { slug: string; sort: number; content: GuideContent }[] = [
  { slug: 'separation', sort: 10, content: SEPARATION },
  { slug: 'expecting', sort: 20, content: EXPECTING },
  { slug: 'moving', sort: 30, content: MOVING },
  { slug: 'special-needs', sort: 40, content: SPECIAL_NEEDS },
];

const REVIEWED = '2026-12-06';

/** The demo organisations the guides' services belong to: without them (a test's fixture) no guides are added. */
const DEMO_ORGS = ['hanko-kaupunki', 'raasepori-kaupunki', 'lansi-uusimaa-hva'];

export async function loadDemoGuides(db: Kysely<DB>): Promise<number> {
  const present = await db.selectFrom('organization').select('key').where('key', 'in', DEMO_ORGS).execute();
  if (present.length < DEMO_ORGS.length) return 0;
  let added = 0;
  for (const g of DEMO_GUIDES) {
    const clean = validateGuide({ slug: g.slug, sort: g.sort, reviewBy: '2027-12-06', content: g.content });
    const exists = await db.selectFrom('guide').select('id').where('slug', '=', g.slug).executeTakeFirst();
    if (exists) continue;
    const id = idFromKey('guide', g.slug);
    await db.transaction().execute(async (tx) => {
      await tx
        .insertInto('guide')
        .values({
          id,
          slug: clean.slug,
          sort: clean.sort,
          published: JSON.stringify(clean.content),
          published_at: new Date(`${REVIEWED}T08:00:00Z`),
          review_by: clean.reviewBy,
          last_reviewed: REVIEWED,
        })
        .execute();
      await audit(
        tx,
        { actor: null, actorName: 'demo data' },
        { action: 'guide.create', objectType: 'guide', objectId: id },
      );
    });
    added++;
  }
  return added;
}
