/**
 * The professionals' side: the answer pool of one's teams, a question read (every read audited), claiming,
 * answering, handing over to another team. The core authorises each step (policy.ts) and audits it in the same
 * transaction; a refusal changes nothing.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { authorize, type Actor } from '../access/permissions.js';
import { audit, type AuditContext } from '../audit/auditLog.js';
import { conflict, invalid, notFound, Problems } from '../shared/errors.js';
import { newId, UUID_RE } from '../shared/ids.js';
import type { Lang, Translated } from '../shared/lang.js';
import { AREA, checkText } from './ask.js';
import { consultationsOfQuestion } from './consultations.js';
import { CONTEXT, open, openOrNull, seal } from './crypto.js';
import { answeredMail } from './mail.js';
import { queueQuestionMail } from './mailJob.js';
import { answeringTeams, authorizeAnswer, holdingTeam } from './policy.js';
import { conversationMessages, isPublished, nameIn, poolItem, questionById, type QuestionRow } from './queries.js';
import type { PoolItem, QuestionDetail, QuestionStatus } from './types.js';

type Row = NonNullable<QuestionRow>;

const access = (q: Row) => ({ teamIds: q.team_ids, claimedTeamId: q.claimed_team_id });

async function teamOrganization(db: Kysely<DB>, teamId: string | null): Promise<string | null> {
  if (!teamId) return null;
  const t = await db.selectFrom('team').select('organization_id').where('id', '=', teamId).executeTakeFirst();
  return t?.organization_id ?? null;
}

async function found(db: Kysely<DB>, id: string): Promise<Row> {
  const q = UUID_RE.test(id) ? await questionById(db, id) : undefined;
  if (!q) throw notFound(AREA, 'question');
  return q;
}

export interface PoolPage {
  items: PoolItem[];
  total: number;
  page: number;
  perPage: number;
}

/** The questions routed to (or claimed by) the actor's answering teams, newest activity first; no contents. */
export async function listPool(
  db: Kysely<DB>,
  actor: Actor,
  o: { page?: number; perPage?: number; status?: QuestionStatus } = {},
): Promise<PoolPage> {
  const perPage = Math.min(100, Math.max(1, o.perPage ?? 20));
  const page = Math.max(1, o.page ?? 1);
  const teams = answeringTeams(actor);
  if (!teams.length) return { items: [], total: 0, page, perPage };
  let q = db
    .selectFrom('question')
    .leftJoin('person', 'person.id', 'question.claimed_by')
    .where((eb) =>
      eb.or([sql<boolean>`question.team_ids && ${teams}::uuid[]`, eb('question.claimed_team_id', 'in', teams)]),
    );
  if (o.status) q = q.where('question.status', '=', o.status);
  const [{ total }, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    q
      .select([
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
        'person.name as claimed_by_name',
      ])
      .orderBy(sql`case question.status when 'open' then 0 when 'claimed' then 1 else 2 end`)
      .orderBy('question.last_message_at', 'desc')
      .orderBy('question.id')
      .limit(perPage)
      .offset((page - 1) * perPage)
      .execute(),
  ]);
  return { items: rows.map(poolItem), total: Number(total), page, perPage };
}

/**
 * A question with its contents, for a member of a holding team or a consulted colleague; the read is written to
 * the audit log (the asker sees it). Anyone else: ForbiddenError, nothing revealed.
 */
export async function readQuestion(db: Kysely<DB>, ctx: AuditContext, id: string, lang: Lang): Promise<QuestionDetail> {
  const q = await found(db, id);
  const teamId = holdingTeam(ctx.actor, access(q));
  const consultations = await consultationsOfQuestion(db, q.id, lang);
  const consulted = !teamId && ctx.actor ? consultations.filter((c) => c.consultant.id === ctx.actor!.personId) : [];
  if (!teamId && !consulted.length) authorizeAnswer(ctx.actor, access(q));
  const [messages, published, organizationId] = await Promise.all([
    conversationMessages(db, q.id, lang),
    isPublished(db, q.id),
    teamOrganization(db, teamId ?? q.claimed_team_id ?? q.team_ids[0] ?? null),
  ]);
  await audit(db, ctx, {
    action: 'question.read',
    objectType: 'question',
    objectId: q.id,
    organizationId,
    details: { reference: q.reference, as: teamId ? 'team' : 'consultant', team: teamId ?? undefined },
  });
  return {
    ...poolItem(q),
    text: open(q.text_enc, CONTEXT.text),
    hasEmail: q.email_enc !== null,
    publishConsent: q.publish_consent,
    messages,
    consultations: teamId ? consultations : consulted,
    view: teamId ? 'team' : 'consultant',
    holdingTeamId: teamId,
    published,
  };
}

