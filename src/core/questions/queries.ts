/** Reading e-advice's rows: a question by id or by follow-up code, its conversation, and who has read it. */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Lang, Translated } from '../shared/lang.js';
import { hashFollowUpCode, looksLikeFollowUpCode } from '../shared/followUpCodes.js';
import { notFound } from '../shared/errors.js';
import { CONTEXT, open } from './crypto.js';
import type { ConversationMessage, PoolItem, Reader } from './types.js';

type Db = Kysely<DB> | Transaction<DB>;
const AREA = 'questions';

export const questionColumns = [
  'question.id',
  'question.reference',
  'question.municipality_code',
  'question.topic',
  'question.language',
  'question.ui_lang',
  'question.status',
  'question.team_ids',
  'question.claimed_by',
  'question.claimed_team_id',
  'question.publish_consent',
  'question.text_enc',
  'question.email_enc',
  'question.created_at',
  'question.last_message_at',
] as const;

export type QuestionRow = Awaited<ReturnType<typeof questionById>>;

export async function questionById(db: Db, id: string) {
  return db
    .selectFrom('question')
    .leftJoin('person', 'person.id', 'question.claimed_by')
    .select([...questionColumns, 'person.name as claimed_by_name'])
    .where('question.id', '=', id)
    .executeTakeFirst();
}

/** The question a follow-up code opens; a wrong, malformed or expired (erased) code is "not found". */
export async function questionByCode(db: Db, code: string) {
  if (!looksLikeFollowUpCode(code)) throw notFound(AREA, 'question');
  const row = await db
    .selectFrom('question')
    .leftJoin('person', 'person.id', 'question.claimed_by')
    .select([...questionColumns, 'person.name as claimed_by_name'])
    .where('question.code_hash', '=', hashFollowUpCode(code))
    .executeTakeFirst();
  if (!row) throw notFound(AREA, 'question');
  return row;
}

export function poolItem(r: NonNullable<QuestionRow>): PoolItem {
  return {
    id: r.id,
    reference: r.reference,
    municipality: r.municipality_code,
    topic: r.topic,
    language: r.language,
    status: r.status,
    askedAt: new Date(r.created_at),
    lastMessageAt: new Date(r.last_message_at),
    claimedBy: r.claimed_by_name ?? null,
    claimedTeamId: r.claimed_team_id,
    teamIds: r.team_ids,
  };
}

/** The conversation's messages, decrypted, oldest first. */
export async function conversationMessages(db: Db, questionId: string, lang: Lang): Promise<ConversationMessage[]> {
  const rows = await db
    .selectFrom('question_message')
    .leftJoin('person', 'person.id', 'question_message.person_id')
    .leftJoin('team', 'team.id', 'question_message.team_id')
    .select([
      'question_message.id',
      'question_message.author',
      'question_message.body_enc',
      'question_message.created_at',
      'person.name as person_name',
      'team.name as team_name',
    ])
    .where('question_message.question_id', '=', questionId)
    .orderBy('question_message.created_at')
    .orderBy('question_message.id')
    .execute();
  return rows.map((m) => ({
    id: m.id,
    author: m.author,
    authorName: m.author === 'professional' ? (m.person_name ?? null) : null,
    teamName: m.team_name ? nameIn(m.team_name as Translated, lang) : null,
    text: open(m.body_enc, CONTEXT.message),
    at: new Date(m.created_at),
  }));
}

/** The names of the teams, in the given language (Finnish and Swedish standing in for each other). */
export async function teamNames(db: Db, ids: string[], lang: Lang): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('team').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, nameIn(r.name as Translated, lang)]));
}

/** A name in the reader's language, Finnish and Swedish standing in for each other first. */
export const nameIn = (n: Translated, lang: Lang): string =>
  n[lang] ?? (lang === 'sv' ? n.fi : n.sv) ?? n.fi ?? n.sv ?? n.en ?? '';

/**
 * Who has read the question and when, from the audit log: every professional read of its contents is written
 * there as `question.read` (the client-data act gives the asker the right to know).
 */
export async function readersOf(db: Db, questionId: string): Promise<Reader[]> {
  const rows = await db
    .selectFrom('audit_event')
    .select(['actor_name', 'at'])
    .where('object_type', '=', 'question')
    .where('object_id', '=', questionId)
    .where('action', '=', 'question.read')
    .where('outcome', '=', 'ok')
    .orderBy('at', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({ name: r.actor_name ?? '?', at: new Date(r.at) }));
}

export async function isPublished(db: Db, questionId: string): Promise<boolean> {
  const row = await db.selectFrom('question_qa').select('id').where('question_id', '=', questionId).executeTakeFirst();
  return !!row;
}
