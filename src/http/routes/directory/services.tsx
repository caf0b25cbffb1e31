/** One service: its public page (/:lang/services/:id) and its JSON (/api/v1/services/:id). */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Lang } from '../../../core/shared/lang.js';
import { serviceLocationsGeojson } from '../../../core/directory/locationsGeojson.js';
import { presentService } from '../../../core/directory/presenters.js';
import { servicePageKept, serviceRecordKept } from '../../../core/directory/search/indexedSearch.js';
import { professionalView } from '../../../core/editing/preview.js';
import { pick } from '../../../core/shared/translated.js';
import { ServicePage } from '../../../web/pages/ServicePage.js';
import { notFound, requestLang } from '../../errors.js';
import { sendPage } from '../../pages.js';
import { ErrorSchema, LangIdParams } from '../../schemas/common.js';
import { ServiceSchema } from '../../schemas/directory.js';
import { langParam } from '../langParam.js';
import { exceptionsFrom, serviceOpening } from '../../../core/guides/serviceOpening.js';
import { upcomingForService } from '../../../core/events/queries.js';
import { ServiceEvents } from '../../../web/pages/events/ServiceEvents.js';

/** "Back to results" when the reader came from a search of ours (same site, same language). */
export function backToResults(referer: string | undefined, host: string | undefined, lang: Lang): string | null {
  if (!referer || !host) return null;
  try {
    const u = new URL(referer);
    return u.host === host && u.pathname === `/${lang}/search` ? `${u.pathname}${u.search}` : null;
  } catch {
    return null;
  }
}

export async function serviceRoutes(appBase: FastifyInstance): Promise<void> {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  const db = app.database.db;

  app.get('/:lang/services/:id', { schema: { hide: true, params: LangIdParams } }, async (req, reply) => {
    const lang = langParam(req);
    const at = new Date();
    // The record, its hours' exceptions and whether it has events: one query (a service without events asks no more).
    const r = await servicePageKept(db, req.params.id, exceptionsFrom(at));
    if (!r || r.service.status !== 'active') throw notFound('service_not_found');
    const s = r.service;
    const [pro, events] = await Promise.all([
      professionalView(db, req.actor, s),
      r.hasEvents ? upcomingForService(db, s.id, at) : [],
    ]);
    const places = serviceLocationsGeojson(s, lang, app.config.publicUrl);
    const opening = serviceOpening(s, r.exceptions, at);
    return sendPage(req, reply, {
      title: pick(s.name, lang),
      description: pick(s.summary, lang),
      body: (
        <ServicePage
          s={s}
          backTo={backToResults(req.headers.referer, req.headers.host, lang)}
          networkNote={pro.networkNote}
          editHref={pro.canEdit ? `/${lang}/work/services/${s.id}/edit` : null}
          map={app.config.map && places.features.length ? { config: app.config.map, geojson: places } : null}
          opening={opening}
          upcomingEvents={events.length ? <ServiceEvents events={events} serviceId={s.id} /> : null}
        />
      ),
    });
  });

  app.get(
    '/api/v1/services/:id',
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
      const s = await serviceRecordKept(app.database.db, req.params.id);
      if (!s || s.status !== 'active') throw notFound('service_not_found');
      return presentService(s, lang, app.config.publicUrl);
    },
  );
}
