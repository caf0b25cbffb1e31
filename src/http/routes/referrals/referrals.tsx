/**
 * Referrals as both sides see them (signed in): the page with every step, the receiving team's answer (accept,
 * decline with a reason, contact made, outcome), the sender's withdrawal; and the same in JSON. Sending one is a
 * step of a case (routes/concerns/cases.tsx, and POST /api/v1/cases/:id/referrals here).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { presentReferral, presentReferralItem } from '../../../core/concerns/presenters.js';
import {
  answerReferral,
  readReferral,
  referralList,
  sendReferral,
  withdrawReferral,
} from '../../../core/referrals/referrals.js';
import { tFor } from '../../../i18n/index.js';
import { ReferralPage, type Posted } from '../../../web/pages/concerns/WorkPages.js';
import { auditContext } from '../../auth.js';
import { attemptForm, signInRequired } from '../../errors.js';
import { readForm, uuidParam } from '../../forms.js';
import { sendPage } from '../../pages.js';
import { errorResponses, FormBody, LangIdParams, Uuid } from '../../schemas/common.js';
import { PageOf, PageQuery, ReferralItemSchema, ReferralSchema } from '../concerns/schemas.js';
import { langParam } from '../langParam.js';
import { signedInOrRedirect } from '../workPages.js';

const NOTICES = new Set(['answered', 'withdrawn']);
type Post = { Params: LangIdParams; Body: FormBody };
const post = { schema: { hide: true, params: LangIdParams, body: FormBody } };

const ListQuery = Type.Object({
  ...PageQuery.properties,
  box: Type.Optional(Type.Union([Type.Literal('received'), Type.Literal('sent')])),
});
type ListQuery = Static<typeof ListQuery>;
const SendBody = Type.Object(
  {
    service_id: Type.String({ maxLength: 36 }),
    basis: Type.Union([Type.Literal('consent'), Type.Literal('legal_basis')]),
    basis_note: Type.String({ maxLength: 1000, description: 'How the family consented, or the legal basis.' }),
    message: Type.String({ maxLength: 5000 }),
    contact: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
type SendBody = Static<typeof SendBody>;
const StepBody = Type.Object(
  {
    status: Type.Union([
      Type.Literal('accepted'),
      Type.Literal('declined'),
      Type.Literal('contact_made'),
      Type.Literal('completed'),
    ]),
    note: Type.Optional(Type.String({ maxLength: 5000 })),
  },
  { additionalProperties: false },
);
type StepBody = Static<typeof StepBody>;
const WithdrawBody = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: 5000 })) },
  { additionalProperties: false },
);
type WithdrawBody = Static<typeof WithdrawBody>;
const IdParams = Type.Object({ id: Uuid });

export async function referralRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;

  const page = async (
    req: FastifyRequest<{ Params: LangIdParams }>,
    reply: FastifyReply,
    posted: Posted | null,
    notice?: string,
  ) => {
    const lang = langParam(req);
    const r = await readReferral(db, auditContext(req), uuidParam(req.params.id));
    return sendPage(req, reply, {
      status: posted ? 400 : 200,
      title: tFor(lang)('referrals.page_title', { reference: r.reference }),
      body: <ReferralPage r={r} posted={posted} notice={notice} />,
    });
  };

  app.get<{ Params: LangIdParams; Querystring: { notice?: string } }>(
    '/:lang/work/referrals/:id',
    { schema: { hide: true, params: LangIdParams } },
    async (req, reply) => {
      if (!signedInOrRedirect(req, reply)) return reply;
      const notice = req.query.notice && NOTICES.has(req.query.notice) ? req.query.notice : undefined;
      return page(req, reply, null, notice);
    },
  );

  app.post<Post>('/:lang/work/referrals/:id/answer', post, async (req, reply) => {
    const lang = langParam(req);
    const id = uuidParam(req.params.id);
    const f = readForm(req.body);
    const values = { status: f.text('status'), note: f.text('note') };
    const r = await attemptForm(lang, () => answerReferral(db, auditContext(req), id, values));
    if (!r.ok) return page(req, reply, { section: 'answer', values, errors: r.errors });
    return reply.redirect(`/${lang}/work/referrals/${id}?notice=answered`, 303);
  });

  app.post<Post>('/:lang/work/referrals/:id/withdraw', post, async (req, reply) => {
    const lang = langParam(req);
    const id = uuidParam(req.params.id);
    const note = readForm(req.body).text('note');
    const r = await attemptForm(lang, () => withdrawReferral(db, auditContext(req), id, { note }));
    if (!r.ok) return page(req, reply, { section: 'withdraw', values: { note }, errors: r.errors });
    return reply.redirect(`/${lang}/work/referrals/${id}?notice=withdrawn`, 303);
  });

  // ---- JSON ----

  app.get<{ Querystring: ListQuery }>(
    '/api/v1/referrals',
    {
      schema: {
        tags: ['referrals'],
        summary: "Referrals the caller's teams received (box=received, default) or sent (box=sent), paged",
        querystring: ListQuery,
        response: { 200: PageOf(ReferralItemSchema), ...errorResponses },
      },
    },
    async (req, reply) => {
      if (!req.actor) throw signInRequired();
      reply.header('cache-control', 'no-store');
      const r = await referralList(db, auditContext(req), {
        box: req.query.box ?? 'received',
        page: req.query.page,
        perPage: req.query.per_page,
      });
      return { items: r.items.map(presentReferralItem), total: r.total, page: r.page, per_page: r.perPage };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/referrals/:id',
    {
      schema: {
        tags: ['referrals'],
        summary: 'A referral with every step (the receiving and the sending team; the read is audited)',
        params: IdParams,
        response: { 200: ReferralSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      if (!req.actor) throw signInRequired();
      reply.header('cache-control', 'no-store');
      return presentReferral(await readReferral(db, auditContext(req), req.params.id.toLowerCase()));
    },
  );

  app.post<{ Params: { id: string }; Body: SendBody }>(
    '/api/v1/cases/:id/referrals',
    {
      schema: {
        tags: ['referrals'],
        summary: "Refer a case's family to a service (the family's consent or a legal basis recorded)",
        params: IdParams,
        body: SendBody,
        response: { 201: Type.Object({ id: Type.String() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const r = await sendReferral(db, auditContext(req), req.params.id.toLowerCase(), {
        serviceId: b.service_id,
        basis: b.basis,
        basisNote: b.basis_note.trim(),
        message: b.message.trim(),
        contact: b.contact?.trim() ?? '',
      });
      return reply.code(201).send({ id: r.id });
    },
  );

  app.post<{ Params: { id: string }; Body: StepBody }>(
    '/api/v1/referrals/:id/steps',
    {
      schema: {
        tags: ['referrals'],
        summary:
          'The receiving team records the next step: accepted, declined (note = reason), contact_made, completed',
        params: IdParams,
        body: StepBody,
        response: { 200: ReferralSchema, ...errorResponses },
      },
    },
    async (req) => {
      const id = req.params.id.toLowerCase();
      await answerReferral(db, auditContext(req), id, { status: req.body.status, note: req.body.note?.trim() ?? '' });
      return presentReferral(await readReferral(db, auditContext(req), id));
    },
  );

  app.post<{ Params: { id: string }; Body: WithdrawBody }>(
    '/api/v1/referrals/:id/withdraw',
    {
      schema: {
        tags: ['referrals'],
        summary: 'The sending team withdraws a referral that is not finished',
        params: IdParams,
        body: WithdrawBody,
        response: { 200: ReferralSchema, ...errorResponses },
      },
    },
    async (req) => {
      const id = req.params.id.toLowerCase();
      await withdrawReferral(db, auditContext(req), id, { note: req.body.note?.trim() ?? '' });
      return presentReferral(await readReferral(db, auditContext(req), id));
    },
  );
}
