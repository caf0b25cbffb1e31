/**
 * Links by e-mail: an invitation to a new person and "forgot password". The answer to "forgot password" is the
 * same whether or not the e-mail has an account; the mail goes only to an active account's own address.
 */
import type { Lang } from '../shared/lang.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { tFor } from '../../i18n/index.js';
import { audit, type AuditContext } from '../audit/auditLog.js';
import type { Mailer } from '../mail/mailer.js';
import { findPersonByEmail, INVITE_LINK_DAYS, issueSetPasswordToken, RESET_LINK_MINUTES } from './people.js';

export const setPasswordUrl = (publicUrl: string, lang: Lang, token: string) =>
  `${publicUrl}/${lang}/set-password?token=${token}`;

export async function requestPasswordReset(
  db: Kysely<DB>,
  ctx: AuditContext,
  mailer: Mailer,
  o: { email: string; lang: Lang; publicUrl: string },
): Promise<void> {
  const person = await findPersonByEmail(db, o.email);
  if (!person || person.status !== 'active') {
    await audit(
      db,
      { ...ctx, actorName: o.email },
      { action: 'auth.reset_requested', outcome: 'failed', details: { reason: person ? 'disabled' : 'unknown_email' } },
    );
    return;
  }
  const token = await issueSetPasswordToken(db, person.id, RESET_LINK_MINUTES);
  const t = tFor(person.ui_lang ?? o.lang);
  await mailer.send({
    to: person.email,
    subject: t('mail.reset_subject'),
    text: t('mail.reset_body', {
      name: person.name,
      link: setPasswordUrl(o.publicUrl, person.ui_lang ?? o.lang, token),
      minutes: RESET_LINK_MINUTES,
    }),
  });
  await audit(
    db,
    { ...ctx, actorName: person.email },
    { action: 'auth.reset_requested', actorId: person.id, objectType: 'person', objectId: person.id },
  );
}

/** Issues an invitation link for a person who has no password yet (or a new one); mails it when a mailer is given. */
export async function invitationLink(
  db: Kysely<DB>,
  ctx: AuditContext,
  o: { personId: string; lang: Lang; publicUrl: string; mailer?: Mailer },
): Promise<string> {
  const person = await db
    .selectFrom('person')
    .select(['id', 'email', 'name', 'ui_lang'])
    .where('id', '=', o.personId)
    .executeTakeFirstOrThrow();
  const token = await issueSetPasswordToken(db, person.id, INVITE_LINK_DAYS * 24 * 60);
  const link = setPasswordUrl(o.publicUrl, o.lang, token);
  if (o.mailer) {
    const t = tFor(o.lang);
    await o.mailer.send({
      to: person.email,
      subject: t('mail.invite_subject'),
      text: t('mail.invite_body', {
        name: person.name,
        link,
        days: INVITE_LINK_DAYS,
        inviter: ctx.actor?.name ?? t('mail.administrator'),
      }),
    });
  }
  await audit(db, ctx, {
    action: 'person.invite',
    objectType: 'person',
    objectId: person.id,
    details: { mailed: Boolean(o.mailer) },
  });
  return link;
}
