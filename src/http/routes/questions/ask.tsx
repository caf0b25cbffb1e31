/**
 * Residents' e-advice pages (no sign-in; every form works without JavaScript): /{lang}/ask to ask, the receipt
 * and private follow-up page /{lang}/ask/{code} (read the answer, write back, see who has read it, consent,
 * delete), /{lang}/ask/open to open a follow-up link. Public forms carry a CSRF token and are rate-limited like
 * sign-in (AUTH_RATE_LIMIT a minute per address).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { askQuestion } from '../../../core/questions/ask.js';
import {
  conversationByCode,
  deleteByAsker,
  replyAsAsker,
  setPublishConsent,
} from '../../../core/questions/followUp.js';
import { listQa } from '../../../core/questions/qa.js';
import { invalid } from '../../../core/shared/errors.js';
import { looksLikeFollowUpCode } from '../../../core/shared/followUpCodes.js';
import { tFor } from '../../../i18n/index.js';
import type { FormError } from '../../../web/components/forms.js';
import { AskPage, FollowUpPage, OpenPage, type AskForm } from '../../../web/pages/questions/AskPages.js';
import { publicFormLimit } from '../account/shared.js';
import { auditContext } from '../../auth.js';
import { attemptForm } from '../../errors.js';
import { readForm } from '../../forms.js';
import { sendPage } from '../../pages.js';
import { FormBody, LangParams } from '../../schemas/common.js';
import { langParam } from '../langParam.js';

const CodeParams = Type.Object({ lang: Type.String(), code: Type.String() });
type CodeParams = Static<typeof CodeParams>;
const FOLLOW_NOTICES = ['sent', 'replied', 'consent_given', 'consent_withdrawn'] as const;

const errorTitle = (t: (k: string) => string, title: string, errors: FormError[]) =>
  errors.length ? `${t('form.error_prefix')} ${title}` : title;

/** The code in what a person pasted: a whole follow-up link or the code alone. */
export function codeFromLink(text: string): string | null {
  const last =
    text
      .trim()
      .replace(/[?#].*$/, '')
      .replace(/\/+$/, '')
      .split('/')
      .at(-1) ?? '';
  return looksLikeFollowUpCode(last) ? last : null;
}

export async function questionAskRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;
  const page = { schema: { hide: true, params: LangParams } };
  const codePage = { schema: { hide: true, params: CodeParams } };
  const publicPost = (params: typeof LangParams | typeof CodeParams) => ({
    schema: { hide: true, params, body: FormBody },
    config: { public: true, rateLimit: publicFormLimit(app) },
  });

  const askPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    form: AskForm,
    errors: FormError[],
    notice: 'deleted' | null = null,
  ) => {
    const lang = langParam(req);
    const t = tFor(lang);
    const qa = await listQa(db, lang);
    return sendPage(req, reply, {
      status: errors.length ? 400 : 200,
      title: errorTitle(t, t('questions.ask.title'), errors),
      description: t('questions.ask.lead'),
      forms: true,
      body: <AskPage form={form} errors={errors} qa={qa} notice={notice} />,
    });
  };

  app.get<{ Params: Static<typeof LangParams> }>('/:lang/ask', page, async (req, reply) => {
    const lang = langParam(req);
    const q = readForm(req.query);
    const notice = q.text('notice') === 'deleted' ? 'deleted' : null;
    const form: AskForm = {
      topic: q.text('topic'),
      municipality: q.text('municipality'),
      language: lang,
      text: '',
      email: '',
      consent: false,
    };
    return askPage(req, reply, form, [], notice);
  });

  app.post<{ Params: Static<typeof LangParams>; Body: FormBody }>(
    '/:lang/ask',
    publicPost(LangParams),
    async (req, reply) => {
      const lang = langParam(req);
      const f = readForm(req.body);
      const form: AskForm = {
        topic: f.text('topic'),
        municipality: f.text('municipality'),
        language: f.text('language'),
        text: f.text('text'),
        email: f.text('email'),
        consent: f.list('consent').includes('yes'),
      };
      const done = await attemptForm(lang, () =>
        askQuestion(
          db,
          auditContext(req),
          { ...form, publishConsent: form.consent, uiLang: lang },
          { publicUrl: app.config.publicUrl },
        ),
      );
      if (!done.ok) return askPage(req, reply, form, done.errors);
      return reply.redirect(`/${lang}/ask/${done.value.code}?notice=sent`, 303);
    },
  );

  // ---- Opening a follow-up link ----

  const openPage = (req: FastifyRequest, reply: FastifyReply, value: string, errors: FormError[]) => {
    const t = tFor(langParam(req));
    return sendPage(req, reply, {
      status: errors.length ? 400 : 200,
      title: errorTitle(t, t('questions.open.title'), errors),
      forms: true,
      noindex: true,
      body: <OpenPage value={value} errors={errors} />,
    });
  };

  app.get('/:lang/ask/open', page, async (req, reply) => openPage(req, reply, '', []));

  app.post<{ Body: FormBody }>('/:lang/ask/open', publicPost(LangParams), async (req, reply) => {
    const lang = langParam(req);
    const value = readForm(req.body).text('link');
    const code = codeFromLink(value);
    if (!code) {
      const done = await attemptForm(lang, async () => {
        throw invalid('questions', value ? 'link_invalid' : 'link_required', 'link');
      });
      return openPage(req, reply, value, done.ok ? [] : done.errors);
    }
    return reply.redirect(`/${lang}/ask/${code}`, 303);
  });

  // ---- The follow-up page ----

  const followPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    code: string,
    o: { notice?: string | null; errors?: FormError[]; reply?: string } = {},
  ) => {
    const lang = langParam(req);
    const t = tFor(lang);
    const c = await conversationByCode(db, code, lang);
    const errors = o.errors ?? [];
    reply.header('referrer-policy', 'no-referrer');
    return sendPage(req, reply, {
      status: errors.length ? 400 : 200,
      title: errorTitle(t, t('questions.follow.title', { reference: c.reference }), errors),
      forms: true,
      noindex: true,
      body: <FollowUpPage code={code} c={c} notice={o.notice ?? null} errors={errors} reply={o.reply ?? ''} />,
    });
  };

  app.get<{ Params: CodeParams }>('/:lang/ask/:code', codePage, async (req, reply) => {
    const notice = FOLLOW_NOTICES.find((n) => n === readForm(req.query).text('notice')) ?? null;
    return followPage(req, reply, req.params.code, { notice });
  });

  app.post<{ Params: CodeParams; Body: FormBody }>(
    '/:lang/ask/:code/reply',
    publicPost(CodeParams),
    async (req, reply) => {
      const lang = langParam(req);
      const text = readForm(req.body).text('text');
      const done = await attemptForm(lang, () => replyAsAsker(db, auditContext(req), req.params.code, text));
      if (!done.ok) return followPage(req, reply, req.params.code, { errors: done.errors, reply: text });
      return reply.redirect(`/${lang}/ask/${req.params.code}?notice=replied`, 303);
    },
  );

  app.post<{ Params: CodeParams; Body: FormBody }>(
    '/:lang/ask/:code/consent',
    publicPost(CodeParams),
    async (req, reply) => {
      const lang = langParam(req);
      const consent = readForm(req.body).text('consent') === 'yes';
      await setPublishConsent(db, auditContext(req), req.params.code, consent);
      return reply.redirect(
        `/${lang}/ask/${req.params.code}?notice=${consent ? 'consent_given' : 'consent_withdrawn'}`,
        303,
      );
    },
  );

  app.post<{ Params: CodeParams; Body: FormBody }>(
    '/:lang/ask/:code/delete',
    publicPost(CodeParams),
    async (req, reply) => {
      const lang = langParam(req);
      const confirmed = readForm(req.body).list('confirm').includes('yes');
      const done = await attemptForm(lang, async () => {
        if (!confirmed) throw invalid('questions', 'confirm_required', 'confirm');
        return deleteByAsker(db, auditContext(req), req.params.code);
      });
      if (!done.ok) return followPage(req, reply, req.params.code, { errors: done.errors });
      return reply.redirect(`/${lang}/ask?notice=deleted`, 303);
    },
  );
}
