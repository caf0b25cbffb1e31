/**
 * The events API (/api/v1/events…): finding events (public, the page's filters), iCalendar feeds (a filter, one
 * event, a registered person's own events), LinkedEvents-compatible JSON, registering (public, with the CSRF token
 * of GET /api/v1/session), and the editors' create/change/delete (the core authorises: service.edit, and
 * service.publish to publish, in the event's organisation).
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
// The events' scheduled jobs (reminders, erasure) are defined when the app's routes are loaded.
import '../../../core/events/jobs.js';
import { icalFeed, type FeedEvent } from '../../../core/events/ical.js';
import { linkedEventsExport } from '../../../core/events/linkedEvents.js';
import { presentEventList } from '../../../core/events/presenters.js';
import { eventSummaries, getEvent, searchOccurrences } from '../../../core/events/queries.js';
import { cancelRegistration, ownRegistrations, promoteAll, register } from '../../../core/events/registrations.js';
import { createEvent, deleteEvent, updateEvent } from '../../../core/events/save.js';
import { cancelUrl, feedUrl } from '../../../core/events/texts.js';
import type { EventInput, EventPatch as CorePatch } from '../../../core/events/types.js';
import type { Lang } from '../../../core/shared/lang.js';
import { tFor } from '../../../i18n/index.js';
import { requestLang } from '../../errors.js';
import { notFound as notFoundIn } from '../../../core/shared/errors.js';
import { uuidParam } from '../../forms.js';
import { ErrorSchema, errorResponses } from '../../schemas/common.js';
import { publicFormLimit } from '../account/shared.js';
import { EventCreate, EventList, EventPatch, EventsQuery, RegistrationCreate, RegistrationCreated } from './schemas.js';
import { eventsDeps, filtersFromQuery } from './shared.js';

const IdParams = Type.Object({ id: Type.String() });
const CodeParams = Type.Object({ code: Type.String() });
const tags = ['events'];

type Fields = Omit<EventCreate, 'organization_id'>;

/** The API's snake_case fields in the core's words (only those given: a PATCH changes only what it names). */
function toCore(b: Partial<Fields>): Partial<EventInput> {
  const out: Partial<EventInput> = {};
  const set = <K extends keyof EventInput>(k: K, v: EventInput[K] | undefined) => {
    if (v !== undefined) out[k] = v;
  };
  set('serviceId', b.service_id);
  set('kind', b.kind);
  set('status', b.status);
  set('name', b.name);
  set('description', b.description);
  set('practical', b.practical);
  set('price', b.price);
  set('accessibility', b.accessibility);
  set('languages', b.languages);
  set('municipality', b.municipality);
  set('locationId', b.location_id);
  set('onlineUrl', b.online_url);
  set('onlineUrlRegisteredOnly', b.online_url_registered_only);
  set('ageMin', b.age_min);
  set('ageMax', b.age_max);
  set('free', b.free);
  set('contactName', b.contact_name);
  set('contactEmail', b.contact_email);
  set('contactPhone', b.contact_phone);
  set('keywords', b.keywords);
  set('lifeSituations', b.life_situations);
  set('registration', b.registration);
  set('capacity', b.capacity);
  set('maxPeople', b.max_people);
  set('retentionDays', b.retention_days);
  if (b.rrule) {
    const first = b.occurrences?.[0];
    out.rrule = { rule: b.rrule, start: first?.start ?? '', end: first?.end ?? '', exdates: b.exdates ?? [] };
  } else if (b.rrule === null) out.rrule = null;
  if (b.occurrences && !b.rrule) out.occurrences = b.occurrences;
  return out;
}

function sendIcs(reply: FastifyReply, name: string, body: string) {
  reply.header('content-disposition', `inline; filename="${name}"`);
  return reply.type('text/calendar; charset=utf-8').send(body);
}

const feedOf = (events: Awaited<ReturnType<typeof searchOccurrences>>['events']): FeedEvent[] =>
  events.map((e) => ({ event: e, occurrences: e.occurrences }));

