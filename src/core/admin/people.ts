/**
 * People and their roles, as administration manages them. An organisation's administrators invite people into
 * their organisation, change their roles there and end those memberships; system administrators do that
 * everywhere and alone set system roles, change names and e-mail addresses, and disable or enable accounts.
 * Every function takes the actor and authorises itself; every change is audited with before and after in the
 * same transaction as the change.
 */
import { inviteExisting } from '../accounts/invitations.js';
import type { Translated, Lang } from '../shared/lang.js';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, OrgRole, SystemRole } from '../../db/schema.js';
import { authorize, can, organizationsWhere, ORG_ROLES, SYSTEM_ROLES, type Actor } from '../access/permissions.js';
import { invitationLink } from '../accounts/passwordLinks.js';
import { addPerson, findPersonByEmail, isEmail, normalizeEmail } from '../accounts/people.js';
import { endAllSessions } from '../accounts/sessions.js';
import { audit, type AuditContext } from '../audit/auditLog.js';
import { compareNames } from '../directory/search/sortKey.js';
import type { Mailer } from '../mail/mailer.js';
import { pick } from '../shared/translated.js';
import { tFor } from '../../i18n/index.js';
import { conflict, DomainError, invalid, notFound, Problems } from '../shared/errors.js';
import { AREA, checkId, MAX_NAME } from './validate.js';

type Tx = Transaction<DB>;

export interface PersonSummary {
  id: string;
  name: string;
  email: string;
  systemRole: SystemRole | null;
  status: 'active' | 'disabled';
  invitationPending: boolean;
  lastSignInAt: Date | null;
  memberships: { organizationId: string; organizationName: Translated; role: OrgRole }[];
}

export interface PersonDetail extends PersonSummary {
  title: Translated;
  phone: string | null;
  languages: string[];
  createdAt: Date;
  teams: { teamId: string; name: Translated; organizationId: string; organizationName: Translated; role: string }[];
  /** What the actor may do to this person. */
  may: { manageAll: boolean; organizations: string[] };
}

/** Organisations whose people the actor manages. */
const managedOrgs = (actor: Actor) => organizationsWhere(actor, 'organization.manage');

/** Whether the actor manages the person: a system administrator, or an administrator of one of their organisations or teams' organisations. */
async function authorizePerson(db: Kysely<DB>, actor: Actor | null, personId: string): Promise<{ id: string }> {
  authorize(actor, 'organization.manage');
  const id = checkId(personId, 'person');
  const person = await db.selectFrom('person').select('id').where('id', '=', id).executeTakeFirst();
  if (!person) throw notFound(AREA, 'person');
  if (can(actor, 'person.manage_all')) return person;
  const scope = managedOrgs(actor) as string[];
  if (scope.length) {
    const link = await db
      .selectFrom('membership')
      .select('person_id')
      .where('person_id', '=', id)
      .where('organization_id', 'in', scope)
      .union(
        db
          .selectFrom('team_membership')
          .innerJoin('team', 'team.id', 'team_membership.team_id')
          .select('team_membership.person_id')
          .where('team_membership.person_id', '=', id)
          .where('team.organization_id', 'in', scope),
      )
      .executeTakeFirst();
    if (link) return person;
  }
  authorize(actor, 'person.manage_all'); // throws: the person is outside the actor's organisations
  return person;
}

