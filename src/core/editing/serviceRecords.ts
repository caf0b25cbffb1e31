/**
 * Services as drafts: read the published service into the editor's shape, check a draft against the directory's
 * rules, and publish it (saveService for local services; for PTV services only the local additions).
 */
import type { Translated, Lang } from '../shared/lang.js';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { reindexServices } from '../directory/searchIndexer.js';
import { saveService } from '../directory/saveRecords.js';
import { termId } from '../directory/taxonomies.js';
import type { OpeningHours, ServiceInput } from '../directory/types.js';
import { validateService } from '../directory/validateService.js';
import type { Access, DeliveryMode, Fee, LifeSituation, Weekday } from '../directory/vocabulary.js';
import { cleanTranslated } from '../shared/translated.js';
import { normalize, SERVICE_FIELDS } from './fields.js';
import type { DraftError, HoursRow, ServiceDraftData } from './types.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface ServiceRecord {
  id: string;
  key: string;
  organizationId: string;
  source: string;
  status: 'active' | 'inactive';
  data: ServiceDraftData;
  lastReviewed: string | null;
  lastReviewedBy: string | null;
  /** Kept as they are: not edited here. */
  keywords: Partial<Record<Lang, string[]>>;
  serviceClasses: string[];
  targetGroups: string[];
  /** Life situations that came with the PTV record (origin 'ptv'). */
  ptvLifeSituations: string[];
}

const hhmm = (t: string) => (t.startsWith('23:59:59') ? '24:00' : t.slice(0, 5));

export function emptyService(defaults: { areas?: string[] } = {}): ServiceDraftData {
  return normalize<ServiceDraftData>(SERVICE_FIELDS, {
    languages: ['fi'],
    modes: ['in_person'],
    fee: 'free',
    access: 'no_referral',
    areas: defaults.areas ?? [],
  });
}

/** The published service in the editor's shape, or null when there is none. */
export async function loadService(db: Db, id: string): Promise<ServiceRecord | null> {
  const s = await db.selectFrom('service').selectAll().where('id', '=', id).executeTakeFirst();
  if (!s) return null;
  const [areas, terms, phones, hours, locs] = await Promise.all([
    db.selectFrom('service_area').select('municipality_code').where('service_id', '=', id).execute(),
    db
      .selectFrom('service_taxonomy_term as st')
      .innerJoin('taxonomy_term as t', 't.id', 'st.taxonomy_term_id')
      .select(['t.taxonomy_id', 't.code', 'st.origin'])
      .where('st.service_id', '=', id)
      .execute(),
    db.selectFrom('phone').select(['number', 'description']).where('service_id', '=', id).orderBy('sort').execute(),
    db.selectFrom('schedule').selectAll().where('service_id', '=', id).orderBy('opens_at').orderBy('id').execute(),
    db.selectFrom('service_at_location').select('location_id').where('service_id', '=', id).execute(),
  ]);
  const codes = (taxonomy: string) => terms.filter((t) => t.taxonomy_id === taxonomy).map((t) => t.code);
  const data = normalize<ServiceDraftData>(SERVICE_FIELDS, {
    name: s.name,
    summary: s.summary,
    description: s.description,
    feeNote: s.fee_note,
    accessNote: s.access_note,
    networkNote: s.network_note,
    languages: s.languages,
    modes: s.modes,
    ageMin: s.age_min ?? '',
    ageMax: s.age_max ?? '',
    fee: s.fee,
    access: s.access,
    lifeSituations: codes('life-situation'),
    areas: areas.map((a) => a.municipality_code),
    locations: locs.map((l) => l.location_id),
    phones: phones.map((p) => ({ number: p.number, note: p.description })),
    email: s.email ?? '',
    url: s.url ?? '',
    hours: hours.map((h) => ({
      days: h.byday,
      opens: hhmm(h.opens_at),
      closes: hhmm(h.closes_at),
      note: h.description,
      validFrom: h.valid_from ?? undefined,
      validTo: h.valid_to ?? undefined,
    })),
  });
  return {
    id: s.id,
    key: s.key,
    organizationId: s.organization_id,
    source: s.source,
    status: s.status,
    data,
    lastReviewed: s.last_reviewed ? String(s.last_reviewed).slice(0, 10) : null,
    lastReviewedBy: s.last_reviewed_by,
    keywords: s.keywords,
    serviceClasses: codes('ptv-service-class'),
    targetGroups: codes('ptv-target-group'),
    ptvLifeSituations:
      s.source === 'ptv'
        ? terms.filter((t) => t.taxonomy_id === 'life-situation' && t.origin === 'ptv').map((t) => t.code)
        : [],
  };
}

