/**
 * The search form of the results page, read leniently: unknown parameters are ignored, bad values become form
 * errors beside their fields, and a typed place is looked up. The JSON API reads the same search strictly
 * (http/searchQuery.ts).
 */
import type { Kysely } from 'kysely';
import type { TFunction } from 'i18next';
import type { FormError } from '../../../web/components/forms.js';
import type { Lang } from '../../../core/shared/lang.js';
import type { DB } from '../../../db/schema.js';
import { isPoint, roundPoint, WITHIN_CHOICES_KM } from '../../../core/places/distance.js';
import { resolvePlace } from '../../../core/places/resolvePlace.js';
import type { SearchParams } from '../../../core/directory/search/searchServices.js';
import { DELIVERY_MODES, LIFE_SITUATIONS, ORG_TYPES } from '../../../core/directory/vocabulary.js';
import { municipalityByCode } from '../../../core/places/municipalities.js';
import { UUID_RE } from '../../../core/shared/ids.js';
import { municipalityCentreOf, postalArea, postalAreaLabel } from '../../../core/directory/search/postalAreas.js';
import { municipalityName } from '../../../web/format.js';
import type { NearInfo, SearchForm } from '../../../web/pages/SearchPage.js';

const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : []);
const only = (values: string[], allowed: readonly string[]) => values.filter((v) => allowed.includes(v));

/** Reads the search form leniently: unknown parameters are ignored, bad values become form errors. */
export function parseSearchForm(
  query: Record<string, unknown>,
  lang: Lang,
  t: TFunction,
): { form: SearchForm; errors: FormError[]; params: SearchParams } {
  const errors: FormError[] = [];
  const str = (k: string) => (typeof query[k] === 'string' ? (query[k] as string).trim() : '');
  const form: SearchForm = {
    q: str('q').slice(0, 200),
    municipality: asList(query.municipality).filter((c) => municipalityByCode(c)),
    life_situation: only(asList(query.life_situation), LIFE_SITUATIONS),
    language: only(asList(query.language), ['fi', 'sv', 'en']),
    org_type: only(asList(query.org_type), ORG_TYPES),
    mode: only(asList(query.mode), DELIVERY_MODES),
    age: str('age'),
    free: str('free') === 'true',
    open_now: str('open_now') === 'true',
    // `near` (a municipality code) is what earlier links carry: it becomes the typed place.
    place: str('place').slice(0, 100) || (municipalityByCode(str('near')) ? municipalityName(str('near'), lang) : ''),
    lat: '',
    lon: '',
    within_km: (WITHIN_CHOICES_KM as readonly number[]).includes(Number(str('within_km')))
      ? String(Number(str('within_km')))
      : '',
    organization: UUID_RE.test(str('organization')) ? str('organization') : '',
    noMine: str('mine') === '0',
    mine: '',
    sort: ['relevance', 'name', 'distance'].includes(str('sort')) ? str('sort') : '',
    page: Math.min(1000, Math.max(1, Number.parseInt(str('page'), 10) || 1)),
  };
  let age: number | undefined;
  if (form.age) {
    const n = Number(form.age);
    if (!/^\d{1,2}$/.test(form.age) || n > 29) errors.push({ field: 'age', message: t('filter.age_error') });
    else age = n;
  }
  // The browser's position (the "use my location" button), when no place is typed; rounded to about 100 m.
  const lat = Number(str('lat'));
  const lon = Number(str('lon'));
  let near: SearchParams['near'];
  if (!form.place && str('lat') && str('lon') && isPoint(lat, lon)) {
    near = roundPoint({ lat, lon });
    form.lat = String(near.lat);
    form.lon = String(near.lon);
  }
  return {
    form,
    errors,
    params: {
      q: form.q,
      lang,
      municipality: form.municipality,
      lifeSituation: form.life_situation,
      language: form.language,
      orgType: form.org_type,
      mode: form.mode,
      age,
      free: form.free || undefined,
      openNow: form.open_now || undefined,
      near,
      withinKm: form.within_km ? Number(form.within_km) : undefined,
      sort: (form.sort || undefined) as SearchParams['sort'],
      page: form.page,
      perPage: 20,
      organizationId: form.organization || undefined,
    },
  };
}