async function membershipsOf(db: Kysely<DB>, ids: string[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('membership')
    .innerJoin('organization', 'organization.id', 'membership.organization_id')
    .select(['membership.person_id', 'membership.organization_id', 'membership.role', 'organization.name'])
    .where('membership.person_id', 'in', ids)
    .execute();
}

export interface PeopleFilter {
  q?: string;
  organizationId?: string;
  page?: number;
  perPage?: number;
}

/** The people the actor manages, in the reader's alphabet, a page at a time. */
export async function listManagedPeople(
  db: Kysely<DB>,
  actor: Actor,
  lang: Lang,
  f: PeopleFilter = {},
): Promise<{ rows: PersonSummary[]; total: number; page: number; perPage: number }> {
  authorize(actor, 'organization.manage');
  const scope = managedOrgs(actor);
  if (f.organizationId)
    authorize(actor, 'organization.manage', { organizationId: checkId(f.organizationId, 'organization') });
  let q = db
    .selectFrom('person')
    .select(['id', 'name', 'email', 'system_role', 'status', 'password_hash', 'last_sign_in_at']);
  if (scope !== 'all') {
    if (!scope.length) return { rows: [], total: 0, page: 1, perPage: 50 };
    q = q.where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('membership')
            .whereRef('membership.person_id', '=', 'person.id')
            .where('membership.organization_id', 'in', scope)
            .select('membership.person_id'),
        ),
        eb.exists(
          eb
            .selectFrom('team_membership')
            .innerJoin('team', 'team.id', 'team_membership.team_id')
            .whereRef('team_membership.person_id', '=', 'person.id')
            .where('team.organization_id', 'in', scope)
            .select('team_membership.person_id'),
        ),
      ]),
    );
  }
  if (f.organizationId) {
    const org = f.organizationId.toLowerCase();
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('membership')
          .whereRef('membership.person_id', '=', 'person.id')
          .where('membership.organization_id', '=', org)
          .select('membership.person_id'),
      ),
    );
  }
  const text = f.q?.trim();
  if (text) {
    const like = `%${text.replace(/[\\%_]/g, '\\$&')}%`;
    q = q.where((eb) => eb.or([eb('name', 'ilike', like), eb('email', 'ilike', like)]));
  }
  const all = await q.execute();
  const cmp = compareNames(lang);
  all.sort((a, b) => cmp(a.name, b.name) || a.email.localeCompare(b.email));
  const perPage = Math.min(200, Math.max(1, f.perPage ?? 50));
  const page = Math.max(1, f.page ?? 1);
  const slice = all.slice((page - 1) * perPage, page * perPage);
  const ms = await membershipsOf(
    db,
    slice.map((p) => p.id),
  );
  return {
    total: all.length,
    page,
    perPage,
    // An organisation's administrator sees what concerns their organisations only: not the person's other
    // memberships, system role or last sign-in.
    rows: slice.map((p) => ({
      id: p.id,
      name: p.name,
      email: p.email,
      systemRole: scope === 'all' ? p.system_role : null,
      status: p.status,
      invitationPending: !p.password_hash,
      lastSignInAt: scope === 'all' ? p.last_sign_in_at : null,
      memberships: ms
        .filter((m) => m.person_id === p.id && (scope === 'all' || scope.includes(m.organization_id)))
        .map((m) => ({ organizationId: m.organization_id, organizationName: m.name, role: m.role }))
        .sort((a, b) => cmp(pick(a.organizationName, lang), pick(b.organizationName, lang))),
    })),
  };
}

export async function getManagedPerson(
  db: Kysely<DB>,
  actor: Actor,
  personId: string,
  lang: Lang,
): Promise<PersonDetail> {
  const { id } = await authorizePerson(db, actor, personId);
  const [p, ms, teams] = await Promise.all([
    db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    membershipsOf(db, [id]),
    db
      .selectFrom('team_membership')
      .innerJoin('team', 'team.id', 'team_membership.team_id')
      .innerJoin('organization', 'organization.id', 'team.organization_id')
      .select(['team.id', 'team.name', 'team.organization_id', 'organization.name as org_name', 'team_membership.role'])
      .where('team_membership.person_id', '=', id)
      .execute(),
  ]);
  const cmp = compareNames(lang);
  const scope = managedOrgs(actor);
  // An organisation's administrator sees the person as far as their organisations are concerned: not their
  // other memberships and teams, their system role or their last sign-in.
  const inScope = (orgId: string) => scope === 'all' || scope.includes(orgId);
  return {
    id: p.id,
    name: p.name,
    email: p.email,
    systemRole: scope === 'all' ? p.system_role : null,
    status: p.status,
    invitationPending: !p.password_hash,
    lastSignInAt: scope === 'all' ? p.last_sign_in_at : null,
    title: p.title,
    phone: p.phone,
    languages: p.languages,
    createdAt: p.created_at,
    memberships: ms
      .filter((m) => inScope(m.organization_id))
      .map((m) => ({ organizationId: m.organization_id, organizationName: m.name, role: m.role }))
      .sort((a, b) => cmp(pick(a.organizationName, lang), pick(b.organizationName, lang))),
    teams: teams
      .filter((t) => inScope(t.organization_id))
      .map((t) => ({
        teamId: t.id,
        name: t.name,
        organizationId: t.organization_id,
        organizationName: t.org_name,
        role: t.role,
      }))
      .sort((a, b) => cmp(pick(a.name, lang), pick(b.name, lang))),
    may: { manageAll: can(actor, 'person.manage_all'), organizations: scope === 'all' ? ['*'] : scope },
  };
}

