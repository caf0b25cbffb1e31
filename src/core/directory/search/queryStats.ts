/**
 * What people searched and did not find: searches counted per ISO week, page language and query, with how many
 * found nothing and how many were followed by a click on a result. Nothing about the person is kept: no session,
 * no IP, no time finer than the week; digits and e-mail addresses are removed from the query first (a phone
 * number or an identity code typed into the box is not stored), and weeks older than RETENTION_WEEKS are deleted.
 * Coordinators read the list ('search.tune') and fix what they see through the need vocabulary.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { authorize, type Actor } from '../../access/permissions.js';
import type { Lang } from '../../shared/lang.js';

export const RETENTION_WEEKS = 8;

/** The query as stored: lower case, no e-mail addresses or digits, single spaces, at most 100 characters. */
export function storableQuery(q: string): string {
  return q
    .normalize('NFC')
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => !/[\p{N}@]/u.test(w)) // phone numbers, identity codes, addresses: the whole word goes
    .map((w) => w.replace(/[^\p{L}'’-]+/gu, '').replace(/^[-'’]+|[-'’]+$/g, ''))
    .filter(Boolean)
    .join(' ')
    .slice(0, 100)
    .trim();
}

/** Monday of the ISO week of a moment, in Finnish time, as YYYY-MM-DD. */
export function weekOf(now: Date): string {
  const local = new Date(now.toLocaleString('en-US', { timeZone: 'Europe/Helsinki' }));
  const day = (local.getDay() + 6) % 7; // Monday 0
  const monday = new Date(Date.UTC(local.getFullYear(), local.getMonth(), local.getDate() - day));
  return monday.toISOString().slice(0, 10);
}

const pruned = new WeakMap<object, string>();

async function pruneOld(db: Kysely<DB>, now: Date): Promise<void> {
  const week = weekOf(now);
  if (pruned.get(db) === week) return;
  pruned.set(db, week);
  const oldest = new Date(`${week}T12:00:00Z`);
  oldest.setUTCDate(oldest.getUTCDate() - 7 * (RETENTION_WEEKS - 1));
  await db.deleteFrom('search_query_stat').where('week', '<', oldest.toISOString().slice(0, 10)).execute();
}

/** Counts one search of the results page (its first page): found nothing or not. */
export async function recordSearch(
  db: Kysely<DB>,
  s: { lang: Lang; q: string; total: number; now?: Date },
): Promise<void> {
  const query = storableQuery(s.q);
  if (!query) return;
  const now = s.now ?? new Date();
  await pruneOld(db, now);
  const zero = s.total === 0 ? 1 : 0;
  await sql`insert into search_query_stat (week, lang, query, searches, zero_results, clicks)
    values (${weekOf(now)}::date, ${s.lang}, ${query}, 1, ${zero}, 0)
    on conflict (week, lang, query) do update set searches = search_query_stat.searches + 1,
      zero_results = search_query_stat.zero_results + excluded.zero_results`.execute(db);
}

/** Counts a click from a search's results to a service. */
export async function recordClick(db: Kysely<DB>, s: { lang: Lang; q: string; now?: Date }): Promise<void> {
  const query = storableQuery(s.q);
  if (!query) return;
  const now = s.now ?? new Date();
  await sql`insert into search_query_stat (week, lang, query, searches, zero_results, clicks)
    values (${weekOf(now)}::date, ${s.lang}, ${query}, 0, 0, 1)
    on conflict (week, lang, query) do update set clicks = search_query_stat.clicks + 1`.execute(db);
}

export interface UnfoundQuery {
  week: string;
  lang: Lang;
  query: string;
  searches: number;
  zeroResults: number;
  clicks: number;
}

/**
 * The queries of the kept weeks that found nothing, or were searched and never followed by a click: newest week
 * first, then the most searched.
 */
export async function unfoundQueries(
  db: Kysely<DB>,
  actor: Actor | null | undefined,
  o: { lang?: Lang; limit?: number } = {},
): Promise<UnfoundQuery[]> {
  authorize(actor, 'search.tune');
  let q = db
    .selectFrom('search_query_stat')
    .select([sql<string>`week::text`.as('week'), 'lang', 'query', 'searches', 'zero_results', 'clicks'])
    .where((eb) => eb.or([eb('zero_results', '>', 0), eb.and([eb('clicks', '=', 0), eb('searches', '>', 0)])]));
  if (o.lang) q = q.where('lang', '=', o.lang);
  const rows = await q
    .orderBy('week', 'desc')
    .orderBy('zero_results', 'desc')
    .orderBy('searches', 'desc')
    .orderBy('query')
    .limit(o.limit ?? 200)
    .execute();
  return rows.map((r) => ({
    week: r.week,
    lang: r.lang,
    query: r.query,
    searches: Number(r.searches),
    zeroResults: Number(r.zero_results),
    clicks: Number(r.clicks),
  }));
}