const INT_RE = /^\d{1,3}$/;
const PHONE_RE = /^\+?[\d\s()-]{5,30}$/;

function toHours(rows: HoursRow[]): OpeningHours[] {
  return rows.map((h) => ({
    days: h.days as Weekday[],
    opens: h.opens,
    closes: h.closes,
    note: cleanTranslated(h.note),
    ...(h.validFrom ? { validFrom: h.validFrom } : {}),
    ...(h.validTo ? { validTo: h.validTo } : {}),
  }));
}

/**
 * The draft as the directory's ServiceInput, and every problem found: what cannot be read (an age that is not
 * a number), then the directory's own rules (validateService).
 */
export function serviceInputFrom(
  d: ServiceDraftData,
  meta: {
    key: string;
    organizationKey: string;
    source: string;
    status?: 'active' | 'inactive';
    allowedLocations: Map<string, string>; // id → key
    keywords?: Partial<Record<Lang, string[]>>;
    serviceClasses?: string[];
    targetGroups?: string[];
    lastReviewed?: string;
  },
): { input: ServiceInput; errors: DraftError[] } {
  const errors: DraftError[] = [];
  const age = (field: 'ageMin' | 'ageMax'): number | undefined => {
    const v = d[field];
    if (!v) return undefined;
    if (!INT_RE.test(v)) {
      errors.push({ field, code: 'age_range' });
      return undefined;
    }
    return Number(v);
  };
  d.phones.forEach((p, i) => {
    if (!p.number) errors.push({ field: `phones[${i}].number`, code: 'required' });
    else if (!PHONE_RE.test(p.number)) errors.push({ field: `phones[${i}].number`, code: 'phone' });
  });
  const locationKeys: string[] = [];
  for (const id of d.locations) {
    const key = meta.allowedLocations.get(id);
    if (key) locationKeys.push(key);
    else errors.push({ field: 'locations', code: 'unknown', params: { value: id } });
  }
  const input: ServiceInput = {
    key: meta.key,
    organizationKey: meta.organizationKey,
    status: meta.status ?? 'active',
    name: d.name,
    summary: d.summary,
    description: d.description,
    keywords: meta.keywords ?? {},
    email: d.email || undefined,
    url: d.url || undefined,
    languages: d.languages as Lang[],
    modes: d.modes as DeliveryMode[],
    ageMin: age('ageMin'),
    ageMax: age('ageMax'),
    fee: d.fee as Fee,
    feeNote: d.feeNote,
    access: d.access as Access,
    accessNote: d.accessNote,
    lastReviewed: meta.lastReviewed,
    areas: d.areas,
    lifeSituations: d.lifeSituations as LifeSituation[],
    serviceClasses: meta.serviceClasses ?? [],
    targetGroups: meta.targetGroups ?? [],
    phones: d.phones.filter((p) => p.number).map((p) => ({ number: p.number, note: cleanTranslated(p.note) })),
    locationKeys,
    hours: toHours(d.hours),
    source: meta.source as ServiceInput['source'],
  };
  for (const e of validateService(input)) {
    if (!errors.some((x) => x.field === e.field))
      errors.push({ field: e.field, code: e.code, ...(e.params ? { params: e.params } : {}) });
  }
  if (!d.modes.length) errors.push({ field: 'modes', code: 'required' });
  return { input, errors };
}

