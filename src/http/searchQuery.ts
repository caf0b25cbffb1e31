/**
 * The search parameters as they arrive over HTTP (API and pages share them), and their conversion to the
 * core's SearchParams. Checks that a schema cannot express (known municipality, lat with lon) live here.
 */
import type { Lang } from '../core/shared/lang.js';
import type { Kysely } from 'kysely';
import { Type, type Static } from 'typebox';
import type { DB } from '../db/schema.js';
import { MAX_WITHIN_KM } from '../core/places/distance.js';
import { MUNICIPALITIES, municipalityByCode } from '../core/places/municipalities.js';
import { resolvePlace, type ResolvedPlace } from '../core/places/resolvePlace.js';
import type { SearchParams } from '../core/directory/search/searchServices.js';
import { DELIVERY_MODES, LIFE_SITUATIONS, ORG_TYPES } from '../core/directory/vocabulary.js';
import { badRequest } from './errors.js';

const list = (values: string[]) => Type.Array(Type.Union(values.map((v) => Type.Literal(v))), { maxItems: 30 });

export const SearchQuerySchema = Type.Object(
  {
    q: Type.Optional(
      Type.String({ maxLength: 200, description: 'Words in any language: Finnish, Swedish or English.' }),
    ),
    lang: Type.Optional(
      Type.Union([Type.Literal('fi'), Type.Literal('sv'), Type.Literal('en')], {
        description: 'Language of the texts in the answer (default fi, or Accept-Language).',
      }),
    ),
    municipality: Type.Optional(
      Type.Array(Type.String({ pattern: '^\\d{3}$' }), {
        maxItems: 30,
        description: 'Municipality code(s); a service counts if its area covers the municipality.',
      }),
    ),
    language: Type.Optional(list(['fi', 'sv', 'en'])),
    age: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 29, description: "The child's or young person's age in years." }),
    ),
    life_situation: Type.Optional(list([...LIFE_SITUATIONS])),
    org_type: Type.Optional(list([...ORG_TYPES])),
    mode: Type.Optional(list([...DELIVERY_MODES])),
    free: Type.Optional(Type.Boolean()),
    open_now: Type.Optional(Type.Boolean()),
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    lon: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    place: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description:
          "Distances from a place instead of lat/lon: a postal code (07500), a municipality code (018) or name in Finnish or Swedish (Porvoo, Borgå), or a locality named in the directory's addresses (Ekenäs). Unknown places are a 400.",
      }),
    ),
    within_km: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: MAX_WITHIN_KM,
        description:
          'Only services with a place at most this many kilometres from the point (lat/lon or place); services without a place drop out.',
      }),
    ),
    organization: Type.Optional(
      Type.String({ format: 'uuid', description: 'Only the services of this organisation.' }),
    ),
    sort: Type.Optional(Type.Union([Type.Literal('relevance'), Type.Literal('name'), Type.Literal('distance')])),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 1 })),
    per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);
export type SearchQuery = Static<typeof SearchQuerySchema>;

export const KNOWN_MUNICIPALITY_CODES = MUNICIPALITIES.map((m) => m.code);

export function toSearchParams(q: SearchQuery, lang: Lang): SearchParams {
  for (const code of q.municipality ?? [])
    if (!municipalityByCode(code)) throw badRequest('unknown_municipality', { value: code });
  if ((q.lat === undefined) !== (q.lon === undefined)) throw badRequest('lat_lon_pair');
  if (q.place !== undefined && q.lat !== undefined) throw badRequest('place_or_point');
  const hasPoint = q.lat !== undefined || q.place !== undefined;
  if (q.sort === 'distance' && !hasPoint) throw badRequest('distance_needs_point');
  if (q.within_km !== undefined && !hasPoint) throw badRequest('within_needs_point');
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
    withinKm: q.within_km,
    sort: q.sort,
    page: q.page,
    perPage: q.per_page,
    organizationId: q.organization,
  };
}

/** toSearchParams, with `place` looked up (postal code, municipality or locality → its point); unknown → 400. */
export async function searchParamsFrom(
  db: Kysely<DB>,
  q: SearchQuery,
  lang: Lang,
): Promise<{ params: SearchParams; place: ResolvedPlace | null }> {
  const params = toSearchParams(q, lang);
  if (q.place === undefined) return { params, place: null };
  const place = await resolvePlace(db, q.place);
  if (!place) throw badRequest('unknown_place', { value: q.place });
  return { params: { ...params, near: place.point }, place };
}
