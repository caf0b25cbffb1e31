/**
 * Sign-in throttling: failures are counted per e-mail address typed and per client address, in the table
 * sign_in_throttle. An e-mail is counted whether or not an account has it, so "locked" never tells which
 * addresses exist. A lock slows guessing without shutting the owner out for good:
 *  - per e-mail: LOCK_AFTER failures within a quarter of an hour lock it for 1 minute, the next lock in a row
 *    for 2, then 4 … at most 60; when a lock runs out the count starts again from zero, and after an hour
 *    without failures the locks in a row are forgotten. A successful sign-in or a new password clears it;
 *  - per client address (many e-mails from one place): ADDRESS_LOCK_AFTER failures within a quarter of an hour
 *    lock the address for a quarter of an hour.
 * While locked, attempts are refused without checking the password and are not counted.
 */
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

export const LOCK_AFTER = 5;
export const ADDRESS_LOCK_AFTER = 30;
const WINDOW_MS = 15 * 60_000;
const CALM_MS = 60 * 60_000;
const MAX_LOCK_MINUTES = 60;

export interface ThrottleRule {
  lockAfter: number;
  /** Minutes of the lock, given how many locks came right before it. */
  lockMinutes: (locksBefore: number) => number;
}

export const EMAIL_RULE: ThrottleRule = {
  lockAfter: LOCK_AFTER,
  lockMinutes: (n) => Math.min(MAX_LOCK_MINUTES, 2 ** n),
};
export const ADDRESS_RULE: ThrottleRule = { lockAfter: ADDRESS_LOCK_AFTER, lockMinutes: () => 15 };

export const emailKey = (normalizedEmail: string) =>
  `email:${createHash('sha256').update(normalizedEmail).digest('base64url')}`;
export const addressKey = (address: string) => `address:${address.slice(0, 100)}`;

/** How many whole minutes are left of the longest lock among these keys (0: not locked). */
export async function lockedMinutes(db: Db, keys: string[], now = new Date()): Promise<number> {
  const rows = await db
    .selectFrom('sign_in_throttle')
    .select('locked_until')
    .where('key', 'in', keys)
    .where('locked_until', '>', now)
    .execute();
  const until = Math.max(0, ...rows.map((r) => new Date(r.locked_until!).getTime()));
  return until ? Math.max(1, Math.ceil((until - now.getTime()) / 60_000)) : 0;
}

/** Counts one failure; returns the minutes of the lock it started (0: none). */
export async function recordFailure(
  db: Kysely<DB>,
  key: string,
  rule: ThrottleRule,
  now = new Date(),
): Promise<{ lockMinutes: number; failures: number }> {
  return db.transaction().execute(async (tx) => {
    await tx
      .insertInto('sign_in_throttle')
      .values({ key, failures: 0, first_failure_at: now, last_failure_at: now, locks: 0, locked_until: null })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const row = await tx
      .selectFrom('sign_in_throttle')
      .selectAll()
      .where('key', '=', key)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const t = now.getTime();
    let failures = row.failures;
    let first = new Date(row.first_failure_at).getTime();
    let locks = row.locks;
    let lockedUntil = row.locked_until ? new Date(row.locked_until).getTime() : null;
    // A lock that has run out, or a window that has passed, starts the count again.
    if ((lockedUntil !== null && lockedUntil <= t) || t - first > WINDOW_MS) {
      failures = 0;
      first = t;
      lockedUntil = null;
    }
    if (t - new Date(row.last_failure_at).getTime() > CALM_MS) locks = 0;
    failures += 1;
    let minutes = 0;
    if (failures >= rule.lockAfter) {
      minutes = rule.lockMinutes(locks);
      locks += 1;
      lockedUntil = t + minutes * 60_000;
    }
    await tx
      .updateTable('sign_in_throttle')
      .set({
        failures,
        first_failure_at: new Date(first),
        last_failure_at: now,
        locks,
        locked_until: lockedUntil === null ? null : new Date(lockedUntil),
      })
      .where('key', '=', key)
      .execute();
    return { lockMinutes: minutes, failures };
  });
}

/** Forgets the failures of a key (a successful sign-in, a new password). */
export async function clearThrottle(db: Db, key: string): Promise<void> {
  await db.deleteFrom('sign_in_throttle').where('key', '=', key).execute();
}

/** Forgets rows nobody has failed with for a day (called now and then; nothing depends on it). */
export async function pruneThrottle(db: Db, now = new Date()): Promise<void> {
  await db
    .deleteFrom('sign_in_throttle')
    .where('last_failure_at', '<', new Date(now.getTime() - 24 * 60 * 60_000))
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .execute();
}
