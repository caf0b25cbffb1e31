/** JSON API of the service directory: GET /api/v1/services, /api/v1/services/{id}, OpenAPI document. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { presentService, presentServiceItem } from '../../core/directory/presenters.js';
import { getService, serviceCards } from '../../core/directory/queries.js';
import { searchServices } from '../../core/directory/search/searchServices.js';
import { notFound, requestLang } from '../errors.js';
import { ErrorSchema, ServiceListSchema, ServiceSchema } from '../schemas/directory.js';
import { SearchQuerySchema, toSearchParams } from '../searchQuery.js';


export async function directoryApiRoutes(appBase: FastifyInstance): Promise<void> {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/services', {
    schema: {
      tags: ['services'],
      summary: 'Search services',
      description: 'Full-text search in Finnish, Swedish and English with filters and facet counts.',
      querystring: SearchQuerySchema,
      response: { 200: ServiceListSchema, 400: ErrorSchema },
    },
  }, async (req) => {
    const lang = requestLang(req);
    const params = toSearchParams(req.query, lang);
    const result = await searchServices(app.database.db, params);
    const cards = await serviceCards(app.database.db, result.hits.map((h) => h.id));
    const base = app.config.publicUrl;
    return {
      total: result.total,
      page: result.page,
      per_page: result.perPage,
      sort: result.sort,
      corrected_query: result.correctedQuery,
      items: cards.map((c, i) => presentServiceItem(c, lang, base, params.near ? result.hits[i]!.distanceKm : undefined)),
      facets: result.facets,
    };
  });

  app.get('/services/:id', {
    schema: {
      tags: ['services'],
      summary: 'One service',
      params: Type.Object({ id: Type.String() }),
      querystring: Type.Object({ lang: Type.Optional(Type.Union([Type.Literal('fi'), Type.Literal('sv'), Type.Literal('en')])) }, { additionalProperties: false }),
      response: { 200: ServiceSchema, 400: ErrorSchema, 404: ErrorSchema },
    },
  }, async (req) => {
    const lang = requestLang(req);
    const s = await getService(app.database.db, req.params.id);
    if (!s || s.status !== 'active') throw notFound('service_not_found');
    return presentService(s, lang, app.config.publicUrl);
  });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
