/**
 * The concern team's work on a case (VATU model): intake → triage (urgency, the right team, the agenda of the next
 * meeting) → minutes per case → responsible worker and work pair → support plan → first contact and follow-up →
 * replies to the resident → closure with an outcome. Every operation checks that the actor is a member of the team
 * that holds the case (policy.ts), and writes its audit entry in the same transaction; every read of a case's
 * contents is audited too (the resident sees those reads through the follow-up link).
 */
import { sql } from 'kysely';
import type { CaseOutcome, Urgency } from '../../db/schema.concerns.js';
import { authorize, type Actor } from '../access/permissions.js';
import { audit, type AuditContext } from '../audit/auditLog.js';
import { DomainError, conflict, invalid, notFound, Problems } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { authorizeTeam, handlingTeams, inTransaction, teamOf, type Db } from './policy.js';
import { open, seal } from './sealed.js';
import { MAX_TEXT, OUTCOMES, URGENCIES } from './vocabulary.js';
import { helsinkiDate, nextWeekday, workingDaysBetween } from './workingDays.js';

const AREA = 'concerns';
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (s: string) => DATE.test(s) && !Number.isNaN(new Date(`${s}T00:00:00Z`).getTime());

function actorOf(ctx: AuditContext): Actor {
  if (!ctx.actor) throw new DomainError('unauthenticated', 'sign_in_required');
  return ctx.actor;
}

/** The case row, after checking that the actor's team holds it (404 when there is no such case). */
export async function caseForTeam(db: Db, ctx: AuditContext, caseId: string) {
  const actor = actorOf(ctx);
  const row = await db.selectFrom('concern_case').selectAll().where('id', '=', caseId).executeTakeFirst();
  if (!row) throw notFound(AREA, 'case');
  const team = row.team_id ? await teamOf(db, row.team_id) : undefined;
  authorizeTeam(actor, 'concern.handle', { id: row.team_id, organizationId: team?.organizationId });
  return { row, team: team!, actor };
}

export interface Overdue {
  overdue: boolean;
  /** Working days past the due date (0 when not overdue). */
  workingDaysLate: number;
}

export function overdueOf(
  c: { first_contact_due: string; first_contact_at: Date | null; status: string },
  today: string,
): Overdue {
  if (c.first_contact_at || c.status === 'closed' || today <= c.first_contact_due)
    return { overdue: false, workingDaysLate: 0 };
  return { overdue: true, workingDaysLate: Math.max(1, workingDaysBetween(c.first_contact_due, today)) };
}

export type InboxStatus = 'active' | 'intake' | 'open' | 'closed' | 'all';

export interface InboxItem {
  id: string;
  reference: string;
  teamId: string;
  teamName: unknown;
  status: 'intake' | 'open' | 'closed';
  urgency: Urgency | null;
  urgentOnArrival: boolean;
  municipality: string;
  ageGroup: string;
  language: string;
  createdAt: Date;
  firstContactDue: string;
  firstContactAt: Date | null;
  agendaDate: string | null;
  responsibleName: string | null;
  outcome: CaseOutcome | null;
  deletionRequested: boolean;
  overdue: Overdue;
}

/**
 * The inbox of the actor's teams (no free text: what a list needs). Intake first, urgent before others, then by
 * due date. Paged.
 */
