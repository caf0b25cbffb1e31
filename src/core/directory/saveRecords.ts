/**
 * Writing the directory: organisations, locations and services, each upserted by its stable key, whole or not
 * at all (the caller passes a transaction). Every service write refreshes its search document.
 *
 * The batch forms (saveOrganizations, saveLocations, saveServices) write many records with a fixed number of
 * statements: one multi-row upsert per table and one delete of the rows being replaced, whatever the number of
 * records. The single forms call them with one record. A batch is one unit: if one record breaks a rule the batch
 * throws and the caller's transaction holds nothing of it (callers that must isolate records, such as the PTV
 * import, check them first and fall back to one record per savepoint).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { DomainError } from '../shared/errors.js';
import { idFromKey, newId } from '../shared/ids.js';
import { cleanTranslated } from '../shared/translated.js';
import { reindexServices } from './searchIndexer.js';
import { directoryChanged } from './search/searchServices.js';
import { servicesChanged } from './search/memo.js';
import { termId } from './taxonomies.js';
import type {
  FieldError,
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

/**
 * A record that breaks the directory's rules, or names an organisation or place the directory does not have:
 * nothing of it is written. A DomainError of kind `invalid` (code `invalid_record`, area `directory`, the record's
 * key in `params.key`) whose problems say which field and why (`field`, `code`, `params`).
 */
export function invalidRecord(key: string, problems: FieldError[]): DomainError {
  return new DomainError('invalid', 'invalid_record', { area: 'directory', problems, params: { key } });
}

export const isInvalidRecord = (e: unknown): e is DomainError =>
  e instanceof DomainError && e.kind === 'invalid' && e.code === 'invalid_record';

/** PostgreSQL takes at most 65 535 parameters a statement; multi-row inserts are split well below that. */
const MAX_PARAMS = 30_000;
/** Records a batch writes per round of statements (an `in` list of ids stays small). */
const BATCH = 500;

async function insertAll<R extends object>(rows: R[], insert: (part: R[]) => Promise<unknown>): Promise<void> {
  if (!rows.length) return;
  const per = Math.max(1, Math.floor(MAX_PARAMS / Math.max(1, Object.keys(rows[0]!).length)));
  for (let i = 0; i < rows.length; i += per) await insert(rows.slice(i, i + per));
}

function slices<T>(list: T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

function distinctKeys<T extends { key: string }>(list: T[]): void {
  const seen = new Set<string>();
  for (const r of list) {
    if (seen.has(r.key)) throw invalidRecord(r.key, [{ field: 'key', code: 'duplicate', params: { value: r.key } }]);
    seen.add(r.key);
  }
}

export async function organizationIdByKey(db: Db, key: string): Promise<string> {
  const row = await db.selectFrom('organization').select('id').where('key', '=', key).executeTakeFirst();
  if (!row) throw invalidRecord(key, [{ field: 'organization', code: 'unknown', params: { value: key } }]);
  return row.id;
}

/** Organisation ids by key, for the keys that exist. */
async function organizationIds(db: Db, keys: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of slices([...new Set(keys)], 5000)) {
    const rows = await db.selectFrom('organization').select(['id', 'key']).where('key', 'in', part).execute();
    for (const r of rows) out.set(r.key, r.id);
  }
  return out;
}

export async function saveOrganization(db: Db, o: OrganizationInput): Promise<string> {
  return (await saveOrganizations(db, [o]))[0]!;
}

