/**
 * "Report an error in this information": the form for anyone (/:lang/services/:id/report-error; works without
 * JavaScript, rate-limited per address, no session needed) and the editors' list in the workspace
 * (/:lang/work/feedback), where a report is marked handled. The core authorises and audits.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listFeedback, markFeedbackHandled, reportServiceError } from '../../../core/feedback/reportError.js';
import { getService } from '../../../core/directory/queries.js';
import { tFor } from '../../../i18n/index.js';
import type { FormError } from '../../../web/components/forms.js';
import { FeedbackListPage } from '../../../web/pages/guides/FeedbackListPage.js';
import { ReportErrorPage, type ReportForm } from '../../../web/pages/guides/ReportErrorPage.js';
import { auditContext } from '../../auth.js';
import { attemptForm, notFound } from '../../errors.js';
import { readForm, uuidParam } from '../../forms.js';
import { sendPage } from '../../pages.js';
import { FormBody, LangIdParams, LangParams } from '../../schemas/common.js';
import { langParam } from '../langParam.js';
import { signedInOrRedirect } from '../workPages.js';

/** Reports anyone may send: a handful per address in a quarter of an hour is plenty for a person. */
export const FEEDBACK_RATE_LIMIT = { max: 5, timeWindow: '15 minutes', allowList: [] as string[] };

type Post = { Params: LangIdParams; Body: FormBody };

export async function feedbackRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;

  const activeService = async (id: string) => {
    const s = await getService(db, uuidParam(id));
    if (!s || s.status !== 'active') throw notFound('service_not_found');
    return s;
  };

  const formPage = (
    req: FastifyRequest,
    reply: FastifyReply,
    s: { id: string; name: Parameters<typeof ReportErrorPage>[0]['serviceName'] },
    form: ReportForm,
    errors: FormError[],
  ) => {
    const t = tFor(langParam(req));
    return sendPage(req, reply, {
      status: errors.length ? 400 : 200,
      title: `${errors.length ? `${t('form.error_prefix')} ` : ''}${t('feedback.form_title')}`,
      forms: true,
      noindex: true,
      body: <ReportErrorPage serviceId={s.id} serviceName={s.name} form={form} errors={errors} />,
    });
  };

  app.get<{ Params: LangIdParams }>(
    '/:lang/services/:id/report-error',
    { schema: { hide: true, params: LangIdParams } },
    async (req, reply) => {
      langParam(req);
      const s = await activeService(req.params.id);
      return formPage(req, reply, s, { message: '', contact: '' }, []);
    },
  );

  app.post<Post>(
    '/:lang/services/:id/report-error',
    {
      schema: { hide: true, params: LangIdParams, body: FormBody },
      config: { public: true, rateLimit: FEEDBACK_RATE_LIMIT },
    },
    async (req, reply) => {
      const lang = langParam(req);
      const s = await activeService(req.params.id);
      const f = readForm(req.body);
      const form = { message: f.text('message'), contact: f.text('contact') };
      const done = await attemptForm(lang, () =>
        reportServiceError(db, auditContext(req), s.id, lang, form, { publicUrl: app.config.publicUrl }),
      );
      if (!done.ok) return formPage(req, reply, s, form, done.errors);
      return reply.redirect(`/${lang}/services/${s.id}?notice=error_reported#report-error`, 303);
    },
  );

  app.get<{ Params: { lang: string }; Querystring: { status?: string; notice?: string } }>(
    '/:lang/work/feedback',
    { schema: { hide: true, params: LangParams } },
    async (req, reply) => {
      const lang = langParam(req);
      if (!signedInOrRedirect(req, reply)) return reply;
      const status = req.query.status === 'handled' ? 'handled' : 'open';
      const items = await listFeedback(db, auditContext(req), { status });
      return sendPage(req, reply, {
        title: tFor(lang)('feedback.work_title'),
        body: (
          <FeedbackListPage items={items} status={status} notice={req.query.notice === 'handled' ? 'handled' : null} />
        ),
      });
    },
  );

  app.post<Post>(
    '/:lang/work/feedback/:id/handled',
    { schema: { hide: true, params: LangIdParams, body: FormBody } },
    async (req, reply) => {
      const lang = langParam(req);
      await markFeedbackHandled(db, auditContext(req), uuidParam(req.params.id));
      return reply.redirect(`/${lang}/work/feedback?notice=handled`, 303);
    },
  );
}