export async function caseInbox(
  db: Db,
  ctx: AuditContext,
  o: { status?: InboxStatus; page?: number; perPage?: number; teamId?: string; now?: Date } = {},
): Promise<{ items: InboxItem[]; total: number; page: number; perPage: number }> {
  const actor = actorOf(ctx);
  let teams = handlingTeams(actor);
  if (o.teamId) {
    authorizeTeam(actor, 'concern.handle', { id: o.teamId });
    teams = [o.teamId];
  }
  const page = Math.max(1, o.page ?? 1);
  const perPage = Math.min(100, Math.max(1, o.perPage ?? 25));
  const status = o.status ?? 'active';
  if (!teams.length) return { items: [], total: 0, page, perPage };
  let q = db.selectFrom('concern_case as c').where('c.team_id', 'in', teams);
  if (status === 'active') q = q.where('c.status', '!=', 'closed');
  else if (status !== 'all') q = q.where('c.status', '=', status);
  const [{ total }, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    q
      .innerJoin('team', 'team.id', 'c.team_id')
      .leftJoin('person as r', 'r.id', 'c.responsible_id')
      .select([
        'c.id',
        'c.reference',
        'c.team_id',
        'team.name as team_name',
        'c.status',
        'c.urgency',
        'c.urgent_on_arrival',
        'c.municipality_code',
        'c.age_group',
        'c.lang',
        'c.created_at',
        'c.first_contact_due',
        'c.first_contact_at',
        'c.agenda_date',
        'r.name as responsible_name',
        'c.outcome',
        'c.deletion_requested_at',
      ])
      .orderBy(sql`case c.status when 'intake' then 0 when 'open' then 1 else 2 end`)
      .orderBy(sql`case when c.urgency = 'urgent' then 0 else 1 end`)
      .orderBy('c.first_contact_due')
      .orderBy('c.created_at')
      .orderBy('c.id')
      .limit(perPage)
      .offset((page - 1) * perPage)
      .execute(),
  ]);
  const today = helsinkiDate(o.now);
  await audit(db, ctx, {
    action: 'concern.inbox_read',
    objectType: 'team',
    details: { teams, status, page, shown: rows.length },
  });
  return {
    total: Number(total),
    page,
    perPage,
    items: rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      teamId: r.team_id!,
      teamName: r.team_name,
      status: r.status,
      urgency: r.urgency,
      urgentOnArrival: r.urgent_on_arrival,
      municipality: r.municipality_code,
      ageGroup: r.age_group,
      language: r.lang,
      createdAt: r.created_at,
      firstContactDue: r.first_contact_due,
      firstContactAt: r.first_contact_at,
      agendaDate: r.agenda_date,
      responsibleName: r.responsible_name,
      outcome: r.outcome,
      deletionRequested: r.deletion_requested_at !== null,
      overdue: overdueOf(r, today),
    })),
  };
}

export interface CaseDetail {
  id: string;
  reference: string;
  team: { id: string; organizationId: string; name: unknown };
  status: 'intake' | 'open' | 'closed';
  urgency: Urgency | null;
  urgentOnArrival: boolean;
  about: string | null;
  ageGroup: string;
  municipality: string;
  language: string;
  anonymous: boolean;
  familyKnows: boolean;
  familyAgreesContact: boolean | null;
  text: string;
  contact: { name: string | null; email: string | null; phone: string | null };
  createdAt: Date;
  firstContactDue: string;
  firstContactAt: Date | null;
  overdue: Overdue;
  agendaDate: string | null;
  nextMeeting: string;
  responsible: { id: string; name: string } | null;
  pair: { id: string; name: string } | null;
  outcome: CaseOutcome | null;
  closedAt: Date | null;
  deletionRequestedAt: Date | null;
  messages: { id: string; author: 'resident' | 'team'; personName: string | null; body: string; at: Date }[];
  minutes: { id: string; meetingDate: string; body: string; personName: string | null; at: Date }[];
  plan: { goals: string; tasks: string; reviewDate: string; updatedAt: Date } | null;
  followUps: { id: string; body: string; personName: string | null; at: Date }[];
  members: { id: string; name: string }[];
}

