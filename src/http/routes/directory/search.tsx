/**
 * Searching the directory: the results page (/:lang/search), the same search as JSON (/api/v1/services) and its
 * places as GeoJSON for the map (/api/v1/locations.geojson).
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { GEOJSON_DEFAULT_LIMIT, searchLocationsGeojson } from '../../../core/directory/locationsGeojson.js';
import { presentServiceItem } from '../../../core/directory/presenters.js';
import { getOrganization, serviceCards } from '../../../core/directory/queries.js';
import { MAX_MATCHING, searchServices } from '../../../core/directory/search/searchServices.js';
import { tFor } from '../../../i18n/index.js';
import { SearchPage } from '../../../web/pages/SearchPage.js';
import { requestLang } from '../../errors.js';
import { sendPage } from '../../pages.js';
import { ErrorSchema, FormBody, LangParams } from '../../schemas/common.js';
import { ServiceListSchema } from '../../schemas/directory.js';
import { SearchQuerySchema, searchParamsFrom } from '../../searchQuery.js';
import { langParam } from '../langParam.js';
import { geojsonHref, readSearchForm } from './searchForm.js';

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

export async function searchRoutes(appBase: FastifyInstance): Promise<void> {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  const db = app.database.db;

  app.get(
    '/:lang/search',
    { schema: { hide: true, params: LangParams, querystring: FormBody } },
    async (req, reply) => {
      const lang = langParam(req);
      const t = tFor(lang);
      const { form, errors, params, near } = await readSearchForm(db, req.query, lang, t);
      const result = await searchServices(db, params);
      const cards = await serviceCards(
        db,
        result.hits.map((h) => h.id),
      );
      const organizationName = form.organization
        ? ((await getOrganization(db, form.organization))?.name ?? null)
        : null;
      const title = form.q ? t('search.title_for', { q: form.q }) : t('search.title');
      return sendPage(req, reply, {
        status: errors.length ? 400 : 200,
        title: errors.length ? `${t('form.error_prefix')} ${title}` : title,
        body: (
          <SearchPage
            form={form}
            errors={errors}
            result={result}
            cards={cards}
            organizationName={organizationName}
            near={near}
            map={app.config.map ? { config: app.config.map, geojsonUrl: geojsonHref(params) } : null}
          />
        ),
      });
    },
  );

  app.get(
    '/api/v1/services',
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
    '/api/v1/locations.geojson',
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
}
