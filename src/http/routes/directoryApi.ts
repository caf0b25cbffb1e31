/**
 * JSON API of the service directory: GET /api/v1/services, /api/v1/services/{id}, /api/v1/locations.geojson,
 * OpenAPI document.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { GEOJSON_DEFAULT_LIMIT, searchLocationsGeojson } from '../../core/directory/locationsGeojson.js';
import { presentService, presentServiceItem } from '../../core/directory/presenters.js';
import { getService, serviceCards } from '../../core/directory/queries.js';
import { MAX_MATCHING, searchServices } from '../../core/directory/search/searchServices.js';
import { notFound, requestLang } from '../errors.js';
import { ServiceListSchema, ServiceSchema } from '../schemas/directory.js';
import { ErrorSchema } from '../schemas/common.js';
import { SearchQuerySchema, searchParamsFrom } from '../searchQuery.js';

const { page: _page, per_page: _perPage, sort: _sort, ...filterParams } = SearchQuerySchema.properties;

/** The search's parameters, without paging and order (the set is what counts), and how many services at most. */
const LocationsQuerySchema = Type.Object(
  {
    ...filterParams,
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_MATCHING,
        default: GEOJSON_DEFAULT_LIMIT,
        description:
          'At most this many services (nearest first with a point, else by name); `truncated` says when more match.',
      }),
    ),
  },
  { additionalProperties: false },
);

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const LocationFeatureSchema = Type.Object({
  type: Type.Literal('Feature'),
  id: Type.String(),
  geometry: Type.Object({
    type: Type.Literal('Point'),
    coordinates: Type.Array(Type.Number(), {
      minItems: 2,
      maxItems: 2,
      description: '[longitude, latitude], WGS84 (RFC 7946).',
    }),
  }),
  properties: Type.Object({
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    name_lang: Type.String({
      description: 'The language `name` is in: another than asked for when no text exists in that language.',
    }),
    address: Type.Object({
      street: Nullable(Type.String()),
      postal_code: Nullable(Type.String()),
      city: Nullable(Type.String()),
    }),
    municipality: Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()]),
    service_ids: Type.Array(Type.String({ format: 'uuid' })),
    services: Type.Array(
      Type.Object({
        id: Type.String({ format: 'uuid' }),
        name: Type.String(),
        name_lang: Type.String(),
        url: Type.String(),
      }),
    ),
    url: Type.String({ description: 'The page of the first of the services.' }),
    distance_km: Type.Optional(Type.Number({ description: 'From the point given (lat/lon or place).' })),
  }),
});
const LocationsSchema = Type.Object(
  {
    type: Type.Literal('FeatureCollection'),
    features: Type.Array(LocationFeatureSchema),
    total_services: Type.Integer({ description: 'Services matching the search.' }),
    services_included: Type.Integer({ description: 'Services whose places are in this answer.' }),
    truncated: Type.Boolean(),
    corrected_query: Nullable(Type.String()),
  },
  { description: 'GeoJSON FeatureCollection (RFC 7946); the counts are foreign members.' },
);

export async function directoryApiRoutes(appBase: FastifyInstance): Promise<void> {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/services',
    {
      schema: {
        tags: ['services'],
        summary: 'Search services',
        description: 'Full-text search in Finnish, Swedish and English with filters and facet counts.',
        querystring: SearchQuerySchema,
        response: { 200: ServiceListSchema, 400: ErrorSchema },
      },
    },
    async (req) => {
      const lang = requestLang(req);
      const { params } = await searchParamsFrom(app.database.db, req.query, lang);
      const result = await searchServices(app.database.db, params);
      const cards = await serviceCards(
        app.database.db,
        result.hits.map((h) => h.id),
      );
      const base = app.config.publicUrl;
      return {
        total: result.total,
        page: result.page,
        per_page: result.perPage,
        sort: result.sort,
        corrected_query: result.correctedQuery,
        items: cards.map((c, i) =>
          presentServiceItem(c, lang, base, params.near ? result.hits[i]!.distanceKm : undefined),
        ),
        facets: result.facets,
      };
    },
  );

  app.get(
    '/services/:id',
    {
      schema: {
        tags: ['services'],
        summary: 'One service',
        params: Type.Object({ id: Type.String() }),
        querystring: Type.Object(
          { lang: Type.Optional(Type.Union([Type.Literal('fi'), Type.Literal('sv'), Type.Literal('en')])) },
          { additionalProperties: false },
        ),
        response: { 200: ServiceSchema, 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (req) => {
      const lang = requestLang(req);
      const s = await getService(app.database.db, req.params.id);
      if (!s || s.status !== 'active') throw notFound('service_not_found');
      return presentService(s, lang, app.config.publicUrl);
    },
  );

  app.get(
    '/locations.geojson',
    {
      schema: {
        tags: ['services'],
        summary: 'Places of the matching services as GeoJSON',
        description:
          'The same words and filters as /services; one Point feature per place ([longitude, latitude]), with the matching services given there. Nearest first when a point (lat/lon or place) is given.',
        querystring: LocationsQuerySchema,
        response: { 200: { content: { 'application/geo+json': { schema: LocationsSchema } } }, 400: ErrorSchema },
      },
    },
    async (req, reply) => {
      const lang = requestLang(req);
      const { limit, ...query } = req.query;
      const { params } = await searchParamsFrom(app.database.db, query, lang);
      const body = await searchLocationsGeojson(app.database.db, params, app.config.publicUrl, limit);
      return reply.type('application/geo+json; charset=utf-8').send(body);
    },
  );

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