/** Upserts organisations by key; returns their ids in the order given. */
export async function saveOrganizations(db: Db, list: OrganizationInput[]): Promise<string[]> {
  distinctKeys(list);
  const ids = new Map<string, string>();
  for (const part of slices(list)) {
    const rows = await db
      .insertInto('organization')
      .values(
        part.map((o) => ({
          id: idFromKey('organization', o.key),
          key: o.key,
          type: o.type,
          name: j(cleanTranslated(o.name)),
          description: j(cleanTranslated(o.description)),
          email: o.email ?? null,
          website: o.website ?? null,
          phone: o.phone ?? null,
          municipality_code: o.municipalityCode ?? null,
          source: o.source ?? 'local',
        })),
      )
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({
          type: eb.ref('excluded.type'),
          name: eb.ref('excluded.name'),
          description: eb.ref('excluded.description'),
          email: eb.ref('excluded.email'),
          website: eb.ref('excluded.website'),
          phone: eb.ref('excluded.phone'),
          municipality_code: eb.ref('excluded.municipality_code'),
          source: eb.ref('excluded.source'),
          updated_at: sql`now()`,
        })),
      )
      .returning(['id', 'key'])
      .execute();
    for (const r of rows) ids.set(r.key, r.id);
  }
  // An organisation's contact details show on its services' pages, which this process may remember (search/memo.ts);
  // its name and type reach them through their search documents, rebuilt by the caller's saveServices.
  directoryChanged();
  servicesChanged(null);
  return list.map((o) => ids.get(o.key)!);
}

type OwnerCol = 'service_id' | 'location_id';
const ownerCols = (col: OwnerCol, id: string) =>
  col === 'service_id' ? { service_id: id, location_id: null } : { service_id: null, location_id: id };
const closes = (t: string) => (t === '24:00' ? '23:59:59' : t);

/** A row being written: its id, and whether it is new (then nothing can refer to it yet: no rows to replace). */
interface Owner {
  id: string;
  fresh: boolean;
}
const existing = (owners: Owner[]) => owners.filter((o) => !o.fresh).map((o) => o.id);
/** In an upsert's RETURNING: true for a row inserted now, false for one updated (PostgreSQL's xmax is 0 only then). */
const inserted = sql<boolean>`xmax = 0`.as('inserted');

/** Replaces the weekly hours of every owner given (an owner with none keeps none). */
async function replaceSchedules(db: Db, col: OwnerCol, owners: (Owner & { hours?: OpeningHours[] })[]) {
  if (existing(owners).length) await db.deleteFrom('schedule').where(col, 'in', existing(owners)).execute();
  const rows = owners.flatMap((o) =>
    (o.hours ?? []).map((h) => ({
      id: newId(),
      ...ownerCols(col, o.id),
      byday: h.days,
      opens_at: h.opens,
      closes_at: closes(h.closes),
      valid_from: h.validFrom ?? null,
      valid_to: h.validTo ?? null,
      description: j(cleanTranslated(h.note)),
    })),
  );
  await insertAll(rows, (part) => db.insertInto('schedule').values(part).execute());
}

/** Replaces the dated exceptions of the owners that give them (undefined leaves them as they are). */
async function replaceExceptions(db: Db, col: OwnerCol, owners: (Owner & { exceptions?: HoursException[] })[]) {
  const given = owners.filter((o) => o.exceptions !== undefined);
  if (existing(given).length) await db.deleteFrom('schedule_exception').where(col, 'in', existing(given)).execute();
  const rows = given.flatMap((o) =>
    o.exceptions!.map((x) => ({
      id: newId(),
      ...ownerCols(col, o.id),
      valid_from: x.from,
      valid_to: x.to,
      closed: x.closed,
      opens_at: x.closed ? null : (x.opens ?? null),
      closes_at: x.closed ? null : x.closes !== undefined ? closes(x.closes) : null,
      description: j(cleanTranslated(x.note)),
    })),
  );
  await insertAll(rows, (part) => db.insertInto('schedule_exception').values(part).execute());
}

/** Replaces the links of the owners that give them (undefined leaves them as they are). */
async function replaceLinks(db: Db, col: OwnerCol, owners: (Owner & { links?: LinkInput[] })[]) {
  const given = owners.filter((o) => o.links !== undefined);
  if (existing(given).length) await db.deleteFrom('link').where(col, 'in', existing(given)).execute();
  const rows = given.flatMap((o) =>
    o.links!.map((l, i) => ({
      id: newId(),
      ...ownerCols(col, o.id),
      kind: l.kind,
      url: l.url,
      label: j(cleanTranslated(l.label)),
      lang: l.lang ?? null,
      sort: i,
    })),
  );
  await insertAll(rows, (part) => db.insertInto('link').values(part).execute());
}

