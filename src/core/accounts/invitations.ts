/**
 * Invitations of existing accounts into an organisation (issue 17, item 10). An organisation's administrator
 * who types the address of someone who already has an account does not add them: the person is invited, told
 * by e-mail (a link, nothing else), and accepts or declines in their own workspace. Until they accept, the
 * administrator sees nothing of them. Every step is audited.
 */
import type { Kysely } from 'kysely';
import type { DB, OrgRole } from '../../db/schema.js';
import { tFor } from '../../i18n/index.js';
import type { Actor } from '../access/permissions.js';
import { audit, type AuditContext } from '../audit/auditLog.js';
import type { Mailer } from '../mail/mailer.js';
import { conflict, DomainError, notFound } from '../shared/errors.js';
import { newId, UUID_RE } from '../shared/ids.js';
import type { Lang, Translated } from '../shared/lang.js';
import { pick } from '../shared/translated.js';

export const AREA = 'accounts';

export interface PendingInvitation {
  id: string;
  organizationId: string;
  organizationName: Translated;
  role: OrgRole;
  invitedByName: string | null;
  createdAt: Date;
}

/**
 * Invites an existing account into an organisation (the caller has authorised the inviter); returns whether the
 * note went out by mail. A second invitation to the same organisation is a conflict.
 */
export async function inviteExisting(
  db: Kysely<DB>,
  ctx: AuditContext,
  o: {
    person: { id: string; email: string; name: string; ui_lang: Lang | null };
    organizationId: string;
    role: OrgRole;
    lang: Lang;
    publicUrl: string;
    mailer: Mailer;
  },
): Promise<boolean> {
  const id = newId();
  await db.transaction().execute(async (tx) => {
    const inserted = await tx
      .insertInto('membership_invitation')
      .values({
        id,
        person_id: o.person.id,
        organization_id: o.organizationId,
        role: o.role,
        invited_by: ctx.actor?.personId ?? null,
      })
      .onConflict((oc) => oc.columns(['person_id', 'organization_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted)
      throw conflict(AREA, 'invitation_pending', { problems: [{ field: 'email', code: 'invitation_pending' }] });
    await audit(tx, ctx, {
      action: 'membership.invite',
      objectType: 'person',
      objectId: o.person.id,
      organizationId: o.organizationId,
      after: { role: o.role },
      details: { invitationId: id },
    });
  });
  const lang = o.person.ui_lang ?? o.lang;
  const t = tFor(lang);
  const org = await db
    .selectFrom('organization')
    .select('name')
    .where('id', '=', o.organizationId)
    .executeTakeFirstOrThrow();
  try {
    await o.mailer.send({
      to: o.person.email,
      subject: t('accounts.invitation.mail_subject'),
      text: t('accounts.invitation.mail_body', {
        name: o.person.name,
        inviter: ctx.actor?.name ?? t('mail.administrator'),
        organization: pick(org.name, lang),
        role: t(`role.${o.role}`),
        link: `${o.publicUrl}/${lang}/work/invitations`,
      }),
    });
    return true;
  } catch {
    return false;
  }
}

/** The invitations waiting for the signed-in person. */
export async function myInvitations(db: Kysely<DB>, actor: Actor | null): Promise<PendingInvitation[]> {
  if (!actor) throw new DomainError('unauthenticated', 'sign_in_required');
  const rows = await db
    .selectFrom('membership_invitation as i')
    .innerJoin('organization as o', 'o.id', 'i.organization_id')
    .leftJoin('person as p', 'p.id', 'i.invited_by')
    .select(['i.id', 'i.organization_id', 'o.name as org_name', 'i.role', 'p.name as inviter', 'i.created_at'])
    .where('i.person_id', '=', actor.personId)
    .orderBy('i.created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    organizationId: r.organization_id,
    organizationName: r.org_name,
    role: r.role,
    invitedByName: r.inviter,
    createdAt: new Date(r.created_at),
  }));
}

/**
 * Accepts (the membership is made with the invited role) or declines an invitation of the signed-in person.
 * Someone else's invitation, or one already answered, does not exist for them.
 */
export async function answerInvitation(
  db: Kysely<DB>,
  ctx: AuditContext,
  invitationId: string,
  accept: boolean,
): Promise<{ organizationId: string }> {
  const actor = ctx.actor;
  if (!actor) throw new DomainError('unauthenticated', 'sign_in_required');
  if (!UUID_RE.test(invitationId)) throw notFound(AREA, 'invitation');
  return db.transaction().execute(async (tx) => {
    const inv = await tx
      .selectFrom('membership_invitation')
      .selectAll()
      .where('id', '=', invitationId)
      .where('person_id', '=', actor.personId)
      .forUpdate()
      .executeTakeFirst();
    if (!inv) throw notFound(AREA, 'invitation');
    await tx.deleteFrom('membership_invitation').where('id', '=', inv.id).execute();
    if (accept) {
      await tx
        .insertInto('membership')
        .values({ person_id: actor.personId, organization_id: inv.organization_id, role: inv.role })
        .onConflict((oc) => oc.columns(['person_id', 'organization_id']).doNothing())
        .execute();
    }
    await audit(tx, ctx, {
      action: accept ? 'membership.invitation_accepted' : 'membership.invitation_declined',
      objectType: 'person',
      objectId: actor.personId,
      organizationId: inv.organization_id,
      after: accept ? { role: inv.role } : null,
      details: { invitationId: inv.id, invitedBy: inv.invited_by },
    });
    return { organizationId: inv.organization_id };
  });
}