export async function eventApiRoutes(appBase: FastifyInstance): Promise<void> {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  const db = app.database.db;
  const base = app.config.publicUrl;

  app.get(
    '/api/v1/events',
    {
      schema: {
        tags,
        summary: 'Events: what is on, with filters',
        querystring: EventsQuery,
        response: { 200: EventList, 400: ErrorSchema },
      },
    },
    async (req) => {
      const lang = requestLang(req);
      const found = await searchOccurrences(db, filtersFromQuery(req.query));
      const page = req.query.page ?? 1;
      const perPage = req.query.per_page ?? 50;
      const items = found.events.slice((page - 1) * perPage, page * perPage);
      return presentEventList(items, found.events.length, lang, base);
    },
  );

  app.get(
    '/api/v1/events.ics',
    {
      schema: {
        tags,
        summary: 'Events as an iCalendar feed (RFC 5545, Europe/Helsinki), with the same filters',
        querystring: EventsQuery,
        produces: ['text/calendar'],
      },
    },
    async (req, reply) => {
      const lang = requestLang(req);
      const found = await searchOccurrences(db, filtersFromQuery(req.query));
      return sendIcs(reply, 'events.ics', icalFeed(tFor(lang)('events.feed_name'), feedOf(found.events), lang, base));
    },
  );

  app.get(
    '/api/v1/events/linkedevents.json',
    {
      schema: {
        tags,
        summary: 'Events as LinkedEvents-compatible JSON (see docs/events.md), with the same filters',
        querystring: EventsQuery,
      },
    },
    async (req) => {
      const found = await searchOccurrences(db, filtersFromQuery(req.query));
      return linkedEventsExport(found.events, base);
    },
  );

  app.get(
    '/api/v1/events/:id.ics',
    {
      schema: {
        tags,
        summary: 'One event as an iCalendar feed (its cancelled occurrences as cancelled)',
        params: IdParams,
        querystring: Type.Object({
          lang: Type.Optional(Type.Union([Type.Literal('fi'), Type.Literal('sv'), Type.Literal('en')])),
        }),
        produces: ['text/calendar'],
      },
    },
    async (req, reply) => {
      const lang = requestLang(req);
      const e = await getEvent(db, uuidParam(req.params.id), null);
      if (!e) throw notFoundIn('events', 'event');
      const feed: FeedEvent = {
        event: e,
        occurrences: e.occurrences.map((o) => ({ ...o, cancelled: o.status === 'cancelled' })),
        onlineUrl: e.onlineUrlRegisteredOnly ? null : e.onlineUrl,
      };
      return sendIcs(reply, 'event.ics', icalFeed(tFor(lang)('events.feed_name'), [feed], lang, base));
    },
  );

  app.get(
    '/api/v1/events/my/:code.ics',
    {
      schema: {
        tags,
        summary: "A registered person's own events (the calendar link of their confirmation)",
        params: CodeParams,
        produces: ['text/calendar'],
      },
    },
    async (req, reply) => {
      const regs = await ownRegistrations(db, req.params.code);
      if (!regs) throw notFoundIn('events', 'registration');
      const own = await db
        .selectFrom('event_registration')
        .select('lang')
        .where('id', 'in', regs.length ? regs.map((r) => r.id) : ['00000000-0000-0000-0000-000000000000'])
        .executeTakeFirst();
      const lang = (own?.lang ?? 'fi') as Lang;
      const summaries = await eventSummaries(db, [...new Set(regs.map((r) => r.event_id))]);
      const occ = regs.length
        ? await db
            .selectFrom('event_occurrence')
            .select(['id', 'event_id', 'starts_at', 'ends_at', 'status'])
            .where('event_id', 'in', [...summaries.keys()])
            .execute()
        : [];
      const onlineRows = regs.length
        ? await db
            .selectFrom('event')
            .select(['id', 'online_url'])
            .where('id', 'in', [...summaries.keys()])
            .execute()
        : [];
      const feeds: FeedEvent[] = [...summaries.values()].map((e) => {
        const mine = regs.filter((r) => r.event_id === e.id);
        const confirmed = mine.some((r) => r.status === 'confirmed');
        return {
          event: e,
          occurrences: occ
            .filter((o) => o.event_id === e.id && (e.kind === 'group' || mine.some((r) => r.occurrence_id === o.id)))
            .map((o) => ({
              occurrenceId: o.id,
              start: o.starts_at,
              end: o.ends_at,
              cancelled: o.status === 'cancelled',
            })),
          onlineUrl: confirmed ? (onlineRows.find((x) => x.id === e.id)?.online_url ?? null) : null,
        };
      });
      reply.header('cache-control', 'private, no-store');
      return sendIcs(reply, 'my-events.ics', icalFeed(tFor(lang)('events.my_feed_name'), feeds, lang, base));
    },
  );

  app.post(
    '/api/v1/events',
    {
      schema: {
        tags,
        summary: 'Create an event (editors of the organisation; published at once when asked and allowed)',
        body: EventCreate,
        response: { 201: Type.Object({ id: Type.String() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const first = b.occurrences?.length ?? 0;
      const input: EventInput = {
        organizationId: b.organization_id,
        kind: b.kind ?? (b.rrule || first > 1 ? 'recurring' : 'single'),
        status: b.status ?? 'draft',
        name: b.name,
        languages: b.languages,
        ...toCore(b),
      } as EventInput;
      const deps = eventsDeps(app, req);
      const r = await createEvent(db, deps, input);
      return reply.code(201).send(r);
    },
  );

  app.patch(
    '/api/v1/events/:id',
    {
      schema: {
        tags,
        summary:
          'Change an event: the fields given; cancel_occurrences cancels single occurrences (registrants are told)',
        params: IdParams,
        body: EventPatch,
        response: { 200: Type.Object({ id: Type.String(), notified: Type.Integer() }), ...errorResponses },
      },
    },
    async (req) => {
      const id = uuidParam(req.params.id);
      const patch: CorePatch = { ...toCore(req.body), cancelOccurrences: req.body.cancel_occurrences };
      const deps = eventsDeps(app, req);
      const r = await updateEvent(db, deps, id, patch);
      if (req.body.capacity !== undefined) await promoteAll(db, deps, id);
      return r;
    },
  );

  app.delete(
    '/api/v1/events/:id',
    {
      schema: {
        tags,
        summary: 'Delete an event and its registrations (registrants are told)',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      const deps = eventsDeps(app, req);
      await deleteEvent(db, deps, uuidParam(req.params.id));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/events/:id/registrations',
    {
      config: { public: true, rateLimit: publicFormLimit(app) },
      schema: {
        tags,
        summary: 'Register for an event (public; the CSRF token from GET /api/v1/session as x-csrf-token)',
        params: IdParams,
        body: RegistrationCreate,
        response: { 201: RegistrationCreated, ...errorResponses },
      },
    },
    async (req, reply) => {
      const lang: Lang = req.body.lang ?? requestLang(req);
      const deps = eventsDeps(app, req);
      const r = await register(db, deps, uuidParam(req.params.id), {
        occurrenceId: req.body.occurrence_id ?? null,
        name: req.body.name,
        email: req.body.email,
        phone: req.body.phone,
        people: req.body.people ?? 1,
        lang,
      });
      return reply.code(201).send({
        status: r.status,
        cancel_url: cancelUrl(base, lang, r.code),
        calendar_url: feedUrl(base, r.feedCode),
        reference: r.reference,
      });
    },
  );

  app.delete(
    '/api/v1/events/registrations/:code',
    {
      config: { public: true, rateLimit: publicFormLimit(app) },
      schema: {
        tags,
        summary: 'Cancel a registration with its code (the waitlist moves up)',
        params: CodeParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      const deps = eventsDeps(app, req);
      await cancelRegistration(db, deps, req.params.code);
      return reply.code(204).send(null);
    },
  );
}