/** The whole case, decrypted, for its team; the read is audited. */
export async function readCase(db: Db, ctx: AuditContext, caseId: string, now = new Date()): Promise<CaseDetail> {
  const { row: c, team } = await caseForTeam(db, ctx, caseId);
  const [messages, minutes, plan, followUps, members, settings] = await Promise.all([
    db
      .selectFrom('concern_message as m')
      .leftJoin('person as p', 'p.id', 'm.person_id')
      .select(['m.id', 'm.author', 'm.body_enc', 'm.created_at', 'p.name'])
      .where('m.case_id', '=', caseId)
      .orderBy('m.created_at')
      .orderBy('m.id')
      .execute(),
    db
      .selectFrom('concern_minutes as m')
      .leftJoin('person as p', 'p.id', 'm.person_id')
      .select(['m.id', 'm.meeting_date', 'm.body_enc', 'm.created_at', 'p.name'])
      .where('m.case_id', '=', caseId)
      .orderBy('m.meeting_date')
      .orderBy('m.created_at')
      .execute(),
    db.selectFrom('concern_plan').selectAll().where('case_id', '=', caseId).executeTakeFirst(),
    db
      .selectFrom('concern_follow_up as f')
      .leftJoin('person as p', 'p.id', 'f.person_id')
      .select(['f.id', 'f.body_enc', 'f.created_at', 'p.name'])
      .where('f.case_id', '=', caseId)
      .orderBy('f.created_at')
      .execute(),
    teamMembers(db, team.id),
    db.selectFrom('concern_team_settings').selectAll().where('team_id', '=', team.id).executeTakeFirst(),
  ]);
  const person = (id: string | null) => (id ? (members.find((m) => m.id === id) ?? null) : null);
  await audit(db, ctx, {
    action: 'concern.read',
    objectType: 'concern_case',
    objectId: c.id,
    organizationId: team.organizationId,
    details: { reference: c.reference },
  });
  const today = helsinkiDate(now);
  return {
    id: c.id,
    reference: c.reference,
    team: { id: team.id, organizationId: team.organizationId, name: team.name },
    status: c.status,
    urgency: c.urgency,
    urgentOnArrival: c.urgent_on_arrival,
    about: c.about,
    ageGroup: c.age_group,
    municipality: c.municipality_code,
    language: c.lang,
    anonymous: c.anonymous,
    familyKnows: c.family_knows,
    familyAgreesContact: c.family_agrees_contact,
    text: open('concern_case', 'text_enc', c.text_enc),
    contact: {
      name: open('concern_case', 'contact_name_enc', c.contact_name_enc),
      email: open('concern_case', 'contact_email_enc', c.contact_email_enc),
      phone: open('concern_case', 'contact_phone_enc', c.contact_phone_enc),
    },
    createdAt: c.created_at,
    firstContactDue: c.first_contact_due,
    firstContactAt: c.first_contact_at,
    overdue: overdueOf(c, today),
    agendaDate: c.agenda_date,
    nextMeeting: nextWeekday(today, settings?.meeting_weekday ?? 2),
    responsible: person(c.responsible_id),
    pair: person(c.pair_id),
    outcome: c.outcome,
    closedAt: c.closed_at,
    deletionRequestedAt: c.deletion_requested_at,
    messages: messages.map((m) => ({
      id: m.id,
      author: m.author,
      personName: m.author === 'team' ? m.name : null,
      body: open('concern_message', 'body_enc', m.body_enc),
      at: m.created_at,
    })),
    minutes: minutes.map((m) => ({
      id: m.id,
      meetingDate: m.meeting_date,
      body: open('concern_minutes', 'body_enc', m.body_enc),
      personName: m.name,
      at: m.created_at,
    })),
    plan: plan
      ? {
          goals: open('concern_plan', 'goals_enc', plan.goals_enc),
          tasks: open('concern_plan', 'tasks_enc', plan.tasks_enc),
          reviewDate: plan.review_date,
          updatedAt: plan.updated_at,
        }
      : null,
    followUps: followUps.map((f) => ({
      id: f.id,
      body: open('concern_follow_up', 'body_enc', f.body_enc),
      personName: f.name,
      at: f.created_at,
    })),
    members,
  };
}

