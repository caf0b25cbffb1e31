/**
 * Referrals that close the loop (after Primero and Unite Us): from a case, the team refers the family to a service
 * of the directory — with the family's recorded consent or a recorded legal basis, or not at all. The referral goes
 * to a team of the service's organisation (the one whose settings say it receives referrals), which sees it in
 * its own inbox: sent → accepted or declined (with a reason) → contact made → outcome. The sending team sees every
 * step and may withdraw it until it is finished. The receiving team reads only what the referral carries (the
 * message, the contact details shared, the basis), never the case.
 */
import { sql } from 'kysely';
import type { ReferralBasis, ReferralStatus } from '../../db/schema.concerns.js';
import type { Actor } from '../access/permissions.js';
import { audit, type AuditContext } from '../audit/auditLog.js';
import { caseForTeam } from '../concerns/cases.js';
import { authorizeTeam, inTransaction, receivingTeams, teamGrants, teamOf, type Db } from '../concerns/policy.js';
import { open, seal } from '../concerns/sealed.js';
import { MAX_TEXT, RECEIVER_STEPS, WITHDRAWABLE } from '../concerns/vocabulary.js';
import { DomainError, conflict, invalid, notFound, Problems } from '../shared/errors.js';
import { newId } from '../shared/ids.js';

const AREA = 'referrals';

function actorOf(ctx: AuditContext): Actor {
  if (!ctx.actor) throw new DomainError('unauthenticated', 'sign_in_required');
  return ctx.actor;
}

export interface ReferralInput {
  serviceId: string;
  basis: string;
  basisNote: string;
  message: string;
  contact: string;
}

/** The team of an organisation that receives its referrals: one marked so in its settings, else its first team. */
export async function receivingTeam(db: Db, organizationId: string) {
  return db
    .selectFrom('team')
    .leftJoin('concern_team_settings as s', 's.team_id', 'team.id')
    .select(['team.id', 'team.organization_id as organizationId'])
    .where('team.organization_id', '=', organizationId)
    .where((w) => w.or([w('s.receives_referrals', 'is', null), w('s.receives_referrals', '=', true)]))
    .orderBy(sql`case when s.receives_referrals then 0 else 1 end`)
    .orderBy('team.created_at')
    .orderBy('team.id')
    .limit(1)
    .executeTakeFirst();
}

async function addEvent(
  tx: Db,
  ctx: AuditContext,
  referralId: string,
  status: string,
  teamId: string,
  note: string | null,
) {
  await tx
    .insertInto('referral_event')
    .values({
      id: newId(),
      referral_id: referralId,
      status,
      note_enc: seal('referral_event', 'note_enc', note || null),
      person_id: ctx.actor?.personId ?? null,
      person_name: ctx.actor?.name ?? null,
      team_id: teamId,
    })
    .execute();
}

export async function sendReferral(db: Db, ctx: AuditContext, caseId: string, i: ReferralInput) {
  return inTransaction(db, async (tx) => {
    const { row: c, team } = await caseForTeam(tx, ctx, caseId);
    if (c.status === 'closed') throw conflict('concerns', 'case_closed');
    const p = new Problems(AREA);
    const service = /^[0-9a-f-]{36}$/i.test(i.serviceId)
      ? await tx
          .selectFrom('service')
          .select(['id', 'organization_id', 'status'])
          .where('id', '=', i.serviceId)
          .executeTakeFirst()
      : undefined;
    if (!service || service.status !== 'active') p.add('service_required', 'service');
    if (i.basis !== 'consent' && i.basis !== 'legal_basis') p.add('basis_required', 'basis');
    if (!i.basisNote) p.add(i.basis === 'legal_basis' ? 'legal_basis_required' : 'consent_note_required', 'basis_note');
    else if (i.basisNote.length > 1000) p.add('text_too_long', 'basis_note', { max: 1000 });
    if (!i.message) p.add('message_required', 'message');
    else if (i.message.length > MAX_TEXT) p.add('text_too_long', 'message', { max: MAX_TEXT });
    if (i.contact.length > 1000) p.add('text_too_long', 'contact', { max: 1000 });
    p.throwIfAny();
    const to = await receivingTeam(tx, service!.organization_id);
    if (!to) throw invalid(AREA, 'no_receiving_team', 'service');
    const id = newId();
    await tx
      .insertInto('referral')
      .values({
        id,
        case_id: c.id,
        service_id: service!.id,
        from_team_id: team.id,
        to_organization_id: service!.organization_id,
        to_team_id: to.id,
        basis: i.basis as ReferralBasis,
        basis_note_enc: seal('referral', 'basis_note_enc', i.basisNote),
        message_enc: seal('referral', 'message_enc', i.message),
        contact_enc: seal('referral', 'contact_enc', i.contact || null),
        created_by: ctx.actor!.personId,
      })
      .execute();
    await addEvent(tx, ctx, id, 'sent', team.id, null);
    await tx
      .updateTable('concern_case')
      .set({ last_activity_at: new Date(), updated_at: new Date(), status: 'open' })
      .where('id', '=', c.id)
      .execute();
    await audit(tx, ctx, {
      action: 'referral.sent',
      objectType: 'referral',
      objectId: id,
      organizationId: team.organizationId,
      after: { case_id: c.id, service_id: service!.id, to_team_id: to.id, basis: i.basis },
      details: { reference: c.reference, to_organization_id: service!.organization_id },
    });
    return { id, toTeamId: to.id };
  });
}

