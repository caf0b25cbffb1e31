/**
 * Organisations in the network, as administration sees them: who may manage which, creating one (system
 * administrators only), and an organisation's own settings (its administrators). Every function takes the actor
 * and authorises itself; every change is audited with before and after in the same transaction.
 */
import type { Translated, Lang } from '../shared/lang.js';
import { createHash, randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB, OrgRole } from '../../db/schema.js';
import { authorize, organizationsWhere, type Actor } from '../access/permissions.js';
import { audit, type AuditContext } from '../audit/auditLog.js';
import { reindexServices, servicesTouched } from '../directory/searchIndexer.js';
import { compareNames } from '../directory/search/sortKey.js';
import { ORG_TYPES, type OrgType } from '../directory/vocabulary.js';
import { municipalityByCode } from '../places/municipalities.js';
import { idFromKey } from '../shared/ids.js';
import { pick } from '../shared/translated.js';
import { DomainError, notFound, Problems } from '../shared/errors.js';
import { AREA, checkId, requireName } from './validate.js';

export interface OrganizationSummary {
  id: string;
  key: string;
  name: Translated;
  type: string;
  municipalityCode: string | null;
  source: string;
  publishNeedsSecondPerson: boolean;
  people: number;
  teams: number;
}

export interface OrganizationMember {
  personId: string;
  name: string;
  email: string;
  role: OrgRole;
  status: 'active' | 'disabled';
}

export interface OrganizationDetail extends OrganizationSummary {
  /** The version of the organisation's editable fields and settings (a save naming an older one is refused). */
  version: string;
  members: OrganizationMember[];
  teamList: { id: string; name: Translated; members: number }[];
}

/** What an organisation's editors see and change: its name, type, municipality and settings. */
interface EditableOrganization {
  name: Translated;
  type: string;
  municipality_code: string | null;
  publish_needs_second_person: boolean;
}

/** The version of an organisation as an editor saw it: a short hash of its editable fields and settings. */
export function organizationVersion(o: EditableOrganization): string {
  const name = Object.fromEntries(Object.entries(o.name).sort(([a], [b]) => (a < b ? -1 : 1)));
  return createHash('sha256')
    .update(JSON.stringify([name, o.type, o.municipality_code, o.publish_needs_second_person]))
    .digest('base64url')
    .slice(0, 22);
}

const presentEditable = (o: EditableOrganization) => ({
  version: organizationVersion(o),
  name: o.name,
  type: o.type,
  municipality_code: o.municipality_code,
  publish_needs_second_person: o.publish_needs_second_person,
});

/**
 * Someone else changed the organisation after this person opened it: 409 edit_conflict, nothing saved; the
 * organisation as it is now comes with it (JSON: `current`), and the page shows it beside what was chosen.
 */
function checkVersion(now: EditableOrganization, version: string | undefined): void {
  if (version === undefined || organizationVersion(now) === version) return;
  throw new DomainError('conflict', 'edit_conflict', {
    area: AREA,
    messageKey: 'editing.flow.settings_conflict',
    extra: { current: presentEditable(now) },
  });
}