export async function teamMembers(db: Db, teamId: string) {
  return db
    .selectFrom('team_membership as tm')
    .innerJoin('person as p', 'p.id', 'tm.person_id')
    .select(['p.id', 'p.name'])
    .where('tm.team_id', '=', teamId)
    .where('p.status', '=', 'active')
    .orderBy('p.name')
    .execute();
}

/** A change to a case: authorised, applied and audited (before/after without free text) in one transaction. */
async function changeCase<T>(
  db: Db,
  ctx: AuditContext,
  caseId: string,
  action: string,
  fn: (
    tx: Db,
    c: Awaited<ReturnType<typeof caseForTeam>>['row'],
    team: { id: string; organizationId: string },
  ) => Promise<{ before?: unknown; after?: unknown; result?: T }>,
): Promise<T | undefined> {
  return inTransaction(db, async (tx) => {
    const { row, team } = await caseForTeam(tx, ctx, caseId);
    const r = await fn(tx, row, team);
    await tx
      .updateTable('concern_case')
      .set({ updated_at: new Date(), last_activity_at: new Date() })
      .where('id', '=', caseId)
      .execute();
    await audit(tx, ctx, {
      action,
      objectType: 'concern_case',
      objectId: caseId,
      organizationId: team.organizationId,
      before: r.before,
      after: r.after,
      details: { reference: row.reference },
    });
    return r.result;
  });
}

const notClosed = (c: { status: string }) => {
  if (c.status === 'closed') throw conflict(AREA, 'case_closed');
};

export interface TriageInput {
  urgency: string;
  /** The team that should hold the case ('' or the same team: stays). */
  teamId: string;
  /** Put the case on the agenda of the team's next meeting. */
  toAgenda: boolean;
}

export async function triageCase(db: Db, ctx: AuditContext, caseId: string, i: TriageInput, now = new Date()) {
  return changeCase<{ moved: boolean }>(db, ctx, caseId, 'concern.triage', async (tx, c, team) => {
    notClosed(c);
    const p = new Problems(AREA);
    if (!(URGENCIES as readonly string[]).includes(i.urgency)) p.add('urgency_required', 'urgency');
    let target = team.id;
    if (i.teamId && i.teamId !== team.id) {
      const takes = await tx
        .selectFrom('concern_team_settings')
        .select('team_id')
        .where('team_id', '=', i.teamId)
        .executeTakeFirst();
      if (!takes) p.add('team_invalid', 'team');
      else target = i.teamId;
    }
    p.throwIfAny();
    let agenda = c.agenda_date;
    if (i.toAgenda && target === team.id) {
      const s = await tx
        .selectFrom('concern_team_settings')
        .select('meeting_weekday')
        .where('team_id', '=', team.id)
        .executeTakeFirst();
      agenda = nextWeekday(helsinkiDate(now), s?.meeting_weekday ?? 2);
    }
    const moved = target !== team.id;
    const after = {
      urgency: i.urgency as Urgency,
      team_id: target,
      status: moved ? ('intake' as const) : ('open' as const),
      agenda_date: moved ? null : agenda,
      responsible_id: moved ? null : c.responsible_id,
      pair_id: moved ? null : c.pair_id,
    };
    await tx.updateTable('concern_case').set(after).where('id', '=', c.id).execute();
    return {
      before: { urgency: c.urgency, team_id: c.team_id, status: c.status, agenda_date: c.agenda_date },
      after,
      result: { moved },
    };
  });
}