export type Box = 'received' | 'sent';

export interface ReferralListItem {
  id: string;
  reference: string;
  status: ReferralStatus;
  serviceId: string;
  serviceName: unknown;
  fromTeamId: string;
  fromTeamName: unknown;
  toTeamId: string;
  toTeamName: unknown;
  createdAt: Date;
  updatedAt: Date;
}

/** The referrals the actor's teams received, or sent (from cases they hold); no contents in the list. */
export async function referralList(
  db: Db,
  ctx: AuditContext,
  o: { box: Box; page?: number; perPage?: number },
): Promise<{ items: ReferralListItem[]; total: number; page: number; perPage: number }> {
  const actor = actorOf(ctx);
  const teams =
    o.box === 'received'
      ? receivingTeams(actor)
      : actor.teams.filter((t) => teamGrants(actor, 'concern.handle', t.teamId)).map((t) => t.teamId);
  const page = Math.max(1, o.page ?? 1);
  const perPage = Math.min(100, Math.max(1, o.perPage ?? 25));
  if (!teams.length) return { items: [], total: 0, page, perPage };
  const q = db.selectFrom('referral as r').where(o.box === 'received' ? 'r.to_team_id' : 'r.from_team_id', 'in', teams);
  const [{ total }, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    q
      .innerJoin('concern_case as c', 'c.id', 'r.case_id')
      .innerJoin('service as s', 's.id', 'r.service_id')
      .innerJoin('team as ft', 'ft.id', 'r.from_team_id')
      .innerJoin('team as tt', 'tt.id', 'r.to_team_id')
      .select([
        'r.id',
        'c.reference',
        'r.status',
        'r.service_id',
        's.name as service_name',
        'r.from_team_id',
        'ft.name as from_name',
        'r.to_team_id',
        'tt.name as to_name',
        'r.created_at',
        'r.updated_at',
      ])
      .orderBy(sql`case when r.status = 'sent' then 0 else 1 end`)
      .orderBy('r.updated_at', 'desc')
      .orderBy('r.id')
      .limit(perPage)
      .offset((page - 1) * perPage)
      .execute(),
  ]);
  return {
    total: Number(total),
    page,
    perPage,
    items: rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      status: r.status,
      serviceId: r.service_id,
      serviceName: r.service_name,
      fromTeamId: r.from_team_id,
      fromTeamName: r.from_name,
      toTeamId: r.to_team_id,
      toTeamName: r.to_name,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    })),
  };
}

/** A referral as the receiving or the sending team may see it; which side the actor is on decides what they may do. */
async function referralFor(db: Db, ctx: AuditContext, id: string) {
  const actor = actorOf(ctx);
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound(AREA, 'referral');
  const r = await db.selectFrom('referral').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound(AREA, 'referral');
  const receiver = teamGrants(actor, 'referral.receive', r.to_team_id);
  const sender = teamGrants(actor, 'concern.handle', r.from_team_id);
  if (!receiver && !sender) {
    const to = await teamOf(db, r.to_team_id);
    authorizeTeam(actor, 'referral.receive', { id: r.to_team_id, organizationId: to?.organizationId });
  }
  return { r, receiver, sender };
}

export interface ReferralDetail extends ReferralListItem {
  caseId: string;
  basis: ReferralBasis;
  basisNote: string;
  message: string;
  contact: string | null;
  side: { receiver: boolean; sender: boolean };
  events: { status: string; note: string | null; personName: string | null; teamName: unknown; at: Date }[];
  nextSteps: ReferralStatus[];
  withdrawable: boolean;
}

