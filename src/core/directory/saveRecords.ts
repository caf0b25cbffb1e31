/**
 * Writing the directory: organisations, locations and services, each upserted by its stable key, whole or not
 * at all (the caller passes a transaction). Every service write refreshes its search document.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { idFromKey, newId } from '../shared/ids.js';
import { cleanTranslated } from '../shared/translated.js';
import { reindexServices } from './searchIndexer.js';
import { termId } from './taxonomies.js';
import type {
  HoursException,
  LinkInput,
  LocationInput,
  OpeningHours,
  OrganizationInput,
  ServiceInput,
} from './types.js';
import { validateService } from './validateService.js';

type Db = Kysely<DB> | Transaction<DB>;
const j = (v: unknown) => JSON.stringify(v ?? {});

export class InvalidRecordError extends Error {
  constructor(
    readonly key: string,
    readonly errors: { field: string; code: string; params?: Record<string, string | number> }[],
  ) {
    super(
      `${key}: ${errors.map((e) => `${e.field} ${e.code}${e.params?.value !== undefined ? ` (${e.params.value})` : ''}`).join(', ')}`,
    );
  }
}

export async function organizationIdByKey(db: Db, key: string): Promise<string> {
  const row = await db.selectFrom('organization').select('id').where('key', '=', key).executeTakeFirst();
  if (!row) throw new InvalidRecordError(key, [{ field: 'organization', code: 'unknown', params: { value: key } }]);
  return row.id;
}

export async function saveOrganization(db: Db, o: OrganizationInput): Promise<string> {
  const values = {
    type: o.type,
    name: j(cleanTranslated(o.name)),
    description: j(cleanTranslated(o.description)),
    email: o.email ?? null,
    website: o.website ?? null,
    phone: o.phone ?? null,
    municipality_code: o.municipalityCode ?? null,
    source: o.source ?? 'local',
  };
  const row = await db
    .insertInto('organization')
    .values({ id: idFromKey('organization', o.key), key: o.key, ...values })
    .onConflict((oc) => oc.column('key').doUpdateSet({ ...values, updated_at: sql`now()` }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function replaceSchedules(
  db: Db,
  owner: { service_id: string } | { location_id: string },
  hours: OpeningHours[] | undefined,
) {
  const [col, id] =
    'service_id' in owner ? (['service_id', owner.service_id] as const) : (['location_id', owner.location_id] as const);
  await db.deleteFrom('schedule').where(col, '=', id).execute();
  if (!hours?.length) return;
  await db
    .insertInto('schedule')
    .values(
      hours.map((h) => ({
        id: newId(),
        service_id: col === 'service_id' ? id : null,
        location_id: col === 'location_id' ? id : null,
        byday: h.days,
        opens_at: h.opens,
        closes_at: h.closes === '24:00' ? '23:59:59' : h.closes,
        valid_from: h.validFrom ?? null,
        valid_to: h.validTo ?? null,
        description: j(cleanTranslated(h.note)),
      })),
    )
    .execute();
}

type Owner = { service_id: string } | { location_id: string };
const ownerCols = (owner: Owner) =>
  'service_id' in owner
    ? { service_id: owner.service_id, location_id: null }
    : { service_id: null, location_id: owner.location_id };

/** Replaces the dated exceptions when given (undefined leaves them as they are). */
async function replaceExceptions(db: Db, owner: Owner, exceptions: HoursException[] | undefined) {
  if (exceptions === undefined) return;
  const cols = ownerCols(owner);
  const q = db.deleteFrom('schedule_exception');
  await (
    cols.service_id ? q.where('service_id', '=', cols.service_id) : q.where('location_id', '=', cols.location_id!)
  ).execute();
  if (!exceptions.length) return;
  await db
    .insertInto('schedule_exception')
    .values(
      exceptions.map((x) => ({
        id: newId(),
        ...cols,
        valid_from: x.from,
        valid_to: x.to,
        closed: x.closed,
        opens_at: x.closed ? null : (x.opens ?? null),
        closes_at: x.closed ? null : x.closes === '24:00' ? '23:59:59' : (x.closes ?? null),
        description: j(cleanTranslated(x.note)),
      })),
    )
    .execute();
}

/** Replaces the links when given (undefined leaves them as they are). */
async function replaceLinks(db: Db, owner: Owner, links: LinkInput[] | undefined) {
  if (links === undefined) return;
  const cols = ownerCols(owner);
  const q = db.deleteFrom('link');
  await (
    cols.service_id ? q.where('service_id', '=', cols.service_id) : q.where('location_id', '=', cols.location_id!)
  ).execute();
  if (!links.length) return;
  await db
    .insertInto('link')
    .values(
      links.map((l, i) => ({
        id: newId(),
        ...cols,
        kind: l.kind,
        url: l.url,
        label: j(cleanTranslated(l.label)),
        lang: l.lang ?? null,
        sort: i,
      })),
    )
    .execute();
}

