/**
 * Reading the guides, and the directory's services that fit each step in the reader's municipality. Services
 * are found live from the directory (service_search: active services and the municipalities they serve), so a
 * guide never carries copied text that goes stale.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../access/permissions.js';
import { serviceCards, type ServiceCard } from '../directory/queries.js';
import { helsinkiToday } from '../editing/dates.js';
import { municipalityByCode } from '../places/municipalities.js';
import { UUID_RE } from '../shared/ids.js';
import type { Lang } from '../shared/lang.js';
import { authorizeGuideEdit } from './policy.js';
import type { GuideForWork, GuideStep, PublishedGuide } from './types.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export async function listPublishedGuides(db: Kysely<DB>): Promise<PublishedGuide[]> {
  const rows = await db
    .selectFrom('guide')
    .select(['id', 'slug', 'published', 'published_at', 'last_reviewed'])
    .where('published', 'is not', null)
    .orderBy('sort')
    .orderBy('slug')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    content: r.published!,
    publishedAt: iso(r.published_at),
    lastReviewed: r.last_reviewed,
  }));
}

export async function getPublishedGuide(db: Kysely<DB>, slug: string): Promise<PublishedGuide | null> {
  const r = await db
    .selectFrom('guide')
    .select(['id', 'slug', 'published', 'published_at', 'last_reviewed'])
    .where('slug', '=', slug)
    .where('published', 'is not', null)
    .executeTakeFirst();
  return r
    ? { id: r.id, slug: r.slug, content: r.published!, publishedAt: iso(r.published_at), lastReviewed: r.last_reviewed }
    : null;
}

type GuideRow = Awaited<ReturnType<typeof guideRows>>[number];
const guideRows = (db: Kysely<DB>) => db.selectFrom('guide').selectAll().orderBy('sort').orderBy('slug').execute();

function forWork(r: GuideRow, today: string): GuideForWork {
  return {
    id: r.id,
    slug: r.slug,
    sort: r.sort,
    published: r.published,
    draft: r.draft,
    publishedAt: iso(r.published_at),
    reviewBy: r.review_by,
    lastReviewed: r.last_reviewed,
    updatedAt: new Date(r.updated_at).toISOString(),
    reviewDue: Boolean(r.published) && (!r.review_by || r.review_by <= today),
  };
}

/** Every guide with its draft and review state, for the coordinators' workspace. */
export async function listGuidesForWork(db: Kysely<DB>, actor: Actor | null, now = new Date()) {
  authorizeGuideEdit(actor);
  const today = helsinkiToday(now);
  return (await guideRows(db)).map((r) => forWork(r, today));
}

export async function getGuideForWork(db: Kysely<DB>, actor: Actor | null, id: string, now = new Date()) {
  authorizeGuideEdit(actor);
  if (!UUID_RE.test(id)) return null;
  const r = await db.selectFrom('guide').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? forWork(r, helsinkiToday(now)) : null;
}

export interface StepServices {
  /** Whether the step names any services at all (a step may be text only). */
  queried: boolean;
  services: ServiceCard[];
  /** How many services fit in all, of which `services` are the first. */
  total: number;
}

/**
 * The services of a municipality that fit a step: active, serving the municipality, with one of the step's life
 * situations (if it names any) and one of its service classes or keywords (if it names any). Services given in the
 * reader's language come first, then by name in the reader's alphabet.
 */
export async function stepServices(
  db: Kysely<DB>,
  step: GuideStep,
  municipality: string,
  lang: Lang,
  limit = 6,
): Promise<StepServices> {
  const queried = step.lifeSituations.length + step.serviceClasses.length + step.keywords.length > 0;
  if (!queried || !municipalityByCode(municipality)) return { queried, services: [], total: 0 };
  const sortCol = { fi: 'ss.sort_fi', sv: 'ss.sort_sv', en: 'ss.sort_en' } as const;
  let q = db
    .selectFrom('service_search as ss')
    .where('ss.active', '=', true)
    .where(sql<boolean>`${municipality} = any(ss.areas)`);
  if (step.lifeSituations.length)
    q = q.where(sql<boolean>`ss.life_situations && ${sql.val(step.lifeSituations)}::text[]`);
  if (step.serviceClasses.length || step.keywords.length) {
    const byClass = step.serviceClasses.length
      ? sql<boolean>`exists (select 1 from service_taxonomy_term st join taxonomy_term t on t.id = st.taxonomy_term_id
          where st.service_id = ss.service_id and t.taxonomy_id = 'ptv-service-class'
          and t.code = any(${sql.val(step.serviceClasses)}::text[]))`
      : sql<boolean>`false`;
    const byKeyword = step.keywords.length
      ? sql<boolean>`exists (select 1 from service s, jsonb_each(s.keywords) k, jsonb_array_elements_text(k.value) w
          where s.id = ss.service_id and lower(w) = any(${sql.val(step.keywords)}::text[]))`
      : sql<boolean>`false`;
    q = q.where(sql<boolean>`(${byClass} or ${byKeyword})`);
  }
  const rows = await q
    .select(['ss.service_id', sql<number>`count(*) over ()`.as('total')])
    .orderBy(sql`${lang} = any(ss.languages)`, 'desc')
    .orderBy(sortCol[lang])
    .limit(limit)
    .execute();
  return {
    queried,
    services: await serviceCards(
      db,
      rows.map((r) => r.service_id),
    ),
    total: Number(rows[0]?.total ?? 0),
  };
}

/** The services of every step of a guide, for one municipality (null: the reader has not chosen one). */
export async function guideServices(
  db: Kysely<DB>,
  steps: GuideStep[],
  municipality: string | null,
  lang: Lang,
): Promise<StepServices[] | null> {
  if (!municipality || !municipalityByCode(municipality)) return null;
  const out: StepServices[] = [];
  for (const s of steps) out.push(await stepServices(db, s, municipality, lang));
  return out;
}
