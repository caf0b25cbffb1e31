/**
 * The asker's side, through the private follow-up link (no sign-in): read the conversation and who has read it,
 * write back, give or withdraw consent to publishing, delete the conversation. A wrong or expired code is
 * "not found" and changes nothing.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { audit, type AuditContext } from '../audit/auditLog.js';
import { Problems } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { Lang } from '../shared/lang.js';
import { AREA, checkText } from './ask.js';
import { CONTEXT, open, seal } from './crypto.js';
import { conversationMessages, isPublished, questionByCode, readersOf } from './queries.js';
import type { Conversation } from './types.js';

export async function conversationByCode(db: Kysely<DB>, code: string, lang: Lang): Promise<Conversation> {
  const q = await questionByCode(db, code);
  const [messages, readers, published] = await Promise.all([
    conversationMessages(db, q.id, lang),
    readersOf(db, q.id),
    isPublished(db, q.id),
  ]);
  return {
    id: q.id,
    reference: q.reference,
    municipality: q.municipality_code,
    topic: q.topic,
    language: q.language,
    status: q.status,
    text: open(q.text_enc, CONTEXT.text),
    hasEmail: q.email_enc !== null,
    publishConsent: q.publish_consent,
    askedAt: new Date(q.created_at),
    lastMessageAt: new Date(q.last_message_at),
    messages,
    readers,
    published,
  };
}

/** The asker writes back: the question returns to its team's open work. */
export async function replyAsAsker(db: Kysely<DB>, ctx: AuditContext, code: string, text: string): Promise<void> {
  const p = new Problems(AREA);
  checkText(p, text);
  p.throwIfAny();
  const q = await questionByCode(db, code);
  await db.transaction().execute(async (tx) => {
    const now = new Date();
    await tx
      .insertInto('question_message')
      .values({
        id: newId(),
        question_id: q.id,
        author: 'asker',
        person_id: null,
        team_id: null,
        body_enc: seal(text.trim(), CONTEXT.message),
        created_at: now,
      })
      .execute();
    await tx
      .updateTable('question')
      .set({ last_message_at: now, status: q.claimed_by ? 'claimed' : 'open' })
      .where('id', '=', q.id)
      .execute();
    await audit(tx, ctx, {
      action: 'question.asker_replied',
      objectType: 'question',
      objectId: q.id,
      details: { reference: q.reference },
    });
  });
}

/** The asker gives or withdraws consent to publishing; withdrawing removes a published Q&A. */
export async function setPublishConsent(
  db: Kysely<DB>,
  ctx: AuditContext,
  code: string,
  consent: boolean,
): Promise<void> {
  const q = await questionByCode(db, code);
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('question').set({ publish_consent: consent }).where('id', '=', q.id).execute();
    const removed = consent
      ? 0
      : Number((await tx.deleteFrom('question_qa').where('question_id', '=', q.id).executeTakeFirst()).numDeletedRows);
    await audit(tx, ctx, {
      action: 'question.consent',
      objectType: 'question',
      objectId: q.id,
      before: { publish_consent: q.publish_consent },
      after: { publish_consent: consent },
      details: { reference: q.reference, unpublished: removed },
    });
  });
}

export interface Erased {
  questions: number;
  messages: number;
  consultations: number;
  published: number;
}

/** The asker deletes the conversation: the question, its messages, consultations and any published Q&A. */
export async function deleteByAsker(db: Kysely<DB>, ctx: AuditContext, code: string): Promise<Erased> {
  const q = await questionByCode(db, code);
  return db.transaction().execute(async (tx) => {
    const erased = await eraseQuestions(tx, [q.id], { withPublished: true });
    await audit(tx, ctx, {
      action: 'question.deleted_by_asker',
      objectType: 'question',
      objectId: q.id,
      details: { reference: q.reference, ...erased },
    });
    return erased;
  });
}

/** Deletes questions with everything they hold; counts what went. */
export async function eraseQuestions(tx: Kysely<DB>, ids: string[], o: { withPublished: boolean }): Promise<Erased> {
  if (!ids.length) return { questions: 0, messages: 0, consultations: 0, published: 0 };
  const count = async (n: Promise<{ n: string | number | bigint }>) => Number((await n).n);
  const messages = await count(
    tx
      .selectFrom('question_message')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('question_id', 'in', ids)
      .executeTakeFirstOrThrow(),
  );
  const consultations = await count(
    tx
      .selectFrom('question_consultation')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('question_id', 'in', ids)
      .executeTakeFirstOrThrow(),
  );
  const published = o.withPublished
    ? Number((await tx.deleteFrom('question_qa').where('question_id', 'in', ids).executeTakeFirst()).numDeletedRows)
    : 0;
  const questions = Number((await tx.deleteFrom('question').where('id', 'in', ids).executeTakeFirst()).numDeletedRows);
  return { questions, messages, consultations, published };
}
