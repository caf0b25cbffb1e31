/**
 * The editor's overview: the services and locations of the organisations where they may edit, with status,
 * last review and open drafts (including drafts of records not yet published).
 */
import type { Translated } from '../shared/lang.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { authorize, can, organizationsWhere, type Actor } from '../access/permissions.js';
import { UUID_RE } from '../shared/ids.js';
import { isStaleDate } from './dates.js';
import type { DraftStatus } from './types.js';

export interface DraftInfo {
  id: string;
  status: DraftStatus;
  updatedAt: Date;
  updatedByName: string | null;
}

export interface WorkServiceRow {
  /** The service's id, or the draft's id for a service not yet published. */
  ref: string;
  published: boolean;
  name: Translated;
  status: 'active' | 'inactive' | null;
  source: string;
  lastReviewed: string | null;
  stale: boolean;
  draft: DraftInfo | null;
}

export interface WorkLocationRow {
  ref: string;
  published: boolean;
  name: Translated;
  source: string;
  draft: DraftInfo | null;
}

export interface WorkOrganization {
  id: string;
  name: Translated;
  needsSecondPerson: boolean;
  canReview: boolean;
  services: WorkServiceRow[];
  locations: WorkLocationRow[];
}

export interface WorkOverview {
  /** Every organisation where the actor may edit (for a system administrator: all of them, to choose from). */
  choices: { id: string; name: Translated }[];
  /** The organisations shown in full. */
  organizations: WorkOrganization[];
}

/**
 * The overview. An editor sees all their organisations in full; someone who may edit everywhere (an
 * administrator) chooses one organisation at a time (`organizationId`).
 */
export async function workOverview(
  db: Kysely<DB>,
  actor: Actor | null,
  opts: { organizationId?: string } = {},
): Promise<WorkOverview> {
  authorize(actor, 'service.edit', opts.organizationId ? { organizationId: opts.organizationId } : {});
  const where = organizationsWhere(actor, 'service.edit');
  let choicesQ = db.selectFrom('organization').select(['id', 'name', 'publish_needs_second_person']);
  if (where !== 'all')
    choicesQ = choicesQ.where('id', 'in', where.length ? where : ['00000000-0000-0000-0000-000000000000']);
  const choices = await choicesQ.execute();
  const wanted =
    opts.organizationId && UUID_RE.test(opts.organizationId)
      ? choices.filter((c) => c.id === opts.organizationId)
      : where === 'all'
        ? []
        : choices;
  const ids = wanted.map((o) => o.id);
  if (!ids.length) return { choices: choices.map((c) => ({ id: c.id, name: c.name })), organizations: [] };
  const [services, locations, drafts] = await Promise.all([
    db
      .selectFrom('service')
      .select(['id', 'organization_id', 'name', 'status', 'source', 'last_reviewed'])
      .where('organization_id', 'in', ids)
      .execute(),
    db
      .selectFrom('location')
      .select(['id', 'organization_id', 'name', 'source'])
      .where('organization_id', 'in', ids)
      .execute(),
    db
      .selectFrom('record_draft as d')
      .innerJoin('person as p', 'p.id', 'd.updated_by')
      .select([
        'd.id',
        'd.kind',
        'd.record_id',
        'd.organization_id',
        'd.status',
        'd.updated_at',
        'd.data',
        'p.name as updated_by_name',
      ])
      .where('d.organization_id', 'in', ids)
      .execute(),
  ]);
  const info = (d: (typeof drafts)[number]): DraftInfo => ({
    id: d.id,
    status: d.status,
    updatedAt: new Date(d.updated_at),
    updatedByName: d.updated_by_name,
  });
  const draftOf = (kind: 'service' | 'location', id: string) =>
    drafts.find((d) => d.kind === kind && d.record_id === id);
  return {
    choices: choices.map((c) => ({ id: c.id, name: c.name })),
    organizations: wanted.map((o) => ({
      id: o.id,
      name: o.name,
      needsSecondPerson: o.publish_needs_second_person,
      canReview: can(actor, 'service.review', { organizationId: o.id }),
      services: [
        ...services
          .filter((s) => s.organization_id === o.id)
          .map((s): WorkServiceRow => {
            const d = draftOf('service', s.id);
            const lastReviewed = s.last_reviewed ? String(s.last_reviewed).slice(0, 10) : null;
            return {
              ref: s.id,
              published: true,
              name: s.name,
              status: s.status,
              source: s.source,
              lastReviewed,
              stale: isStaleDate(lastReviewed),
              draft: d ? info(d) : null,
            };
          }),
        ...drafts
          .filter((d) => d.kind === 'service' && !d.record_id && d.organization_id === o.id)
          .map((d): WorkServiceRow => ({
            ref: d.id,
            published: false,
            name: (d.data as { name?: Translated }).name ?? {},
            status: null,
            source: 'local',
            lastReviewed: null,
            stale: false,
            draft: info(d),
          })),
      ],
      locations: [
        ...locations
          .filter((l) => l.organization_id === o.id)
          .map((l): WorkLocationRow => {
            const d = draftOf('location', l.id);
            return { ref: l.id, published: true, name: l.name, source: l.source, draft: d ? info(d) : null };
          }),
        ...drafts
          .filter((d) => d.kind === 'location' && !d.record_id && d.organization_id === o.id)
          .map((d): WorkLocationRow => ({
            ref: d.id,
            published: false,
            name: (d.data as { name?: Translated }).name ?? {},
            source: 'local',
            draft: info(d),
          })),
      ],
    })),
  };
}

/** The locations a service of this organisation can be linked to, for the form's choices (id, name, address). */
export async function locationChoices(
  db: Kysely<DB>,
  organizationId: string,
  alsoIds: string[],
): Promise<{ id: string; name: Translated; street: Translated; city: Translated }[]> {
  alsoIds = alsoIds.filter((id) => UUID_RE.test(id)); // anything else typed is no location (and no query error)
  const rows = await db
    .selectFrom('location')
    .select(['id', 'name', 'street', 'city'])
    .where((eb) =>
      alsoIds.length
        ? eb.or([eb('organization_id', '=', organizationId), eb('id', 'in', alsoIds)])
        : eb('organization_id', '=', organizationId),
    )
    .execute();
  return rows;
}
