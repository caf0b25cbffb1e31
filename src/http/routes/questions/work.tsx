/**
 * The professionals' e-advice pages (signed in; the core authorises each step): the answer pool, one question
 * and its forms, consultation replies, and the routing settings. Forms post and redirect (303); a form with
 * problems comes back with status 400, the input kept.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Static } from 'typebox';
import {
  answerQuestion,
  claimQuestion,
  handOverQuestion,
  handOverTargets,
  listPool,
  questionCounts,
  readQuestion,
} from '../../../core/questions/answering.js';
import {
  consultationQuestionId,
  listConsultations,
  replyInConsultation,
  startConsultation,
} from '../../../core/questions/consultations.js';
import { answeringTeams } from '../../../core/questions/policy.js';
import { publishQa } from '../../../core/questions/qa.js';
import { addRoute, listRoutes, mayRoute, removeRoute, routableTeams } from '../../../core/questions/routing.js';
import type { QuestionStatus } from '../../../core/questions/types.js';
import { tFor } from '../../../i18n/index.js';
import type { FormError } from '../../../web/components/forms.js';
import {
  emptyForms,
  isQuestionNotice,
  PoolPage,
  QuestionPage,
  RoutingPage,
  STATUSES,
  type QuestionForms,
  type RouteForm,
} from '../../../web/pages/questions/WorkPages.js';
import { auditContext } from '../../auth.js';
import { attemptForm, STATUS } from '../../errors.js';
import { readForm } from '../../forms.js';
import { sendPage } from '../../pages.js';
import { FormBody, LangIdParams, LangParams } from '../../schemas/common.js';
import { langParam } from '../langParam.js';
import { signedInOrRedirect } from '../workPages.js';

type Item = { Params: LangIdParams };
type Post = { Params: LangIdParams; Body: FormBody };
const get = { schema: { hide: true, params: LangIdParams } };
const post = { schema: { hide: true, params: LangIdParams, body: FormBody } };

const errorTitle = (t: (k: string) => string, title: string, errors: FormError[]) =>
  errors.length ? `${t('form.error_prefix')} ${title}` : title;

export async function questionWorkRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;

  app.get<{ Params: Static<typeof LangParams> }>(
    '/:lang/work/questions',
    { schema: { hide: true, params: LangParams } },
    async (req, reply) => {
      const lang = langParam(req);
      const actor = signedInOrRedirect(req, reply);
      if (!actor) return reply;
      const q = readForm(req.query);
      const status = STATUSES.find((s) => s === q.text('status')) as QuestionStatus | undefined;
      const handedOver = q.text('notice') === 'handed_over';
      const [pool, consultations] = await Promise.all([
        listPool(db, actor, { page: q.int('page', { min: 1, max: 10_000, fallback: 1 }), perPage: 20, status }),
        listConsultations(db, actor),
      ]);
      return sendPage(req, reply, {
        title: tFor(lang)('questions.pool.title'),
        body: (
          <PoolPage
            items={pool.items}
            total={pool.total}
            page={pool.page}
            perPage={pool.perPage}
            status={status ?? ''}
            consultations={consultations}
            mayRoute={mayRoute(actor)}
            answering={answeringTeams(actor).length > 0}
            handedOver={handedOver}
          />
        ),
      });
    },
  );

  // ---- Routing (static paths before /:id) ----

  const routingPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    form: RouteForm,
    errors: FormError[],
    notice: 'added' | 'removed' | null,
  ) => {
    const lang = langParam(req);
    const t = tFor(lang);
    const actor = req.actor!;
    const [routes, teams, counts] = await Promise.all([
      listRoutes(db, actor, lang),
      routableTeams(db, actor, lang),
      questionCounts(db, actor),
    ]);
    return sendPage(req, reply, {
      status: errors.length ? 400 : 200,
      title: errorTitle(t, t('questions.routing.title'), errors),
      body: <RoutingPage routes={routes} teams={teams} counts={counts} form={form} errors={errors} notice={notice} />,
    });
  };

  app.get<{ Params: Static<typeof LangParams> }>(
    '/:lang/work/questions/routing',
    { schema: { hide: true, params: LangParams } },
    async (req, reply) => {
      const lang = langParam(req);
      if (!signedInOrRedirect(req, reply)) return reply;
      const n = readForm(req.query).text('notice');
      const notice = n === 'added' || n === 'removed' ? n : null;
      return routingPage(req, reply, { team: '', municipality: '', topic: '', language: lang }, [], notice);
    },
  );

  app.post<{ Params: Static<typeof LangParams>; Body: FormBody }>(
    '/:lang/work/questions/routing',
    { schema: { hide: true, params: LangParams, body: FormBody } },
    async (req, reply) => {
      const lang = langParam(req);
      const f = readForm(req.body);
      const form: RouteForm = {
        team: f.text('team'),
        municipality: f.text('municipality'),
        topic: f.text('topic'),
        language: f.text('language'),
      };
      const done = await attemptForm(lang, () => addRoute(db, auditContext(req), form));
      if (!done.ok) return routingPage(req, reply, form, done.errors, null);
      return reply.redirect(`/${lang}/work/questions/routing?notice=added`, 303);
    },
  );

  app.post<Post>('/:lang/work/questions/routing/:id/delete', post, async (req, reply) => {
    const lang = langParam(req);
    await removeRoute(db, auditContext(req), req.params.id);
    return reply.redirect(`/${lang}/work/questions/routing?notice=removed`, 303);
  });

  // ---- One question ----

  const questionPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    forms: Partial<QuestionForms>,
    errors: FormError[],
    status = errors.length ? 400 : 200,
  ) => {
    const lang = langParam(req);
    const t = tFor(lang);
    const q = await readQuestion(db, auditContext(req), id, lang);
    const teams = q.view === 'team' ? await handOverTargets(db, lang) : [];
    const n = readForm(req.query).text('notice');
    return sendPage(req, reply, {
      status,
      title: errorTitle(t, t('questions.detail.title', { reference: q.reference }), errors),
      body: (
        <QuestionPage
          q={q}
          forms={{ ...emptyForms(q), ...forms }}
          errors={errors}
          notice={!errors.length && isQuestionNotice(n) ? n : null}
          teams={teams}
          personId={req.actor!.personId}
        />
      ),
    });
  };

  app.get<Item>('/:lang/work/questions/:id', get, async (req, reply) => {
    if (!signedInOrRedirect(req, reply)) return reply;
    return questionPage(req, reply, req.params.id, {}, []);
  });

  const back = (reply: FastifyReply, lang: string, id: string, notice: string, anchor = '') =>
    reply.redirect(`/${lang}/work/questions/${id}?notice=${notice}${anchor}`, 303);

  app.post<Post>('/:lang/work/questions/:id/claim', post, async (req, reply) => {
    const lang = langParam(req);
    const done = await attemptForm(lang, () => claimQuestion(db, auditContext(req), req.params.id));
    if (!done.ok) return questionPage(req, reply, req.params.id, {}, done.errors, STATUS[done.error.kind]);
    return back(reply, lang, req.params.id, 'claimed');
  });

  app.post<Post>('/:lang/work/questions/:id/answer', post, async (req, reply) => {
    const lang = langParam(req);
    const answer = readForm(req.body).text('answer');
    const done = await attemptForm(lang, () =>
      answerQuestion(db, auditContext(req), req.params.id, answer, { publicUrl: app.config.publicUrl }),
    );
    if (!done.ok) return questionPage(req, reply, req.params.id, { answer }, done.errors, STATUS[done.error.kind]);
    return back(reply, lang, req.params.id, 'answered');
  });

  app.post<Post>('/:lang/work/questions/:id/handover', post, async (req, reply) => {
    const lang = langParam(req);
    const team = readForm(req.body).text('team');
    const done = await attemptForm(lang, () => handOverQuestion(db, auditContext(req), req.params.id, team));
    if (!done.ok) return questionPage(req, reply, req.params.id, { team }, done.errors, STATUS[done.error.kind]);
    return reply.redirect(`/${lang}/work/questions?notice=handed_over`, 303);
  });

  app.post<Post>('/:lang/work/questions/:id/consult', post, async (req, reply) => {
    const lang = langParam(req);
    const f = readForm(req.body);
    const forms = { consultant: f.text('consultant'), consultationText: f.text('consultation_text') };
    const done = await attemptForm(lang, () =>
      startConsultation(db, auditContext(req), req.params.id, {
        consultantEmail: forms.consultant,
        text: forms.consultationText,
      }),
    );
    if (!done.ok) return questionPage(req, reply, req.params.id, forms, done.errors, STATUS[done.error.kind]);
    return back(reply, lang, req.params.id, 'consulted', `#consultation-${done.value}`);
  });

  app.post<Post>('/:lang/work/questions/:id/publish', post, async (req, reply) => {
    const lang = langParam(req);
    const f = readForm(req.body);
    const forms = { qaQuestion: f.text('qa_question'), qaAnswer: f.text('qa_answer') };
    const done = await attemptForm(lang, () =>
      publishQa(db, auditContext(req), req.params.id, { question: forms.qaQuestion, answer: forms.qaAnswer }),
    );
    if (!done.ok) return questionPage(req, reply, req.params.id, forms, done.errors, STATUS[done.error.kind]);
    return back(reply, lang, req.params.id, 'published');
  });

  app.post<{ Params: Static<typeof LangIdParams>; Body: FormBody }>(
    '/:lang/work/consultations/:id/reply',
    post,
    async (req, reply) => {
      const lang = langParam(req);
      const text = readForm(req.body).text('text');
      const done = await attemptForm(lang, () => replyInConsultation(db, auditContext(req), req.params.id, text));
      if (!done.ok) {
        const questionId = await consultationQuestionId(db, req.params.id);
        return questionPage(
          req,
          reply,
          questionId,
          { replyTo: req.params.id, replyText: text },
          done.errors,
          STATUS[done.error.kind],
        );
      }
      return back(reply, lang, done.value, 'consult_replied', `#consultation-${req.params.id}`);
    },
  );
}
