/** Locations (places where services are given) as drafts: read, check and publish through saveLocation. */
import type { Translated } from '../shared/lang.js';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { saveLocation } from '../directory/saveRecords.js';
import type { LocationInput } from '../directory/types.js';
import { validateHours } from '../directory/validateService.js';
import type { Weekday } from '../directory/vocabulary.js';
import { municipalityByCode } from '../places/municipalities.js';
import { cleanTranslated } from '../shared/translated.js';
import { LOCATION_FIELDS, normalize } from './fields.js';
import type { DraftError, LocationDraftData } from './types.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface LocationRecord {
  id: string;
  key: string;
  organizationId: string;
  source: string;
  description: Translated;
  data: LocationDraftData;
}

const hhmm = (t: string) => (t.startsWith('23:59:59') ? '24:00' : t.slice(0, 5));

export function emptyLocation(defaults: { municipalityCode?: string } = {}): LocationDraftData {
  return normalize<LocationDraftData>(LOCATION_FIELDS, { municipalityCode: defaults.municipalityCode ?? '' });
}

export async function loadLocation(db: Db, id: string): Promise<LocationRecord | null> {
  const l = await db.selectFrom('location').selectAll().where('id', '=', id).executeTakeFirst();
  if (!l) return null;
  const [acc, hours] = await Promise.all([
    db.selectFrom('accessibility').select('description').where('location_id', '=', id).executeTakeFirst(),
    db.selectFrom('schedule').selectAll().where('location_id', '=', id).orderBy('opens_at').orderBy('id').execute(),
  ]);
  const data = normalize<LocationDraftData>(LOCATION_FIELDS, {
    name: l.name,
    street: l.street,
    postalCode: l.postal_code ?? '',
    city: l.city,
    municipalityCode: l.municipality_code ?? '',
    lat: l.lat ?? '',
    lon: l.lon ?? '',
    accessibility: acc?.description ?? {},
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
    id: l.id,
    key: l.key,
    organizationId: l.organization_id,
    source: l.source,
    description: l.description,
    data,
  };
}

const NUM_RE = /^-?\d{1,3}(\.\d{1,8})?$/;

export function locationInputFrom(
  d: LocationDraftData,
  meta: { key: string; organizationKey: string; source: string; description?: Translated },
): { input: LocationInput; errors: DraftError[] } {
  const errors: DraftError[] = [];
  if (!d.name.fi && !d.name.sv) errors.push({ field: 'name', code: 'required_fi_or_sv' });
  if (d.postalCode && !/^\d{5}$/.test(d.postalCode)) errors.push({ field: 'postalCode', code: 'postal_code' });
  if (d.municipalityCode && !municipalityByCode(d.municipalityCode))
    errors.push({ field: 'municipalityCode', code: 'unknown_municipality', params: { value: d.municipalityCode } });
  let lat: number | undefined;
  let lon: number | undefined;
  const lv = d.lat.replace(',', '.');
  const ov = d.lon.replace(',', '.');
  if (lv || ov) {
    if (!lv || !ov) errors.push({ field: lv ? 'lon' : 'lat', code: 'coordinates_pair' });
    if (lv && (!NUM_RE.test(lv) || Number(lv) < 59 || Number(lv) > 70.1))
      errors.push({ field: 'lat', code: 'latitude' });
    else if (lv) lat = Number(lv);
    if (ov && (!NUM_RE.test(ov) || Number(ov) < 19 || Number(ov) > 31.6))
      errors.push({ field: 'lon', code: 'longitude' });
    else if (ov) lon = Number(ov);
    if (lat === undefined || lon === undefined) {
      lat = undefined;
      lon = undefined;
    }
  }
  const hours = d.hours.map((h) => ({
    days: h.days as Weekday[],
    opens: h.opens,
    closes: h.closes,
    note: cleanTranslated(h.note),
    ...(h.validFrom ? { validFrom: h.validFrom } : {}),
    ...(h.validTo ? { validTo: h.validTo } : {}),
  }));
  errors.push(...validateHours(hours, 'hours'));
  return {
    input: {
      key: meta.key,
      organizationKey: meta.organizationKey,
      name: d.name,
      description: meta.description ?? {},
      street: d.street,
      postalCode: d.postalCode || undefined,
      city: d.city,
      municipalityCode: d.municipalityCode || undefined,
      lat,
      lon,
      accessibility: d.accessibility,
      hours,
      source: meta.source as LocationInput['source'],
    },
    errors,
  };
}

export function validateLocationDraft(d: LocationDraftData): DraftError[] {
  return locationInputFrom(d, { key: 'x', organizationKey: 'x', source: 'local' }).errors;
}

export async function publishLocationDraft(
  tx: Transaction<DB>,
  o: { draftId: string; organizationId: string; data: LocationDraftData; published: LocationRecord | null },
): Promise<string> {
  const org = await tx
    .selectFrom('organization')
    .select('key')
    .where('id', '=', o.organizationId)
    .executeTakeFirstOrThrow();
  const { input, errors } = locationInputFrom(o.data, {
    key: o.published?.key ?? `local-${o.draftId}`,
    organizationKey: org.key,
    source: o.published?.source ?? 'local',
    description: o.published?.description,
  });
  if (errors.length) throw new Error(`publishLocationDraft: invalid draft ${o.draftId}`);
  return saveLocation(tx, input);
}