export async function recordMinutes(
  db: Db,
  ctx: AuditContext,
  caseId: string,
  i: { meetingDate: string; text: string },
) {
  return changeCase(db, ctx, caseId, 'concern.minutes', async (tx, c) => {
    const p = new Problems(AREA);
    if (!isDate(i.meetingDate)) p.add('date_invalid', 'meeting_date');
    if (!i.text) p.add('minutes_required', 'minutes');
    else if (i.text.length > MAX_TEXT) p.add('text_too_long', 'minutes', { max: MAX_TEXT });
    p.throwIfAny();
    const id = newId();
    await tx
      .insertInto('concern_minutes')
      .values({
        id,
        case_id: c.id,
        meeting_date: i.meetingDate,
        body_enc: seal('concern_minutes', 'body_enc', i.text),
        person_id: actorOf(ctx).personId,
      })
      .execute();
    if (c.status === 'intake')
      await tx.updateTable('concern_case').set({ status: 'open' }).where('id', '=', c.id).execute();
    return { after: { minutes_id: id, meeting_date: i.meetingDate } };
  });
}

export async function assignCase(
  db: Db,
  ctx: AuditContext,
  caseId: string,
  i: { responsibleId: string; pairId: string },
) {
  return changeCase(db, ctx, caseId, 'concern.assign', async (tx, c, team) => {
    notClosed(c);
    const members = new Set((await teamMembers(tx, team.id)).map((m) => m.id));
    const p = new Problems(AREA);
    if (!members.has(i.responsibleId)) p.add('responsible_required', 'responsible');
    if (i.pairId && !members.has(i.pairId)) p.add('pair_invalid', 'pair');
    if (i.pairId && i.pairId === i.responsibleId) p.add('pair_same', 'pair');
    p.throwIfAny();
    const after = { responsible_id: i.responsibleId, pair_id: i.pairId || null, status: 'open' as const };
    await tx.updateTable('concern_case').set(after).where('id', '=', c.id).execute();
    return { before: { responsible_id: c.responsible_id, pair_id: c.pair_id }, after };
  });
}

export async function savePlan(
  db: Db,
  ctx: AuditContext,
  caseId: string,
  i: { goals: string; tasks: string; reviewDate: string },
) {
  return changeCase(db, ctx, caseId, 'concern.plan', async (tx, c) => {
    notClosed(c);
    const p = new Problems(AREA);
    if (!i.goals) p.add('goals_required', 'goals');
    else if (i.goals.length > MAX_TEXT) p.add('text_too_long', 'goals', { max: MAX_TEXT });
    if (!i.tasks) p.add('tasks_required', 'tasks');
    else if (i.tasks.length > MAX_TEXT) p.add('text_too_long', 'tasks', { max: MAX_TEXT });
    if (!isDate(i.reviewDate)) p.add('date_invalid', 'review_date');
    p.throwIfAny();
    const values = {
      goals_enc: seal('concern_plan', 'goals_enc', i.goals),
      tasks_enc: seal('concern_plan', 'tasks_enc', i.tasks),
      review_date: i.reviewDate,
      updated_by: actorOf(ctx).personId,
      updated_at: new Date(),
    };
    await tx
      .insertInto('concern_plan')
      .values({ case_id: c.id, ...values })
      .onConflict((oc) => oc.column('case_id').doUpdateSet(values))
      .execute();
    return { after: { review_date: i.reviewDate } };
  });
}

export async function recordFirstContact(db: Db, ctx: AuditContext, caseId: string, now = new Date()) {
  return changeCase(db, ctx, caseId, 'concern.first_contact', async (tx, c) => {
    notClosed(c);
    if (c.first_contact_at) throw conflict(AREA, 'first_contact_recorded');
    await tx
      .updateTable('concern_case')
      .set({ first_contact_at: now, status: 'open' })
      .where('id', '=', c.id)
      .execute();
    return { after: { first_contact_at: now.toISOString() } };
  });
}

export async function addFollowUp(db: Db, ctx: AuditContext, caseId: string, i: { text: string }) {
  return changeCase(db, ctx, caseId, 'concern.follow_up', async (tx, c) => {
    notClosed(c);
    const p = new Problems(AREA);
    if (!i.text) p.add('follow_up_required', 'follow_up');
    else if (i.text.length > MAX_TEXT) p.add('text_too_long', 'follow_up', { max: MAX_TEXT });
    p.throwIfAny();
    const id = newId();
    await tx
      .insertInto('concern_follow_up')
      .values({
        id,
        case_id: c.id,
        body_enc: seal('concern_follow_up', 'body_enc', i.text),
        person_id: actorOf(ctx).personId,
      })
      .execute();
    return { after: { follow_up_id: id } };
  });
}

