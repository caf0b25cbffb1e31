/**
 * Keeping the guides: a coordinator saves a draft beside the published text, previews it, publishes it, and
 * confirms now and then that the published text still holds (the review date, as services have). Each
 * operation authorises and writes its audit entry in the same transaction as the change.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { audit, type AuditContext } from '../audit/auditLog.js';
import { helsinkiToday } from '../editing/dates.js';
import { DomainError, notFound } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { authorizeGuideEdit } from './policy.js';
import type { GuideInput } from './types.js';
import { validateGuide } from './validateGuide.js';

type Db = Kysely<DB> | Transaction<DB>;

/** A year after a date (29 February → 28 February). */
export function aYearAfter(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = m === 2 && d === 29 ? 28 : d;
  return `${y + 1}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

async function slugTaken(db: Db, slug: string, exceptId: string | null) {
  let q = db.selectFrom('guide').select('id').where('slug', '=', slug);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return Boolean(await q.executeTakeFirst());
}

const slugConflict = () =>
  new DomainError('conflict', 'slug_taken', { area: 'guides', problems: [{ field: 'slug', code: 'slug_taken' }] });

/** Saves the draft of a guide (a new guide when `id` is null); returns the guide's id. */
export async function saveGuideDraft(
  db: Kysely<DB>,
  ctx: AuditContext,
  id: string | null,
  raw: GuideInput,
): Promise<string> {
  authorizeGuideEdit(ctx.actor);
  const input = validateGuide(raw);
  return db.transaction().execute(async (tx) => {
    const before = id
      ? await tx.selectFrom('guide').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
      : undefined;
    if (id && !before) throw notFound('guides', 'guide');
    if (await slugTaken(tx, input.slug, id)) throw slugConflict();
    const guideId = id ?? newId();
    const values = {
      slug: input.slug,
      sort: input.sort,
      review_by: input.reviewBy,
      draft: JSON.stringify(input.content),
      updated_by: ctx.actor!.personId,
      updated_at: new Date(),
    };
    if (before) await tx.updateTable('guide').set(values).where('id', '=', guideId).execute();
    else
      await tx
        .insertInto('guide')
        .values({ id: guideId, ...values, created_by: ctx.actor!.personId })
        .execute();
    await audit(tx, ctx, {
      action: before ? 'guide.draft_save' : 'guide.create',
      objectType: 'guide',
      objectId: guideId,
      before: before
        ? { slug: before.slug, sort: before.sort, review_by: before.review_by, draft: before.draft }
        : null,
      after: { slug: input.slug, sort: input.sort, review_by: input.reviewBy, draft: input.content },
    });
    return guideId;
  });
}

/** Publishes the draft: the public sees it from now on. Publishing counts as a review. */
export async function publishGuide(db: Kysely<DB>, ctx: AuditContext, id: string, now = new Date()): Promise<void> {
  authorizeGuideEdit(ctx.actor);
  await db.transaction().execute(async (tx) => {
    const g = await tx.selectFrom('guide').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!g) throw notFound('guides', 'guide');
    if (!g.draft) throw new DomainError('conflict', 'nothing_to_publish', { area: 'guides' });
    // The draft was valid when saved; the rules may have grown since, so it is checked again.
    validateGuide({ slug: g.slug, sort: g.sort, reviewBy: g.review_by ?? helsinkiToday(now), content: g.draft });
    const today = helsinkiToday(now);
    await tx
      .updateTable('guide')
      .set({
        published: JSON.stringify(g.draft),
        draft: null,
        published_at: now,
        published_by: ctx.actor!.personId,
        last_reviewed: today,
        last_reviewed_by: ctx.actor!.personId,
        review_by: g.review_by && g.review_by > today ? g.review_by : aYearAfter(today),
        updated_at: now,
        updated_by: ctx.actor!.personId,
      })
      .where('id', '=', id)
      .execute();
    await audit(tx, ctx, {
      action: 'guide.publish',
      objectType: 'guide',
      objectId: id,
      before: { published: g.published },
      after: { published: g.draft },
    });
  });
}

/** Throws the draft away; the published text stays. A guide never published cannot lose its only text this way. */
export async function discardGuideDraft(db: Kysely<DB>, ctx: AuditContext, id: string): Promise<void> {
  authorizeGuideEdit(ctx.actor);
  await db.transaction().execute(async (tx) => {
    const g = await tx.selectFrom('guide').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!g) throw notFound('guides', 'guide');
    if (!g.draft || !g.published) throw new DomainError('conflict', 'nothing_to_discard', { area: 'guides' });
    await tx.updateTable('guide').set({ draft: null, updated_at: new Date() }).where('id', '=', id).execute();
    await audit(tx, ctx, {
      action: 'guide.draft_discard',
      objectType: 'guide',
      objectId: id,
      before: { draft: g.draft },
    });
  });
}

/** "Still correct": the published text was checked today; the next check is due in a year. */
export async function markGuideReviewed(db: Kysely<DB>, ctx: AuditContext, id: string, now = new Date()) {
  authorizeGuideEdit(ctx.actor);
  await db.transaction().execute(async (tx) => {
    const g = await tx.selectFrom('guide').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!g) throw notFound('guides', 'guide');
    if (!g.published) throw new DomainError('conflict', 'not_published', { area: 'guides' });
    const today = helsinkiToday(now);
    const after = { last_reviewed: today, review_by: aYearAfter(today) };
    await tx
      .updateTable('guide')
      .set({ ...after, last_reviewed_by: ctx.actor!.personId })
      .where('id', '=', id)
      .execute();
    await audit(tx, ctx, {
      action: 'guide.review',
      objectType: 'guide',
      objectId: id,
      before: { last_reviewed: g.last_reviewed, review_by: g.review_by },
      after,
    });
  });
}
