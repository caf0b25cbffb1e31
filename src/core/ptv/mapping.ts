/**
 * PTV v11 records → the directory's inputs (OrganizationInput, LocationInput, ServiceInput). Pure: no database.
 * A record that cannot be mapped throws MappingError with the reason; what is dropped on purpose comes back as
 * notes. Field by field: docs/ptv-import.md.
 */
import type { Translated, Lang } from '../shared/lang.js';
import { createHash } from 'node:crypto';
import type {
  HoursException,
  LinkInput,
  LocationInput,
  OpeningHours,
  OrganizationInput,
  PhoneInput,
  ServiceInput,
} from '../directory/types.js';
import { isKnownCode } from '../directory/taxonomies.js';
import { validateExceptions, validateHours } from '../directory/validateService.js';
import type { DeliveryMode, Fee, OrgType } from '../directory/vocabulary.js';
import { MUNICIPALITIES, municipalityByCode } from '../places/municipalities.js';
import { idFromKey, UUID_RE } from '../shared/ids.js';
import { cleanTranslated } from '../shared/translated.js';
import { tm35ToWgs84 } from './coordinates.js';
import { HoursProblem, mapServiceHours, type MappedHours } from './hours.js';
import { DIRECTORY_LANGS, isLang, joined, postOfficeName, translated, valuesByLang } from './text.js';
import type { PtvArea, PtvChannel, PtvFintoItem, PtvOrganization, PtvPhone, PtvService, PtvWebPage } from './v11.js';

/** Raise when the mapping changes: the next import then rewrites every record once. */
export const MAPPING_VERSION = 1;

export class MappingError extends Error {}

export const ptvKey = (id: string) => `ptv-${id.toLowerCase()}`;

export function sha256(v: unknown): string {
  return createHash('sha256').update(canonicalJson(v)).digest('hex');
}

/**
 * JSON with object keys sorted, so equal records hash equally whatever order PTV wrote them in. Built in plain
 * loops (every record is hashed on every import); the text is exactly what it always was, so the hashes kept in
 * `ptv_record` stay valid.
 */
const keyJson = new Map<string, string>(); // field names repeat: each quoted once
/** What JSON.stringify writes other than as it is: quotes, backslashes, control characters, (lone) surrogates. */
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

export function canonicalJson(v: unknown): string {
  // Most texts need no escaping: quoted here, the same text JSON.stringify gives, without a call into it.
  if (typeof v === 'string') return ESCAPED.test(v) ? JSON.stringify(v) : `"${v}"`;
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) out += (i ? ',' : '') + canonicalJson(v[i]);
    return `${out}]`;
  }
  const o = v as Record<string, unknown>;
  let out = '{';
  let first = true;
  for (const k of Object.keys(o).sort()) {
    const x = o[k];
    if (x === undefined) continue;
    let key = keyJson.get(k);
    if (key === undefined) {
      key = `${JSON.stringify(k)}:`;
      if (keyJson.size < 10_000) keyJson.set(k, key);
    }
    out += (first ? '' : ',') + key + canonicalJson(x);
    first = false;
  }
  return `${out}}`;
}

export function checkId(v: unknown): string {
  if (typeof v !== 'string' || !UUID_RE.test(v))
    throw new MappingError(`id ${JSON.stringify(v ?? null)} is not a PTV id (UUID)`);
  return v.toLowerCase();
}

const isPublished = (s: string | null | undefined) => s === 'Published';
export { isPublished };

// ---- Organisations ----

export function orgTypeOf(ptvType: string | null | undefined, name: Translated): OrgType {
  const n = Object.values(name).join(' ').toLowerCase();
  if (/seurakun|församling|parish/.test(n)) return 'parish';
  switch (ptvType) {
    case 'SotePublic':
      return 'wellbeing_county';
    case 'Company':
    case 'SotePrivate':
      return 'company';
    case 'Organization':
      return 'ngo';
    case 'Municipality':
    case 'State':
    case 'RegionalOrganization':
      return 'municipality';
    default:
      break;
  }
  // Only a name (a reference from a service): read it.
  if (/hyvinvointialue|välfärdsområde|wellbeing services county/.test(n)) return 'wellbeing_county';
  if (/\b(kunta|kaupunki|stad|kommun|municipality|city of)\b|kunta$|kaupunki$/.test(n)) return 'municipality';
  if (/\b(oy|oyj|ab|ltd)\b/.test(n)) return 'company';
  return 'ngo';
}

