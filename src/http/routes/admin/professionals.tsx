/**
 * The professional directory (core/people) — who works where in the network, for signed-in professionals only —
 * and each person's own entry: the workspace pages (/:lang/work/people…) and the JSON API (/api/v1/people…), side
 * by side. Not the service directory (routes/directory/).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Actor } from '../../../core/access/permissions.js';
import {
  directoryChoices,
  getDirectoryEntry,
  ownEntry,
  searchDirectory,
  updateOwnEntry,
} from '../../../core/people/directory.js';
import { PERSON_LANGUAGES } from '../../../core/people/languages.js';
import { presentDirectoryEntry, presentDirectoryPage } from '../../../core/people/presenters.js';
import { tFor } from '../../../i18n/index.js';
import { DirectoryPage, type DirectoryForm } from '../../../web/pages/people/DirectoryPage.js';
import { OwnEntryPage, type OwnEntryForm } from '../../../web/pages/people/OwnEntryPage.js';
import { auditContext, requireActor } from '../../auth.js';
import { attemptForm, notFound, requestLang } from '../../errors.js';
import { readForm } from '../../forms.js';
import { errorResponses, FormBody, LangParams, Uuid } from '../../schemas/common.js';
import { langParam } from '../langParam.js';
import {
  FormQuery,
  IdParams,
  LangLit,
  LangQuery,
  lit,
  noticeOf,
  NStr,
  optionalUuid,
  PageQuery,
  Paged,
  pageNo,
  resourceRoutes,
  TAG,
  TranslatedIn,
  TranslatedOut,
  who,
  workPage,
  type Refused,
} from './shared.js';

const DirectoryEntrySchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  email: Type.String(),
  title: TranslatedOut,
  phone: NStr,
  languages: Type.Array(Type.String()),
  organizations: Type.Array(Type.Object({ id: Uuid, name: TranslatedOut, role: Type.String() })),
  teams: Type.Array(
    Type.Object({ id: Uuid, name: TranslatedOut, organization_name: TranslatedOut, role: Type.String() }),
  ),
});
const OwnEntryBody = Type.Object(
  {
    title: Type.Optional(TranslatedIn),
    phone: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
    languages: Type.Optional(Type.Array(Type.String({ maxLength: 3 }), { maxItems: 30 })),
  },
  { additionalProperties: false },
);

const PEOPLE_NOTICES = ['entry_saved'];

export async function professionalRoutes(base: FastifyInstance): Promise<void> {
  const app = resourceRoutes(base);
  const db = app.database.db;

  // ---- Pages ----

  const ownEntryPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    o: { form?: OwnEntryForm; refused?: Refused } = {},
  ) => {
    const lang = langParam(req);
    const entry = await ownEntry(db, actor, lang);
    const form = o.form ?? { title: entry.title, phone: entry.phone ?? '', languages: entry.languages };
    return workPage(req, reply, {
      title: tFor(lang)('people.own_title'),
      body: <OwnEntryPage name={entry.name} email={entry.email} form={form} errors={o.refused?.errors ?? []} />,
      refused: o.refused,
    });
  };

  app.get(
    '/:lang/work/people',
    { schema: { hide: true, params: LangParams, querystring: FormQuery } },
    async (req, reply) => {
      const lang = langParam(req);
      const actor = who(req, reply);
      if (!actor) return reply;
      const q = readForm(req.query);
      const language = q.text('language');
      const form: DirectoryForm = {
        q: q.text('q').slice(0, 200),
        organization: optionalUuid(q.text('organization')),
        team: optionalUuid(q.text('team')),
        language: /^[a-z]{2,3}$/.test(language) ? language : '',
      };
      const result = await searchDirectory(db, actor, lang, {
        q: form.q,
        organizationId: form.organization || undefined,
        teamId: form.team || undefined,
        language: form.language || undefined,
        page: pageNo(q),
      });
      const choices = await directoryChoices(db, actor, lang);
      return workPage(req, reply, {
        title: tFor(lang)('people.title_page'),
        body: <DirectoryPage result={result} form={form} choices={choices} notice={noticeOf(q, PEOPLE_NOTICES)} />,
      });
    },
  );

  app.get('/:lang/work/people/me', { schema: { hide: true, params: LangParams } }, async (req, reply) => {
    const actor = who(req, reply);
    if (!actor) return reply;
    return ownEntryPage(req, reply, actor);
  });

  app.post(
    '/:lang/work/people/me',
    { schema: { hide: true, params: LangParams, body: FormBody } },
    async (req, reply) => {
      const lang = langParam(req);
      const f = readForm(req.body);
      const form: OwnEntryForm = {
        title: f.translated('title'),
        phone: f.text('phone'),
        languages: f.list('languages'),
      };
      const r = await attemptForm(lang, () => updateOwnEntry(db, auditContext(req), form));
      if (!r.ok) return ownEntryPage(req, reply, requireActor(req), { form, refused: r });
      return reply.redirect(`/${lang}/work/people?notice=entry_saved`, 303);
    },
  );

  // ---- JSON ----

  app.get(
    '/api/v1/people',
    {
      schema: {
        tags: [TAG.people],
        summary: 'The professional directory (signed-in professionals only)',
        description: 'Names are sorted in the alphabet of `lang`.',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200 })),
          organization_id: Type.Optional(Type.String()),
          team_id: Type.Optional(Type.String()),
          language: Type.Optional(lit(PERSON_LANGUAGES)),
          lang: Type.Optional(LangLit),
          page: PageQuery.page,
          per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
        }),
        response: { 200: Paged(DirectoryEntrySchema), ...errorResponses },
      },
    },
    async (req) => {
      const q = req.query;
      const found = await searchDirectory(db, requireActor(req), requestLang(req), {
        q: q.q,
        organizationId: q.organization_id,
        teamId: q.team_id,
        language: q.language,
        page: q.page,
        perPage: q.per_page,
      });
      return presentDirectoryPage(found);
    },
  );

  app.get(
    '/api/v1/people/me',
    {
      schema: {
        tags: [TAG.people],
        summary: 'My own directory entry',
        querystring: LangQuery,
        response: { 200: DirectoryEntrySchema, ...errorResponses },
      },
    },
    async (req) => presentDirectoryEntry(await ownEntry(db, requireActor(req), requestLang(req))),
  );

  app.patch(
    '/api/v1/people/me',
    {
      schema: {
        tags: [TAG.people],
        summary: 'Change my own title, phone or languages',
        body: OwnEntryBody,
        response: { 200: DirectoryEntrySchema, ...errorResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const lang = requestLang(req);
      const current = await ownEntry(db, actor, lang);
      const b = req.body;
      await updateOwnEntry(db, auditContext(req), {
        title: b.title ?? current.title,
        phone: b.phone === undefined ? (current.phone ?? '') : (b.phone ?? ''),
        languages: b.languages ?? current.languages,
      });
      return presentDirectoryEntry(await ownEntry(db, actor, lang));
    },
  );

  app.get(
    '/api/v1/people/:id',
    {
      schema: {
        tags: [TAG.people],
        summary: 'One professional',
        params: IdParams,
        querystring: LangQuery,
        response: { 200: DirectoryEntrySchema, ...errorResponses },
      },
    },
    async (req) => {
      const entry = await getDirectoryEntry(db, requireActor(req), req.params.id, requestLang(req));
      if (!entry) throw notFound();
      return presentDirectoryEntry(entry);
    },
  );
}