export async function saveLocation(db: Db, l: LocationInput): Promise<string> {
  const organization_id = await organizationIdByKey(db, l.organizationKey);
  const values = {
    organization_id,
    name: j(cleanTranslated(l.name)),
    description: j(cleanTranslated(l.description)),
    street: j(cleanTranslated(l.street)),
    postal_code: l.postalCode ?? null,
    city: j(cleanTranslated(l.city)),
    municipality_code: l.municipalityCode ?? null,
    lat: l.lat ?? null,
    lon: l.lon ?? null,
    source: l.source ?? 'local',
  };
  const { id } = await db
    .insertInto('location')
    .values({ id: idFromKey('location', l.key), key: l.key, ...values })
    .onConflict((oc) => oc.column('key').doUpdateSet({ ...values, updated_at: sql`now()` }))
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.deleteFrom('accessibility').where('location_id', '=', id).execute();
  const acc = cleanTranslated(l.accessibility);
  if (Object.keys(acc).length) {
    await db
      .insertInto('accessibility')
      .values({ id: idFromKey('accessibility', l.key), location_id: id, description: j(acc), details: '{}', url: null })
      .execute();
  }
  await replaceSchedules(db, { location_id: id }, l.hours);
  await replaceExceptions(db, { location_id: id }, l.exceptions);
  await replaceLinks(db, { location_id: id }, l.links);
  // Services at this location carry its hours and point in their search documents.
  const services = await db
    .selectFrom('service_at_location')
    .select('service_id')
    .where('location_id', '=', id)
    .execute();
  if (services.length)
    await reindexServices(
      db,
      services.map((s) => s.service_id),
    );
  return id;
}

/** Upserts a service by key. Throws InvalidRecordError (nothing written) when the record breaks a rule. */
export async function saveService(db: Db, s: ServiceInput, opts: { reindex?: boolean } = {}): Promise<string> {
  const errors = validateService(s);
  if (errors.length) throw new InvalidRecordError(s.key, errors);
  const organization_id = await organizationIdByKey(db, s.organizationKey);
  const values = {
    organization_id,
    status: s.status ?? 'active',
    name: j(cleanTranslated(s.name)),
    summary: j(cleanTranslated(s.summary)),
    description: j(cleanTranslated(s.description)),
    keywords: j(s.keywords ?? {}),
    email: s.email ?? null,
    url: s.url ?? null,
    languages: s.languages,
    modes: s.modes,
    age_min: s.ageMin ?? null,
    age_max: s.ageMax ?? null,
    fee: s.fee,
    fee_note: j(cleanTranslated(s.feeNote)),
    access: s.access,
    access_note: j(cleanTranslated(s.accessNote)),
    last_reviewed: s.lastReviewed ?? null,
    source: s.source ?? 'local',
  };
  const { id } = await db
    .insertInto('service')
    .values({ id: idFromKey('service', s.key), key: s.key, ...values })
    .onConflict((oc) => oc.column('key').doUpdateSet({ ...values, updated_at: sql`now()` }))
    .returning('id')
    .executeTakeFirstOrThrow();

  await db.deleteFrom('service_area').where('service_id', '=', id).execute();
  if (s.areas.length)
    await db
      .insertInto('service_area')
      .values([...new Set(s.areas)].map((m) => ({ service_id: id, municipality_code: m })))
      .execute();

  const origin = s.source === 'ptv' ? 'ptv' : 'local';
  await db.deleteFrom('service_taxonomy_term').where('service_id', '=', id).where('origin', '=', origin).execute();
  const terms = [
    ...s.lifeSituations.map((c) => termId('life-situation', c)),
    ...(s.serviceClasses ?? []).map((c) => termId('ptv-service-class', c)),
    ...(s.targetGroups ?? []).map((c) => termId('ptv-target-group', c)),
    ...(s.taxonomyTermIds ?? []),
  ];
  if (terms.length) {
    await db
      .insertInto('service_taxonomy_term')
      .values([...new Set(terms)].map((t) => ({ service_id: id, taxonomy_term_id: t, origin })))
      .onConflict((oc) => oc.columns(['service_id', 'taxonomy_term_id']).doNothing())
      .execute();
  }

  await db.deleteFrom('phone').where('service_id', '=', id).execute();
  if (s.phones?.length) {
    await db
      .insertInto('phone')
      .values(
        s.phones.map((p, i) => ({
          id: newId(),
          service_id: id,
          location_id: null,
          organization_id: null,
          number: p.number,
          description: j(cleanTranslated(p.note)),
          sort: i,
        })),
      )
      .execute();
  }

  await db.deleteFrom('service_at_location').where('service_id', '=', id).execute();
  if (s.locationKeys?.length) {
    const locs = await db.selectFrom('location').select(['id', 'key']).where('key', 'in', s.locationKeys).execute();
    const missing = s.locationKeys.filter((k) => !locs.some((l) => l.key === k));
    if (missing.length)
      throw new InvalidRecordError(
        s.key,
        missing.map((k) => ({ field: 'locations', code: 'unknown', params: { value: k } })),
      );
    await db
      .insertInto('service_at_location')
      .values(
        locs.map((l) => ({
          id: idFromKey('service_at_location', `${s.key}@${l.key}`),
          service_id: id,
          location_id: l.id,
        })),
      )
      .execute();
  }
  await replaceSchedules(db, { service_id: id }, s.hours);
  await replaceExceptions(db, { service_id: id }, s.exceptions);
  await replaceLinks(db, { service_id: id }, s.links);
  if (s.organizations !== undefined) {
    await db.deleteFrom('service_organization').where('service_id', '=', id).execute();
    const roles = new Map<string, { organization_id: string; role: string; provision_type: string | null }>();
    for (const o of s.organizations) {
      const orgId = await organizationIdByKey(db, o.organizationKey);
      roles.set(`${orgId}/${o.role}`, {
        organization_id: orgId,
        role: o.role,
        provision_type: o.provisionType ?? null,
      });
    }
    if (roles.size) {
      await db
        .insertInto('service_organization')
        .values(
          [...roles.values()].map((r) => ({
            service_id: id,
            ...r,
            role: r.role as 'responsible' | 'producer' | 'other_responsible',
          })),
        )
        .execute();
    }
  }
  if (opts.reindex !== false) await reindexServices(db, [id]);
  return id;
}