export async function readReferral(db: Db, ctx: AuditContext, id: string): Promise<ReferralDetail> {
  const { r, receiver, sender } = await referralFor(db, ctx, id);
  const [head, events] = await Promise.all([
    db
      .selectFrom('referral as r')
      .innerJoin('concern_case as c', 'c.id', 'r.case_id')
      .innerJoin('service as s', 's.id', 'r.service_id')
      .innerJoin('team as ft', 'ft.id', 'r.from_team_id')
      .innerJoin('team as tt', 'tt.id', 'r.to_team_id')
      .select(['c.reference', 's.name as service_name', 'ft.name as from_name', 'tt.name as to_name'])
      .where('r.id', '=', id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('referral_event as e')
      .leftJoin('team as t', 't.id', 'e.team_id')
      .select(['e.status', 'e.note_enc', 'e.person_name', 't.name as team_name', 'e.at'])
      .where('e.referral_id', '=', id)
      .orderBy('e.at')
      .orderBy('e.id')
      .execute(),
  ]);
  const to = await teamOf(db, r.to_team_id);
  await audit(db, ctx, {
    action: 'referral.read',
    objectType: 'concern_case',
    objectId: r.case_id,
    organizationId: receiver ? (to?.organizationId ?? null) : null,
    details: { referral_id: r.id, side: receiver ? 'receiver' : 'sender' },
  });
  return {
    id: r.id,
    caseId: r.case_id,
    reference: head.reference,
    status: r.status,
    serviceId: r.service_id,
    serviceName: head.service_name,
    fromTeamId: r.from_team_id,
    fromTeamName: head.from_name,
    toTeamId: r.to_team_id,
    toTeamName: head.to_name,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    basis: r.basis,
    basisNote: open('referral', 'basis_note_enc', r.basis_note_enc),
    message: open('referral', 'message_enc', r.message_enc),
    contact: open('referral', 'contact_enc', r.contact_enc),
    side: { receiver, sender },
    events: events.map((e) => ({
      status: e.status,
      note: open('referral_event', 'note_enc', e.note_enc),
      personName: e.person_name,
      teamName: e.team_name,
      at: e.at,
    })),
    nextSteps: receiver ? [...RECEIVER_STEPS[r.status]] : [],
    withdrawable: sender && WITHDRAWABLE.includes(r.status),
  };
}

/** The receiving team's answer: accept, decline (with a reason), contact made, outcome (completed, with a note). */
export async function answerReferral(db: Db, ctx: AuditContext, id: string, i: { status: string; note: string }) {
  return inTransaction(db, async (tx) => {
    const actor = actorOf(ctx);
    const r = await tx.selectFrom('referral').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!r) throw notFound(AREA, 'referral');
    const to = await teamOf(tx, r.to_team_id);
    authorizeTeam(actor, 'referral.receive', { id: r.to_team_id, organizationId: to?.organizationId });
    const next = i.status as ReferralStatus;
    if (!RECEIVER_STEPS[r.status].includes(next)) throw conflict(AREA, 'step_not_allowed');
    if (next === 'declined' && !i.note) throw invalid(AREA, 'reason_required', 'note');
    if (next === 'completed' && !i.note) throw invalid(AREA, 'outcome_required', 'note');
    if (i.note.length > MAX_TEXT) throw invalid(AREA, 'text_too_long', 'note', { max: MAX_TEXT });
    await tx.updateTable('referral').set({ status: next, updated_at: new Date() }).where('id', '=', id).execute();
    await addEvent(tx, ctx, id, next, r.to_team_id, i.note || null);
    await audit(tx, ctx, {
      action: `referral.${next}`,
      objectType: 'referral',
      objectId: id,
      organizationId: to?.organizationId ?? null,
      before: { status: r.status },
      after: { status: next },
    });
  });
}

export async function withdrawReferral(db: Db, ctx: AuditContext, id: string, i: { note: string }) {
  return inTransaction(db, async (tx) => {
    const actor = actorOf(ctx);
    const r = await tx.selectFrom('referral').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!r) throw notFound(AREA, 'referral');
    const from = await teamOf(tx, r.from_team_id);
    authorizeTeam(actor, 'concern.handle', { id: r.from_team_id, organizationId: from?.organizationId });
    if (!WITHDRAWABLE.includes(r.status)) throw conflict(AREA, 'not_withdrawable');
    if (i.note.length > MAX_TEXT) throw invalid(AREA, 'text_too_long', 'note', { max: MAX_TEXT });
    await tx
      .updateTable('referral')
      .set({ status: 'withdrawn', updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await addEvent(tx, ctx, id, 'withdrawn', r.from_team_id, i.note || null);
    await audit(tx, ctx, {
      action: 'referral.withdrawn',
      objectType: 'referral',
      objectId: id,
      organizationId: from?.organizationId ?? null,
      before: { status: r.status },
      after: { status: 'withdrawn' },
    });
  });
}

/** The referrals of a case, for its team's case page (the sending side's view of every step). */
export async function caseReferrals(db: Db, caseId: string) {
  const rows = await db
    .selectFrom('referral as r')
    .innerJoin('service as s', 's.id', 'r.service_id')
    .innerJoin('team as tt', 'tt.id', 'r.to_team_id')
    .select(['r.id', 'r.status', 's.name as service_name', 'tt.name as to_name', 'r.created_at', 'r.updated_at'])
    .where('r.case_id', '=', caseId)
    .orderBy('r.created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    serviceName: r.service_name,
    toTeamName: r.to_name,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

/** Services a case may be referred to: active services serving the case's municipality, with their organisation. */
export async function referralTargets(db: Db, municipality: string) {
  const rows = await db
    .selectFrom('service as s')
    .innerJoin('service_area as a', 'a.service_id', 's.id')
    .innerJoin('organization as o', 'o.id', 's.organization_id')
    .select(['s.id', 's.name', 'o.name as org_name'])
    .where('a.municipality_code', '=', municipality)
    .where('s.status', '=', 'active')
    .limit(1000)
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, organizationName: r.org_name }));
}