export async function saveLocation(db: Db, l: LocationInput): Promise<string> {
  return (await saveLocations(db, [l]))[0]!;
}

/**
 * Upserts places by key with their accessibility, hours, exceptions and links; the search documents of the
 * services at them are rebuilt (they carry the places' hours and points). Returns the ids in the order given.
 */
export async function saveLocations(db: Db, list: LocationInput[]): Promise<string[]> {
  distinctKeys(list);
  const ids = new Map<string, string>();
  for (const part of slices(list)) {
    const orgs = await organizationIds(
      db,
      part.map((l) => l.organizationKey),
    );
    const unknown = part.find((l) => !orgs.has(l.organizationKey));
    if (unknown)
      throw invalidRecord(unknown.organizationKey, [
        { field: 'organization', code: 'unknown', params: { value: unknown.organizationKey } },
      ]);
    const rows = await db
      .insertInto('location')
      .values(
        part.map((l) => ({
          id: idFromKey('location', l.key),
          key: l.key,
          organization_id: orgs.get(l.organizationKey)!,
          name: j(cleanTranslated(l.name)),
          description: j(cleanTranslated(l.description)),
          street: j(cleanTranslated(l.street)),
          postal_code: l.postalCode ?? null,
          city: j(cleanTranslated(l.city)),
          municipality_code: l.municipalityCode ?? null,
          lat: l.lat ?? null,
          lon: l.lon ?? null,
          source: l.source ?? 'local',
        })),
      )
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({
          organization_id: eb.ref('excluded.organization_id'),
          name: eb.ref('excluded.name'),
          description: eb.ref('excluded.description'),
          street: eb.ref('excluded.street'),
          postal_code: eb.ref('excluded.postal_code'),
          city: eb.ref('excluded.city'),
          municipality_code: eb.ref('excluded.municipality_code'),
          lat: eb.ref('excluded.lat'),
          lon: eb.ref('excluded.lon'),
          source: eb.ref('excluded.source'),
          updated_at: sql`now()`,
        })),
      )
      .returning(['id', 'key', inserted])
      .execute();
    const fresh = new Set<string>();
    for (const r of rows) {
      ids.set(r.key, r.id);
      if (r.inserted) fresh.add(r.key);
    }
    const owners = part.map((l) => ({ ...l, id: ids.get(l.key)!, fresh: fresh.has(l.key) }));
    const old = existing(owners);

    if (old.length) await db.deleteFrom('accessibility').where('location_id', 'in', old).execute();
    const acc = owners.flatMap((o) => {
      const a = cleanTranslated(o.accessibility);
      return Object.keys(a).length
        ? [{ id: idFromKey('accessibility', o.key), location_id: o.id, description: j(a), details: '{}', url: null }]
        : [];
    });
    await insertAll(acc, (rows) => db.insertInto('accessibility').values(rows).execute());
    await replaceSchedules(db, 'location_id', owners);
    await replaceExceptions(db, 'location_id', owners);
    await replaceLinks(db, 'location_id', owners);
    // Services at these locations carry their hours and points in their search documents (a new place has none).
    const services = old.length
      ? await db
          .selectFrom('service_at_location')
          .select('service_id')
          .distinct()
          .where('location_id', 'in', old)
          .execute()
      : [];
    if (services.length)
      await reindexServices(
        db,
        services.map((s) => s.service_id),
      );
  }
  return list.map((l) => ids.get(l.key)!);
}

