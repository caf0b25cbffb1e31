/**
 * The need vocabulary as the search uses it: the shipped phrases (../data/needs.json) plus those coordinators
 * add in the workspace (table search_need_phrase). Adding and removing a phrase is authorised
 * ('search.tune') and audited in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { authorize, type Actor } from '../../access/permissions.js';
import { audit, type AuditContext } from '../../audit/auditLog.js';
import { conflict, notFound, Problems } from '../../shared/errors.js';
import { isLang, type Lang } from '../../shared/lang.js';
import { compilePhrase, needConcept, NeedVocabulary, type ExtraPhrase } from './needs.js';

type Db = Kysely<DB> | Transaction<DB>;

const TTL_MS = 30_000;
let version = 0;
const cache = new WeakMap<object, { at: number; version: number; vocabulary: NeedVocabulary }>();

/** The vocabulary with the database's phrases, cached briefly per database (a change here clears it at once). */
export async function needVocabulary(db: Kysely<DB>): Promise<NeedVocabulary> {
  const hit = cache.get(db);
  if (hit && hit.version === version && Date.now() - hit.at < TTL_MS) return hit.vocabulary;
  const rows = await db.selectFrom('search_need_phrase').select(['concept', 'lang', 'phrase']).execute();
  const vocabulary = new NeedVocabulary(rows as ExtraPhrase[]);
  cache.set(db, { at: Date.now(), version, vocabulary });
  return vocabulary;
}

export interface NeedPhraseRow {
  id: string;
  concept: string;
  lang: Lang;
  phrase: string;
  createdAt: Date;
}

export async function listNeedPhrases(db: Db, actor: Actor | null | undefined): Promise<NeedPhraseRow[]> {
  authorize(actor, 'search.tune');
  const rows = await db
    .selectFrom('search_need_phrase')
    .select(['id', 'concept', 'lang', 'phrase', 'created_at'])
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, concept: r.concept, lang: r.lang, phrase: r.phrase, createdAt: r.created_at }));
}

export interface NeedPhraseInput {
  concept: string;
  lang: string;
  phrase: string;
}

export async function addNeedPhrase(db: Kysely<DB>, ctx: AuditContext, input: NeedPhraseInput): Promise<string> {
  authorize(ctx.actor, 'search.tune');
  const problems = new Problems('search');
  const phrase = input.phrase.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
  if (!needConcept(input.concept)) problems.add('concept_unknown', 'concept');
  if (!isLang(input.lang)) problems.add('lang_unknown', 'lang');
  if (phrase.length < 2 || phrase.length > 100) problems.add('phrase_length', 'phrase');
  else if (!compilePhrase(input.concept, phrase)) problems.add('phrase_words', 'phrase');
  problems.throwIfAny();
  const id = randomUUID();
  await db.transaction().execute(async (tx) => {
    const existing = await tx
      .selectFrom('search_need_phrase')
      .select('id')
      .where('concept', '=', input.concept)
      .where('lang', '=', input.lang as Lang)
      .where('phrase', '=', phrase)
      .executeTakeFirst();
    if (existing) throw conflict('search', 'phrase_exists');
    const row = { id, concept: input.concept, lang: input.lang as Lang, phrase };
    await tx.insertInto('search_need_phrase').values(row).execute();
    await audit(tx, ctx, {
      action: 'search.need_phrase.add',
      objectType: 'search_need_phrase',
      objectId: id,
      after: row,
    });
  });
  version++;
  return id;
}

export async function removeNeedPhrase(db: Kysely<DB>, ctx: AuditContext, id: string): Promise<void> {
  authorize(ctx.actor, 'search.tune');
  await db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('search_need_phrase')
      .select(['id', 'concept', 'lang', 'phrase'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('search', 'phrase');
    await tx.deleteFrom('search_need_phrase').where('id', '=', id).execute();
    await audit(tx, ctx, {
      action: 'search.need_phrase.remove',
      objectType: 'search_need_phrase',
      objectId: id,
      before: row,
    });
  });
  version++;
}
