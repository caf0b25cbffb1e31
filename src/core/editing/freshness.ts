/**
 * Freshness: every service shows when it was last confirmed; services not confirmed for twelve months are
 * listed to their editors (their organisations) and to coordinators and administrators (everywhere). A person
 * with service.review in the organisation confirms "still correct" in one step, which is audited.
 */
import type { Translated } from '../shared/lang.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { authorize, can, organizationsWhere, type Actor } from '../access/permissions.js';
import { audit, type AuditContext } from '../audit/auditLog.js';
import { recordSearchChange } from '../directory/search/indexFeed.js';
import { storeCards } from '../directory/searchIndexer.js';
import { UUID_RE } from '../shared/ids.js';
import { helsinkiToday, twelveMonthsBefore } from './dates.js';
import { editingNotFound } from './errors.js';

export interface StaleService {
  id: string;
  name: Translated;
  lastReviewed: string | null;
  lastReviewedByName: string | null;
  hasDraft: boolean;
  /** The reader may confirm it (service.review in its organisation). */
  canReview: boolean;
  canEdit: boolean;
}

export interface StaleGroup {
  organization: { id: string; name: Translated };
  services: StaleService[];
}

/**
 * Active services not reviewed since twelve months before `today`, grouped by organisation, within what the
 * actor may see (freshness.read). Oldest first within each organisation.
 */
export async function staleServices(
  db: Kysely<DB>,
  actor: Actor | null,
  opts: { today?: string; organizationId?: string } = {},
): Promise<{ cutoff: string; groups: StaleGroup[]; total: number }> {
  authorize(actor, 'freshness.read', opts.organizationId ? { organizationId: opts.organizationId } : {});
  const orgs = organizationsWhere(actor, 'freshness.read');
  const cutoff = twelveMonthsBefore(opts.today ?? helsinkiToday());
  let q = db
    .selectFrom('service as s')
    .innerJoin('organization as o', 'o.id', 's.organization_id')
    .leftJoin('person as p', 'p.id', 's.last_reviewed_by')
    .select(['s.id', 's.name', 's.last_reviewed', 's.organization_id', 'o.name as org_name', 'p.name as reviewer'])
    .where('s.status', '=', 'active')
    .where((eb) => eb.or([eb('s.last_reviewed', 'is', null), eb('s.last_reviewed', '<', cutoff)]));
  if (orgs !== 'all') {
    if (!orgs.length) return { cutoff, groups: [], total: 0 };
    q = q.where('s.organization_id', 'in', orgs);
  }
  if (opts.organizationId) q = q.where('s.organization_id', '=', opts.organizationId);
  const rows = await q
    .orderBy('s.last_reviewed', (ob) => ob.asc().nullsFirst())
    .orderBy('s.id')
    .execute();
  const drafts = rows.length
    ? new Set(
        (
          await db
            .selectFrom('record_draft')
            .select('record_id')
            .where('kind', '=', 'service')
            .where(
              'record_id',
              'in',
              rows.map((r) => r.id),
            )
            .execute()
        ).map((d) => d.record_id),
      )
    : new Set<string | null>();
  const groups = new Map<string, StaleGroup>();
  for (const r of rows) {
    let g = groups.get(r.organization_id);
    if (!g)
      groups.set(r.organization_id, (g = { organization: { id: r.organization_id, name: r.org_name }, services: [] }));
    g.services.push({
      id: r.id,
      name: r.name,
      lastReviewed: r.last_reviewed ? String(r.last_reviewed).slice(0, 10) : null,
      lastReviewedByName: r.reviewer,
      hasDraft: drafts.has(r.id),
      canReview: can(actor, 'service.review', { organizationId: r.organization_id }),
      canEdit: can(actor, 'service.edit', { organizationId: r.organization_id }),
    });
  }
  return { cutoff, groups: [...groups.values()], total: rows.length };
}

/** "Still correct": the service is marked reviewed today by the actor. Needs service.review in its organisation. */
export async function confirmReviewed(
  db: Kysely<DB>,
  ctx: AuditContext,
  serviceId: string,
): Promise<{ lastReviewed: string }> {
  if (!UUID_RE.test(serviceId)) throw editingNotFound();
  const s = await db
    .selectFrom('service')
    .select(['id', 'organization_id', 'last_reviewed', 'last_reviewed_by'])
    .where('id', '=', serviceId)
    .executeTakeFirst();
  if (!s) throw editingNotFound();
  authorize(ctx.actor, 'service.review', { organizationId: s.organization_id });
  const today = helsinkiToday();
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('service')
      .set({ last_reviewed: today, last_reviewed_by: ctx.actor!.personId })
      .where('id', '=', s.id)
      .execute();
    // The review date shows on the service's card: the stored card is rebuilt, and every instance's remembered
    // cards (search/memo.ts) are retired.
    await storeCards(tx, [s.id]);
    await recordSearchChange(tx, [s.id]);
    await audit(tx, ctx, {
      action: 'service.review',
      objectType: 'service',
      objectId: s.id,
      organizationId: s.organization_id,
      before: {
        lastReviewed: s.last_reviewed ? String(s.last_reviewed).slice(0, 10) : null,
        lastReviewedBy: s.last_reviewed_by,
      },
      after: { lastReviewed: today, lastReviewedBy: ctx.actor!.personId },
    });
  });
  return { lastReviewed: today };
}