export interface SaveServiceOptions {
  /** Rebuild the search documents (default true); false when the caller rebuilds them once for many writes. */
  reindex?: boolean;
  /**
   * Keep a "still correct" review already recorded (`last_reviewed`) when the input gives none: a professional's
   * review is theirs, not the source's (the PTV import). Default false: the input's value is written.
   */
  keepReview?: boolean;
}

/** Upserts a service by key. Throws an invalid-record DomainError (nothing written) when the record breaks a rule. */
export async function saveService(db: Db, s: ServiceInput, opts: SaveServiceOptions = {}): Promise<string> {
  return (await saveServices(db, [s], opts))[0]!;
}

const taxonomyTermIds = (s: ServiceInput) => [
  ...new Set([
    ...s.lifeSituations.map((c) => termId('life-situation', c)),
    ...(s.serviceClasses ?? []).map((c) => termId('ptv-service-class', c)),
    ...(s.targetGroups ?? []).map((c) => termId('ptv-target-group', c)),
    ...(s.taxonomyTermIds ?? []),
  ]),
];

/**
 * Upserts services by key with their areas, taxonomy terms (those of the input's origin: a PTV write keeps local
 * additions), phones, places, hours, exceptions, links and organisations. Throws an invalid-record DomainError for the first
 * record that breaks a rule or names an unknown organisation or place; then nothing of the batch should be kept
 * (the caller's transaction). Returns the ids in the order given.
 */
