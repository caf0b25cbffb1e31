/**
 * Directory rows → HSDS 3.0 objects, in one language. HSDS has no translated fields: each text is given in the
 * reader's language, or in another (Finnish and Swedish standing in for each other first) named in the extra
 * property `text_languages`; full records also carry every language in `translations`. A field with no text in any
 * language is left out (HSDS types text as string: never null, never ""). docs/hsds-profile.md describes it all.
 */
import type { Translated, Lang } from '../shared/lang.js';
import { municipalityByCode } from '../places/municipalities.js';
import { localize } from '../shared/translated.js';
import { termId, type TaxonomyId } from '../directory/taxonomies.js';
import { vocabularyLabel } from '../directory/vocabulary.js';
import { tFor } from '../../i18n/index.js';
import {
  addressId,
  attributeId,
  contactPhoneId,
  costOptionId,
  hsdsTaxonomyId,
  organizationPhoneId,
  serviceAreaId,
  serviceLanguageId,
} from './ids.js';
import type {
  ContactRow,
  ExceptionRow,
  LinkRow,
  LocationBundle,
  OrganizationBundle,
  OrganizationRow,
  PhoneRow,
  ScheduleRow,
  ServiceBundle,
  ServiceRow,
  TaxonomyRow,
  TermRow,
} from './records.js';

export type Json = Record<string, unknown>;

export interface PresentContext {
  lang: Lang;
  /** PUBLIC_URL: links to the directory's own pages and API. */
  baseUrl: string;
  /** Full records carry every language of their texts in `translations`. */
  translations: boolean;
  taxonomies: Map<string, TaxonomyRow>;
}

/** Drops undefined and null values: HSDS leaves out what it does not know. */
function compact(o: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== null) out[k] = v;
  return out;
}

const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();
const isoDate = (d: Date | string | null) =>
  d === null ? undefined : typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10);
const uri = (v: string | null | undefined) => (v && /^https?:\/\//i.test(v) && URL.canParse(v) ? v : undefined);
const email = (v: string | null | undefined) => (v && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) ? v : undefined);
const hhmm = (t: string) => (t.startsWith('23:59:59') ? '24:00' : t.slice(0, 5));

/**
 * The texts of one object in the reader's language: values, and the extra properties that say which fell back
 * (`text_languages`) and, for full records, every language (`translations`).
 */
function texts(
  ctx: PresentContext,
  fields: Record<string, Translated | null | undefined>,
): { values: Record<string, string | undefined>; extra: Json } {
  const values: Record<string, string | undefined> = {};
  const fallbacks: Record<string, Lang> = {};
  const all: Record<string, Translated> = {};
  for (const [k, t] of Object.entries(fields)) {
    const l = localize(t, ctx.lang);
    values[k] = l?.text;
    if (l?.fallback) fallbacks[k] = l.lang;
    if (t && Object.keys(t).length) all[k] = t;
  }
  return {
    values,
    extra: {
      ...(Object.keys(fallbacks).length ? { text_languages: fallbacks } : {}),
      ...(ctx.translations && Object.keys(all).length ? { translations: all } : {}),
    },
  };
}