/** The locations a service of this organisation may be linked to (id → key): the organisation's own, and any already linked. */
export async function allowedLocations(
  db: Db,
  organizationId: string,
  alreadyLinked: string[],
): Promise<Map<string, string>> {
  let q = db.selectFrom('location').select(['id', 'key']).where('organization_id', '=', organizationId);
  if (alreadyLinked.length)
    q = db
      .selectFrom('location')
      .select(['id', 'key'])
      .where((eb) => eb.or([eb('organization_id', '=', organizationId), eb('id', 'in', alreadyLinked)]));
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.id, r.key]));
}

export async function validateServiceDraft(
  db: Db,
  d: ServiceDraftData,
  organizationId: string,
  published: ServiceRecord | null,
): Promise<DraftError[]> {
  const allowed = await allowedLocations(db, organizationId, published?.data.locations ?? []);
  return serviceInputFrom(d, {
    key: published?.key ?? 'new',
    organizationKey: 'x',
    source: published?.source ?? 'local',
    allowedLocations: allowed,
  }).errors;
}

/**
 * Publishes a service draft inside the caller's transaction; returns the service id. Local services go through
 * saveService (validated, reindexed). A PTV service keeps every PTV field as PTV gave it: only the local
 * additions are written (life situations of origin 'local', the network note), then the search document.
 */
export async function publishServiceDraft(
  tx: Transaction<DB>,
  o: {
    draftId: string;
    organizationId: string;
    data: ServiceDraftData;
    published: ServiceRecord | null;
    today: string;
    personId: string;
  },
): Promise<string> {
  const { data, published } = o;
  let id: string;
  if (published?.source === 'ptv') {
    id = published.id;
    const local = data.lifeSituations.filter((c) => !published.ptvLifeSituations.includes(c));
    const lifeTerms = (
      await tx.selectFrom('taxonomy_term').select('id').where('taxonomy_id', '=', 'life-situation').execute()
    ).map((t) => t.id);
    await tx
      .deleteFrom('service_taxonomy_term')
      .where('service_id', '=', id)
      .where('origin', '=', 'local')
      .where('taxonomy_term_id', 'in', lifeTerms)
      .execute();
    if (local.length) {
      await tx
        .insertInto('service_taxonomy_term')
        .values(local.map((c) => ({ service_id: id, taxonomy_term_id: termId('life-situation', c), origin: 'local' })))
        .onConflict((oc) => oc.columns(['service_id', 'taxonomy_term_id']).doNothing())
        .execute();
    }
    await tx.updateTable('service').set({ last_reviewed: o.today }).where('id', '=', id).execute();
    await reindexServices(tx, [id]);
  } else {
    const org = await tx
      .selectFrom('organization')
      .select('key')
      .where('id', '=', o.organizationId)
      .executeTakeFirstOrThrow();
    const allowed = await allowedLocations(tx, o.organizationId, published?.data.locations ?? []);
    const { input, errors } = serviceInputFrom(data, {
      key: published?.key ?? `local-${o.draftId}`,
      organizationKey: org.key,
      source: published?.source ?? 'local',
      status: published?.status,
      allowedLocations: allowed,
      keywords: published?.keywords,
      serviceClasses: published?.serviceClasses,
      targetGroups: published?.targetGroups,
      lastReviewed: o.today,
    });
    if (errors.length) throw new Error(`publishServiceDraft: invalid draft ${o.draftId}`);
    id = await saveService(tx, input);
  }
  await tx
    .updateTable('service')
    .set({ network_note: JSON.stringify(cleanTranslated(data.networkNote)), last_reviewed_by: o.personId })
    .where('id', '=', id)
    .execute();
  return id;
}

export type { Translated };
