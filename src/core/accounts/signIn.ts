/**
 * Signing in with e-mail and password. Failures are counted per account: after LOCK_AFTER failures in a row
 * the account is locked for a minute, and each further failure doubles the wait (up to an hour). The answer
 * never says whether the e-mail exists. Every attempt is in the audit log.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { audit, type AuditContext } from '../audit/auditLog.js';
import { DomainError, Problems } from '../shared/errors.js';
import { hashPassword, needsRehash, verifyPassword } from './passwords.js';
import { findPersonByEmail, isEmail, normalizeEmail } from './people.js';

export const LOCK_AFTER = 5;
const MAX_LOCK_MINUTES = 60;

export type SignInResult =
  { ok: true; personId: string } | { ok: false; reason: 'invalid' | 'locked'; retryAfterMinutes?: number };

/** The sign-in form's own problems, before any account is looked up: every one at once (area 'account'). */
export function checkSignInForm(email: string, password: string): void {
  const p = new Problems('account');
  if (!email.trim()) p.add('email_required', 'email');
  else if (!isEmail(normalizeEmail(email))) p.add('invalid_email', 'email');
  if (!password) p.add('password_required', 'password');
  p.throwIfAny();
}

/**
 * A failed sign-in as a refusal (kind unauthenticated): one message whether or not the e-mail exists, or how
 * long the lock-out lasts; on the e-mail field, which the form keeps.
 */
export function signInRefusal(r: Extract<SignInResult, { ok: false }>): DomainError {
  const code = r.reason === 'locked' ? 'locked' : 'sign_in_failed';
  const params = r.reason === 'locked' ? { minutes: r.retryAfterMinutes ?? 1 } : undefined;
  return new DomainError('unauthenticated', code, {
    area: 'account',
    params,
    problems: [{ field: 'email', code, ...(params ? { params } : {}) }],
  });
}

export function lockMinutes(failures: number): number {
  if (failures < LOCK_AFTER) return 0;
  return Math.min(MAX_LOCK_MINUTES, 2 ** (failures - LOCK_AFTER));
}

export async function signInWithPassword(
  db: Kysely<DB>,
  ctx: AuditContext,
  emailInput: string,
  password: string,
): Promise<SignInResult> {
  const email = normalizeEmail(emailInput).slice(0, 254);
  const person = await findPersonByEmail(db, email);
  const fail = async (reason: string, personId: string | null) => {
    await audit(
      db,
      { ...ctx, actorName: email },
      {
        action: 'auth.sign_in',
        outcome: 'failed',
        actorId: personId,
        objectType: 'person',
        objectId: personId ?? undefined,
        details: { reason, method: 'password' },
      },
    );
  };
  if (!person) {
    await verifyPassword(null, password);
    await fail('unknown_email', null);
    return { ok: false, reason: 'invalid' };
  }
  const now = Date.now();
  if (person.locked_until && new Date(person.locked_until).getTime() > now) {
    await fail('locked', person.id);
    return {
      ok: false,
      reason: 'locked',
      retryAfterMinutes: Math.ceil((new Date(person.locked_until).getTime() - now) / 60_000),
    };
  }
  const valid = await verifyPassword(person.password_hash, password);
  if (!valid || person.status !== 'active') {
    const failures = person.failed_sign_ins + 1;
    const minutes = lockMinutes(failures);
    await db
      .updateTable('person')
      .set({ failed_sign_ins: failures, locked_until: minutes ? new Date(now + minutes * 60_000) : null })
      .where('id', '=', person.id)
      .execute();
    await fail(
      person.status !== 'active' ? 'disabled' : person.password_hash ? 'wrong_password' : 'no_password',
      person.id,
    );
    if (minutes) {
      await audit(
        db,
        { ...ctx, actorName: email },
        {
          action: 'auth.locked',
          outcome: 'denied',
          actorId: person.id,
          objectType: 'person',
          objectId: person.id,
          details: { failures, minutes },
        },
      );
      return { ok: false, reason: 'locked', retryAfterMinutes: minutes };
    }
    return { ok: false, reason: 'invalid' };
  }
  await db
    .updateTable('person')
    .set({
      failed_sign_ins: 0,
      locked_until: null,
      last_sign_in_at: new Date(now),
      ...(needsRehash(person.password_hash!) ? { password_hash: await hashPassword(password) } : {}),
    })
    .where('id', '=', person.id)
    .execute();
  await audit(
    db,
    { ...ctx, actorName: person.name },
    {
      action: 'auth.sign_in',
      actorId: person.id,
      objectType: 'person',
      objectId: person.id,
      details: { method: 'password' },
    },
  );
  return { ok: true, personId: person.id };
}