const t = (ctx: PresentContext) => tFor(ctx.lang);
const municipalityName = (code: string, lang: Lang) => {
  const m = municipalityByCode(code);
  return m ? (lang === 'sv' ? m.name.sv : m.name.fi) : code;
};
const languageName = (code: string, lang: Lang) => {
  try {
    return new Intl.DisplayNames([lang], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
};

function schedule(ctx: PresentContext, s: ScheduleRow, link: Json): Json {
  const { values, extra } = texts(ctx, { description: s.description });
  return compact({
    id: s.id,
    ...link,
    freq: 'WEEKLY',
    wkst: 'MO',
    byday: s.byday.join(','),
    opens_at: hhmm(s.opens_at),
    closes_at: hhmm(s.closes_at),
    valid_from: isoDate(s.valid_from),
    valid_to: isoDate(s.valid_to),
    description: values.description,
    // Extra: opening hours are local time in Finland (HSDS's numeric UTC offset cannot follow summer time).
    tzid: 'Europe/Helsinki',
    ...extra,
  });
}

/**
 * A dated exception to the weekly hours (a holiday, exceptional hours) as a schedule valid on those dates only.
 * HSDS has no "closed" flag: the extras `exception: true` and `closed` say what it is; a closed one has no hours.
 */
function exceptionSchedule(ctx: PresentContext, x: ExceptionRow, link: Json): Json {
  const { values, extra } = texts(ctx, { description: x.description });
  return compact({
    id: x.id,
    ...link,
    valid_from: isoDate(x.valid_from),
    valid_to: isoDate(x.valid_to),
    dtstart: isoDate(x.valid_from),
    until: isoDate(x.valid_to),
    opens_at: !x.closed && x.opens_at ? hhmm(x.opens_at) : undefined,
    closes_at: !x.closed && x.closes_at ? hhmm(x.closes_at) : undefined,
    description: values.description,
    tzid: 'Europe/Helsinki',
    exception: true,
    closed: x.closed,
    ...extra,
  });
}

/** Extra `links`: web pages, e-services and printable forms beyond HSDS's one url. */
function links(ctx: PresentContext, rows: LinkRow[]): Json[] | undefined {
  const out = rows.flatMap((l) => {
    const url = uri(l.url);
    if (!url) return [];
    const { values, extra } = texts(ctx, { label: l.label });
    return [compact({ kind: l.kind, url, label: values.label, language: l.lang ?? undefined, ...extra })];
  });
  return out.length ? out : undefined;
}

function phone(ctx: PresentContext, p: PhoneRow): Json {
  const { values, extra } = texts(ctx, { description: p.description });
  return compact({
    id: p.id,
    service_id: p.service_id,
    location_id: p.location_id,
    organization_id: p.organization_id,
    number: p.number,
    type: 'voice',
    description: values.description,
    ...extra,
  });
}

function contact(ctx: PresentContext, c: ContactRow): Json {
  const { values, extra } = texts(ctx, { title: c.title });
  return compact({
    id: c.id,
    service_id: c.service_id,
    organization_id: c.organization_id,
    name: c.name ?? undefined,
    title: values.title,
    email: email(c.email),
    phones: c.phone ? [{ id: contactPhoneId(c.id), contact_id: c.id, number: c.phone, type: 'voice' }] : undefined,
    ...extra,
  });
}

export function presentTaxonomy(ctx: PresentContext, tx: TaxonomyRow): Json {
  const description: Translated = { ...tx.description };
  for (const l of ['fi', 'sv', 'en'] as const) description[l] ??= tFor(l)(`hsds.taxonomy.${tx.id}.description`);
  const { values, extra } = texts(ctx, { name: tx.name, description });
  const id = hsdsTaxonomyId(tx.id);
  return compact({
    id,
    name: values.name ?? tx.id,
    description: values.description ?? values.name ?? tx.id,
    // Our own taxonomy has no published code list: its URI is its HSDS record here.
    uri: tx.id === 'life-situation' ? `${ctx.baseUrl}/hsds/taxonomies/${id}` : uri(tx.uri),
    version: tx.version ?? undefined,
    // Extra: the directory's own name for it (also accepted as taxonomy_id).
    code: tx.id,
    ...extra,
  });
}

export function presentTaxonomyTerm(ctx: PresentContext, term: TermRow): Json {
  const tx = ctx.taxonomies.get(term.taxonomy_id);
  const { values, extra } = texts(ctx, { name: term.name, description: term.description });
  const name = values.name ?? term.code;
  const l = localize(term.name, ctx.lang);
  const termUri =
    term.taxonomy_id === 'life-situation'
      ? `${ctx.baseUrl}/${ctx.lang}/search?life_situation=${encodeURIComponent(term.code)}`
      : /^https?:\/\//.test(term.code)
        ? uri(term.code) // ontology terms are named by their URI
        : tx?.uri
          ? uri(`${tx.uri}/code/${encodeURIComponent(term.code)}`)
          : undefined;
  return compact({
    id: term.id,
    code: term.code,
    name,
    description: values.description ?? name,
    parent_id: term.parent_code ? termId(term.taxonomy_id as TaxonomyId, term.parent_code) : undefined,
    taxonomy: tx ? (uri(tx.uri) ?? tx.id) : term.taxonomy_id,
    taxonomy_detail: tx ? presentTaxonomy({ ...ctx, translations: false }, tx) : undefined,
    language: l?.lang,
    taxonomy_id: hsdsTaxonomyId(term.taxonomy_id),
    term_uri: termUri,
    ...extra,
  });
}

/** How the directory's taxonomies attach to a service (attribute.link_type). */
const LINK_TYPES: Record<string, string> = {
  'life-situation': 'life_situation',
  'ptv-service-class': 'service_class',
  'ptv-target-group': 'target_group',
  'ptv-life-event': 'life_event',
  'ptv-ontology': 'ontology_term',
};

/** The one-to-one fields of an organisation (list item, and the nested organisation of a service). */
export function presentOrganizationItem(ctx: PresentContext, o: OrganizationRow): Json {
  const { values, extra } = texts(ctx, { name: o.name, description: o.description });
  const name = values.name ?? o.key;
  const generated = t(ctx)('hsds.organization.description', {
    type: vocabularyLabel('org_type', o.type)[ctx.lang],
    municipality: o.municipality_code ? municipalityName(o.municipality_code, ctx.lang) : '',
  }).replace(/, $/, '');
  return compact({
    id: o.id,
    name,
    description: values.description ?? generated,
    email: email(o.email),
    website: uri(o.website),
    // Extras: the kind of provider and its home municipality (Statistics Finland code).
    organization_type: o.type,
    municipality_code: o.municipality_code ?? undefined,
    ...extra,
  });
}

export function presentLocation(ctx: PresentContext, b: LocationBundle): Json {
  const l = b.row;
  const { values, extra } = texts(ctx, { name: l.name, description: l.description, street: l.street, city: l.city });
  const city = values.city ?? (l.municipality_code ? municipalityName(l.municipality_code, ctx.lang) : undefined);
  const address =
    values.street && l.postal_code && city
      ? [
          {
            id: addressId(l.id),
            location_id: l.id,
            address_1: values.street,
            city,
            state_province: t(ctx)('hsds.state_province'),
            postal_code: l.postal_code,
            country: 'FI',
            address_type: 'physical',
          },
        ]
      : undefined;
  return compact({
    id: l.id,
    location_type: 'physical',
    organization_id: l.organization_id,
    name: values.name,
    description: values.description,
    latitude: l.lat ?? undefined,
    longitude: l.lon ?? undefined,
    addresses: address,
    phones: b.phones.length ? b.phones.map((p) => phone(ctx, p)) : undefined,
    schedules:
      b.schedules.length || b.exceptions.length
        ? [
            ...b.schedules.map((s) => schedule(ctx, s, { location_id: l.id })),
            ...b.exceptions.map((x) => exceptionSchedule(ctx, x, { location_id: l.id })),
          ]
        : undefined,
    accessibility: b.accessibility.length
      ? b.accessibility.map((a) => {
          const x = texts(ctx, { description: a.description });
          return compact({
            id: a.id,
            location_id: l.id,
            description: x.values.description,
            url: uri(a.url),
            ...x.extra,
          });
        })
      : undefined,
    // Extras: the municipality the place is in (Statistics Finland code), the place's web links.
    municipality_code: l.municipality_code ?? undefined,
    links: links(ctx, b.links),
    ...extra,
  });
}

/** The one-to-one fields of a service (list item), with its organisation. */
export function presentServiceItem(ctx: PresentContext, s: ServiceRow, org: OrganizationRow): Json {
  const { values, extra } = texts(ctx, {
    name: s.name,
    summary: s.summary,
    description: s.description,
    access_note: s.access_note,
    fee_note: s.fee_note,
  });
  const label = (kind: 'access' | 'fee', code: string) => vocabularyLabel(kind, code)[ctx.lang];
  const join = (...parts: (string | undefined)[]) =>
    parts
      .filter(Boolean)
      .map((p) => p!.replace(/[.\s]+$/, ''))
      .join('. ') + '.';
  const age =
    s.age_min !== null && s.age_max !== null
      ? t(ctx)('hsds.age.range', { min: s.age_min, max: s.age_max })
      : s.age_min !== null
        ? t(ctx)('hsds.age.min', { min: s.age_min })
        : s.age_max !== null
          ? t(ctx)('hsds.age.max', { max: s.age_max })
          : undefined;
  const { access_note: _a, fee_note: _f, ...fallbacks } = (extra.text_languages ?? {}) as Record<string, Lang>;
  const textLanguages: Record<string, Lang> = {
    ...fallbacks,
    ...(_a ? { application_process: _a } : {}),
    ...(_f ? { fees_description: _f } : {}),
  };
  // A description standing in from the summary is in the summary's language.
  if (values.description === undefined && fallbacks.summary) textLanguages.description = fallbacks.summary;
  return compact({
    id: s.id,
    organization_id: s.organization_id,
    name: values.name ?? s.key,
    description: values.description ?? values.summary,
    url: uri(s.url),
    email: email(s.email),
    status: s.status,
    application_process: join(label('access', s.access), values.access_note),
    fees_description: join(label('fee', s.fee), values.fee_note),
    eligibility_description: age,
    minimum_age: s.age_min ?? undefined,
    maximum_age: s.age_max ?? undefined,
    assured_date: isoDate(s.last_reviewed),
    last_modified: iso(s.updated_at),
    organization: presentOrganizationItem({ ...ctx, translations: false }, org),
    // Extras: the one-sentence summary, how the service is given (codes), and its page in the directory.
    summary: values.summary,
    delivery_modes: s.modes,
    web_url: `${ctx.baseUrl}/${ctx.lang}/services/${s.id}`,
    ...(Object.keys(textLanguages).length ? { text_languages: textLanguages } : {}),
    ...(extra.translations ? { translations: extra.translations } : {}),
  });
}

/** What `minimal=true` lists: the id and the time of the last change (plus what the list schema requires). */
export function presentServiceMinimal(
  s: Pick<ServiceRow, 'id' | 'key' | 'name' | 'status' | 'updated_at'>,
  lang: Lang,
): Json {
  return { id: s.id, name: localize(s.name, lang)?.text ?? s.key, status: s.status, last_modified: iso(s.updated_at) };
}

export function presentService(ctx: PresentContext, b: ServiceBundle): Json {
  const s = b.row;
  const item = presentServiceItem(ctx, s, b.organization);
  const freeAmount = s.fee === 'free' ? { amount: 0, currency: 'EUR' } : {};
  const feeText = texts(ctx, { note: s.fee_note });
  return compact({
    ...item,
    phones: b.phones.map((p) => phone(ctx, p)),
    url: item.url ?? b.links.map((l) => (l.kind === 'web_page' ? uri(l.url) : undefined)).find(Boolean),
    schedules: [
      ...b.schedules.map((x) => schedule(ctx, x, { service_id: s.id })),
      ...b.exceptions.map((x) => exceptionSchedule(ctx, x, { service_id: s.id })),
    ],
    links: links(ctx, b.links),
    service_areas: b.areas.map((code) => ({
      id: serviceAreaId(s.id, code),
      service_id: s.id,
      name: municipalityName(code, ctx.lang),
      // Extra: the municipality served (Statistics Finland code).
      municipality_code: code,
    })),
    service_at_locations: b.serviceAtLocations.map((sl) => ({
      id: sl.id,
      service_id: s.id,
      location_id: sl.location.row.id,
      location: presentLocation(ctx, sl.location),
    })),
    languages: s.languages.map((code) => ({
      id: serviceLanguageId(s.id, code),
      service_id: s.id,
      name: languageName(code, ctx.lang),
      code,
    })),
    cost_options: [
      compact({
        id: costOptionId(s.id),
        service_id: s.id,
        option: vocabularyLabel('fee', s.fee)[ctx.lang],
        amount_description: feeText.values.note,
        ...freeAmount,
        // Extra: the directory's code (free, fee, partly).
        fee: s.fee,
      }),
    ],
    contacts: b.contacts.map((c) => contact(ctx, c)),
    attributes: b.terms.map((term) => ({
      id: attributeId(s.id, term.id),
      link_id: s.id,
      link_type: LINK_TYPES[term.taxonomy_id] ?? term.taxonomy_id,
      link_entity: 'service',
      taxonomy_term_id: term.id,
      taxonomy_term: presentTaxonomyTerm({ ...ctx, translations: false }, term),
    })),
  });
}

export function presentOrganization(ctx: PresentContext, b: OrganizationBundle, services: Json[]): Json {
  const o = b.row;
  return compact({
    ...presentOrganizationItem(ctx, o),
    phones: o.phone ? [{ id: organizationPhoneId(o.id), organization_id: o.id, number: o.phone, type: 'voice' }] : [],
    contacts: b.contacts.map((c) => contact(ctx, c)),
    locations: b.locations.map((l) => presentLocation(ctx, l)),
    // Extra (as in the HSDS example of a full organisation): its published services.
    services,
  });
}

export function presentServiceAtLocationItem(
  ctx: PresentContext,
  id: string,
  service: Json,
  location: LocationBundle,
): Json {
  return {
    id,
    service_id: service.id,
    location_id: location.row.id,
    location: presentLocation(
      { ...ctx, translations: false },
      { ...location, phones: [], schedules: [], exceptions: [], links: [], accessibility: [] },
    ),
    service,
  };
}

export function presentServiceAtLocation(
  ctx: PresentContext,
  id: string,
  service: Json,
  location: LocationBundle,
): Json {
  // The place's phones and hours are in its location record (the directory keeps them per place, not per pair).
  return {
    id,
    service_id: service.id,
    location_id: location.row.id,
    location: presentLocation(ctx, location),
    service,
  };
}