function checkRole(role: string | undefined): OrgRole {
  const r = role || 'member';
  if (!(ORG_ROLES as readonly string[]).includes(r)) throw invalid(AREA, 'invalid_role', 'role');
  return r as OrgRole;
}

function checkSystemRole(role: string | null | undefined): SystemRole | null {
  if (!role) return null;
  if (!(SYSTEM_ROLES as readonly string[]).includes(role)) throw invalid(AREA, 'invalid_system_role', 'system_role');
  return role as SystemRole;
}

/** Stops an organisation from losing its last administrator by someone who could not restore one. */
async function guardLastOrgAdmin(tx: Tx, actor: Actor | null, organizationId: string, personId: string): Promise<void> {
  if (can(actor, 'person.manage_all')) return;
  const others = await tx
    .selectFrom('membership')
    .select('person_id')
    .where('organization_id', '=', organizationId)
    .where('role', '=', 'org_admin')
    .where('person_id', '<>', personId)
    .executeTakeFirst();
  if (!others) throw invalid(AREA, 'last_admin', 'role');
}

/** Adds a membership or changes its role (administrators of that organisation). */
export async function setMembership(
  db: Kysely<DB>,
  ctx: AuditContext,
  personId: string,
  organizationId: string,
  role: string,
): Promise<void> {
  if (!organizationId) {
    authorize(ctx.actor, 'organization.manage');
    throw invalid(AREA, 'organization_required', 'organization');
  }
  organizationId = checkId(organizationId, 'organization');
  authorize(ctx.actor, 'organization.manage', { organizationId });
  personId = checkId(personId, 'person');
  const r = checkRole(role);
  const [person, org] = await Promise.all([
    db.selectFrom('person').select(['id', 'status']).where('id', '=', personId).executeTakeFirst(),
    db.selectFrom('organization').select('id').where('id', '=', organizationId).executeTakeFirst(),
  ]);
  if (!person) throw notFound(AREA, 'person');
  if (!org) throw notFound(AREA, 'organization');
  await db.transaction().execute(async (tx) => {
    const before = await tx
      .selectFrom('membership')
      .select('role')
      .where('person_id', '=', personId)
      .where('organization_id', '=', organizationId)
      .forUpdate()
      .executeTakeFirst();
    if (before?.role === r) return;
    if (before?.role === 'org_admin') await guardLastOrgAdmin(tx, ctx.actor, organizationId, personId);
    if (before)
      await tx
        .updateTable('membership')
        .set({ role: r })
        .where('person_id', '=', personId)
        .where('organization_id', '=', organizationId)
        .execute();
    else
      await tx
        .insertInto('membership')
        .values({ person_id: personId, organization_id: organizationId, role: r })
        .execute();
    await audit(tx, ctx, {
      action: before ? 'membership.update' : 'membership.create',
      objectType: 'person',
      objectId: personId,
      organizationId,
      before: before ? { role: before.role } : undefined,
      after: { role: r },
    });
  });
}

