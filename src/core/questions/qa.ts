/**
 * Published Q&A: a professional of a holding team turns an answered question into an anonymised question and
 * answer, written for the public (names, places and details taken out), only with the asker's recorded consent.
 * Shown to everyone under /{lang}/ask.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { audit, type AuditContext } from '../audit/auditLog.js';
import { conflict, notFound, Problems } from '../shared/errors.js';
import { newId, UUID_RE } from '../shared/ids.js';
import type { Lang } from '../shared/lang.js';
import { AREA, checkText } from './ask.js';
import { authorizeAnswer } from './policy.js';
import { questionById } from './queries.js';
import type { PublishedQa } from './types.js';

export async function publishQa(
  db: Kysely<DB>,
  ctx: AuditContext,
  questionId: string,
  input: { question: string; answer: string },
): Promise<string> {
  const q = UUID_RE.test(questionId) ? await questionById(db, questionId) : undefined;
  if (!q) throw notFound(AREA, 'question');
  const { actor, teamId } = authorizeAnswer(ctx.actor, { teamIds: q.team_ids, claimedTeamId: q.claimed_team_id });
  if (!q.publish_consent) throw conflict(AREA, 'no_consent');
  if (q.status !== 'answered') throw conflict(AREA, 'not_answered');
  const p = new Problems(AREA);
  checkText(p, input.question, 'qa_question');
  checkText(p, input.answer, 'qa_answer');
  p.throwIfAny();
  const id = newId();
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('question_qa').where('question_id', '=', q.id).execute();
    await tx
      .insertInto('question_qa')
      .values({
        id,
        question_id: q.id,
        municipality_code: q.municipality_code,
        topic: q.topic,
        language: q.language,
        question_text: input.question.trim(),
        answer_text: input.answer.trim(),
        published_by: actor.personId,
        published_at: new Date(),
      })
      .execute();
    await audit(tx, ctx, {
      action: 'question.published',
      objectType: 'question',
      objectId: q.id,
      details: { reference: q.reference, qa: id, team: teamId },
    });
  });
  return id;
}

/** Published Q&A, newest first, in the reader's language first and then the others. */
export async function listQa(db: Kysely<DB>, lang: Lang, limit = 50): Promise<PublishedQa[]> {
  const rows = await db
    .selectFrom('question_qa')
    .selectAll()
    .orderBy((eb) => eb.case().when('language', '=', lang).then(0).else(1).end())
    .orderBy('published_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    municipality: r.municipality_code,
    topic: r.topic,
    language: r.language,
    question: r.question_text,
    answer: r.answer_text,
    publishedAt: new Date(r.published_at),
  }));
}
