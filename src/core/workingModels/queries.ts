/**
 * Reading working models: the public list (published and public), the network's list (published, for signed-in
 * professionals; drafts for their keepers), one model with its people, municipalities, services and versions.
 * A model a reader may not see is "not found" to them, as if it did not exist.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../access/permissions.js';
import { notFound } from '../shared/errors.js';
import { UUID_RE } from '../shared/ids.js';
import type { Translated } from '../shared/lang.js';
import { canKeepModel, isProfessional } from './policy.js';
import type { WorkingModelContent } from './types.js';

export interface ModelSummary {
  id: string;
  key: string;
  organizationId: string;
  organizationName: Translated;
  teamId: string | null;
  teamName: Translated | null;
  public: boolean;
  version: number;
  publishedAt: Date | null;
  reviewDue: string | null;
  updatedAt: Date;
  /** The published text, or the draft when never published (shown to keepers only). */
  content: WorkingModelContent;
  published: boolean;
  hasDraftChanges: boolean;
  municipalities: { code: string; since: string | null; adoptedFrom: string | null }[];
  canKeep: boolean;
}

export interface ModelDetail extends ModelSummary {
  draft: WorkingModelContent;
  originAction: { id: string; title: string; municipalityCodes: string[] } | null;
  owners: { id: string; name: string; title: Translated; email: string }[];
  contacts: { id: string; name: string; title: Translated; email: string; phone: string | null }[];
  services: { id: string; name: Translated; organizationName: Translated }[];
  versions: { version: number; publishedAt: Date; publishedBy: string | null }[];
}

type Row = {
  id: string;
  key: string;
  organization_id: string;
  org_name: unknown;
  team_id: string | null;
  team_name: unknown;
  public: boolean;
  version: number;
  published_at: Date | null;
  review_due: string | null;
  updated_at: Date;
  draft: unknown;
  published: unknown;
};

function base(db: Kysely<DB>) {
  return db
    .selectFrom('working_model as m')
    .innerJoin('organization as o', 'o.id', 'm.organization_id')
    .leftJoin('team as t', 't.id', 'm.team_id')
    .select([
      'm.id',
      'm.key',
      'm.organization_id',
      'o.name as org_name',
      'm.team_id',
      't.name as team_name',
      'm.public',
      'm.version',
      'm.published_at',
      'm.review_due',
      'm.updated_at',
      'm.draft',
      'm.published',
    ]);
}

async function summaries(db: Kysely<DB>, rows: Row[], actor: Actor | null): Promise<ModelSummary[]> {
  if (!rows.length) return [];
  const [munis, owners] = await Promise.all([
    db
      .selectFrom('working_model_municipality')
      .selectAll()
      .where(
        'model_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('municipality_code')
      .execute(),
    db
      .selectFrom('working_model_person')
      .select(['model_id', 'person_id'])
      .where(
        'model_id',
        'in',
        rows.map((r) => r.id),
      )
      .where('role', '=', 'owner')
      .execute(),
  ]);
  return rows.map((r) => {
    const canKeep = canKeepModel(actor, {
      organizationId: r.organization_id,
      teamId: r.team_id,
      ownerIds: owners.filter((o) => o.model_id === r.id).map((o) => o.person_id),
    });
    const published = r.published as WorkingModelContent | null;
    return {
      id: r.id,
      key: r.key,
      organizationId: r.organization_id,
      organizationName: r.org_name as Translated,
      teamId: r.team_id,
      teamName: (r.team_name as Translated | null) ?? null,
      public: r.public,
      version: r.version,
      publishedAt: r.published_at,
      reviewDue: r.review_due,
      updatedAt: r.updated_at,
      content: published ?? (r.draft as WorkingModelContent),
      published: !!published,
      hasDraftChanges: JSON.stringify(published) !== JSON.stringify(r.draft),
      municipalities: munis
        .filter((m) => m.model_id === r.id)
        .map((m) => ({ code: m.municipality_code, since: m.since, adoptedFrom: m.adopted_from_code })),
      canKeep,
    };
  });
}

/** May this reader see the model at all? */
const visible = (m: ModelSummary, actor: Actor | null) =>
  m.canKeep || (m.published && (m.public || isProfessional(actor)));

/**
 * The models a reader may see: published public ones for everybody; every published one for professionals;
 * drafts for their keepers. Optionally only those used in a municipality.
 */
export async function listModels(
  db: Kysely<DB>,
  actor: Actor | null,
  f: { municipality?: string; publicOnly?: boolean } = {},
): Promise<ModelSummary[]> {
  let q = base(db);
  if (f.municipality)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('working_model_municipality as wm')
          .whereRef('wm.model_id', '=', 'm.id')
          .where('wm.municipality_code', '=', f.municipality!)
          .select('wm.model_id'),
      ),
    );
  if (f.publicOnly) q = q.where('m.public', '=', true).where('m.published', 'is not', null);
  const rows = (await q.orderBy('m.key').execute()) as Row[];
  const all = await summaries(db, rows, f.publicOnly ? null : actor);
  return all.filter((m) => visible(m, f.publicOnly ? null : actor));
}

