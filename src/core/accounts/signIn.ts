/**
 * Signing in with e-mail and password. Failures are counted per e-mail typed and per client address
 * (throttle.ts): after LOCK_AFTER failures the e-mail is locked for a minute, the next lock in a row for two,
 * and so on up to an hour; each lock runs out and the count starts again. The answer never says whether the
 * e-mail exists: an unknown address is counted and locked just the same. Every attempt is in the audit log.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { audit, type AuditContext } from '../audit/auditLog.js';
import { DomainError, Problems } from '../shared/errors.js';
import { hashPassword, needsRehash, verifyPassword } from './passwords.js';
import { findPersonByEmail, isEmail, normalizeEmail } from './people.js';
import {
  ADDRESS_RULE,
  addressKey,
  clearThrottle,
  EMAIL_RULE,
  emailKey,
  LOCK_AFTER,
  lockedMinutes,
  recordFailure,
} from './throttle.js';

export { LOCK_AFTER };

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

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

/** The minutes of the n-th lock in a row of an e-mail (the failures before it: LOCK_AFTER, then one per lock). */
export function lockMinutes(failures: number): number {
  if (failures < LOCK_AFTER) return 0;
  return EMAIL_RULE.lockMinutes(failures - LOCK_AFTER);
}

export async function signInWithPassword(
  db: Kysely<DB>,
  ctx: AuditContext,
  emailInput: string,
  password: string,
): Promise<SignInResult> {
  // Text no database can hold (a NUL, a lone surrogate) is a failed attempt like any other, audited with the
  // characters shown as U+FFFD.
  const unstorable = UNSTORABLE.test(emailInput) || UNSTORABLE.test(password);
  const email = normalizeEmail(emailInput.replace(UNSTORABLE_ALL, '\uFFFD')).slice(0, 254);
  const keys = { email: emailKey(email), address: ctx.ip ? addressKey(ctx.ip) : null };
  const person = unstorable ? undefined : await findPersonByEmail(db, email);
  const fail = async (reason: string, extra: Record<string, unknown> = {}) => {
    await audit(
      db,
      { ...ctx, actorName: email },
      {
        action: 'auth.sign_in',
        outcome: 'failed',
        actorId: person?.id ?? null,
        objectType: 'person',
        objectId: person?.id ?? undefined,
        details: { reason, method: 'password', ...extra },
      },
    );
  };
  // Locked (this e-mail, or this address): refused without looking at the password, whether or not the
  // account exists, and not counted.
  const locked = await lockedMinutes(db, keys.address ? [keys.email, keys.address] : [keys.email]);
  if (locked) {
    await fail('locked');
    return { ok: false, reason: 'locked', retryAfterMinutes: locked };
  }
  const valid = person ? await verifyPassword(person.password_hash, password) : await verifyPassword(null, password);
  if (!person || !valid || person.status !== 'active') {
    const byEmail = await recordFailure(db, keys.email, EMAIL_RULE);
    const byAddress = keys.address ? await recordFailure(db, keys.address, ADDRESS_RULE) : null;
    const reason = unstorable
      ? 'unstorable_text'
      : !person
        ? 'unknown_email'
        : person.status !== 'active'
          ? 'disabled'
          : person.password_hash
            ? 'wrong_password'
            : 'no_password';
    await fail(reason);
    const minutes = Math.max(byEmail.lockMinutes, byAddress?.lockMinutes ?? 0);
    if (minutes) {
      await audit(
        db,
        { ...ctx, actorName: email },
        {
          action: 'auth.locked',
          outcome: 'denied',
          actorId: person?.id ?? null,
          objectType: 'person',
          objectId: person?.id ?? undefined,
          details: {
            minutes,
            by: byEmail.lockMinutes ? 'email' : 'address',
            failures: byEmail.lockMinutes ? byEmail.failures : byAddress?.failures,
          },
        },
      );
      return { ok: false, reason: 'locked', retryAfterMinutes: minutes };
    }
    return { ok: false, reason: 'invalid' };
  }
  const now = Date.now();
  await clearThrottle(db, keys.email);
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
