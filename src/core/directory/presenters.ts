/** What leaves the server as JSON: chosen fields in one language, with the fallback made visible. */
import type { Translated, Lang } from '../shared/lang.js';
import { municipalityByCode } from '../places/municipalities.js';
import { localize, pick } from '../shared/translated.js';
import type { Hours, LocationDetail, ServiceCard, ServiceDetail } from './queries.js';

/** Text in the reader's language, or in another with that language named in `languages_of_text`. */
function texts<K extends string>(lang: Lang, fields: Record<K, Translated | null | undefined>) {
  const out = {} as Record<K, string | null>;
  const fallbacks: Record<string, Lang> = {};
  for (const [k, v] of Object.entries(fields) as [K, Translated | null | undefined][]) {
    const l = localize(v, lang);
    out[k] = l?.text ?? null;
    if (l?.fallback) fallbacks[k] = l.lang;
  }
  return { out, fallbacks };
}

const municipalityRef = (code: string, lang: Lang) => {
  const m = municipalityByCode(code);
  return { code, name: m ? (lang === 'sv' ? m.name.sv : m.name.fi) : code };
};

const hoursJson = (h: Hours, lang: Lang) => ({
  days: h.days,
  opens: h.opens,
  closes: h.closes,
  note: pick(h.note, lang) || null,
  valid_from: h.validFrom,
  valid_to: h.validTo,
});

export function presentServiceItem(c: ServiceCard, lang: Lang, baseUrl: string, distanceKm?: number | null) {
  const { out, fallbacks } = texts(lang, { name: c.name, summary: c.summary });
  return {
    id: c.id,
    name: out.name,
    summary: out.summary,
    organization: { id: c.organization.id, name: pick(c.organization.name, lang), type: c.organization.type },
    municipalities: c.areas.map((code) => municipalityRef(code, lang)),
    languages: c.languages,
    modes: c.modes,
    life_situations: c.lifeSituations,
    age_min: c.ageMin,
    age_max: c.ageMax,
    fee: c.fee,
    access: c.access,
    last_reviewed: c.lastReviewed,
    ...(distanceKm !== undefined ? { distance_km: distanceKm === null ? null : Math.round(distanceKm * 10) / 10 } : {}),
    ...(Object.keys(fallbacks).length ? { text_languages: fallbacks } : {}),
    web_url: `${baseUrl}/${lang}/services/${c.id}`,
  };
}

function presentLocation(l: LocationDetail, lang: Lang) {
  return {
    id: l.id,
    name: pick(l.name, lang),
    address: {
      street: pick(l.street, lang) || null,
      postal_code: l.postalCode,
      city: pick(l.city, lang) || null,
      municipality: l.municipalityCode ? municipalityRef(l.municipalityCode, lang) : null,
    },
    latitude: l.lat,
    longitude: l.lon,
    accessibility: pick(l.accessibility, lang) || null,
    hours: l.hours.map((h) => hoursJson(h, lang)),
  };
}

export function presentService(s: ServiceDetail, lang: Lang, baseUrl: string) {
  const item = presentServiceItem(s, lang, baseUrl);
  const { out, fallbacks } = texts(lang, {
    name: s.name,
    summary: s.summary,
    description: s.description,
    fee_note: s.feeNote,
    access_note: s.accessNote,
  });
  const org = s.organizationDetail;
  return {
    ...item,
    status: s.status,
    description: out.description,
    fee_note: out.fee_note,
    access_note: out.access_note,
    keywords: s.keywords[lang] ?? [],
    email: s.email,
    website: s.url,
    phones: s.phones.map((p) => ({ number: p.number, note: pick(p.note, lang) || null })),
    hours: s.hours.map((h) => hoursJson(h, lang)),
    locations: s.locations.map((l) => presentLocation(l, lang)),
    service_classes: s.serviceClasses.map((c) => ({ code: c.code, name: pick(c.name, lang) })),
    target_groups: s.targetGroups.map((c) => ({ code: c.code, name: pick(c.name, lang) })),
    organization: {
      id: org.id,
      name: pick(org.name, lang),
      type: org.type,
      website: org.website,
      email: org.email,
      phone: org.phone,
    },
    translations: { name: s.name, summary: s.summary, description: s.description },
    ...(Object.keys(fallbacks).length ? { text_languages: fallbacks } : {}),
    updated_at: s.updatedAt,
  };
}
