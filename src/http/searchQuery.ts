/**
 * The search parameters as they arrive over HTTP (API and pages share them), and their conversion to the
 * core's SearchParams. Checks that a schema cannot express (known municipality, lat with lon) live here.
 */
import { Type, type Static } from 'typebox';
import { MUNICIPALITIES, municipalityByCode } from '../core/places/municipalities.js';
import type { SearchParams } from '../core/directory/search/searchServices.js';
import { DELIVERY_MODES, LIFE_SITUATIONS, ORG_TYPES, type Lang } from '../core/directory/vocabulary.js';
import { badRequest } from './errors.js';

const list = (values: string[]) => Type.Array(Type.Union(values.map((v) => Type.Literal(v))), { maxItems: 30 });

export const SearchQuerySchema = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Words in any language: Finnish, Swedish or English.' })),
  lang: Type.Optional(Type.Union([Type.Literal('fi'), Type.Literal('sv'), Type.Literal('en')], { description: 'Language of the texts in the answer (default fi, or Accept-Language).' })),
  municipality: Type.Optional(Type.Array(Type.String({ pattern: '^\\d{3}$' }), { maxItems: 30, description: 'Municipality code(s); a service counts if its area covers the municipality.' })),
  language: Type.Optional(list(['fi', 'sv', 'en'])),
  age: Type.Optional(Type.Integer({ minimum: 0, maximum: 29, description: "The child's or young person's age in years." })),
  life_situation: Type.Optional(list([...LIFE_SITUATIONS])),
  org_type: Type.Optional(list([...ORG_TYPES])),
  mode: Type.Optional(list([...DELIVERY_MODES])),
  free: Type.Optional(Type.Boolean()),
  open_now: Type.Optional(Type.Boolean()),
  lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
  lon: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
  sort: Type.Optional(Type.Union([Type.Literal('relevance'), Type.Literal('name'), Type.Literal('distance')])),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 1 })),
  per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
}, { additionalProperties: false });
export type SearchQuery = Static<typeof SearchQuerySchema>;

export const KNOWN_MUNICIPALITY_CODES = MUNICIPALITIES.map((m) => m.code);

export function toSearchParams(q: SearchQuery, lang: Lang): SearchParams {
  for (const code of q.municipality ?? []) if (!municipalityByCode(code)) throw badRequest('unknown_municipality', { value: code });
  if ((q.lat === undefined) !== (q.lon === undefined)) throw badRequest('lat_lon_pair');
  if (q.sort === 'distance' && q.lat === undefined) throw badRequest('distance_needs_point');
  return {
    q: q.q,
    lang,
    municipality: q.municipality,
    language: q.language,
    age: q.age,
    lifeSituation: q.life_situation,
    orgType: q.org_type,
    mode: q.mode,
    free: q.free,
    openNow: q.open_now,
    near: q.lat !== undefined && q.lon !== undefined ? { lat: q.lat, lon: q.lon } : undefined,
    sort: q.sort,
    page: q.page,
    perPage: q.per_page,
  };
}