const firstEmail = (list: { value?: string | null }[] | null | undefined) =>
  (list ?? []).map((e) => e.value?.trim() ?? '').find((e) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e));

export function phoneNumber(p: PtvPhone): string | null {
  const n = (p.number ?? '').trim();
  if (!n) return null;
  const prefix = (p.prefixNumber ?? '').trim();
  return p.isFinnishServiceNumber || !prefix ? n : `${prefix} ${n.replace(/^0/, '')}`;
}

export function mapOrganization(o: PtvOrganization): OrganizationInput {
  const id = checkId(o.id);
  const name = cleanTranslated(translated(o.organizationNames, 'Name'));
  if (!Object.keys(name).length) throw new MappingError('organisation has no name in Finnish, Swedish or English');
  const code = o.municipality?.code ?? undefined;
  const web = (o.webPages ?? []).map((w) => w.url ?? w.value ?? '').find((u) => /^https?:\/\/\S+$/.test(u));
  const phone = (o.phoneNumbers ?? []).map(phoneNumber).find(Boolean);
  return {
    key: ptvKey(id),
    type: orgTypeOf(o.organizationType, name),
    name,
    description: cleanTranslated(translated(o.organizationDescriptions, 'Summary')),
    ...(firstEmail(o.emails) ? { email: firstEmail(o.emails) } : {}),
    ...(web ? { website: web } : {}),
    ...(phone ? { phone } : {}),
    ...(code && municipalityByCode(code) ? { municipalityCode: code } : {}),
    source: 'ptv',
  };
}

/** An organisation known only by a service's reference to it (id and one name). */
export function organizationFromRef(id: string, name: string): OrganizationInput {
  const n = { fi: name.trim() };
  return { key: ptvKey(id), type: orgTypeOf(null, n), name: n, source: 'ptv' };
}

// ---- Channels ----

export interface MappedChannel {
  id: string;
  type: string;
  organizationId: string | null;
  name: Translated;
  /** ServiceLocation only. */
  location?: LocationInput;
  phones: PhoneInput[];
  links: LinkInput[];
  emails: string[];
  hours: OpeningHours[];
  exceptions: HoursException[];
  mode: DeliveryMode | null;
  /** Service ids the channel names as connected. */
  serviceIds: string[];
}

const CHANNEL_TYPES = ['ServiceLocation', 'Phone', 'EChannel', 'WebPage', 'PrintableForm'] as const;
const LINK_KIND: Record<string, LinkInput['kind']> = {
  WebPage: 'web_page',
  EChannel: 'e_service',
  PrintableForm: 'printable_form',
};
const MODE: Record<string, DeliveryMode | null> = {
  ServiceLocation: 'in_person',
  Phone: 'phone',
  EChannel: 'online',
  WebPage: 'online',
  PrintableForm: null,
};