/** Ends a person's membership of an organisation (administrators of that organisation). */
export async function removeMembership(
  db: Kysely<DB>,
  ctx: AuditContext,
  personId: string,
  organizationId: string,
): Promise<void> {
  organizationId = checkId(organizationId, 'organization');
  authorize(ctx.actor, 'organization.manage', { organizationId });
  personId = checkId(personId, 'person');
  await db.transaction().execute(async (tx) => {
    const before = await tx
      .selectFrom('membership')
      .select('role')
      .where('person_id', '=', personId)
      .where('organization_id', '=', organizationId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound(AREA, 'membership');
    if (before.role === 'org_admin') await guardLastOrgAdmin(tx, ctx.actor, organizationId, personId);
    await tx
      .deleteFrom('membership')
      .where('person_id', '=', personId)
      .where('organization_id', '=', organizationId)
      .execute();
    await audit(tx, ctx, {
      action: 'membership.delete',
      objectType: 'person',
      objectId: personId,
      organizationId,
      before: { role: before.role },
    });
  });
}

/** Sets or clears a person's system role (system administrators only; not their own). */
export async function setSystemRole(
  db: Kysely<DB>,
  ctx: AuditContext,
  personId: string,
  role: string | null,
): Promise<void> {
  authorize(ctx.actor, 'person.manage_all');
  personId = checkId(personId, 'person');
  const r = checkSystemRole(role);
  if (personId === ctx.actor.personId) throw invalid(AREA, 'own_system_role', 'system_role');
  await db.transaction().execute(async (tx) => {
    const before = await tx
      .selectFrom('person')
      .select('system_role')
      .where('id', '=', personId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound(AREA, 'person');
    if (before.system_role === r) return;
    await tx
      .updateTable('person')
      .set({ system_role: r, updated_at: sql`now()` })
      .where('id', '=', personId)
      .execute();
    await audit(tx, ctx, {
      action: 'person.system_role',
      objectType: 'person',
      objectId: personId,
      before: { system_role: before.system_role },
      after: { system_role: r },
    });
  });
}

/**
 * Disables or enables an account (system administrators only; not their own). Disabling ends every session of
 * the person at once, in the same transaction.
 */
export async function setPersonStatus(
  db: Kysely<DB>,
  ctx: AuditContext,
  personId: string,
  status: 'active' | 'disabled',
): Promise<{ sessionsEnded: number }> {
  authorize(ctx.actor, 'person.manage_all');
  personId = checkId(personId, 'person');
  if (status !== 'active' && status !== 'disabled') throw invalid(AREA, 'invalid_status', 'status');
  if (personId === ctx.actor.personId) throw invalid(AREA, 'own_status', 'status');
  return db.transaction().execute(async (tx) => {
    const before = await tx
      .selectFrom('person')
      .select('status')
      .where('id', '=', personId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound(AREA, 'person');
    if (before.status === status) return { sessionsEnded: 0 };
    await tx
      .updateTable('person')
      .set({ status, updated_at: sql`now()` })
      .where('id', '=', personId)
      .execute();
    const sessionsEnded = status === 'disabled' ? await endAllSessions(tx, personId) : 0;
    await audit(tx, ctx, {
      action: status === 'disabled' ? 'person.disable' : 'person.enable',
      objectType: 'person',
      objectId: personId,
      before: { status: before.status },
      after: { status },
      details: status === 'disabled' ? { sessions_ended: sessionsEnded } : {},
    });
    return { sessionsEnded };
  });
}

/** Corrects a person's name or e-mail address (system administrators only); what is not given stays. */
export async function updatePersonIdentity(
  db: Kysely<DB>,
  ctx: AuditContext,
  personId: string,
  o: { name?: string; email?: string },
): Promise<void> {
  authorize(ctx.actor, 'person.manage_all');
  personId = checkId(personId, 'person');
  await db.transaction().execute(async (tx) => {
    const before = await tx
      .selectFrom('person')
      .select(['name', 'email'])
      .where('id', '=', personId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound(AREA, 'person');
    const name = (o.name ?? before.name).trim();
    const email = normalizeEmail(o.email ?? before.email);
    if (!name) throw invalid(AREA, 'name_required', 'name');
    if (name.length > MAX_NAME) throw invalid(AREA, 'name_too_long', 'name');
    if (!isEmail(email)) throw invalid(AREA, email ? 'invalid_email' : 'email_required', 'email');
    if (before.name === name && before.email === email) return;
    const taken = await findPersonByEmail(tx, email);
    if (taken && taken.id !== personId)
      throw conflict(AREA, 'email_taken', { problems: [{ field: 'email', code: 'email_taken' }] });
    await tx
      .updateTable('person')
      .set({ name, email, updated_at: sql`now()` })
      .where('id', '=', personId)
      .execute();
    await audit(tx, ctx, {
      action: 'person.update',
      objectType: 'person',
      objectId: personId,
      before,
      after: { name, email },
    });
  });
}

export interface Invitation {
  email: string;
  name: string;
  organizationId?: string | null;
  role?: string;
  systemRole?: string | null;
}

export interface InviteOptions {
  lang: Lang;
  publicUrl: string;
  mailer: Mailer;
}

export interface InviteResult {
  personId: string;
  /**
   * An existing account was invited into the organisation: nothing changes until the person accepts (an
   * organisation's administrator cannot add someone and so read their profile).
   */
  invited?: boolean;
  /** A new account was made (false: an existing account got the membership). */
  created: boolean;
  /** The mail went out (false: the server refused it; the invitation can be sent again). */
  mailed: boolean;
}

/**
 * Invites a person into an organisation with a role. A new e-mail address becomes an account and gets a
 * single-use link to set a password; an address that already has an account gets the membership (and a note by
 * mail), so nobody has to know whether a colleague already has an account. Only system administrators may
 * invite without an organisation or give a system role.
 */
export async function invitePerson(
  db: Kysely<DB>,
  ctx: AuditContext,
  inv: Invitation,
  o: InviteOptions,
): Promise<InviteResult> {
  const organizationId = inv.organizationId ? checkId(inv.organizationId, 'organization') : null;
  if (organizationId) authorize(ctx.actor, 'organization.manage', { organizationId });
  else authorize(ctx.actor, 'organization.manage');
  if (inv.systemRole) authorize(ctx.actor, 'person.manage_all');
  const problems = new Problems(AREA);
  const systemRole = inv.systemRole ? (problems.check(() => checkSystemRole(inv.systemRole)) ?? null) : null;
  const email = normalizeEmail(inv.email ?? '');
  if (!email) problems.add('email_required', 'email');
  else if (!isEmail(email)) problems.add('invalid_email', 'email');
  const existing = email && isEmail(email) ? await findPersonByEmail(db, email) : undefined;
  const name = inv.name?.trim() ?? '';
  if (!existing) {
    if (!name) problems.add('name_required', 'name');
    else if (name.length > MAX_NAME) problems.add('name_too_long', 'name');
  }
  if (!organizationId && !systemRole) problems.add('organization_required', 'organization');
  const role = problems.check(() => checkRole(inv.role)) ?? 'member';
  problems.throwIfAny();
  if (
    organizationId &&
    !(await db.selectFrom('organization').select('id').where('id', '=', organizationId).executeTakeFirst())
  ) {
    throw invalid(AREA, 'organization_not_found', 'organization');
  }

  if (existing) {
    if (existing.status !== 'active') throw invalid(AREA, 'person_disabled', 'email');
    const already = organizationId
      ? await db
          .selectFrom('membership')
          .select('role')
          .where('person_id', '=', existing.id)
          .where('organization_id', '=', organizationId)
          .executeTakeFirst()
      : undefined;
    if (already || (!organizationId && existing.system_role === systemRole))
      throw conflict(AREA, 'already_member', { problems: [{ field: 'email', code: 'already_member' }] });
    // An organisation's administrator invites; the person accepts (system administrators see everyone anyway).
    if (organizationId && !can(ctx.actor, 'person.manage_all')) {
      const mailed = await inviteExisting(db, ctx, {
        person: existing,
        organizationId,
        role,
        lang: o.lang,
        publicUrl: o.publicUrl,
        mailer: o.mailer,
      });
      return { personId: existing.id, created: false, mailed, invited: true };
    }
    await db.transaction().execute(async (tx) => {
      if (organizationId) {
        await tx
          .insertInto('membership')
          .values({ person_id: existing.id, organization_id: organizationId, role })
          .execute();
        await audit(tx, ctx, {
          action: 'membership.create',
          objectType: 'person',
          objectId: existing.id,
          organizationId,
          after: { role },
          details: { via: 'invitation' },
        });
      }
      if (systemRole && existing.system_role !== systemRole) {
        await tx
          .updateTable('person')
          .set({ system_role: systemRole, updated_at: sql`now()` })
          .where('id', '=', existing.id)
          .execute();
        await audit(tx, ctx, {
          action: 'person.system_role',
          objectType: 'person',
          objectId: existing.id,
          before: { system_role: existing.system_role },
          after: { system_role: systemRole },
        });
      }
    });
    let mailed = true;
    try {
      if (!existing.password_hash)
        await invitationLink(db, ctx, {
          personId: existing.id,
          lang: existing.ui_lang ?? o.lang,
          publicUrl: o.publicUrl,
          mailer: o.mailer,
        });
      else await mailAddedNote(db, ctx, existing, organizationId, systemRole, role, o);
    } catch {
      mailed = false;
    }
    return { personId: existing.id, created: false, mailed };
  }

  let personId: string;
  try {
    personId = await addPerson(db, ctx, {
      email,
      name,
      systemRole,
      ...(organizationId ? { organizationId, role } : {}),
    });
  } catch (e) {
    // The account's own refusal (the address taken meanwhile), in the administration's words and codes.
    if (e instanceof DomainError && e.area === 'account') {
      const code = e.code === 'unknown_organization' ? 'organization_not_found' : e.code;
      throw new DomainError(e.kind, code, { area: AREA, problems: [{ field: e.problems[0]?.field ?? '', code }] });
    }
    throw e;
  }
  let mailed = true;
  try {
    await invitationLink(db, ctx, { personId, lang: o.lang, publicUrl: o.publicUrl, mailer: o.mailer });
  } catch {
    mailed = false;
  }
  return { personId, created: true, mailed };
}

async function mailAddedNote(
  db: Kysely<DB>,
  ctx: AuditContext,
  p: { email: string; name: string; ui_lang: Lang | null },
  organizationId: string | null,
  systemRole: SystemRole | null,
  role: OrgRole,
  o: InviteOptions,
) {
  const lang = p.ui_lang ?? o.lang;
  const t = tFor(lang);
  const org = organizationId
    ? await db.selectFrom('organization').select('name').where('id', '=', organizationId).executeTakeFirst()
    : undefined;
  const what = org
    ? t('admin.mail.added_org', { organization: pick(org.name, lang), role: t(`role.${role}`) })
    : t('admin.mail.added_system', { role: t(`role.${systemRole}`) });
  await o.mailer.send({
    to: p.email,
    subject: t('admin.mail.added_subject'),
    text: t('admin.mail.added_body', {
      name: p.name,
      inviter: ctx.actor?.name ?? t('mail.administrator'),
      what,
      link: `${o.publicUrl}/${lang}/work`,
    }),
  });
}

/**
 * Sends a new invitation link to a person who has not set a password yet (or, for a system administrator, to
 * anyone: the old password keeps working until the link is used).
 */
export async function resendInvitation(
  db: Kysely<DB>,
  ctx: AuditContext,
  personId: string,
  o: InviteOptions,
): Promise<void> {
  const { id } = await authorizePerson(db, ctx.actor, personId);
  const p = await db
    .selectFrom('person')
    .select(['status', 'password_hash', 'ui_lang'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  if (p.status !== 'active') throw new DomainError('invalid', 'person_disabled', { area: AREA });
  if (p.password_hash && !can(ctx.actor, 'person.manage_all'))
    throw new DomainError('invalid', 'already_signed_up', { area: AREA });
  await invitationLink(db, ctx, { personId: id, lang: p.ui_lang ?? o.lang, publicUrl: o.publicUrl, mailer: o.mailer });
}
