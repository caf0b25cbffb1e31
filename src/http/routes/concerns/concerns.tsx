/**
 * Bringing a concern (residents, no sign-in): the page with guidance and the form, the JSON API, and the private
 * follow-up page under the code (the receipt). Public writes are rate-limited per address (AUTH_RATE_LIMIT a
 * minute) and carry a CSRF token like every other write.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { bringConcern, type ConcernInput } from '../../../core/concerns/bringConcern.js';
import { residentDelete, residentView, residentWriteBack } from '../../../core/concerns/followUp.js';
import { tFor } from '../../../i18n/index.js';
import type { FormError } from '../../../web/components/forms.js';
import {
  ConcernFormPage,
  emptyConcernForm,
  FollowUpPage,
  type ConcernForm,
} from '../../../web/pages/concerns/ConcernPages.js';
import { auditContext } from '../../auth.js';
import { attemptForm } from '../../errors.js';
import { readForm } from '../../forms.js';
import { sendPage } from '../../pages.js';
import { ErrorSchema, FormBody, LangParams } from '../../schemas/common.js';
import { publicFormLimit } from '../account/shared.js';
import { langParam } from '../langParam.js';

const NOTICES = new Set(['deleted', 'message_sent', 'deletion_requested']);
const CodeParams = Type.Object({ lang: Type.String(), code: Type.String() });
type CodeParams = Static<typeof CodeParams>;

const yesNo = (v: string): boolean | null => (v === 'yes' ? true : v === 'no' ? false : null);

export function concernInputFromForm(f: ConcernForm): ConcernInput {
  const anonymous = yesNo(f.anonymous);
  return {
    about: f.about,
    text: f.text,
    ageGroup: f.age_group,
    municipality: f.municipality,
    language: f.language,
    anonymous: anonymous ?? false,
    anonymousChosen: anonymous !== null,
    name: f.name,
    email: f.email,
    phone: f.phone,
    familyKnows: yesNo(f.family_knows),
    familyAgreesContact: yesNo(f.family_agrees_contact),
    urgent: f.urgent === 'yes',
  };
}

export const ConcernBody = Type.Object(
  {
    municipality: Type.String({ maxLength: 3, description: 'Municipality code of Statistics Finland, e.g. "018".' }),
    language: Type.String({ maxLength: 2, description: 'The language of the answer: fi, sv or en.' }),
    text: Type.String({ maxLength: 5000, description: 'What worries you.' }),
    age_group: Type.String({ maxLength: 10, description: "The child's age group: 0-2, 3-6, 7-12, 13-17 or unknown." }),
    anonymous: Type.Boolean(),
    family_knows: Type.Boolean({ description: 'Whether the family knows about the concern.' }),
    family_agrees_contact: Type.Optional(Type.Boolean({ description: 'Whether the family agrees to be contacted.' })),
    about: Type.Optional(Type.Union([Type.Literal('own_family'), Type.Literal('other_child')])),
    urgent: Type.Optional(Type.Boolean({ description: 'The situation needs help within days (flagged on arrival).' })),
    contact: Type.Optional(
      Type.Object(
        {
          email: Type.Optional(Type.String({ maxLength: 254 })),
          phone: Type.Optional(Type.String({ maxLength: 40 })),
          name: Type.Optional(Type.String({ maxLength: 200 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
type ConcernBody = Static<typeof ConcernBody>;

const Receipt = Type.Object({
  reference: Type.String({ description: 'A short reference, e.g. K-7Q4M-2X9A (not a secret).' }),
  follow_up_url: Type.String({ description: 'The private follow-up link; shown once, keep it safe.' }),
});

export async function concernRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;
  const followUpUrl = (lang: string, code: string) => `${app.config.publicUrl}/${lang}/concern/${code}`;

  const formPage = (
    req: FastifyRequest,
    reply: FastifyReply,
    form: ConcernForm,
    errors: FormError[],
    notice?: string,
  ) => {
    const t = tFor(langParam(req));
    return sendPage(req, reply, {
      status: errors.length ? 400 : 200,
      title: `${errors.length ? `${t('form.error_prefix')} ` : ''}${t('concerns.form.title')}`,
      description: t('concerns.form.lead'),
      forms: true,
      body: <ConcernFormPage form={form} errors={errors} notice={notice} />,
    });
  };

  app.get<{ Params: { lang: string }; Querystring: { notice?: string } }>(
    '/:lang/concern',
    { schema: { hide: true, params: LangParams } },
    async (req, reply) => {
      const lang = langParam(req);
      const notice = req.query.notice && NOTICES.has(req.query.notice) ? req.query.notice : undefined;
      return formPage(req, reply, emptyConcernForm(lang), [], notice);
    },
  );

  app.post<{ Params: { lang: string }; Body: FormBody }>(
    '/:lang/concern',
    {
      config: { public: true, rateLimit: publicFormLimit(app) },
      schema: { hide: true, params: LangParams, body: FormBody },
    },
    async (req, reply) => {
      const lang = langParam(req);
      const f = readForm(req.body);
      const form: ConcernForm = {
        about: f.text('about'),
        text: f.text('text'),
        age_group: f.text('age_group'),
        municipality: f.text('municipality'),
        language: f.text('language'),
        anonymous: f.text('anonymous'),
        name: f.text('name'),
        email: f.text('email'),
        phone: f.text('phone'),
        family_knows: f.text('family_knows'),
        family_agrees_contact: f.text('family_agrees_contact'),
        urgent: f.text('urgent'),
      };
      const done = await attemptForm(lang, () => bringConcern(db, auditContext(req), concernInputFromForm(form)));
      if (!done.ok) return formPage(req, reply, form, done.errors);
      return reply.redirect(`/${lang}/concern/${done.value.code}?sent=1`, 303);
    },
  );

  app.post<{ Body: ConcernBody }>(
    '/api/v1/concerns',
    {
      config: { public: true, rateLimit: publicFormLimit(app) },
      schema: {
        tags: ['concerns'],
        summary: 'Bring a concern about a child or a family (public; CSRF token from GET /api/v1/session)',
        body: ConcernBody,
        response: { 201: Receipt, 400: ErrorSchema, 403: ErrorSchema, 429: ErrorSchema },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const r = await bringConcern(db, auditContext(req), {
        about: b.about ?? '',
        text: b.text.trim(),
        ageGroup: b.age_group,
        municipality: b.municipality,
        language: b.language,
        anonymous: b.anonymous,
        anonymousChosen: true,
        name: b.contact?.name?.trim() ?? '',
        email: b.contact?.email?.trim() ?? '',
        phone: b.contact?.phone?.trim() ?? '',
        familyKnows: b.family_knows,
        familyAgreesContact: b.family_agrees_contact ?? null,
        urgent: b.urgent ?? false,
      });
      reply.header('cache-control', 'no-store');
      return reply.code(201).send({ reference: r.reference, follow_up_url: followUpUrl(b.language, r.code) });
    },
  );

  const followUpPage = async (
    req: FastifyRequest<{ Params: CodeParams }>,
    reply: FastifyReply,
    o: { justSent?: boolean; notice?: string; errors?: FormError[]; message?: string } = {},
  ) => {
    const lang = langParam(req);
    const view = await residentView(db, auditContext(req), req.params.code);
    return sendPage(req, reply, {
      status: o.errors?.length ? 400 : 200,
      title: tFor(lang)('concerns.follow_up.title', { reference: view.reference }),
      noindex: true,
      forms: true,
      body: (
        <FollowUpPage
          view={view}
          code={req.params.code}
          justSent={o.justSent ?? false}
          notice={o.notice}
          errors={o.errors ?? []}
          message={o.message ?? ''}
        />
      ),
    });
  };

  app.get<{ Params: CodeParams; Querystring: { sent?: string; notice?: string } }>(
    '/:lang/concern/:code',
    { schema: { hide: true, params: CodeParams } },
    async (req, reply) => {
      const notice = req.query.notice && NOTICES.has(req.query.notice) ? req.query.notice : undefined;
      return followUpPage(req, reply, { justSent: req.query.sent === '1', notice });
    },
  );

  app.post<{ Params: CodeParams; Body: FormBody }>(
    '/:lang/concern/:code/messages',
    {
      config: { public: true, rateLimit: publicFormLimit(app) },
      schema: { hide: true, params: CodeParams, body: FormBody },
    },
    async (req, reply) => {
      const lang = langParam(req);
      const message = readForm(req.body).text('message');
      const done = await attemptForm(lang, () => residentWriteBack(db, auditContext(req), req.params.code, message));
      if (!done.ok) return followUpPage(req, reply, { errors: done.errors, message });
      return reply.redirect(`/${lang}/concern/${req.params.code}?notice=message_sent`, 303);
    },
  );

  app.post<{ Params: CodeParams; Body: FormBody }>(
    '/:lang/concern/:code/delete',
    {
      config: { public: true, rateLimit: publicFormLimit(app) },
      schema: { hide: true, params: CodeParams, body: FormBody },
    },
    async (req, reply) => {
      const lang = langParam(req);
      const r = await residentDelete(db, auditContext(req), req.params.code);
      if (r === 'deleted') return reply.redirect(`/${lang}/concern?notice=deleted`, 303);
      return reply.redirect(`/${lang}/concern/${req.params.code}?notice=deletion_requested`, 303);
    },
  );
}
