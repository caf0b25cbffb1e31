/**
 * Sessions in the database, so several app instances share them. A session ends at the idle time-out, at the
 * absolute time-out, at sign-out, or when the person signs out everywhere (or is disabled).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { newToken, tokenHash } from './tokens.js';

export interface SessionPolicy {
  idleMinutes: number;
  maxHours: number;
}

export interface SessionInfo {
  id: string;
  personId: string;
  method: 'password' | 'oidc';
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

/** Starts a session; returns the cookie token (only the caller ever sees it). */
export async function createSession(
  db: Kysely<DB>,
  personId: string,
  method: 'password' | 'oidc',
  policy: SessionPolicy,
  meta: { ip?: string; userAgent?: string } = {},
): Promise<{ token: string; id: string }> {
  const token = newToken();
  const id = tokenHash(token);
  await db
    .insertInto('session')
    .values({
      id,
      person_id: personId,
      method,
      expires_at: new Date(Date.now() + policy.maxHours * 3_600_000),
      ip: meta.ip ?? null,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, id };
}

/** The live session for a cookie token, touching its last-seen time; null (and deleted) when it has timed out. */
export async function resolveSession(
  db: Kysely<DB>,
  token: string,
  policy: SessionPolicy,
): Promise<SessionInfo | null> {
  if (!token || token.length > 100) return null;
  const id = tokenHash(token);
  const s = await db.selectFrom('session').selectAll().where('id', '=', id).executeTakeFirst();
  if (!s) return null;
  const now = Date.now();
  const lastSeen = new Date(s.last_seen_at).getTime();
  if (new Date(s.expires_at).getTime() <= now || lastSeen + policy.idleMinutes * 60_000 <= now) {
    await db.deleteFrom('session').where('id', '=', id).execute();
    return null;
  }
  // Touch at most once a minute: a page view should not always be a write.
  if (now - lastSeen > 60_000)
    await db
      .updateTable('session')
      .set({ last_seen_at: new Date(now) })
      .where('id', '=', id)
      .execute();
  return {
    id,
    personId: s.person_id,
    method: s.method,
    createdAt: new Date(s.created_at),
    lastSeenAt: new Date(now),
    expiresAt: new Date(s.expires_at),
  };
}

export async function endSession(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', id).execute();
}

/** Signs a person out everywhere; returns how many sessions ended. */
export async function endAllSessions(db: Kysely<DB>, personId: string, exceptId?: string): Promise<number> {
  let q = db.deleteFrom('session').where('person_id', '=', personId);
  if (exceptId) q = q.where('id', '<>', exceptId);
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function listSessions(db: Kysely<DB>, personId: string) {
  return db
    .selectFrom('session')
    .select(['id', 'method', 'created_at', 'last_seen_at', 'expires_at', 'ip', 'user_agent'])
    .where('person_id', '=', personId)
    .orderBy('last_seen_at', 'desc')
    .execute();
}
