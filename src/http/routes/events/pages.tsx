/**
 * The public events pages: what is on (/{lang}/events), one event with its registration form, and a person's own
 * registration opened with the link from the confirmation (status, calendar links, cancel). Every form works
 * without JavaScript: a refused registration comes back with its problems and what was typed.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { eventJsonLd } from '../../../core/events/presenters.js';
import { getEvent, searchOccurrences } from '../../../core/events/queries.js';
import { cancelRegistration, feedCodeOf, register, registrationByCode } from '../../../core/events/registrations.js';
import { feedUrl } from '../../../core/events/texts.js';
import type { LocationsCollection } from '../../../core/directory/locationsGeojson.js';
import { localize, pick } from '../../../core/shared/translated.js';
import type { Lang } from '../../../core/shared/lang.js';
import { tFor } from '../../../i18n/index.js';
import type { FormError } from '../../../web/components/forms.js';
import { EventPage, type RegisterForm } from '../../../web/pages/events/EventPage.js';
import { EventsPage, eventsQuery, type EventsForm } from '../../../web/pages/events/EventsPage.js';
import { RegistrationPage } from '../../../web/pages/events/RegistrationPage.js';
import type { EventDetail } from '../../../core/events/queries.js';
import { attemptForm } from '../../errors.js';
import { notFound as notFoundIn } from '../../../core/shared/errors.js';
import { readForm, uuidParam } from '../../forms.js';
import { sendPage } from '../../pages.js';
import { FormBody, LangIdParams, LangParams } from '../../schemas/common.js';
import { langParam } from '../langParam.js';
import { publicFormLimit } from '../account/shared.js';
import { eventsDeps, filtersFromQuery } from './shared.js';

const LangCodeParams = Type.Object({ lang: Type.String(), code: Type.String() });
type LangCodeParams = Static<typeof LangCodeParams>;

const PAGE_LIMIT = 300;

/** The event's place as the map script reads it (one point, linking to the event). */
export function eventPlaceGeojson(e: EventDetail, lang: Lang, baseUrl: string): LocationsCollection | null {
  const l = e.location;
  if (!l || l.lat === null || l.lon === null) return null;
  const name = localize(l.name, lang) ?? { text: '', lang };
  const ev = localize(e.name, lang) ?? { text: '', lang };
  const url = `${baseUrl}/${lang}/events/${e.id}`;
  return {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        id: l.id,
        geometry: { type: 'Point', coordinates: [l.lon, l.lat] },
        properties: {
          id: l.id,
          name: name.text,
          name_lang: name.lang,
          address: {
            street: pick(l.street, lang) || null,
            postal_code: l.postalCode,
            city: pick(l.city, lang) || null,
          },
          municipality: null,
          service_ids: [e.id],
          services: [{ id: e.id, name: ev.text, name_lang: ev.lang, url }],
          url,
        },
      },
    ],
    total_services: 1,
    services_included: 1,
    truncated: false,
    corrected_query: null,
  };
}