export async function saveServices(db: Db, list: ServiceInput[], opts: SaveServiceOptions = {}): Promise<string[]> {
  for (const s of list) {
    const errors = validateService(s);
    if (errors.length) throw invalidRecord(s.key, errors);
  }
  distinctKeys(list);
  const ids = new Map<string, string>();
  for (const part of slices(list)) {
    const orgs = await organizationIds(db, [
      ...part.map((s) => s.organizationKey),
      ...part.flatMap((s) => (s.organizations ?? []).map((o) => o.organizationKey)),
    ]);
    for (const s of part) {
      const missing = [s.organizationKey, ...(s.organizations ?? []).map((o) => o.organizationKey)].find(
        (k) => !orgs.has(k),
      );
      if (missing)
        throw invalidRecord(missing, [{ field: 'organization', code: 'unknown', params: { value: missing } }]);
    }
    const locationKeys = [...new Set(part.flatMap((s) => s.locationKeys ?? []))];
    const locations = new Map<string, string>();
    for (const keys of slices(locationKeys, 5000))
      for (const l of await db.selectFrom('location').select(['id', 'key']).where('key', 'in', keys).execute())
        locations.set(l.key, l.id);
    for (const s of part) {
      const missing = (s.locationKeys ?? []).filter((k) => !locations.has(k));
      if (missing.length)
        throw invalidRecord(
          s.key,
          missing.map((k) => ({ field: 'locations', code: 'unknown', params: { value: k } })),
        );
    }

    const rows = await db
      .insertInto('service')
      .values(
        part.map((s) => ({
          id: idFromKey('service', s.key),
          key: s.key,
          organization_id: orgs.get(s.organizationKey)!,
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
        })),
      )
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({
          organization_id: eb.ref('excluded.organization_id'),
          status: eb.ref('excluded.status'),
          name: eb.ref('excluded.name'),
          summary: eb.ref('excluded.summary'),
          description: eb.ref('excluded.description'),
          keywords: eb.ref('excluded.keywords'),
          email: eb.ref('excluded.email'),
          url: eb.ref('excluded.url'),
          languages: eb.ref('excluded.languages'),
          modes: eb.ref('excluded.modes'),
          age_min: eb.ref('excluded.age_min'),
          age_max: eb.ref('excluded.age_max'),
          fee: eb.ref('excluded.fee'),
          fee_note: eb.ref('excluded.fee_note'),
          access: eb.ref('excluded.access'),
          access_note: eb.ref('excluded.access_note'),
          last_reviewed: opts.keepReview
            ? sql<string | null>`coalesce(excluded.last_reviewed, service.last_reviewed)`
            : eb.ref('excluded.last_reviewed'),
          source: eb.ref('excluded.source'),
          updated_at: sql`now()`,
        })),
      )
      .returning(['id', 'key', inserted])
      .execute();
    const fresh = new Set<string>();
    for (const r of rows) {
      ids.set(r.key, r.id);
      if (r.inserted) fresh.add(r.key);
    }
    const owners = part.map((s) => ({ ...s, id: ids.get(s.key)!, fresh: fresh.has(s.key) }));
    const old = existing(owners);

    if (old.length) await db.deleteFrom('service_area').where('service_id', 'in', old).execute();
    await insertAll(
      owners.flatMap((s) => [...new Set(s.areas)].map((m) => ({ service_id: s.id, municipality_code: m }))),
      (rows) => db.insertInto('service_area').values(rows).execute(),
    );

    // Terms of the input's origin are replaced; the others (a professional's local additions) stay.
    for (const origin of ['ptv', 'local'] as const) {
      const mine = existing(owners.filter((s) => (s.source === 'ptv' ? 'ptv' : 'local') === origin));
      if (mine.length)
        await db
          .deleteFrom('service_taxonomy_term')
          .where('service_id', 'in', mine)
          .where('origin', '=', origin)
          .execute();
    }
    await insertAll(
      owners.flatMap((s) =>
        taxonomyTermIds(s).map((t) => ({
          service_id: s.id,
          taxonomy_term_id: t,
          origin: s.source === 'ptv' ? 'ptv' : 'local',
        })),
      ),
      (rows) =>
        db
          .insertInto('service_taxonomy_term')
          .values(rows)
          .onConflict((oc) => oc.columns(['service_id', 'taxonomy_term_id']).doNothing())
          .execute(),
    );

    if (old.length) await db.deleteFrom('phone').where('service_id', 'in', old).execute();
    await insertAll(
      owners.flatMap((s) =>
        (s.phones ?? []).map((p, i) => ({
          id: newId(),
          service_id: s.id,
          location_id: null,
          organization_id: null,
          number: p.number,
          description: j(cleanTranslated(p.note)),
          sort: i,
        })),
      ),
      (rows) => db.insertInto('phone').values(rows).execute(),
    );

    if (old.length) await db.deleteFrom('service_at_location').where('service_id', 'in', old).execute();
    await insertAll(
      owners.flatMap((s) =>
        [...new Set(s.locationKeys ?? [])].map((k) => ({
          id: idFromKey('service_at_location', `${s.key}@${k}`),
          service_id: s.id,
          location_id: locations.get(k)!,
        })),
      ),
      (rows) => db.insertInto('service_at_location').values(rows).execute(),
    );

    await replaceSchedules(db, 'service_id', owners);
    await replaceExceptions(db, 'service_id', owners);
    await replaceLinks(db, 'service_id', owners);

    const withRoles = owners.filter((s) => s.organizations !== undefined);
    if (withRoles.length) {
      if (existing(withRoles).length)
        await db.deleteFrom('service_organization').where('service_id', 'in', existing(withRoles)).execute();
      await insertAll(
        withRoles.flatMap((s) => {
          const roles = new Map<string, { organization_id: string; role: string; provision_type: string | null }>();
          for (const o of s.organizations!) {
            const orgId = orgs.get(o.organizationKey)!;
            roles.set(`${orgId}/${o.role}`, {
              organization_id: orgId,
              role: o.role,
              provision_type: o.provisionType ?? null,
            });
          }
          return [...roles.values()].map((r) => ({
            service_id: s.id,
            ...r,
            role: r.role as 'responsible' | 'producer' | 'other_responsible',
          }));
        }),
        (rows) => db.insertInto('service_organization').values(rows).execute(),
      );
    }
  }
  const out = list.map((s) => ids.get(s.key)!);
  if (opts.reindex !== false) await reindexServices(db, out);
  return out;
}
