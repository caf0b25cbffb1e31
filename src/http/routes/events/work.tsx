/**
 * The organiser's pages in the workspace (signed in; the core authorises by the event's organisation): their
 * events, a new event, an event's registrations with attendance, the CSV export and a message to the registered.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { organizationsWhere, can } from '../../../core/access/permissions.js';
import { eventInputFromForm, organiserChoices } from '../../../core/events/forms.js';
import { getEvent, organiserEvents } from '../../../core/events/queries.js';
import { listRegistrations, markAttendance, messageRegistrants } from '../../../core/events/registrations.js';
import { createEvent, updateEvent } from '../../../core/events/save.js';
import { formatWhen } from '../../../core/events/format.js';
import { toCsv } from '../../../core/shared/csv.js';
import { ForbiddenError } from '../../../core/access/permissions.js';
import { tFor } from '../../../i18n/index.js';
import type { FormError } from '../../../web/components/forms.js';
import {
  NewEventPage,
  OrganiserEventsPage,
  RegistrationsPage,
  type EventFormValues,
} from '../../../web/pages/events/OrganiserPages.js';
import { attemptForm } from '../../errors.js';
import { notFound as notFoundIn } from '../../../core/shared/errors.js';
import { readForm, uuidParam } from '../../forms.js';
import { sendPage } from '../../pages.js';
import { FormBody, LangIdParams, LangParams } from '../../schemas/common.js';
import { langParam } from '../langParam.js';
import { signedInOrRedirect } from '../workPages.js';
import { eventsDeps } from './shared.js';
import type { Static } from 'typebox';

const NOTICES = new Set(['created', 'published', 'attendance_saved', 'message_sent']);

const emptyForm = (organizationId: string): EventFormValues => ({
  organization_id: organizationId,
  kind: 'single',
  name: {},
  description: {},
  practical: {},
  languages: [],
  location_id: '',
  online_url: '',
  online_url_registered_only: false,
  date: '',
  start_time: '',
  end_time: '',
  repeat_weeks: '1',
  exdates: '',
  registration: 'contact',
  capacity: '',
  max_people: '10',
  age_min: '',
  age_max: '',
  free: true,
  life_situations: [],
  contact_email: '',
  status: 'draft',
});

function readEventForm(body: unknown): EventFormValues {
  const f = readForm(body);
  return {
    organization_id: f.text('organization_id'),
    kind: f.text('kind'),
    name: f.translated('name'),
    description: f.translated('description'),
    practical: f.translated('practical'),
    languages: f.list('languages'),
    location_id: f.text('location_id'),
    online_url: f.text('online_url'),
    online_url_registered_only: f.list('online_url_registered_only').includes('1'),
    date: f.text('date'),
    start_time: f.text('start_time'),
    end_time: f.text('end_time'),
    repeat_weeks: f.text('repeat_weeks'),
    exdates: f.text('exdates'),
    registration: f.text('registration'),
    capacity: f.text('capacity'),
    max_people: f.text('max_people'),
    age_min: f.text('age_min'),
    age_max: f.text('age_max'),
    free: f.list('free').includes('1'),
    life_situations: f.list('life_situations'),
    contact_email: f.text('contact_email'),
    status: f.text('status'),
  };
}

export async function eventWorkRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;
  type Lp = { Params: Static<typeof LangParams> };

  app.get<Lp>('/:lang/work/events', { schema: { hide: true, params: LangParams } }, async (req, reply) => {
    const lang = langParam(req);
    const actor = signedInOrRedirect(req, reply);
    if (!actor) return reply;
    if (!can(actor, 'service.edit')) throw new ForbiddenError('service.edit');
    const rows = await organiserEvents(db, organizationsWhere(actor, 'service.edit'));
    const notice = readForm(req.query).text('notice');
    return sendPage(req, reply, {
      title: tFor(lang)('events.organiser.title'),
      body: <OrganiserEventsPage rows={rows} notice={NOTICES.has(notice) ? notice : null} />,
    });
  });

  const newPage = async (req: FastifyRequest, reply: FastifyReply, form: EventFormValues, errors: FormError[]) => {
    const lang = langParam(req);
    const t = tFor(lang);
    const choices = await organiserChoices(db, req.actor!, lang);
    const orgId = form.organization_id || choices.organizations[0]?.id || '';
    return sendPage(req, reply, {
      status: errors.length ? 400 : 200,
      title: `${errors.length ? `${t('form.error_prefix')} ` : ''}${t('events.organiser.new')}`,
      body: (
        <NewEventPage
          form={{ ...form, organization_id: orgId }}
          errors={errors}
          organizations={choices.organizations}
          locations={choices.locations}
          canPublish={can(req.actor, 'service.publish', { organizationId: orgId }) || can(req.actor, 'service.publish')}
        />
      ),
    });
  };

  app.get<Lp>('/:lang/work/events/new', { schema: { hide: true, params: LangParams } }, async (req, reply) => {
    langParam(req);
    const actor = signedInOrRedirect(req, reply);
    if (!actor) return reply;
    if (!can(actor, 'service.edit')) throw new ForbiddenError('service.edit');
    return newPage(req, reply, emptyForm(''), []);
  });

  app.post<Lp & { Body: FormBody }>(
    '/:lang/work/events/new',
    { schema: { hide: true, params: LangParams, body: FormBody } },
    async (req, reply) => {
      const lang = langParam(req);
      const form = readEventForm(req.body);
      const deps = eventsDeps(app, req);
      const done = await attemptForm(lang, () =>
        createEvent(
          db,
          deps,
          eventInputFromForm({
            organizationId: form.organization_id,
            kind: form.kind,
            name: form.name,
            description: form.description,
            practical: form.practical,
            languages: form.languages,
            locationId: form.location_id,
            onlineUrl: form.online_url,
            onlineUrlRegisteredOnly: form.online_url_registered_only,
            date: form.date,
            startTime: form.start_time,
            endTime: form.end_time,
            repeatWeeks: form.repeat_weeks,
            exdates: form.exdates,
            registration: form.registration,
            capacity: form.capacity,
            maxPeople: form.max_people,
            ageMin: form.age_min,
            ageMax: form.age_max,
            free: form.free,
            lifeSituations: form.life_situations,
            contactEmail: form.contact_email,
            status: form.status,
          }),
        ),
      );
      if (!done.ok) return newPage(req, reply, form, done.errors);
      return reply.redirect(`/${lang}/work/events/${done.value.id}?notice=created`, 303);
    },
  );

  const organiserEvent = async (req: FastifyRequest, id: string) => {
    const e = await getEvent(db, uuidParam(id), req.actor);
    if (!e) throw notFoundIn('events', 'event');
    return e;
  };

  const registrationsPage = async (
    req: FastifyRequest<{ Params: LangIdParams }>,
    reply: FastifyReply,
    message: string,
    errors: FormError[],
  ) => {
    const lang = langParam(req);
    const e = await organiserEvent(req, req.params.id);
    const rows = await listRegistrations(db, eventsDeps(app, req), e.id);
    const notice = readForm(req.query).text('notice');
    return sendPage(req, reply, {
      status: errors.length ? 400 : 200,
      title: tFor(lang)('events.organiser.registrations_title', { name: e.name[lang] ?? e.name.fi ?? e.name.sv ?? '' }),
      body: (
        <RegistrationsPage
          e={e}
          rows={rows}
          notice={NOTICES.has(notice) ? notice : null}
          errors={errors}
          message={message}
        />
      ),
    });
  };

  app.get<{ Params: LangIdParams }>(
    '/:lang/work/events/:id',
    { schema: { hide: true, params: LangIdParams } },
    async (req, reply) => {
      langParam(req);
      if (!signedInOrRedirect(req, reply)) return reply;
      return registrationsPage(req, reply, '', []);
    },
  );

  app.get<{ Params: LangIdParams }>(
    '/:lang/work/events/:id/registrations.csv',
    { schema: { hide: true, params: LangIdParams } },
    async (req, reply) => {
      const lang = langParam(req);
      if (!signedInOrRedirect(req, reply)) return reply;
      const t = tFor(lang);
      const e = await organiserEvent(req, req.params.id);
      const rows = await listRegistrations(db, eventsDeps(app, req), e.id, 'export');
      const when = new Map(e.occurrences.map((o) => [o.occurrenceId, formatWhen(o.start, o.end, lang)]));
      const csv = toCsv(
        rows.map((r) => ({
          when: r.occurrenceId ? (when.get(r.occurrenceId) ?? '') : t('events.kind.group'),
          name: r.name ?? '',
          email: r.email ?? '',
          phone: r.phone ?? '',
          people: String(r.people),
          status: t(`events.registration_status.${r.status}`),
          attended: r.attended === null ? '' : r.attended ? t('events.csv.yes') : t('events.csv.no'),
          reference: r.reference,
        })),
        {
          header: true,
          columns: [
            { key: 'when', header: t('events.when') },
            { key: 'name', header: t('events.register.name') },
            { key: 'email', header: t('events.register.email') },
            { key: 'phone', header: t('events.register.phone') },
            { key: 'people', header: t('events.register.people') },
            { key: 'status', header: t('events.registration_page.status') },
            { key: 'attended', header: t('events.organiser.col_attended') },
            { key: 'reference', header: t('events.registration_page.reference') },
          ],
        },
      );
      reply.header('content-disposition', `attachment; filename="registrations-${e.id}.csv"`);
      reply.header('cache-control', 'no-store');
      return reply.type('text/csv; charset=utf-8').send(`\uFEFF${csv}`);
    },
  );

  type Post = { Params: LangIdParams; Body: FormBody };
  const post = { schema: { hide: true, params: LangIdParams, body: FormBody } };

  app.post<Post>('/:lang/work/events/:id/attendance', post, async (req, reply) => {
    const lang = langParam(req);
    const id = uuidParam(req.params.id);
    const f = readForm(req.body);
    const attended = new Set(f.list('attended'));
    const marks = f.list('listed').map((rid) => ({ id: rid, attended: attended.has(rid) }));
    await markAttendance(db, eventsDeps(app, req), id, marks);
    return reply.redirect(`/${lang}/work/events/${id}?notice=attendance_saved`, 303);
  });

  app.post<Post>('/:lang/work/events/:id/message', post, async (req, reply) => {
    const lang = langParam(req);
    const id = uuidParam(req.params.id);
    const f = readForm(req.body);
    const deps = eventsDeps(app, req);
    const done = await attemptForm(lang, () =>
      messageRegistrants(db, deps, id, {
        text: f.text('message'),
        includeWaitlist: f.list('include_waitlist').includes('1'),
      }),
    );
    if (!done.ok) return registrationsPage(req, reply, f.text('message'), done.errors);
    return reply.redirect(`/${lang}/work/events/${id}?notice=message_sent`, 303);
  });

  app.post<Post>('/:lang/work/events/:id/publish', post, async (req, reply) => {
    const lang = langParam(req);
    const id = uuidParam(req.params.id);
    const deps = eventsDeps(app, req);
    await updateEvent(db, deps, id, { status: 'published' });
    return reply.redirect(`/${lang}/work/events/${id}?notice=published`, 303);
  });
}
