/**
 * Reading the audit log in the workspace and the API: the filters a person can use, checked and scoped, and the
 * names behind the ids (people, organisations, teams) so that entries read as sentences. The log itself and its
 * scoping live in core/audit (searchAudit); a filter for an organisation outside the reader's scope is refused
 * (403) rather than answered with an empty page.
 */
import type { Translated, Lang } from '../shared/lang.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { authorize, organizationsWhere, type Actor } from '../access/permissions.js';
import { searchAudit, type AuditFilter, type AuditRow } from '../audit/auditLog.js';
import { UUID_RE } from '../shared/ids.js';
import { Problems } from '../shared/errors.js';
import { organizationChoices } from './organizations.js';
import { AREA } from './validate.js';

export const AUDIT_OUTCOMES = ['ok', 'failed', 'denied'] as const;

/** Known action families, offered in the filter (a prefix finds every action of the family). */
export const AUDIT_ACTION_GROUPS = [
  'auth.',
  'access.',
  'person.',
  'membership.',
  'team.',
  'team_membership.',
  'organization.',
  'service.',
  'location.',
  'draft.',
] as const;

export interface AuditQuery {
  /** A person: their id, or their e-mail address or part of their name. */
  person?: string;
  action?: string;
  organizationId?: string;
  outcome?: string;
  from?: string;
  to?: string;
  page?: number;
  perPage?: number;
}

export interface AuditViewResult {
  rows: AuditRow[];
  total: number;
  page: number;
  perPage: number;
  /** The person the person-filter found (when it found exactly one). */
  person: { id: string; name: string; email: string } | null;
  /** Names behind ids in the rows. */
  names: {
    organizations: Record<string, Translated>;
    people: Record<string, string>;
    teams: Record<string, Translated>;
  };
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (s: string) =>
  DATE_RE.test(s) &&
  !Number.isNaN(new Date(`${s}T00:00:00Z`).getTime()) &&
  new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** The organisations whose entries the actor may read (for the filter). */
export async function auditOrganizationChoices(db: Kysely<DB>, actor: Actor, lang: Lang) {
  authorize(actor, 'audit.read');
  return organizationChoices(db, organizationsWhere(actor, 'audit.read'), lang);
}

export async function auditView(db: Kysely<DB>, actor: Actor, q: AuditQuery): Promise<AuditViewResult> {
  authorize(actor, 'audit.read');
  const f: AuditFilter = { page: q.page, perPage: q.perPage };
  const problems = new Problems(AREA);
  if (q.organizationId) {
    if (!UUID_RE.test(q.organizationId)) problems.add('organization_not_found', 'organization');
    else {
      f.organizationId = q.organizationId.toLowerCase();
      authorize(actor, 'audit.read', { organizationId: f.organizationId });
    }
  }
  if (q.outcome) {
    if (!(AUDIT_OUTCOMES as readonly string[]).includes(q.outcome)) problems.add('invalid_outcome', 'outcome');
    else f.outcome = q.outcome as AuditFilter['outcome'];
  }
  if (q.action?.trim()) {
    const a = q.action.trim();
    if (a.length > 80 || !/^[a-z_.]+$/.test(a)) problems.add('invalid_action', 'action');
    else f.action = a;
  }
  if (q.from) {
    if (!validDate(q.from)) problems.add('invalid_date', 'from');
    else f.from = q.from;
  }
  if (q.to) {
    if (!validDate(q.to)) problems.add('invalid_date', 'to');
    else f.to = q.to;
  }
  if (f.from && f.to && f.from > f.to) problems.add('dates_reversed', 'to');
  let person: AuditViewResult['person'] = null;
  const who = q.person?.trim();
  if (who) {
    let found;
    if (UUID_RE.test(who)) {
      found = await db
        .selectFrom('person')
        .select(['id', 'name', 'email'])
        .where('id', '=', who.toLowerCase())
        .execute();
      // The log outlives people: an id with no person is still a valid filter.
      if (!found.length) found = [{ id: who.toLowerCase(), name: who, email: '' }];
    } else {
      const like = `%${who.replace(/[\\%_]/g, '\\$&')}%`;
      found = await db
        .selectFrom('person')
        .select(['id', 'name', 'email'])
        .where((eb) => eb.or([eb(eb.fn('lower', ['email']), '=', who.toLowerCase()), eb('name', 'ilike', like)]))
        .limit(2)
        .execute();
      const exact = found.filter((p) => p.email.toLowerCase() === who.toLowerCase());
      if (exact.length === 1) found = exact;
    }
    if (!found.length) problems.add('no_person_found', 'person');
    else if (found.length > 1) problems.add('several_people_found', 'person');
    else {
      person = found[0]!;
      f.actorId = person.id;
    }
  }
  problems.throwIfAny();
  const result = await searchAudit(db, actor, f);
  return { ...result, person, names: await namesFor(db, result.rows) };
}

async function namesFor(db: Kysely<DB>, rows: AuditRow[]): Promise<AuditViewResult['names']> {
  const orgIds = new Set<string>();
  const personIds = new Set<string>();
  const teamIds = new Set<string>();
  const teamOf = (v: unknown) =>
    v && typeof v === 'object' && typeof (v as { team_id?: unknown }).team_id === 'string'
      ? (v as { team_id: string }).team_id
      : null;
  for (const r of rows) {
    if (r.organizationId) orgIds.add(r.organizationId);
    if (r.objectType === 'organization' && r.objectId && UUID_RE.test(r.objectId)) orgIds.add(r.objectId);
    if (r.objectType === 'person' && r.objectId && UUID_RE.test(r.objectId)) personIds.add(r.objectId);
    if (r.objectType === 'team' && r.objectId && UUID_RE.test(r.objectId)) teamIds.add(r.objectId);
    for (const t of [teamOf(r.before), teamOf(r.after)]) if (t && UUID_RE.test(t)) teamIds.add(t);
  }
  const [orgs, people, teams] = await Promise.all([
    orgIds.size
      ? db
          .selectFrom('organization')
          .select(['id', 'name'])
          .where('id', 'in', [...orgIds])
          .execute()
      : [],
    personIds.size
      ? db
          .selectFrom('person')
          .select(['id', 'name'])
          .where('id', 'in', [...personIds])
          .execute()
      : [],
    teamIds.size
      ? db
          .selectFrom('team')
          .select(['id', 'name'])
          .where('id', 'in', [...teamIds])
          .execute()
      : [],
  ]);
  return {
    organizations: Object.fromEntries(orgs.map((o) => [o.id, o.name])),
    people: Object.fromEntries(people.map((p) => [p.id, p.name])),
    teams: Object.fromEntries(teams.map((t) => [t.id, t.name])),
  };
}