/** The organisations the actor may manage ('all' for system administrators), in the reader's alphabet. */
export async function listManagedOrganizations(
  db: Kysely<DB>,
  actor: Actor,
  lang: Lang,
): Promise<OrganizationSummary[]> {
  authorize(actor, 'organization.manage');
  const scope = organizationsWhere(actor, 'organization.manage');
  let q = db.selectFrom('organization').select([
    'organization.id',
    'organization.key',
    'organization.name',
    'organization.type',
    'organization.municipality_code',
    'organization.source',
    'organization.publish_needs_second_person',
    (eb) =>
      eb
        .selectFrom('membership')
        .whereRef('membership.organization_id', '=', 'organization.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('people'),
    (eb) =>
      eb
        .selectFrom('team')
        .whereRef('team.organization_id', '=', 'organization.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('teams'),
  ]);
  if (scope !== 'all') {
    if (!scope.length) return [];
    q = q.where('organization.id', 'in', scope);
  }
  const rows = await q.execute();
  const cmp = compareNames(lang);
  return rows
    .map((r) => ({
      id: r.id,
      key: r.key,
      name: r.name,
      type: r.type,
      municipalityCode: r.municipality_code,
      source: r.source,
      publishNeedsSecondPerson: r.publish_needs_second_person,
      people: Number(r.people ?? 0),
      teams: Number(r.teams ?? 0),
    }))
    .sort((a, b) => cmp(pick(a.name, lang), pick(b.name, lang)));
}

/** One organisation with its people and teams, for someone who manages it. */
export async function getManagedOrganization(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  lang: Lang,
): Promise<OrganizationDetail> {
  id = checkId(id, 'organization');
  const org = await db.selectFrom('organization').selectAll().where('id', '=', id).executeTakeFirst();
  if (!org) {
    authorize(actor, 'organization.manage'); // no hint about what exists to someone who manages nothing
    throw notFound(AREA, 'organization');
  }
  authorize(actor, 'organization.manage', { organizationId: id });
  const [members, teams] = await Promise.all([
    db
      .selectFrom('membership')
      .innerJoin('person', 'person.id', 'membership.person_id')
      .select(['person.id', 'person.name', 'person.email', 'person.status', 'membership.role'])
      .where('membership.organization_id', '=', id)
      .execute(),
    db
      .selectFrom('team')
      .select([
        'team.id',
        'team.name',
        (eb) =>
          eb
            .selectFrom('team_membership')
            .whereRef('team_membership.team_id', '=', 'team.id')
            .select((e) => e.fn.countAll<number>().as('n'))
            .as('members'),
      ])
      .where('team.organization_id', '=', id)
      .execute(),
  ]);
  const cmp = compareNames(lang);
  return {
    id: org.id,
    key: org.key,
    name: org.name,
    type: org.type,
    municipalityCode: org.municipality_code,
    source: org.source,
    publishNeedsSecondPerson: org.publish_needs_second_person,
    version: organizationVersion(org),
    people: members.length,
    teams: teams.length,
    members: members
      .map((m) => ({ personId: m.id, name: m.name, email: m.email, role: m.role, status: m.status }))
      .sort((a, b) => cmp(a.name, b.name)),
    teamList: teams
      .map((t) => ({ id: t.id, name: t.name, members: Number(t.members ?? 0) }))
      .sort((a, b) => cmp(pick(a.name, lang), pick(b.name, lang))),
  };
}

export interface NewOrganization {
  name: Translated;
  type: string;
  municipalityCode?: string | null;
}

function slug(s: string): string {
  return (
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'org'
  );
}

function checkOrgFields(o: NewOrganization): { name: Translated; type: OrgType; municipalityCode: string | null } {
  const problems = new Problems(AREA);
  const name = problems.check(() => requireName(o.name));
  if (!(ORG_TYPES as readonly string[]).includes(o.type)) problems.add('type_required', 'type');
  const code = o.municipalityCode?.trim() || null;
  if (code && !municipalityByCode(code)) problems.add('unknown_municipality', 'municipality');
  problems.throwIfAny();
  return { name: name!, type: o.type as OrgType, municipalityCode: code };
}

/** Adds an organisation to the network (system administrators: organization.create). */
export async function createOrganization(db: Kysely<DB>, ctx: AuditContext, o: NewOrganization): Promise<string> {
  authorize(ctx.actor, 'organization.create');
  const v = checkOrgFields(o);
  const key = `local-${slug(v.name.fi ?? v.name.sv ?? '')}-${randomBytes(3).toString('hex')}`;
  const id = idFromKey('organization', key);
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('organization')
      .values({
        id,
        key,
        type: v.type,
        name: JSON.stringify(v.name),
        description: '{}',
        email: null,
        website: null,
        phone: null,
        municipality_code: v.municipalityCode,
        source: 'local',
      })
      .execute();
    await audit(tx, ctx, {
      action: 'organization.create',
      objectType: 'organization',
      objectId: id,
      organizationId: id,
      after: { key, name: v.name, type: v.type, municipality_code: v.municipalityCode },
    });
  });
  return id;
}

