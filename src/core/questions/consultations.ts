/**
 * Consultation: a professional of a holding team asks a colleague (anyone in the network, by e-mail address)
 * about a question. An internal thread the asker never sees; the colleague reads the question and the thread
 * (audited as a read of the question), not the asker's e-mail address.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { ForbiddenError, type Actor } from '../access/permissions.js';
import { audit, type AuditContext } from '../audit/auditLog.js';
import { notFound, Problems } from '../shared/errors.js';
import { newId, UUID_RE } from '../shared/ids.js';
import type { Lang } from '../shared/lang.js';
import { AREA, checkText } from './ask.js';
import { CONTEXT, open, seal } from './crypto.js';
import { authorizeAnswer, holdingTeam } from './policy.js';
import { questionById } from './queries.js';
import type { ConsultationThread } from './types.js';

/** Every consultation of a question with its messages, decrypted (the caller has been authorised). */
export async function consultationsOfQuestion(
  db: Kysely<DB>,
  questionId: string,
  _lang: Lang,
  onlyId?: string,
): Promise<ConsultationThread[]> {
  let q = db
    .selectFrom('question_consultation as c')
    .innerJoin('question', 'question.id', 'c.question_id')
    .innerJoin('person as r', 'r.id', 'c.requested_by')
    .innerJoin('person as k', 'k.id', 'c.consultant_id')
    .select([
      'c.id',
      'c.question_id',
      'c.created_at',
      'question.reference',
      'r.id as requested_by_id',
      'r.name as requested_by_name',
      'k.id as consultant_id',
      'k.name as consultant_name',
    ])
    .where('c.question_id', '=', questionId);
  if (onlyId) q = q.where('c.id', '=', onlyId);
  const threads = await q.orderBy('c.created_at').execute();
  if (!threads.length) return [];
  const messages = await db
    .selectFrom('question_consultation_message as m')
    .leftJoin('person', 'person.id', 'm.person_id')
    .select(['m.id', 'm.consultation_id', 'm.body_enc', 'm.created_at', 'person.name'])
    .where(
      'm.consultation_id',
      'in',
      threads.map((t) => t.id),
    )
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute();
  return threads.map((t) => ({
    id: t.id,
    questionId: t.question_id,
    reference: t.reference,
    requestedBy: { id: t.requested_by_id, name: t.requested_by_name },
    consultant: { id: t.consultant_id, name: t.consultant_name },
    createdAt: new Date(t.created_at),
    messages: messages
      .filter((m) => m.consultation_id === t.id)
      .map((m) => ({
        id: m.id,
        authorName: m.name ?? null,
        text: open(m.body_enc, CONTEXT.consultation),
        at: new Date(m.created_at),
      })),
  }));
}

async function questionOf(db: Kysely<DB>, id: string) {
  const q = UUID_RE.test(id) ? await questionById(db, id) : undefined;
  if (!q) throw notFound(AREA, 'question');
  return q;
}

/** A member of a holding team asks a colleague (by e-mail) about the question. */
export async function startConsultation(
  db: Kysely<DB>,
  ctx: AuditContext,
  questionId: string,
  input: { consultantEmail: string; text: string },
): Promise<string> {
  const q = await questionOf(db, questionId);
  const { actor, teamId } = authorizeAnswer(ctx.actor, { teamIds: q.team_ids, claimedTeamId: q.claimed_team_id });
  const p = new Problems(AREA);
  const email = input.consultantEmail.trim().toLowerCase();
  const consultant = email
    ? await db
        .selectFrom('person')
        .select(['id', 'name'])
        .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
        .where('status', '=', 'active')
        .executeTakeFirst()
    : undefined;
  if (!email) p.add('consultant_required', 'consultant');
  else if (!consultant) p.add('consultant_unknown', 'consultant');
  else if (consultant.id === actor.personId) p.add('consultant_self', 'consultant');
  checkText(p, input.text, 'consultation_text');
  p.throwIfAny();
  const id = newId();
  await db.transaction().execute(async (tx) => {
    const now = new Date();
    await tx
      .insertInto('question_consultation')
      .values({ id, question_id: q.id, requested_by: actor.personId, consultant_id: consultant!.id, created_at: now })
      .execute();
    await tx
      .insertInto('question_consultation_message')
      .values({
        id: newId(),
        consultation_id: id,
        person_id: actor.personId,
        body_enc: seal(input.text.trim(), CONTEXT.consultation),
        created_at: now,
      })
      .execute();
    await audit(tx, ctx, {
      action: 'question.consultation_started',
      objectType: 'question',
      objectId: q.id,
      details: { reference: q.reference, consultation: id, consultant: consultant!.id, team: teamId },
    });
  });
  return id;
}