/** A member of a holding team takes the question on: others see who has it. */
export async function claimQuestion(db: Kysely<DB>, ctx: AuditContext, id: string): Promise<void> {
  const q = await found(db, id);
  const { actor, teamId } = authorizeAnswer(ctx.actor, access(q));
  if (q.claimed_by && q.claimed_by !== actor.personId) throw conflict(AREA, 'already_claimed');
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('question')
      .set({
        claimed_by: actor.personId,
        claimed_team_id: teamId,
        status: q.status === 'answered' ? 'answered' : 'claimed',
      })
      .where('id', '=', q.id)
      .execute();
    await audit(tx, ctx, {
      action: 'question.claimed',
      objectType: 'question',
      objectId: q.id,
      organizationId: await teamOrganization(tx, teamId),
      before: { claimed_by: q.claimed_by, status: q.status },
      after: { claimed_by: actor.personId, team: teamId },
      details: { reference: q.reference },
    });
  });
}

/** Answers the question (claiming it if nobody has); the asker is notified by e-mail when they asked for it. */
export async function answerQuestion(
  db: Kysely<DB>,
  ctx: AuditContext,
  id: string,
  text: string,
  opts: { publicUrl: string },
): Promise<void> {
  const p = new Problems(AREA);
  checkText(p, text, 'answer');
  const q = await found(db, id);
  const { actor, teamId } = authorizeAnswer(ctx.actor, access(q));
  p.throwIfAny();
  if (q.claimed_by && q.claimed_by !== actor.personId && q.claimed_team_id !== teamId)
    throw conflict(AREA, 'already_claimed');
  await db.transaction().execute(async (tx) => {
    const now = new Date();
    await tx
      .insertInto('question_message')
      .values({
        id: newId(),
        question_id: q.id,
        author: 'professional',
        person_id: actor.personId,
        team_id: teamId,
        body_enc: seal(text.trim(), CONTEXT.message),
        created_at: now,
      })
      .execute();
    await tx
      .updateTable('question')
      .set({
        status: 'answered',
        last_message_at: now,
        claimed_by: q.claimed_by ?? actor.personId,
        claimed_team_id: q.claimed_team_id ?? teamId,
      })
      .where('id', '=', q.id)
      .execute();
    await audit(tx, ctx, {
      action: 'question.answered',
      objectType: 'question',
      objectId: q.id,
      organizationId: await teamOrganization(tx, teamId),
      before: { status: q.status },
      after: { status: 'answered' },
      details: { reference: q.reference, team: teamId },
    });
    const email = openOrNull(q.email_enc, CONTEXT.email);
    if (email)
      await queueQuestionMail(
        tx,
        answeredMail({ to: email, lang: q.ui_lang, publicUrl: opts.publicUrl, reference: q.reference }),
      );
  });
}

/** Hands the question over to another team: it leaves this team's pool and waits, unclaimed, in the other's. */
export async function handOverQuestion(db: Kysely<DB>, ctx: AuditContext, id: string, toTeamId: string): Promise<void> {
  const q = await found(db, id);
  const { teamId } = authorizeAnswer(ctx.actor, access(q));
  if (!UUID_RE.test(toTeamId)) throw invalid(AREA, 'team_required', 'team');
  const to = await db
    .selectFrom('team')
    .select(['id', 'organization_id'])
    .where('id', '=', toTeamId)
    .executeTakeFirst();
  if (!to) throw invalid(AREA, 'team_unknown', 'team');
  if (to.id === teamId && q.team_ids.length === 1) throw invalid(AREA, 'team_same', 'team');
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('question')
      .set({ team_ids: [to.id], claimed_by: null, claimed_team_id: null, status: 'open' })
      .where('id', '=', q.id)
      .execute();
    await audit(tx, ctx, {
      action: 'question.handed_over',
      objectType: 'question',
      objectId: q.id,
      organizationId: await teamOrganization(tx, teamId),
      before: { teams: q.team_ids, claimed_by: q.claimed_by },
      after: { teams: [to.id] },
      details: { reference: q.reference, from: teamId, to: to.id, to_organization: to.organization_id },
    });
  });
}

/** Teams a question can be handed over to: every team that answers questions somewhere (by routing). */
export async function handOverTargets(db: Kysely<DB>, lang: Lang): Promise<{ id: string; name: string }[]> {
  const rows = await db
    .selectFrom('team')
    .select(['team.id', 'team.name'])
    .where((eb) => eb.exists(eb.selectFrom('question_route').select('id').whereRef('team_id', '=', 'team.id')))
    .execute();
  return rows
    .map((r) => ({ id: r.id, name: nameIn(r.name as Translated, lang) }))
    .sort((a, b) => a.name.localeCompare(b.name, lang));
}

/** Counts of questions by municipality and status: all a coordinator (or an organisation admin) sees. */
export async function questionCounts(
  db: Kysely<DB>,
  actor: Actor | null,
): Promise<{ municipality: string; status: QuestionStatus; unrouted: number; count: number }[]> {
  authorize(actor, 'question.routing');
  const rows = await db
    .selectFrom('question')
    .select([
      'municipality_code',
      'status',
      (eb) => eb.fn.countAll<number>().as('count'),
      sql<number>`count(*) filter (where cardinality(team_ids) = 0 and claimed_team_id is null)`.as('unrouted'),
    ])
    .groupBy(['municipality_code', 'status'])
    .orderBy('municipality_code')
    .orderBy('status')
    .execute();
  return rows.map((r) => ({
    municipality: r.municipality_code,
    status: r.status,
    count: Number(r.count),
    unrouted: Number(r.unrouted),
  }));
}
