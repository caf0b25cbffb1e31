/**
 * E-advice in the JSON API (OpenAPI tag "questions"). Residents: POST /api/v1/questions (public, with the CSRF
 * token of GET /api/v1/session in x-csrf-token, rate-limited by AUTH_RATE_LIMIT) → 201 { reference,
 * follow_up_url }. Professionals (signed in): their teams' pool, one question (read audited), claim, answer,
 * hand over, consultations; coordinators' counts.
 */
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import {
  answerQuestion,
  claimQuestion,
  handOverQuestion,
  listPool,
  questionCounts,
  readQuestion,
} from '../../../core/questions/answering.js';
import { askQuestion } from '../../../core/questions/ask.js';
import {
  listConsultations,
  readConsultation,
  replyInConsultation,
  startConsultation,
} from '../../../core/questions/consultations.js';
import {
  presentConsultationSummary,
  presentPoolItem,
  presentQuestion,
  presentThread,
} from '../../../core/questions/presenters.js';
import '../../../core/questions/jobs.js'; // the nightly erasure schedule
import { listQa } from '../../../core/questions/qa.js';
import { negotiateLang } from '../../../i18n/index.js';
import { isLang } from '../../../core/shared/lang.js';
import { auditContext, requireActor } from '../../auth.js';
import { requestLang } from '../../errors.js';
import { errorResponses } from '../../schemas/common.js';
import { publicFormLimit } from '../account/shared.js';

const tags = ['questions'];
const Lang3 = Type.Union([Type.Literal('fi'), Type.Literal('sv'), Type.Literal('en')]);
const Status = Type.Union([Type.Literal('open'), Type.Literal('claimed'), Type.Literal('answered')]);

const AskBody = Type.Object(
  {
    municipality: Type.String({ description: 'Municipality code, e.g. "018" (Askola).', maxLength: 3 }),
    topic: Type.String({ description: 'A life situation code of the directory, e.g. "parenting".', maxLength: 40 }),
    language: Type.String({ description: 'The language of the answer: fi, sv or en.', maxLength: 2 }),
    text: Type.String({ maxLength: 5000 }),
    email: Type.Optional(
      Type.String({ maxLength: 254, description: 'Only for a notification; the e-mail carries only a link.' }),
    ),
    publish_consent: Type.Optional(
      Type.Boolean({ description: 'The asker agrees to an anonymised Q&A being published from the answer.' }),
    ),
  },
  { additionalProperties: false },
);
type AskBody = Static<typeof AskBody>;
const AskReply = Type.Object({
  reference: Type.String({ description: 'A short reference, e.g. "Q-7Q4M-2X9A"; not a secret.' }),
  follow_up_url: Type.String({ description: 'The private follow-up link: shown once, never stored.' }),
});