async function consultationAccess(db: Kysely<DB>, actor: Actor | null, consultationId: string) {
  const c = UUID_RE.test(consultationId)
    ? await db.selectFrom('question_consultation').selectAll().where('id', '=', consultationId).executeTakeFirst()
    : undefined;
  if (!c) throw notFound(AREA, 'consultation');
  const q = (await questionById(db, c.question_id))!;
  const teamId = holdingTeam(actor, { teamIds: q.team_ids, claimedTeamId: q.claimed_team_id });
  if (!actor || (!teamId && c.consultant_id !== actor.personId))
    throw new ForbiddenError('question.answer', { teamId: q.claimed_team_id ?? q.team_ids[0] });
  return { c, q, actor };
}

/** The question a consultation belongs to (for showing its page again), or not found. */
export async function consultationQuestionId(db: Kysely<DB>, consultationId: string): Promise<string> {
  const c = UUID_RE.test(consultationId)
    ? await db
        .selectFrom('question_consultation')
        .select('question_id')
        .where('id', '=', consultationId)
        .executeTakeFirst()
    : undefined;
  if (!c) throw notFound(AREA, 'consultation');
  return c.question_id;
}

/** The colleague, or a member of a holding team, writes in the consultation's thread. */
export async function replyInConsultation(
  db: Kysely<DB>,
  ctx: AuditContext,
  consultationId: string,
  text: string,
): Promise<string> {
  const { c, q, actor } = await consultationAccess(db, ctx.actor, consultationId);
  const p = new Problems(AREA);
  checkText(p, text, `reply-${c.id}`); // the reply field of this thread on the question's page
  p.throwIfAny();
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('question_consultation_message')
      .values({
        id: newId(),
        consultation_id: c.id,
        person_id: actor.personId,
        body_enc: seal(text.trim(), CONTEXT.consultation),
        created_at: new Date(),
      })
      .execute();
    await audit(tx, ctx, {
      action: 'question.consultation_replied',
      objectType: 'question',
      objectId: q.id,
      details: { reference: q.reference, consultation: c.id },
    });
  });
  return q.id;
}

/** One consultation's thread (audited as a read of the question). */
export async function readConsultation(
  db: Kysely<DB>,
  ctx: AuditContext,
  consultationId: string,
  lang: Lang,
): Promise<ConsultationThread> {
  const { c, q } = await consultationAccess(db, ctx.actor, consultationId);
  const [thread] = await consultationsOfQuestion(db, q.id, lang, c.id);
  await audit(db, ctx, {
    action: 'question.read',
    objectType: 'question',
    objectId: q.id,
    details: { reference: q.reference, consultation: c.id },
  });
  return thread!;
}

export interface ConsultationSummary {
  id: string;
  questionId: string;
  reference: string;
  requestedBy: string;
  consultant: string;
  role: 'requested' | 'consultant';
  messages: number;
  createdAt: Date;
}

/** The consultations the actor asked for or was asked in; no contents. */
export async function listConsultations(db: Kysely<DB>, actor: Actor): Promise<ConsultationSummary[]> {
  const rows = await db
    .selectFrom('question_consultation as c')
    .innerJoin('question', 'question.id', 'c.question_id')
    .innerJoin('person as r', 'r.id', 'c.requested_by')
    .innerJoin('person as k', 'k.id', 'c.consultant_id')
    .select((eb) => [
      'c.id',
      'c.question_id',
      'c.created_at',
      'c.consultant_id',
      'question.reference',
      'r.name as requested_by_name',
      'k.name as consultant_name',
      eb
        .selectFrom('question_consultation_message as m')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('m.consultation_id', '=', 'c.id')
        .as('messages'),
    ])
    .where((eb) => eb.or([eb('c.consultant_id', '=', actor.personId), eb('c.requested_by', '=', actor.personId)]))
    .orderBy('c.created_at', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    questionId: r.question_id,
    reference: r.reference,
    requestedBy: r.requested_by_name,
    consultant: r.consultant_name,
    role: r.consultant_id === actor.personId ? 'consultant' : 'requested',
    messages: Number(r.messages ?? 0),
    createdAt: new Date(r.created_at),
  }));
}
