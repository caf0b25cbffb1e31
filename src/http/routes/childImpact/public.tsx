/**
 * Public pages of child impact assessment: the list of published assessments (by municipality and body), one
 * assessment's summary (404 for anyone outside the municipality while unpublished), and the children's
 * questionnaire — anonymous: it keeps no account, no address and sets no cookie but the form's CSRF token.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isTeam } from '../../../core/childImpact/policy.js';
import { listPublished, publishedAssessment, publishedBodies } from '../../../core/childImpact/queries.js';
import {
  assessmentResults,
  publicQuestionnaire,
  submitAnswer,
  type PublicQuestionnaire,
} from '../../../core/childImpact/questionnaires.js';
import { municipalityByCode } from '../../../core/places/municipalities.js';
import { tFor } from '../../../i18n/index.js';
import type { FormError } from '../../../web/components/forms.js';
import {
  AssessmentSummaryPage,
  PublishedListPage,
  QuestionnairePage,
  ThanksPage,
} from '../../../web/pages/childImpact/PublicPages.js';
import { attemptForm } from '../../errors.js';
import { readForm, uuidParam } from '../../forms.js';
import { sendPage } from '../../pages.js';
import { FormBody, LangIdParams, LangParams } from '../../schemas/common.js';
import { langParam } from '../langParam.js';

type Post = { Params: LangIdParams; Body: FormBody };

export async function childImpactPublicRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;

  app.get('/:lang/child-impact', { schema: { hide: true, params: LangParams } }, async (req, reply) => {
    const lang = langParam(req);
    const q = readForm(req.query);
    const municipality = municipalityByCode(q.text('municipality')) ? q.text('municipality') : '';
    const body = q.text('body').slice(0, 200);
    const [items, bodies] = await Promise.all([
      listPublished(db, { municipality: municipality || undefined, body: body || undefined }),
      publishedBodies(db),
    ]);
    return sendPage(req, reply, {
      title: tFor(lang)('childImpact.public.title'),
      description: tFor(lang)('childImpact.public.lead'),
      body: <PublishedListPage items={items} bodies={bodies} municipality={municipality} body={body} />,
    });
  });

  app.get<{ Params: LangIdParams }>(
    '/:lang/child-impact/:id',
    { schema: { hide: true, params: LangIdParams } },
    async (req, reply) => {
      langParam(req);
      const a = await publishedAssessment(db, req.actor, uuidParam(req.params.id));
      const results = await assessmentResults(db, a.id);
      return sendPage(req, reply, {
        title: a.title,
        noindex: !a.publishedAt || a.demo || undefined,
        body: <AssessmentSummaryPage a={a} results={results} isTeam={isTeam(req.actor, a.organizationId)} />,
      });
    },
  );

  const questionnairePage = (
    req: FastifyRequest,
    reply: FastifyReply,
    q: PublicQuestionnaire,
    values: Record<string, string>,
    freeText: string,
    errors: FormError[],
  ) => {
    const t = tFor(langParam(req));
    const l = langParam(req) === 'sv' ? 'sv' : 'fi';
    return sendPage(req, reply, {
      status: errors.length ? 400 : 200,
      title: `${errors.length ? `${t('form.error_prefix')} ` : ''}${q.title[l]}`,
      forms: true,
      noindex: true,
      body: <QuestionnairePage q={q} values={values} freeText={freeText} errors={errors} />,
    });
  };

  app.get<{ Params: LangIdParams }>(
    '/:lang/child-impact/questionnaires/:id',
    { schema: { hide: true, params: LangIdParams } },
    async (req, reply) => {
      langParam(req);
      const q = await publicQuestionnaire(db, uuidParam(req.params.id));
      return questionnairePage(req, reply, q, {}, '', []);
    },
  );

  app.post<Post>(
    '/:lang/child-impact/questionnaires/:id',
    { schema: { hide: true, params: LangIdParams, body: FormBody }, config: { public: true } },
    async (req, reply) => {
      const lang = langParam(req);
      const id = uuidParam(req.params.id);
      const q = await publicQuestionnaire(db, id);
      const f = readForm(req.body);
      const values = Object.fromEntries(q.questions.map((x) => [x.key, f.text(x.key)]));
      const freeText = f.text('free_text');
      const done = await attemptForm(lang, () => submitAnswer(db, id, { answers: values, freeText, lang }));
      if (!done.ok) return questionnairePage(req, reply, q, values, freeText, done.errors);
      return reply.redirect(`/${lang}/child-impact/questionnaires/${id}/thanks`, 303);
    },
  );

  app.get<{ Params: LangIdParams }>(
    '/:lang/child-impact/questionnaires/:id/thanks',
    { schema: { hide: true, params: LangIdParams } },
    async (req, reply) => {
      const lang = langParam(req);
      const q = await publicQuestionnaire(db, uuidParam(req.params.id));
      return sendPage(req, reply, {
        title: tFor(lang)(`childImpact.questionnaire.thanks.${q.ageGroup}`),
        noindex: true,
        body: <ThanksPage ageGroup={q.ageGroup} />,
      });
    },
  );
}