export async function eventPageRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;

  app.get<{ Params: Static<typeof LangParams> }>(
    '/:lang/events',
    { schema: { hide: true, params: LangParams } },
    async (req, reply) => {
      const lang = langParam(req);
      const t = tFor(lang);
      const q = readForm(req.query);
      const form: EventsForm = {
        q: q.text('q'),
        municipality: q.text('municipality'),
        language: q.text('language'),
        age: q.text('age'),
        life_situation: q.text('life_situation'),
        free: q.text('free') === '1',
        place: q.text('place'),
        when: q.text('when'),
        from: q.text('from'),
      };
      const filters = filtersFromQuery(req.query);
      const found = await searchOccurrences(db, filters, new Date(), PAGE_LIMIT);
      const count = found.events.reduce((n, e) => n + e.occurrences.length, 0);
      return sendPage(req, reply, {
        title: t('events.title'),
        description: t('events.lead'),
        body: (
          <EventsPage
            form={form}
            events={found.events}
            truncated={count >= PAGE_LIMIT}
            icsHref={`/api/v1/events.ics${eventsQuery({ ...form, lang } as Partial<EventsForm>)}`}
          />
        ),
      });
    },
  );

  const eventPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    e: EventDetail,
    form: RegisterForm,
    errors: FormError[],
  ) => {
    const lang = langParam(req);
    const t = tFor(lang);
    const geo = eventPlaceGeojson(e, lang, app.config.publicUrl);
    // The online link is shown only to registered people when the organiser wants so.
    const shown: EventDetail = e.onlineUrlRegisteredOnly && !e.canOrganise ? { ...e, onlineUrl: null } : e;
    return sendPage(req, reply, {
      status: errors.length ? 400 : 200,
      title: errors.length ? `${t('form.error_prefix')} ${pick(e.name, lang)}` : pick(e.name, lang),
      description: pick(e.description, lang).slice(0, 200),
      forms: true,
      noindex: e.status !== 'published' || undefined,
      body: (
        <EventPage
          e={shown}
          jsonLd={eventJsonLd(e, lang, app.config.publicUrl)}
          map={app.config.map && geo ? { config: app.config.map, geojson: geo } : null}
          form={form}
          errors={errors}
        />
      ),
    });
  };

  const findEvent = async (req: FastifyRequest, id: string) => {
    const e = await getEvent(db, uuidParam(id), req.actor);
    if (!e) throw notFoundIn('events', 'event');
    return e;
  };

  app.get<{ Params: LangIdParams }>(
    '/:lang/events/:id',
    { schema: { hide: true, params: LangIdParams } },
    async (req, reply) => {
      langParam(req);
      const e = await findEvent(req, req.params.id);
      return eventPage(req, reply, e, { occurrence_id: '', name: '', email: '', phone: '', people: '1' }, []);
    },
  );

  app.post<{ Params: LangIdParams; Body: FormBody }>(
    '/:lang/events/:id/register',
    {
      config: { public: true, rateLimit: publicFormLimit(app) },
      schema: { hide: true, params: LangIdParams, body: FormBody },
    },
    async (req, reply) => {
      const lang = langParam(req);
      const e = await findEvent(req, req.params.id);
      const f = readForm(req.body);
      const form: RegisterForm = {
        occurrence_id: f.text('occurrence_id'),
        name: f.text('name'),
        email: f.text('email'),
        phone: f.text('phone'),
        people: f.text('people') || '1',
      };
      const deps = eventsDeps(app, req);
      const done = await attemptForm(lang, () =>
        register(db, deps, e.id, {
          occurrenceId: form.occurrence_id || null,
          name: form.name,
          email: form.email,
          phone: form.phone,
          people: /^\d{1,3}$/.test(form.people) ? Number(form.people) : NaN,
          lang,
        }),
      );
      if (!done.ok) return eventPage(req, reply, await findEvent(req, req.params.id), form, done.errors);
      return reply.redirect(`/${lang}/events/registrations/${done.value.code}?notice=new`, 303);
    },
  );

  const ownRegistration = async (code: string) => {
    const r = await registrationByCode(db, code);
    if (!r) throw notFoundIn('events', 'registration');
    const e = await getEvent(db, r.event_id, null);
    if (!e) throw notFoundIn('events', 'registration');
    return { r, e };
  };

  app.get<{ Params: LangCodeParams }>(
    '/:lang/events/registrations/:code',
    { schema: { hide: true, params: LangCodeParams } },
    async (req, reply) => {
      const lang = langParam(req);
      const { r, e } = await ownRegistration(req.params.code);
      const notice = readForm(req.query).text('notice');
      reply.header('referrer-policy', 'no-referrer');
      return sendPage(req, reply, {
        title: tFor(lang)('events.registration_page.title'),
        forms: true,
        noindex: true,
        body: (
          <RegistrationPage
            e={e}
            r={{ status: r.status, people: r.people, reference: r.reference, occurrenceId: r.occurrence_id }}
            cancelHref={`/${lang}/events/registrations/${req.params.code}/cancel`}
            feedHref={feedUrl('', feedCodeOf(req.params.code))}
            notice={notice === 'new' || notice === 'cancelled' ? notice : null}
          />
        ),
      });
    },
  );

  app.post<{ Params: LangCodeParams; Body: FormBody }>(
    '/:lang/events/registrations/:code/cancel',
    {
      config: { public: true, rateLimit: publicFormLimit(app) },
      schema: { hide: true, params: LangCodeParams, body: FormBody },
    },
    async (req, reply) => {
      const lang = langParam(req);
      const deps = eventsDeps(app, req);
      await cancelRegistration(db, deps, req.params.code);
      return reply.redirect(`/${lang}/events/registrations/${req.params.code}?notice=cancelled`, 303);
    },
  );
}