const PoolItemSchema = Type.Object({
  id: Type.String(),
  reference: Type.String(),
  municipality: Type.String(),
  topic: Type.String(),
  language: Lang3,
  status: Status,
  asked_at: Type.String(),
  last_message_at: Type.String(),
  claimed_by: Type.Union([Type.String(), Type.Null()]),
  claimed_team_id: Type.Union([Type.String(), Type.Null()]),
  team_ids: Type.Array(Type.String()),
});
const PoolReply = Type.Object({
  items: Type.Array(PoolItemSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  per_page: Type.Integer(),
});
const PoolQuery = Type.Object(
  {
    page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
    per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    status: Type.Optional(Status),
  },
  { additionalProperties: false },
);
type PoolQuery = Static<typeof PoolQuery>;
const Thread = Type.Object({
  id: Type.String(),
  question_id: Type.String(),
  reference: Type.String(),
  requested_by: Type.String(),
  consultant: Type.String(),
  created_at: Type.String(),
  messages: Type.Array(
    Type.Object({
      id: Type.String(),
      author: Type.Union([Type.String(), Type.Null()]),
      text: Type.String(),
      at: Type.String(),
    }),
  ),
});
const QuestionReply = Type.Intersect([
  PoolItemSchema,
  Type.Object({
    text: Type.String(),
    notify_by_email: Type.Boolean(),
    publish_consent: Type.Boolean(),
    published: Type.Boolean(),
    view: Type.Union([Type.Literal('team'), Type.Literal('consultant')]),
    messages: Type.Array(
      Type.Object({
        id: Type.String(),
        author: Type.Union([Type.Literal('asker'), Type.Literal('professional')]),
        author_name: Type.Union([Type.String(), Type.Null()]),
        team: Type.Union([Type.String(), Type.Null()]),
        text: Type.String(),
        at: Type.String(),
      }),
    ),
    consultations: Type.Array(Thread),
  }),
]);
const IdParams = Type.Object({ id: Type.String() });
type IdParams = Static<typeof IdParams>;
const TextBody = Type.Object({ text: Type.String({ maxLength: 5000 }) }, { additionalProperties: false });
type TextBody = Static<typeof TextBody>;
const HandOverBody = Type.Object({ team_id: Type.String() }, { additionalProperties: false });
type HandOverBody = Static<typeof HandOverBody>;
const ConsultBody = Type.Object(
  { consultant_email: Type.String({ maxLength: 254 }), text: Type.String({ maxLength: 5000 }) },
  { additionalProperties: false },
);
type ConsultBody = Static<typeof ConsultBody>;

export async function questionApiRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;

  app.post<{ Body: AskBody }>(
    '/api/v1/questions',
    {
      config: { public: true, rateLimit: publicFormLimit(app) },
      schema: {
        tags,
        summary: 'Ask a question (public; CSRF token from GET /api/v1/session in x-csrf-token)',
        body: AskBody,
        response: { 201: AskReply, ...errorResponses },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const q = (req.query ?? {}) as Record<string, unknown>;
      const uiLang = isLang(q.lang) ? q.lang : negotiateLang(req.headers['accept-language']);
      const asked = await askQuestion(
        db,
        auditContext(req),
        {
          municipality: b.municipality,
          topic: b.topic,
          language: b.language,
          text: b.text,
          email: b.email,
          publishConsent: b.publish_consent,
          uiLang,
        },
        { publicUrl: app.config.publicUrl },
      );
      reply.header('cache-control', 'no-store');
      return reply.code(201).send({
        reference: asked.reference,
        follow_up_url: `${app.config.publicUrl}/${uiLang}/ask/${asked.code}`,
      });
    },
  );

  app.get<{ Querystring: PoolQuery }>(
    '/api/v1/questions',
    {
      schema: {
        tags,
        summary: "The answer pool of the caller's teams (no contents), paged",
        querystring: PoolQuery,
        response: { 200: PoolReply, ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const r = await listPool(db, actor, {
        page: req.query.page,
        perPage: req.query.per_page,
        status: req.query.status,
      });
      reply.header('cache-control', 'no-store');
      return { items: r.items.map(presentPoolItem), total: r.total, page: r.page, per_page: r.perPage };
    },
  );

  app.get(
    '/api/v1/questions/counts',
    {
      schema: {
        tags,
        summary: 'Counts of questions by municipality and status (coordinators, organisation admins; no contents)',
        response: {
          200: Type.Object({
            counts: Type.Array(
              Type.Object({
                municipality: Type.String(),
                status: Status,
                count: Type.Integer(),
                unrouted: Type.Integer(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => ({ counts: await questionCounts(db, requireActor(req)) }),
  );

  app.get(
    '/api/v1/questions/published',
    {
      schema: {
        tags,
        summary: 'Published anonymised questions and answers',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                municipality: Type.Union([Type.String(), Type.Null()]),
                topic: Type.String(),
                language: Lang3,
                question: Type.String(),
                answer: Type.String(),
                published_at: Type.String(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => ({
      items: (await listQa(db, requestLang(req))).map((q) => ({
        id: q.id,
        municipality: q.municipality,
        topic: q.topic,
        language: q.language,
        question: q.question,
        answer: q.answer,
        published_at: q.publishedAt.toISOString(),
      })),
    }),
  );

  app.get<{ Params: IdParams }>(
    '/api/v1/questions/:id',
    {
      schema: {
        tags,
        summary: 'One question with its conversation (its teams and consulted colleagues; the read is audited)',
        params: IdParams,
        response: { 200: QuestionReply, ...errorResponses },
      },
    },
    async (req, reply) => {
      requireActor(req);
      reply.header('cache-control', 'no-store');
      return presentQuestion(await readQuestion(db, auditContext(req), req.params.id, requestLang(req)));
    },
  );

  app.post<{ Params: IdParams }>(
    '/api/v1/questions/:id/claim',
    { schema: { tags, summary: 'Claim a question for oneself', params: IdParams, response: errorResponses } },
    async (req, reply) => {
      await claimQuestion(db, auditContext(req), req.params.id);
      return reply.code(204).send();
    },
  );

  app.post<{ Params: IdParams; Body: TextBody }>(
    '/api/v1/questions/:id/answers',
    {
      schema: {
        tags,
        summary: 'Answer a question (the asker is notified by e-mail if they asked for it; the e-mail has only a link)',
        params: IdParams,
        body: TextBody,
        response: errorResponses,
      },
    },
    async (req, reply) => {
      await answerQuestion(db, auditContext(req), req.params.id, req.body.text, {
        publicUrl: app.config.publicUrl,
      });
      return reply.code(201).send();
    },
  );

  app.post<{ Params: IdParams; Body: HandOverBody }>(
    '/api/v1/questions/:id/handover',
    {
      schema: {
        tags,
        summary: 'Hand a question over to another team',
        params: IdParams,
        body: HandOverBody,
        response: errorResponses,
      },
    },
    async (req, reply) => {
      await handOverQuestion(db, auditContext(req), req.params.id, req.body.team_id);
      return reply.code(204).send();
    },
  );

  app.post<{ Params: IdParams; Body: ConsultBody }>(
    '/api/v1/questions/:id/consultations',
    {
      schema: {
        tags,
        summary: 'Ask a colleague about a question (an internal thread the asker never sees)',
        params: IdParams,
        body: ConsultBody,
        response: { 201: Type.Object({ id: Type.String() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const id = await startConsultation(db, auditContext(req), req.params.id, {
        consultantEmail: req.body.consultant_email,
        text: req.body.text,
      });
      return reply.code(201).send({ id });
    },
  );

  app.get(
    '/api/v1/consultations',
    {
      schema: {
        tags,
        summary: 'The consultations the caller asked for or was asked in (no contents)',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                question_id: Type.String(),
                reference: Type.String(),
                requested_by: Type.String(),
                consultant: Type.String(),
                role: Type.Union([Type.Literal('requested'), Type.Literal('consultant')]),
                messages: Type.Integer(),
                created_at: Type.String(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      reply.header('cache-control', 'no-store');
      return { items: (await listConsultations(db, actor)).map(presentConsultationSummary) };
    },
  );

  app.get<{ Params: IdParams }>(
    '/api/v1/consultations/:id',
    {
      schema: {
        tags,
        summary: "A consultation's thread (the read is audited)",
        params: IdParams,
        response: { 200: Thread, ...errorResponses },
      },
    },
    async (req, reply) => {
      requireActor(req);
      reply.header('cache-control', 'no-store');
      return presentThread(await readConsultation(db, auditContext(req), req.params.id, requestLang(req)));
    },
  );

  app.post<{ Params: IdParams; Body: TextBody }>(
    '/api/v1/consultations/:id/messages',
    {
      schema: {
        tags,
        summary: "Write in a consultation's thread",
        params: IdParams,
        body: TextBody,
        response: errorResponses,
      },
    },
    async (req, reply) => {
      await replyInConsultation(db, auditContext(req), req.params.id, req.body.text);
      return reply.code(201).send();
    },
  );
}