function links(list: (PtvWebPage[] | null | undefined)[], kind: LinkInput['kind']): LinkInput[] {
  const out: LinkInput[] = [];
  for (const w of list.flatMap((l) => l ?? [])) {
    const url = (w.url ?? (/^https?:\/\//.test(w.value ?? '') ? w.value : null) ?? '').trim();
    if (!url) continue;
    const label = w.url && w.value && isLang(w.language) ? { [w.language]: w.value.trim() } : {};
    if (!/^https?:\/\/\S+$/.test(url))
      throw new MappingError(`web address ${JSON.stringify(url)} is not an http(s) address`);
    const same = out.find((l) => l.url === url);
    if (same) {
      same.label = { ...label, ...same.label };
      continue;
    }
    out.push({ kind, url, label, ...(isLang(w.language) ? { lang: w.language } : {}) });
  }
  return out;
}

function hoursOf(c: PtvChannel): MappedHours {
  let mapped: MappedHours;
  try {
    mapped = mapServiceHours(c.serviceHours);
  } catch (e) {
    if (e instanceof HoursProblem) throw new MappingError(`service hours: ${e.message}`);
    throw e;
  }
  const problems = [...validateHours(mapped.hours, 'hours'), ...validateExceptions(mapped.exceptions, 'exceptions')];
  if (problems.length)
    throw new MappingError(`service hours: ${problems.map((p) => `${p.field} ${p.code}`).join(', ')}`);
  return mapped;
}

function accessibility(c: PtvChannel): Translated {
  const main =
    (c.addresses ?? []).flatMap((a) => a.entrances ?? []).find((e) => e.isMainEntrance) ??
    (c.addresses ?? []).flatMap((a) => a.entrances ?? [])[0];
  if (!main) return {};
  const out: Translated = {};
  for (const l of DIRECTORY_LANGS) {
    const parts = (main.accessibilitySentences ?? [])
      .map((g) => {
        const head = translated(g.sentenceGroup)[l];
        const body = (g.sentences ?? [])
          .map((s) => translated(s.sentence)[l])
          .filter(Boolean)
          .join(' ');
        return body ? (head ? `${head}: ${body}` : body) : '';
      })
      .filter(Boolean);
    if (parts.length) out[l] = parts.join('\n');
  }
  return out;
}

export function mapChannel(c: PtvChannel): MappedChannel {
  const id = checkId(c.id);
  const type = c.serviceChannelType ?? '';
  if (!(CHANNEL_TYPES as readonly string[]).includes(type))
    throw new MappingError(`unknown channel type ${JSON.stringify(c.serviceChannelType ?? null)}`);
  const name = cleanTranslated(translated(c.serviceChannelNames, 'Name'));
  if (!name.fi && !name.sv) throw new MappingError('channel has no name in Finnish or Swedish');
  const organizationId = c.organizationId ? checkId(c.organizationId) : null;
  const { hours, exceptions } = hoursOf(c);
  const phones: PhoneInput[] = (c.phoneNumbers ?? []).flatMap((p) => {
    const number = phoneNumber(p);
    if (!number) return [];
    const note =
      p.additionalInformation?.trim() && isLang(p.language)
        ? { [p.language]: p.additionalInformation.trim() }
        : type === 'Phone'
          ? name
          : {};
    return [{ number, note }];
  });
  const channelLinks =
    type === 'ServiceLocation' || type === 'Phone'
      ? links([c.webPages], 'web_page')
      : links([c.webPages, c.urls, c.channelUrls], LINK_KIND[type]!);
  const emails = (c.emails ?? []).map((e) => e.value?.trim() ?? '').filter((e) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e));
  const serviceIds = (c.services ?? [])
    .map((s) => s.service?.id)
    .filter((v): v is string => typeof v === 'string' && UUID_RE.test(v))
    .map((v) => v.toLowerCase());
  const out: MappedChannel = {
    id,
    type,
    organizationId,
    name,
    phones,
    links: channelLinks,
    emails,
    hours,
    exceptions,
    mode: MODE[type] ?? null,
    serviceIds,
  };
  if (type === 'ServiceLocation') {
    if (!organizationId) throw new MappingError('service location has no organisation (organizationId)');
    const addr = (c.addresses ?? []).find((a) => a.type === 'Location' || a.type === 'Visiting') ?? null;
    const street = addr?.streetAddress ?? null;
    let point = tm35ToWgs84(street?.latitude, street?.longitude);
    if (!point) {
      const entrance = (addr?.entrances ?? []).find((e) => e.isMainEntrance) ?? addr?.entrances?.[0];
      point = tm35ToWgs84(entrance?.coordinates?.latitude, entrance?.coordinates?.longitude);
    }
    if (point && 'error' in point) throw new MappingError(point.error);
    const streetNames = translated(street?.street);
    const streetText: Translated = {};
    for (const l of DIRECTORY_LANGS)
      if (streetNames[l])
        streetText[l] = `${streetNames[l]}${street?.streetNumber ? ` ${street.streetNumber.trim()}` : ''}`;
    const city: Translated = {};
    const po = translated(street?.postOffice);
    for (const l of DIRECTORY_LANGS) if (po[l]) city[l] = postOfficeName(po[l]!);
    const code = street?.municipality?.code ?? undefined;
    const postal = street?.postalCode?.trim();
    if (postal && !/^\d{5}$/.test(postal))
      throw new MappingError(`postal code ${JSON.stringify(postal)} is not five digits`);
    out.location = {
      key: ptvKey(id),
      organizationKey: ptvKey(organizationId),
      name,
      description: cleanTranslated(
        joined([
          translated(c.serviceChannelDescriptions, 'Summary'),
          translated(c.serviceChannelDescriptions, 'Description'),
        ]),
      ),
      street: streetText,
      ...(postal ? { postalCode: postal } : {}),
      city,
      ...(code && municipalityByCode(code) ? { municipalityCode: code } : {}),
      ...(point ? { lat: point.lat, lon: point.lon } : {}),
      accessibility: accessibility(c),
      hours,
      exceptions,
      links: channelLinks,
      source: 'ptv',
    };
  }
  return out;
}

// ---- Services ----

export interface TermRow {
  taxonomy_id: string;
  code: string;
  parent_code: string | null;
  name: Translated;
}

export interface ServiceMapping {
  input: ServiceInput;
  /** Taxonomy terms the service names that the directory may not have yet (added with the service). */
  terms: TermRow[];
  /** Municipality codes the service names outside the directory's municipalities (left out). */
  outsideAreas: string[];
  /** Channels the service names that are not known (neither in this import nor earlier). */
  missingChannels: string[];
}

export function mapAreas(
  areaType: string | null | undefined,
  areas: PtvArea[] | null | undefined,
): { areas: string[]; outside: string[] } {
  if (areaType === 'Nationwide' || areaType === 'NationwideExceptAlandIslands')
    return { areas: MUNICIPALITIES.map((m) => m.code), outside: [] };
  const codes = new Set<string>();
  for (const a of areas ?? []) {
    const listed = (a.municipalities ?? []).map((m) => m.code).filter((c): c is string => !!c);
    if (listed.length) listed.forEach((c) => codes.add(c));
    else if (a.type === 'Municipality' && a.code) codes.add(a.code);
  }
  const all = [...codes].map((c) => c.padStart(3, '0'));
  return { areas: all.filter((c) => municipalityByCode(c)), outside: all.filter((c) => !municipalityByCode(c)).sort() };
}

function fee(s: PtvService): Fee {
  switch (s.serviceChargeType) {
    case 'Free':
      return 'free';
    case 'Charged':
      return 'fee';
    case 'Other':
      return 'partly';
    default:
      return s.fundingType === 'MarketFunded' ? 'fee' : 'free';
  }
}

const termName = (t: PtvFintoItem) => cleanTranslated(translated(t.name));

function classify(
  items: PtvFintoItem[] | null | undefined,
  taxonomy: 'ptv-service-class' | 'ptv-target-group' | 'ptv-life-event' | 'ptv-ontology',
) {
  const known: string[] = [];
  const extra: TermRow[] = [];
  for (const t of items ?? []) {
    const code = (taxonomy === 'ptv-ontology' ? t.uri : (t.code ?? t.uri))?.trim();
    if (!code) continue;
    if ((taxonomy === 'ptv-service-class' || taxonomy === 'ptv-target-group') && isKnownCode(taxonomy, code)) {
      known.push(code);
      continue;
    }
    const name = termName(t);
    if (!Object.keys(name).length) continue;
    const parent = taxonomy === 'ptv-ontology' ? (t.parentUri?.split(';')[0] ?? null) : null;
    extra.push({ taxonomy_id: taxonomy, code, parent_code: parent, name });
  }
  return { known, extra };
}

export const termIdOf = (t: { taxonomy_id: string; code: string }) =>
  idFromKey('taxonomy_term', `${t.taxonomy_id}:${t.code}`);

/**
 * channels: the mapped channels connected to this service (from either side). orgKnown: whether an organisation
 * id is in the directory (or being added with this import).
 */
export function mapService(
  s: PtvService,
  channels: MappedChannel[],
  orgKnown: (id: string) => boolean,
  channelIdsNamed: string[] = [],
): ServiceMapping {
  const id = checkId(s.id);
  const name = cleanTranslated(translated(s.serviceNames, 'Name'));
  if (!name.fi && !name.sv) throw new MappingError('service has no name in Finnish or Swedish');
  const orgs = (s.organizations ?? []).map((o) => ({
    id: o.organization?.id,
    role: o.roleType,
    provision: o.provisionType,
  }));
  for (const o of orgs) if (o.id) checkId(o.id);
  const responsible =
    orgs.find((o) => o.role === 'Responsible' && o.id) ?? orgs.find((o) => o.role === 'Producer' && o.id);
  if (!responsible?.id) throw new MappingError('service has no responsible organisation');
  const unknown = [
    ...new Set(orgs.filter((o) => o.id && !orgKnown(o.id.toLowerCase())).map((o) => o.id!.toLowerCase())),
  ];
  if (unknown.length)
    throw new MappingError(`unknown organisation ${unknown.join(', ')} (not in the import and not in the directory)`);

  const { areas, outside } = mapAreas(s.areaType, s.areas);
  const languages = [...new Set((s.languages ?? []).filter(isLang))];
  if (!languages.length) languages.push(...(Object.keys(name) as Lang[]));
  const alternative = translated(s.serviceNames, 'AlternativeName');
  const keywords = valuesByLang(s.keywords);
  for (const l of DIRECTORY_LANGS)
    if (alternative[l] && !(keywords[l] ?? []).includes(alternative[l]!)) (keywords[l] ??= []).push(alternative[l]!);

  const classes = classify(s.serviceClasses, 'ptv-service-class');
  const groups = classify(s.targetGroups, 'ptv-target-group');
  const events = classify(s.lifeEvents, 'ptv-life-event');
  const ontology = classify(s.ontologyTerms, 'ptv-ontology');
  const terms = [...classes.extra, ...groups.extra, ...events.extra, ...ontology.extra];

  const byType = (t: string) => channels.filter((c) => c.type === t);
  const places = byType('ServiceLocation');
  const remote = [...byType('Phone'), ...byType('EChannel')];
  const modes = [...new Set(channels.map((c) => c.mode).filter((m): m is DeliveryMode => !!m))];
  const phones = [...byType('Phone'), ...places].flatMap((c) => c.phones);
  const serviceLinks = [
    ...byType('EChannel'),
    ...byType('WebPage'),
    ...byType('PrintableForm'),
    ...byType('Phone'),
  ].flatMap((c) => c.links);
  const url =
    serviceLinks.find((l) => l.kind === 'web_page' && l.lang === 'fi')?.url ??
    serviceLinks.find((l) => l.kind !== 'printable_form')?.url;
  const email = [...byType('EChannel'), ...byType('Phone'), ...places].flatMap((c) => c.emails)[0];
  const desc = (t: string) => translated(s.serviceDescriptions, t);
  const known = new Set(channels.map((c) => c.id));

  const input: ServiceInput = {
    key: ptvKey(id),
    organizationKey: ptvKey(responsible.id),
    status: 'active',
    name,
    summary: cleanTranslated(desc('Summary')),
    description: cleanTranslated(desc('Description')),
    keywords,
    ...(email ? { email } : {}),
    ...(url ? { url } : {}),
    languages,
    modes,
    fee: fee(s),
    feeNote: cleanTranslated(desc('ChargeTypeAdditionalInfo')),
    // PTV does not say whether a referral is needed: "by appointment" promises the least.
    access: 'appointment',
    accessNote: cleanTranslated(desc('UserInstruction')),
    areas,
    lifeSituations: [],
    serviceClasses: classes.known,
    targetGroups: groups.known,
    taxonomyTermIds: terms.map(termIdOf),
    phones: dedupe(phones, (p) => p.number),
    locationKeys: places.map((c) => ptvKey(c.id)).sort(),
    // A service's own hours only when it has no place: then its phone and e-service hours say when it is reachable.
    hours: places.length ? [] : remote.flatMap((c) => c.hours),
    exceptions: places.length ? [] : remote.flatMap((c) => c.exceptions),
    links: dedupe(serviceLinks, (l) => l.url),
    organizations: dedupe(
      orgs
        .filter((o) => o.id)
        .map((o) => ({
          organizationKey: ptvKey(o.id!),
          role:
            o.role === 'Producer'
              ? ('producer' as const)
              : o.role === 'OtherResponsible'
                ? ('other_responsible' as const)
                : ('responsible' as const),
          ...(o.provision ? { provisionType: o.provision } : {}),
        })),
      (o) => `${o.organizationKey}/${o.role}`,
    ),
    source: 'ptv',
  };
  return { input, terms, outsideAreas: outside, missingChannels: channelIdsNamed.filter((c) => !known.has(c)) };
}

function dedupe<T>(list: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return list.filter((t) => (seen.has(key(t)) ? false : (seen.add(key(t)), true)));
}

/** The channel ids a service record names (nothing from a list of the wrong shape). */
export function channelIdsOf(s: PtvService): string[] {
  return (Array.isArray(s.serviceChannels) ? s.serviceChannels : [])
    .map((c) => (c && typeof c === 'object' ? c.serviceChannel?.id : undefined))
    .filter((v): v is string => typeof v === 'string' && UUID_RE.test(v))
    .map((v) => v.toLowerCase());
}

/** Organisation references (id → name) a service record carries (none from a list of the wrong shape). */
export function organizationRefsOf(s: PtvService): Map<string, string> {
  const out = new Map<string, string>();
  for (const o of Array.isArray(s.organizations) ? s.organizations : []) {
    const id = o && typeof o === 'object' ? o.organization?.id : undefined;
    const name =
      o && typeof o === 'object' && typeof o.organization?.name === 'string' ? o.organization.name.trim() : '';
    if (typeof id === 'string' && UUID_RE.test(id) && name) out.set(id.toLowerCase(), name);
  }
  return out;
}
