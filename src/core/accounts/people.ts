/** People in the network: adding (with a single-use link to set a password), finding, and setting passwords. */
import { clearThrottle, emailKey } from './throttle.js';
import type { Translated } from '../shared/lang.js';
import type { Kysely, Transaction } from 'kysely';
import type { DB, OrgRole, SystemRole } from '../../db/schema.js';
import { DomainError, type ErrorKind } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { audit, type AuditContext } from '../audit/auditLog.js';
import { hashPassword, PASSWORD_MIN, passwordProblems } from './passwords.js';
import { endAllSessions } from './sessions.js';
import { newToken, tokenHash } from './tokens.js';

type Db = Kysely<DB> | Transaction<DB>;

export const INVITE_LINK_DAYS = 7;
export const RESET_LINK_MINUTES = 60;

/**
 * An account refusal: a DomainError of area 'account' (messages `account.error.<code>`), its problem on one
 * field ('' for the request as a whole).
 */
const refuse = (kind: ErrorKind, code: string, field = '') =>
  new DomainError(kind, code, {
    area: 'account',
    problems: [{ field, code, ...(code === 'password_too_short' ? { params: { min: PASSWORD_MIN } } : {}) }],
  });

const EMAIL_RE = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[a-z]{2,}$/i;
export const normalizeEmail = (e: string) => e.trim().toLowerCase();
export const isEmail = (e: string) => e.length <= 254 && EMAIL_RE.test(e);

export interface NewPerson {
  email: string;
  name: string;
  title?: Translated;
  phone?: string;
  languages?: string[];
  systemRole?: SystemRole | null;
  organizationId?: string;
  role?: OrgRole;
}

export async function findPersonByEmail(db: Db, email: string) {
  return db
    .selectFrom('person')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', normalizeEmail(email)))
    .executeTakeFirst();
}

/** Adds a person (and their first membership). Authorisation is the caller's: the admin module or the command line. */
export async function addPerson(db: Kysely<DB>, ctx: AuditContext, p: NewPerson): Promise<string> {
  const email = normalizeEmail(p.email);
  if (!isEmail(email)) throw refuse('invalid', 'invalid_email', 'email');
  if (!p.name.trim()) throw refuse('invalid', 'name_required', 'name');
  if (p.role && !p.organizationId) throw refuse('invalid', 'organization_required', 'organization');
  if (await findPersonByEmail(db, email)) throw refuse('conflict', 'email_taken', 'email');
  if (
    p.organizationId &&
    !(await db.selectFrom('organization').select('id').where('id', '=', p.organizationId).executeTakeFirst())
  ) {
    throw refuse('invalid', 'unknown_organization', 'organization');
  }
  const id = newId();
  await db.transaction().execute(async (tx) => {
    const row = {
      id,
      email,
      name: p.name.trim(),
      title: JSON.stringify(p.title ?? {}),
      phone: p.phone?.trim() || null,
      languages: p.languages ?? [],
      system_role: p.systemRole ?? null,
      status: 'active' as const,
      password_hash: null,
      locked_until: null,
      last_sign_in_at: null,
      ui_lang: null,
    };
    await tx.insertInto('person').values(row).execute();
    await audit(tx, ctx, {
      action: 'person.create',
      objectType: 'person',
      objectId: id,
      organizationId: p.organizationId ?? null,
      after: { email, name: row.name, system_role: row.system_role },
    });
    if (p.organizationId) {
      const role = p.role ?? 'member';
      await tx.insertInto('membership').values({ person_id: id, organization_id: p.organizationId, role }).execute();
      await audit(tx, ctx, {
        action: 'membership.create',
        objectType: 'person',
        objectId: id,
        organizationId: p.organizationId,
        after: { role },
      });
    }
  });
  return id;
}

/** A single-use link token to set a password; earlier unused links of the person stop working. */
export async function issueSetPasswordToken(db: Db, personId: string, validMinutes: number): Promise<string> {
  const token = newToken();
  await db.deleteFrom('auth_token').where('person_id', '=', personId).where('used_at', 'is', null).execute();
  await db
    .insertInto('auth_token')
    .values({
      id: tokenHash(token),
      person_id: personId,
      purpose: 'set_password',
      expires_at: new Date(Date.now() + validMinutes * 60_000),
      used_at: null,
    })
    .execute();
  return token;
}

/** The person a set-password token belongs to, if the token is unused and unexpired. */
export async function checkSetPasswordToken(
  db: Db,
  token: string,
): Promise<{ personId: string; email: string; name: string } | null> {
  if (!token || token.length > 100) return null;
  const row = await db
    .selectFrom('auth_token')
    .innerJoin('person', 'person.id', 'auth_token.person_id')
    .select([
      'person.id',
      'person.email',
      'person.name',
      'person.status',
      'auth_token.expires_at',
      'auth_token.used_at',
    ])
    .where('auth_token.id', '=', tokenHash(token))
    .executeTakeFirst();
  if (!row || row.used_at || new Date(row.expires_at).getTime() <= Date.now() || row.status !== 'active') return null;
  return { personId: row.id, email: row.email, name: row.name };
}

/** An e-mail address typed into a form: required, and one that could be an address. */
export function checkEmailField(email: string, field = 'email'): void {
  if (!email.trim()) throw refuse('invalid', 'email_required', field);
  if (!isEmail(normalizeEmail(email))) throw refuse('invalid', 'invalid_email', field);
}

/**
 * Sets a password with a single-use token, typed twice (`confirm`). Ends every session of the person (a reset is often done because
 * someone else knew the old password) and clears any lock-out.
 */
export async function setPasswordWithToken(
  db: Kysely<DB>,
  ctx: AuditContext,
  token: string,
  password: string,
  confirm = password,
): Promise<string> {
  if (password !== confirm) throw refuse('invalid', 'passwords_differ', 'confirm');
  const holder = await checkSetPasswordToken(db, token);
  if (!holder) throw refuse('invalid', 'link_invalid');
  // The first problem only: the one to fix first (a short password is usually also a simple one).
  const problems = passwordProblems(password, { email: holder.email, name: holder.name });
  if (problems.length) throw refuse('invalid', problems[0]!, 'password');
  const hash = await hashPassword(password);
  await db.transaction().execute(async (tx) => {
    const used = await tx
      .updateTable('auth_token')
      .set({ used_at: new Date() })
      .where('id', '=', tokenHash(token))
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw refuse('invalid', 'link_invalid');
    await tx
      .updateTable('person')
      .set({ password_hash: hash, failed_sign_ins: 0, locked_until: null, updated_at: new Date() })
      .where('id', '=', holder.personId)
      .execute();
    // A new password ends a lock-out of the e-mail: the owner is back in at once.
    await clearThrottle(tx, emailKey(normalizeEmail(holder.email)));
    await endAllSessions(tx, holder.personId);
    await audit(
      tx,
      { ...ctx, actorName: ctx.actorName ?? holder.email },
      { action: 'auth.password_set', objectType: 'person', objectId: holder.personId, actorId: holder.personId },
    );
  });
  return holder.personId;
}
