/**
 * The preview: a service draft shaped like the public service page's record, so the page renders it exactly as
 * families would see it. Values that are not valid yet are left out (the edit page lists them).
 */
import { type Translated, LANGS, type Lang } from '../shared/lang.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { can, type Actor } from '../access/permissions.js';
import {
  getOrganization,
  getService,
  type Hours,
  type LocationDetail,
  type ServiceDetail,
} from '../directory/queries.js';
import {
  ACCESS,
  DELIVERY_MODES,
  FEES,
  isOneOf,
  LIFE_SITUATIONS,
  WEEKDAYS,
  type Access,
  type DeliveryMode,
  type Fee,
  type LifeSituation,
  type OrgType,
  type Weekday,
} from '../directory/vocabulary.js';
import { municipalityByCode } from '../places/municipalities.js';
import { cleanTranslated } from '../shared/translated.js';
import { getEditState } from './drafts.js';
import type { EditState, HoursRow, ServiceDraftData } from './types.js';

const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const hhmm = (t: string) => (t.startsWith('23:59:59') ? '24:00' : t.slice(0, 5));

function validHours(rows: HoursRow[]): Hours[] {
  return rows
    .filter(
      (h) =>
        h.days.length &&
        h.days.every((d) => (WEEKDAYS as readonly string[]).includes(d)) &&
        TIME_RE.test(h.opens) &&
        TIME_RE.test(h.closes) &&
        h.opens < h.closes,
    )
    .map((h) => ({
      days: h.days as Weekday[],
      opens: h.opens,
      closes: h.closes,
      note: cleanTranslated(h.note),
      validFrom: h.validFrom ?? null,
      validTo: h.validTo ?? null,
    }));
}

async function locationDetails(db: Kysely<DB>, ids: string[]): Promise<LocationDetail[]> {
  if (!ids.length) return [];
  const [locs, hours, access] = await Promise.all([
    db.selectFrom('location').selectAll().where('id', 'in', ids).orderBy('key').execute(),
    db.selectFrom('schedule').selectAll().where('location_id', 'in', ids).orderBy('opens_at').execute(),
    db.selectFrom('accessibility').selectAll().where('location_id', 'in', ids).execute(),
  ]);
  return locs.map((l) => ({
    id: l.id,
    name: l.name,
    description: l.description,
    street: l.street,
    postalCode: l.postal_code,
    city: l.city,
    municipalityCode: l.municipality_code,
    lat: l.lat,
    lon: l.lon,
    organizationId: l.organization_id,
    accessibility: access.find((a) => a.location_id === l.id)?.description ?? null,
    hours: hours
      .filter((h) => h.location_id === l.id)
      .map((h) => ({
        days: h.byday as Weekday[],
        opens: hhmm(h.opens_at),
        closes: hhmm(h.closes_at),
        note: h.description,
        validFrom: h.valid_from,
        validTo: h.valid_to,
      })),
  }));
}

export interface ServicePreview {
  state: EditState<ServiceDraftData>;
  service: ServiceDetail;
  networkNote: Translated;
}

/** The draft (or, without a draft, the published record) as the public page would show it. Needs service.edit. */
export async function previewService(db: Kysely<DB>, actor: Actor | null, ref: string): Promise<ServicePreview> {
  const state = await getEditState<ServiceDraftData>(db, actor, 'service', ref);
  const d = state.data;
  const published = state.recordId ? await getService(db, state.recordId) : null;
  const org = (await getOrganization(db, state.organizationId))!;
  const age = (v: string) => (/^\d{1,2}$/.test(v) ? Number(v) : null);
  const now = new Date().toISOString();
  const service: ServiceDetail = {
    id: state.recordId ?? state.ref,
    key: published?.key ?? '',
    name: d.name,
    summary: d.summary,
    description: d.description,
    organization: { id: org.id, name: org.name, type: org.type as OrgType },
    organizationDetail: org,
    areas: d.areas.filter((c) => municipalityByCode(c)),
    languages: d.languages.filter((l): l is Lang => (LANGS as readonly string[]).includes(l)),
    modes: d.modes.filter((m): m is DeliveryMode => isOneOf(DELIVERY_MODES, m)),
    lifeSituations: d.lifeSituations.filter((l): l is LifeSituation => isOneOf(LIFE_SITUATIONS, l)),
    ageMin: age(d.ageMin),
    ageMax: age(d.ageMax),
    fee: (isOneOf(FEES, d.fee) ? d.fee : (published?.fee ?? 'free')) as Fee,
    access: (isOneOf(ACCESS, d.access) ? d.access : (published?.access ?? 'no_referral')) as Access,
    feeNote: d.feeNote,
    accessNote: d.accessNote,
    keywords: published?.keywords ?? {},
    email: d.email || null,
    url: /^https?:\/\/\S+$/.test(d.url) ? d.url : null,
    serviceClasses: published?.serviceClasses ?? [],
    targetGroups: published?.targetGroups ?? [],
    phones: d.phones.filter((p) => p.number).map((p) => ({ number: p.number, note: p.note })),
    hours: validHours(d.hours),
    locations: await locationDetails(db, d.locations),
    lastReviewed: state.lastReviewed,
    updatedAt: published?.updatedAt ?? now,
    createdAt: published?.createdAt ?? now,
    status: 'active',
    source: state.source,
    places: [],
  };
  return { state, service, networkNote: d.networkNote };
}

/**
 * What a signed-in professional sees on a public service page beyond the public record: the network note
 * (every professional with network.read) and whether they may edit it.
 */
export async function professionalView(
  db: Kysely<DB>,
  actor: Actor | null,
  service: { id: string; organization: { id: string } },
): Promise<{ networkNote: Translated | null; canEdit: boolean }> {
  if (!actor) return { networkNote: null, canEdit: false };
  const canEdit = can(actor, 'service.edit', { organizationId: service.organization.id });
  if (!can(actor, 'network.read') && !canEdit) return { networkNote: null, canEdit };
  const row = await db.selectFrom('service').select('network_note').where('id', '=', service.id).executeTakeFirst();
  const note = cleanTranslated(row?.network_note);
  return { networkNote: Object.keys(note).length ? note : null, canEdit };
}
