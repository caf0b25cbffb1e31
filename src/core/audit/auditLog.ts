/**
 * The audit log: who did what, when, to what, with the record before and after. Append-only in the database
 * (triggers refuse update, delete and truncate). Reading it is scoped: system roles see everything, an
 * organisation admin sees the entries of their own organisations.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { authorize, organizationsWhere, type Actor } from '../access/permissions.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Who is acting and from where; passed from the HTTP layer (or the command line) into the core. */
export interface AuditContext {
  actor: Actor | null;
  /** Who acts when there is no signed-in person, e.g. the e-mail typed into a failed sign-in. */
  actorName?: string;
  ip?: string | null;
  requestId?: string | null;
}

export interface AuditEntry {
  action: string;
  outcome?: 'ok' | 'failed' | 'denied';
  objectType?: string;
  objectId?: string;
  organizationId?: string | null;
  before?: unknown;
  after?: unknown;
  details?: Record<string, unknown>;
  /** The person acted on or acting, when not the context's actor (e.g. a sign-in before a session exists). */
  actorId?: string | null;
}

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

export async function audit(db: Db, ctx: AuditContext, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_event')
    .values({
      actor_id: e.actorId !== undefined ? e.actorId : (ctx.actor?.personId ?? null),
      actor_name: ctx.actor?.name ?? ctx.actorName ?? null,
      action: e.action,
      outcome: e.outcome ?? 'ok',
      object_type: e.objectType ?? null,
      object_id: e.objectId ?? null,
      organization_id: e.organizationId ?? null,
      before: json(e.before),
      after: json(e.after),
      details: JSON.stringify(e.details ?? {}),
      ip: ctx.ip ?? null,
      request_id: ctx.requestId ?? null,
    })
    .execute();
}

export interface AuditFilter {
  actorId?: string;
  action?: string; // prefix match: "service." finds every service action
  organizationId?: string;
  objectId?: string;
  outcome?: 'ok' | 'failed' | 'denied';
  from?: string; // YYYY-MM-DD, inclusive (Europe/Helsinki)
  to?: string; // YYYY-MM-DD, inclusive
  page?: number;
  perPage?: number;
}

export interface AuditRow {
  id: number;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  action: string;
  outcome: string;
  objectType: string | null;
  objectId: string | null;
  organizationId: string | null;
  before: unknown;
  after: unknown;
  details: Record<string, unknown>;
  ip: string | null;
}

/** Searches the log within what the actor may read; newest first. */
export async function searchAudit(
  db: Kysely<DB>,
  actor: Actor,
  f: AuditFilter,
): Promise<{ rows: AuditRow[]; total: number; page: number; perPage: number }> {
  authorize(actor, 'audit.read');
  const orgs = organizationsWhere(actor, 'audit.read');
  const perPage = Math.min(200, Math.max(1, f.perPage ?? 50));
  const page = Math.max(1, f.page ?? 1);
  let q = db.selectFrom('audit_event');
  if (orgs !== 'all')
    q = q.where('organization_id', 'in', orgs.length ? orgs : ['00000000-0000-0000-0000-000000000000']);
  if (f.actorId) q = q.where('actor_id', '=', f.actorId);
  if (f.action) q = q.where('action', 'like', `${f.action.replace(/[\\%_]/g, '\\$&')}%`);
  if (f.organizationId) q = q.where('organization_id', '=', f.organizationId);
  if (f.objectId) q = q.where('object_id', '=', f.objectId);
  if (f.outcome) q = q.where('outcome', '=', f.outcome);
  if (f.from) q = q.where('at', '>=', sql<Date>`(${f.from}::date)::timestamp at time zone 'Europe/Helsinki'`);
  if (f.to) q = q.where('at', '<', sql<Date>`(${f.to}::date + 1)::timestamp at time zone 'Europe/Helsinki'`);
  const [{ total }, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    q
      .selectAll()
      .orderBy('id', 'desc')
      .limit(perPage)
      .offset((page - 1) * perPage)
      .execute(),
  ]);
  return {
    total: Number(total),
    page,
    perPage,
    rows: rows.map((r) => ({
      id: Number(r.id),
      at: r.at,
      actorId: r.actor_id,
      actorName: r.actor_name,
      action: r.action,
      outcome: r.outcome,
      objectType: r.object_type,
      objectId: r.object_id,
      organizationId: r.organization_id,
      before: r.before,
      after: r.after,
      details: r.details as Record<string, unknown>,
      ip: r.ip,
    })),
  };
}