/** Changes an organisation's name, type and municipality (system administrators); what is not given stays. */
export async function updateOrganization(
  db: Kysely<DB>,
  ctx: AuditContext,
  id: string,
  o: Partial<NewOrganization> & { version?: string },
): Promise<void> {
  authorize(ctx.actor, 'organization.create');
  id = checkId(id, 'organization');
  await db.transaction().execute(async (tx) => {
    const before = await tx
      .selectFrom('organization')
      .select(['name', 'type', 'municipality_code', 'publish_needs_second_person'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound(AREA, 'organization');
    const v = checkOrgFields({
      name: o.name ?? before.name,
      type: o.type ?? before.type,
      municipalityCode: o.municipalityCode !== undefined ? o.municipalityCode : before.municipality_code,
    });
    // Nothing is lost when what is saved is what is there already.
    const after = { ...before, name: v.name, type: v.type, municipality_code: v.municipalityCode };
    if (organizationVersion(after) !== organizationVersion(before)) checkVersion(before, o.version);
    await tx
      .updateTable('organization')
      .set({
        name: JSON.stringify(v.name),
        type: v.type,
        municipality_code: v.municipalityCode,
        updated_at: sql`now()`,
      })
      .where('id', '=', id)
      .execute();
    // The name is in its services' search documents and the type is a filter: they are rebuilt (and every
    // instance's search index follows). The municipality shows only on its services' pages: what every instance
    // remembers of them is forgotten.
    const services = async () =>
      (await tx.selectFrom('service').select('id').where('organization_id', '=', id).execute()).map((r) => r.id);
    if (JSON.stringify(v.name) !== JSON.stringify(before.name) || v.type !== before.type)
      await reindexServices(tx, await services());
    else if (v.municipalityCode !== before.municipality_code) await servicesTouched(tx, await services());
    await audit(tx, ctx, {
      action: 'organization.update',
      objectType: 'organization',
      objectId: id,
      organizationId: id,
      before: { name: before.name, type: before.type, municipality_code: before.municipality_code },
      after: { name: v.name, type: v.type, municipality_code: v.municipalityCode },
    });
  });
}

export interface OrganizationSettings {
  publishNeedsSecondPerson: boolean;
  /** The version the page showed (refused with edit_conflict when someone changed the organisation since). */
  version?: string;
}

/** The organisation's own choices, set by its administrators: whether publishing needs a second person. */
export async function updateOrganizationSettings(
  db: Kysely<DB>,
  ctx: AuditContext,
  id: string,
  s: OrganizationSettings,
): Promise<void> {
  id = checkId(id, 'organization');
  authorize(ctx.actor, 'organization.manage', { organizationId: id });
  await db.transaction().execute(async (tx) => {
    const before = await tx
      .selectFrom('organization')
      .select(['name', 'type', 'municipality_code', 'publish_needs_second_person'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound(AREA, 'organization');
    if (before.publish_needs_second_person === s.publishNeedsSecondPerson) return;
    checkVersion(before, s.version);
    await tx
      .updateTable('organization')
      .set({ publish_needs_second_person: s.publishNeedsSecondPerson, updated_at: sql`now()` })
      .where('id', '=', id)
      .execute();
    await audit(tx, ctx, {
      action: 'organization.settings',
      objectType: 'organization',
      objectId: id,
      organizationId: id,
      before: { publish_needs_second_person: before.publish_needs_second_person },
      after: { publish_needs_second_person: s.publishNeedsSecondPerson },
    });
  });
}

/** Every organisation's id and name (for choosing one in a form), in the reader's alphabet. */
export async function organizationChoices(
  db: Kysely<DB>,
  ids: 'all' | string[],
  lang: Lang,
): Promise<{ id: string; name: Translated }[]> {
  if (ids !== 'all' && !ids.length) return [];
  let q = db.selectFrom('organization').select(['id', 'name']);
  if (ids !== 'all') q = q.where('id', 'in', ids);
  const cmp = compareNames(lang);
  return (await q.execute()).sort((a, b) => cmp(pick(a.name, lang), pick(b.name, lang)));
}