/** A reply the resident reads through the follow-up link; the first reply counts as first contact. */
export async function replyToResident(
  db: Db,
  ctx: AuditContext,
  caseId: string,
  i: { text: string },
  now = new Date(),
) {
  return changeCase(db, ctx, caseId, 'concern.reply', async (tx, c) => {
    notClosed(c);
    const p = new Problems(AREA);
    if (!i.text) p.add('reply_required', 'reply');
    else if (i.text.length > MAX_TEXT) p.add('text_too_long', 'reply', { max: MAX_TEXT });
    p.throwIfAny();
    const id = newId();
    await tx
      .insertInto('concern_message')
      .values({
        id,
        case_id: c.id,
        author: 'team',
        person_id: actorOf(ctx).personId,
        body_enc: seal('concern_message', 'body_enc', i.text),
        created_at: now,
      })
      .execute();
    await tx
      .updateTable('concern_case')
      .set({ status: 'open', first_contact_at: c.first_contact_at ?? now })
      .where('id', '=', c.id)
      .execute();
    return { after: { message_id: id } };
  });
}

export async function closeCase(db: Db, ctx: AuditContext, caseId: string, i: { outcome: string }, now = new Date()) {
  return changeCase(db, ctx, caseId, 'concern.close', async (tx, c) => {
    notClosed(c);
    if (!(OUTCOMES as readonly string[]).includes(i.outcome)) throw invalid(AREA, 'outcome_required', 'outcome');
    const after = { status: 'closed' as const, outcome: i.outcome as CaseOutcome, closed_at: now };
    await tx.updateTable('concern_case').set(after).where('id', '=', c.id).execute();
    return { before: { status: c.status }, after: { ...after, closed_at: now.toISOString() } };
  });
}

// ---- Team settings and counts ----

export interface TeamSettingsInput {
  municipalities: string[];
  languages: string[];
  firstContactDays: number;
  meetingWeekday: number;
  receivesReferrals: boolean;
}

/** Counts per team for coordinators (concern.stats): never any content. */
export async function caseCounts(db: Db, actor: Actor, now = new Date()) {
  authorize(actor, 'concern.stats');
  const today = helsinkiDate(now);
  const rows = await db
    .selectFrom('concern_case as c')
    .leftJoin('team', 'team.id', 'c.team_id')
    .select((eb) => [
      'c.team_id',
      'team.name',
      eb.fn.countAll<number>().as('total'),
      eb.fn.count<number>('c.id').filterWhere('c.status', '=', 'intake').as('intake'),
      eb.fn.count<number>('c.id').filterWhere('c.status', '=', 'open').as('open'),
      eb.fn.count<number>('c.id').filterWhere('c.status', '=', 'closed').as('closed'),
      eb.fn.count<number>('c.id').filterWhere('c.urgency', '=', 'urgent').as('urgent'),
      eb.fn
        .count<number>('c.id')
        .filterWhere((w) =>
          w.and([
            w('c.first_contact_at', 'is', null),
            w('c.status', '!=', 'closed'),
            w('c.first_contact_due', '<', today),
          ]),
        )
        .as('overdue'),
    ])
    .groupBy(['c.team_id', 'team.name'])
    .orderBy('c.team_id')
    .execute();
  return rows.map((r) => ({
    teamId: r.team_id,
    teamName: r.name,
    total: Number(r.total),
    intake: Number(r.intake),
    open: Number(r.open),
    closed: Number(r.closed),
    urgent: Number(r.urgent),
    overdue: Number(r.overdue),
  }));
}