/**
 * parseSearchForm, with the typed place looked up (postal code, municipality, locality). An unknown place or a
 * distance limit without a point is a form error beside its field; what was typed stays.
 */
export async function readSearchForm(
  db: Kysely<DB>,
  query: Record<string, unknown>,
  lang: Lang,
  t: TFunction,
  myMunicipality: string | null = null,
): Promise<ReturnType<typeof parseSearchForm> & { near: NearInfo | null }> {
  const parsed = parseSearchForm(query, lang, t);
  const { form, errors, params } = parsed;
  // "My municipality" (a functional cookie) filters by default, unless this search chose otherwise.
  if (myMunicipality && municipalityByCode(myMunicipality) && !form.municipality.length && !form.noMine) {
    form.municipality = [myMunicipality];
    form.mine = myMunicipality;
    params.municipality = [myMunicipality];
  }
  let near: NearInfo | null = params.near ? { label: null } : null;
  if (form.place) {
    const place = await resolvePlace(db, form.place);
    const code = /^(\d{5})(?:\s|,|$)/.exec(form.place)?.[1];
    const area = code ? postalArea(code) : null;
    const centre = area ? municipalityCentreOf(area) : null;
    if (place) {
      params.near = place.point;
      near = {
        label: area && place.kind === 'postal_code' ? postalAreaLabel(area) : place.label,
        kind: place.kind,
        source: place.source,
        municipality: place.municipalityCode ?? area?.municipalityCode ?? null,
      };
    } else if (area && centre) {
      // A postal code none of the directory's addresses has: its municipality's centre, and the page says so.
      params.near = centre;
      near = {
        label: postalAreaLabel(area),
        kind: 'postal_code',
        source: 'municipality_centre',
        municipality: area.municipalityCode,
      };
    } else {
      errors.push({ field: 'place', message: t('map.near.unknown_place', { value: form.place }) });
    }
  }
  if (params.withinKm !== undefined && !params.near) {
    if (!form.place) errors.push({ field: 'within_km', message: t('map.near.within_needs_point') });
    params.withinKm = undefined;
  }
  // Measuring from somewhere means nearest first, unless the reader chose another order while it was measured
  // (had_point: the form was already showing distances; the order in the form was then a choice, not a default).
  if (params.near && (!form.sort || query.had_point !== '1')) {
    params.sort = 'distance';
    if (form.sort) form.sort = 'distance';
  }
  return { ...parsed, near };
}

/** The results page's map data: the same search as GeoJSON (the point as coordinates, already looked up). */
export function geojsonHref(p: SearchParams): string {
  const q = new URLSearchParams();
  if (p.q) q.set('q', p.q);
  const lists: [string, string[] | undefined][] = [
    ['municipality', p.municipality],
    ['life_situation', p.lifeSituation],
    ['language', p.language],
    ['org_type', p.orgType],
    ['mode', p.mode],
  ];
  for (const [k, vs] of lists) for (const v of vs ?? []) q.append(k, v);
  if (p.age !== undefined) q.set('age', String(p.age));
  if (p.free) q.set('free', 'true');
  if (p.openNow) q.set('open_now', 'true');
  if (p.organizationId) q.set('organization', p.organizationId);
  if (p.near) {
    q.set('lat', String(Math.round(p.near.lat * 1e5) / 1e5));
    q.set('lon', String(Math.round(p.near.lon * 1e5) / 1e5));
    if (p.withinKm !== undefined) q.set('within_km', String(p.withinKm));
  }
  q.set('lang', p.lang);
  return `/api/v1/locations.geojson?${q.toString()}`;
}