/** One model by key (or id), as this reader may see it; not found otherwise. */
export async function modelDetail(db: Kysely<DB>, actor: Actor | null, keyOrId: string): Promise<ModelDetail> {
  const row = (await base(db)
    .where(UUID_RE.test(keyOrId) ? 'm.id' : 'm.key', '=', keyOrId)
    .executeTakeFirst()) as Row | undefined;
  if (!row) throw notFound('workingModels', 'model');
  const [s] = await summaries(db, [row], actor);
  if (!s || !visible(s, actor)) throw notFound('workingModels', 'model');
  const [people, services, versions, origin] = await Promise.all([
    db
      .selectFrom('working_model_person as wp')
      .innerJoin('person as p', 'p.id', 'wp.person_id')
      .select(['wp.role', 'p.id', 'p.name', 'p.title', 'p.email', 'p.phone', 'p.status'])
      .where('wp.model_id', '=', s.id)
      .orderBy('p.name')
      .execute(),
    db
      .selectFrom('working_model_service as ws')
      .innerJoin('service as sv', 'sv.id', 'ws.service_id')
      .innerJoin('organization as o', 'o.id', 'sv.organization_id')
      .select(['sv.id', 'sv.name', 'o.name as org_name'])
      .where('ws.model_id', '=', s.id)
      .where('sv.status', '=', 'active')
      .orderBy('sv.key')
      .execute(),
    db
      .selectFrom('working_model_version')
      .select(['version', 'published_at', 'published_by'])
      .where('model_id', '=', s.id)
      .orderBy('version', 'desc')
      .execute(),
    db
      .selectFrom('working_model as m')
      .innerJoin('programme_action as a', 'a.id', 'm.origin_action_id')
      .innerJoin('programme_plan as p', 'p.id', 'a.plan_id')
      .select(['a.id', 'a.title', 'a.municipality_code', 'p.municipality_codes'])
      .where('m.id', '=', s.id)
      .executeTakeFirst(),
  ]);
  const active = people.filter((p) => p.status === 'active');
  return {
    ...s,
    draft: (row.draft as WorkingModelContent) ?? s.content,
    originAction: origin
      ? {
          id: origin.id,
          title: origin.title,
          municipalityCodes: origin.municipality_code ? [origin.municipality_code] : origin.municipality_codes,
        }
      : null,
    owners: active
      .filter((p) => p.role === 'owner')
      .map((p) => ({ id: p.id, name: p.name, title: p.title as Translated, email: p.email })),
    contacts: active
      .filter((p) => p.role === 'contact')
      .map((p) => ({ id: p.id, name: p.name, title: p.title as Translated, email: p.email, phone: p.phone })),
    services: services.map((x) => ({
      id: x.id,
      name: x.name as Translated,
      organizationName: x.org_name as Translated,
    })),
    versions: versions.map((v) => ({ version: v.version, publishedAt: v.published_at, publishedBy: v.published_by })),
  };
}

/** The text of one published version (for its keepers and professionals; public models for everyone). */
export async function modelVersion(
  db: Kysely<DB>,
  actor: Actor | null,
  keyOrId: string,
  version: number,
): Promise<{ model: ModelDetail; content: WorkingModelContent }> {
  const model = await modelDetail(db, actor, keyOrId);
  const v = await db
    .selectFrom('working_model_version')
    .select('content')
    .where('model_id', '=', model.id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!v) throw notFound('workingModels', 'version');
  return { model, content: v.content as WorkingModelContent };
}

/** Choices for the edit form: the organisations the actor may start a model for, teams, services, people. */
export async function editChoices(db: Kysely<DB>, actor: Actor) {
  const all = actor.systemRole === 'admin' || actor.systemRole === 'coordinator';
  const orgIds = actor.memberships.filter((m) => m.role !== 'member').map((m) => m.organizationId);
  const [organizations, teams, services, people, actions] = await Promise.all([
    all || orgIds.length
      ? (all
          ? db.selectFrom('organization').select(['id', 'name'])
          : db.selectFrom('organization').select(['id', 'name']).where('id', 'in', orgIds)
        )
          .orderBy('key')
          .execute()
      : Promise.resolve([]),
    db.selectFrom('team').select(['id', 'name']).orderBy('id').execute(),
    db.selectFrom('service').select(['id', 'name']).where('status', '=', 'active').orderBy('key').limit(500).execute(),
    db
      .selectFrom('person')
      .select(['id', 'name'])
      .where('status', '=', 'active')
      .where((eb) =>
        eb.or([
          eb.exists(eb.selectFrom('membership').whereRef('membership.person_id', '=', 'person.id').select('person_id')),
          eb.exists(
            eb
              .selectFrom('team_membership')
              .whereRef('team_membership.person_id', '=', 'person.id')
              .select('person_id'),
          ),
        ]),
      )
      .orderBy('name')
      .execute(),
    db
      .selectFrom('programme_action as a')
      .innerJoin('programme_plan as p', 'p.id', 'a.plan_id')
      .select(['a.id', 'a.title', 'a.municipality_code', 'p.municipality_codes'])
      .where('a.kind', '=', 'experiment')
      .whereRef('a.last_version', '=', 'p.current_version')
      .orderBy('p.key')
      .orderBy('a.position')
      .execute(),
  ]);
  return {
    organizations: organizations.map((o) => ({ id: o.id, name: o.name as Translated })),
    teams: teams.map((x) => ({ id: x.id, name: x.name as Translated })),
    services: services.map((x) => ({ id: x.id, name: x.name as Translated })),
    people: people.map((x) => ({ id: x.id, name: x.name })),
    actions: actions.map((a) => ({
      id: a.id,
      title: a.title,
      municipalityCodes: a.municipality_code ? [a.municipality_code] : a.municipality_codes,
    })),
  };
}
