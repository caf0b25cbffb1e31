/**
 * A resident asks a question (no sign-in): topic, municipality, the language of the answer, free text, and an
 * e-mail address only when they want a notification. The question is routed to every team that answers for that
 * municipality, topic and language (question_route); the text and the address are stored encrypted and the
 * follow-up code only as its hash. One audit entry, without the text. With an address, the receipt e-mail (only
 * the private link) is queued in the same transaction.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { audit, type AuditContext } from '../audit/auditLog.js';
import { LIFE_SITUATIONS, isOneOf } from '../directory/vocabulary.js';
import { municipalityByCode } from '../places/municipalities.js';
import { Problems } from '../shared/errors.js';
import { newFollowUpCode, newReference } from '../shared/followUpCodes.js';
import { newId } from '../shared/ids.js';
import { isLang } from '../shared/lang.js';
import { CONTEXT, seal } from './crypto.js';
import { receiptMail } from './mail.js';
import { queueQuestionMail } from './mailJob.js';
import { EMAIL_MAX, TEXT_MAX, type AskInput, type Asked, type QuestionLang } from './types.js';

type Db = Kysely<DB> | Transaction<DB>;
export const AREA = 'questions';

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks a message's text: required, at most TEXT_MAX characters. */
export function checkText(p: Problems, text: string, field = 'text'): void {
  if (!text.trim()) p.add('text_required', field);
  else if (text.length > TEXT_MAX) p.add('text_too_long', field, { max: TEXT_MAX });
}

/** The checked input, or every problem at once. */
export function validateAsk(input: AskInput): {
  municipality: string;
  topic: string;
  language: QuestionLang;
  text: string;
  email: string | null;
} {
  const p = new Problems(AREA);
  if (!input.topic) p.add('topic_required', 'topic');
  else if (!isOneOf(LIFE_SITUATIONS, input.topic)) p.add('topic_unknown', 'topic');
  if (!input.municipality) p.add('municipality_required', 'municipality');
  else if (!municipalityByCode(input.municipality)) p.add('municipality_unknown', 'municipality');
  if (!input.language) p.add('language_required', 'language');
  else if (!isLang(input.language)) p.add('language_unknown', 'language');
  checkText(p, input.text);
  const email = (input.email ?? '').trim();
  if (email && (email.length > EMAIL_MAX || !EMAIL_RE.test(email))) p.add('email_invalid', 'email');
  p.throwIfAny();
  return {
    municipality: input.municipality,
    topic: input.topic,
    language: input.language as QuestionLang,
    text: input.text.trim(),
    email: email || null,
  };
}

/** The teams that answer for this municipality, topic and language. */
export async function routedTeams(db: Db, municipality: string, topic: string, language: string): Promise<string[]> {
  const rows = await db
    .selectFrom('question_route')
    .select('team_id')
    .distinct()
    .where('municipality_code', '=', municipality)
    .where('language', '=', language as QuestionLang)
    .where((eb) => eb.or([eb('topic', '=', topic), eb('topic', 'is', null)]))
    .orderBy('team_id')
    .execute();
  return rows.map((r) => r.team_id);
}

export async function askQuestion(
  db: Kysely<DB>,
  ctx: AuditContext,
  input: AskInput,
  opts: { publicUrl: string },
): Promise<Asked> {
  const q = validateAsk(input);
  const { code, hash } = newFollowUpCode();
  const id = newId();
  const reference = newReference('Q');
  await db.transaction().execute(async (tx) => {
    const teams = await routedTeams(tx, q.municipality, q.topic, q.language);
    await tx
      .insertInto('question')
      .values({
        id,
        reference,
        code_hash: hash,
        municipality_code: q.municipality,
        topic: q.topic,
        language: q.language,
        ui_lang: input.uiLang,
        text_enc: seal(q.text, CONTEXT.text),
        email_enc: q.email ? seal(q.email, CONTEXT.email) : null,
        publish_consent: input.publishConsent === true,
        team_ids: teams,
        claimed_by: null,
        claimed_team_id: null,
        created_at: new Date(),
        last_message_at: new Date(),
      })
      .execute();
    await audit(tx, ctx, {
      action: 'question.asked',
      objectType: 'question',
      objectId: id,
      details: {
        reference,
        municipality: q.municipality,
        topic: q.topic,
        language: q.language,
        teams: teams.length,
        email: q.email !== null,
      },
    });
    if (q.email)
      await queueQuestionMail(
        tx,
        receiptMail({ to: q.email, lang: input.uiLang, publicUrl: opts.publicUrl, reference, code }),
      );
  });
  return { id, reference, code };
}
